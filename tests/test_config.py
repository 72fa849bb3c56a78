"""Configuration: every mistake gets one message naming file, field and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.errors import ConfigError

from .conftest import write


def problems_of(project: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    return info.value.problems


def set_job(project: Path, text: str) -> Path:
    return write(project / "jobs" / "daily.yaml", text)


def test_valid_project_loads_with_defaults_and_resolved_paths(project: Path) -> None:
    config = load_config(project / "config.yaml")
    job = config.job(None)
    assert job.name == "daily"
    assert job.sources.seeds == [(project / "seeds").resolve()]
    assert config.settings.output_dir == (project / "out").resolve()
    assert config.settings.storage.url == f"sqlite:///{(project / 'out' / 'briefing.db').resolve()}"
    assert config.settings.smtp.port == 25 and job.summary.points == 4
    assert len(config.digest) == 64


def test_relative_paths_do_not_depend_on_working_directory(project: Path, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    config = load_config(project / "config.yaml")
    assert config.job("daily").sources.seeds == [(project / "seeds").resolve()]


def test_cron_with_four_fields(project: Path) -> None:
    set_job(project, 'name: daily\nschedule: {cron: "0 6 * *"}\n')
    assert problems_of(project) == [f"{project / 'jobs' / 'daily.yaml'}: schedule.cron: expected 5 fields, got 4"]


def test_cron_value_out_of_range(project: Path) -> None:
    set_job(project, 'name: daily\nschedule: {cron: "0 25 * * *"}\n')
    [problem] = problems_of(project)
    assert "schedule.cron: invalid cron expression '0 25 * * *'" in problem


def test_unknown_timezone(project: Path) -> None:
    set_job(project, 'name: daily\nschedule: {timezone: "Mars/Olympus"}\n')
    [problem] = problems_of(project)
    assert problem.endswith(
        "schedule.timezone: unknown timezone 'Mars/Olympus' (use an IANA name such as Asia/Baghdad)"
    )


def test_unknown_key_is_an_error(project: Path) -> None:
    write(project / "config.yaml", "timezone: UTC\noutput_dirr: out\n")
    assert problems_of(project) == [
        f"{project / 'config.yaml'}: output_dirr: unknown key (remove it or check its spelling)"
    ]


def test_yaml_syntax_error_names_the_line(project: Path) -> None:
    set_job(project, "name: daily\nsources:\n  seeds: [../seeds\nrecipients: {}\n")
    [problem] = problems_of(project)
    assert "daily.yaml: line 4" in problem and "YAML syntax error" in problem


def test_missing_required_name(project: Path) -> None:
    set_job(project, "title: no name here\n")
    assert problems_of(project) == [f"{project / 'jobs' / 'daily.yaml'}: name: required field is missing"]


def test_wrong_type_for_port(project: Path) -> None:
    write(project / "config.yaml", "smtp: {port: twenty-five}\n")
    [problem] = problems_of(project)
    assert problem.startswith(f"{project / 'config.yaml'}: smtp.port: input should be a valid integer")


def test_bad_recipient_and_feed_url_both_reported(project: Path) -> None:
    set_job(
        project,
        """
        name: daily
        sources: {feeds: [{url: "ftp://example.org/feed"}]}
        recipients: {to: ["not-an-address"]}
    """,
    )
    problems = problems_of(project)
    assert any("sources.feeds[0].url: 'ftp://example.org/feed' is not an http(s) URL" in p for p in problems)
    assert any("recipients.to: 'not-an-address' is not an email address" in p for p in problems)


def test_starttls_and_ssl_are_exclusive(project: Path) -> None:
    write(project / "config.yaml", "smtp: {starttls: true, ssl: true}\n")
    [problem] = problems_of(project)
    assert problem.endswith("smtp: starttls and ssl are exclusive: choose one")


def test_bad_include_pattern(project: Path) -> None:
    set_job(project, 'name: daily\nsources: {feeds: [{url: "https://e.org/f", include: ["(unclosed"]}]}\n')
    [problem] = problems_of(project)
    assert "sources.feeds[0].include: invalid pattern '(unclosed'" in problem


def test_unknown_summary_method(project: Path) -> None:
    set_job(project, "name: daily\nsummary: {method: gpt}\n")
    [problem] = problems_of(project)
    assert "summary.method: unknown method 'gpt'; choose one of: default, lead, lexrank" in problem


def test_duplicate_job_names(project: Path) -> None:
    write(project / "jobs" / "second.yaml", "name: daily\n")
    [problem] = problems_of(project)
    assert "second.yaml: name: job 'daily' is also defined in" in problem


def test_missing_jobs_dir_and_missing_file(project: Path, tmp_path: Path) -> None:
    write(project / "config.yaml", "jobs_dir: nowhere\n")
    [problem] = problems_of(project)
    assert problem.endswith("jobs_dir: folder " + str((project / "nowhere").resolve()) + " does not exist")
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "absent.yaml")


def test_top_level_must_be_a_mapping(project: Path) -> None:
    write(project / "config.yaml", "- a\n- b\n")
    assert problems_of(project) == [f"{project / 'config.yaml'}: expected a mapping of keys at the top, got list"]


def test_secret_comes_from_environment(project: Path, monkeypatch) -> None:
    write(project / "config.yaml", "smtp: {password_env: MY_SMTP_SECRET}\n")
    settings = load_config(project / "config.yaml").settings
    monkeypatch.delenv("MY_SMTP_SECRET", raising=False)
    assert settings.smtp.password() is None
    monkeypatch.setenv("MY_SMTP_SECRET", "s3cret")
    assert settings.smtp.password() == "s3cret"


def test_cli_exit_code_2_and_every_problem_without_traceback(project: Path, capsys) -> None:
    set_job(project, 'name: daily\nschedule: {cron: "0 6 * *", timezone: "Nowhere/Land"}\n')
    code = main(["build", "--config", str(project / "config.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: " in err and "schedule.cron: expected 5 fields, got 4" in err
    assert "schedule.timezone: unknown timezone 'Nowhere/Land'" in err
    assert "Traceback" not in err and "hint:" in err
