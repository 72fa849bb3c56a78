"""Mistakes found when the config is loaded or the arguments parsed (exit 2), not half-way
through a build as an "unexpected" error (issue 13, defects 7 and 8)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.errors import ConfigError
from briefing.sources.seeds import read_seed

from .conftest import write


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def set_job(project: Path, text: str) -> Path:
    return write(project / "jobs" / "daily.yaml", text)


# --- 7: output_dir ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["collect"],
        ["send"],
        ["jobs"],
        ["archive", "list"],
        ["archive", "show"],
        ["archive", "search", "water"],
    ],
)
def test_uncreatable_output_dir_fails_at_load_for_every_archive_command(project: Path, capsys, command) -> None:
    config = write(project / "config.yaml", "output_dir: /proc/briefing-x\n")
    code, _, err = run([*command, "--config", str(config)], capsys)
    assert code == 2, err
    assert f"error: {config}: output_dir: cannot create folder /proc/briefing-x" in err
    assert "unexpected" not in err and "Traceback" not in err


def test_output_dir_that_is_a_file_fails_at_load(project: Path, capsys) -> None:
    write(project / "taken", "a file, not a folder\n")
    config = write(project / "config.yaml", "output_dir: taken\n")
    code, _, err = run(["jobs", "--config", str(config)], capsys)
    assert code == 2 and f"{config}: output_dir: {project / 'taken'} is not a folder" in err


def test_uncreatable_sqlite_folder_fails_at_load(project: Path, capsys) -> None:
    config = write(project / "config.yaml", 'storage: {url: "sqlite:////proc/briefing-y/b.db"}\n')
    code, _, err = run(["jobs", "--config", str(config)], capsys)
    assert code == 2 and f"{config}: storage.url: cannot create folder /proc/briefing-y" in err


def test_summarize_does_not_need_the_archive(project: Path, tmp_path: Path, capsys) -> None:
    config = write(project / "config.yaml", "output_dir: /proc/briefing-x\n")
    text = write(tmp_path / "a.txt", "Talks in Muscat\n\nThe ministers met on Thursday. They agreed on a fund.\n")
    code, out, err = run(["summarize", "--config", str(config), str(text)], capsys)
    assert code == 0, err
    assert out.startswith("# Talks in Muscat")


# --- 7: header-bound fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["Daily\r\nBcc: victim@example.org", "Daily\nsecond line", "Daily\rx", "Daily\u2028x"]
)
def test_title_with_a_line_break_is_a_config_error(project: Path, capsys, title: str) -> None:
    import json

    job = set_job(project, f"name: daily\ntitle: {json.dumps(title)}\nsources: {{seeds: [../seeds]}}\n")
    code, _, err = run(["jobs", "--config", str(project / "config.yaml")], capsys)
    assert code == 2
    assert f"error: {job}: title: must be one line (no line breaks or control characters)" in err


def test_addresses_with_a_trailing_newline_are_config_errors(project: Path) -> None:
    job = set_job(
        project, 'name: daily\nrecipients: {to: ["team@example.org\\n"], cc: ["a@b.org\\r\\nBcc: c@d.org"]}\n'
    )
    write(project / "config.yaml", 'smtp: {sender: "me@example.org\\n"}\noperator_email: "ops@example.org\\n"\n')
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    problems = info.value.problems
    assert any(
        p.startswith(f"{project / 'config.yaml'}: smtp.sender: ") and "is not an email address" in p for p in problems
    ), problems
    assert any("operator_email: " in p for p in problems), problems
    # the job file is checked after config.yaml passes
    write(project / "config.yaml", "output_dir: out\n")
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    problems = info.value.problems
    assert f"{job}: recipients.to: 'team@example.org\\n' is not an email address" in problems
    assert any(p.startswith(f"{job}: recipients.cc: ") for p in problems)


def test_bcc_alone_is_a_config_error(project: Path) -> None:
    job = set_job(project, 'name: daily\nrecipients: {bcc: ["hidden@example.org"]}\n')
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    assert info.value.problems == [
        f"{job}: recipients: bcc needs an address in to or cc; for an archive-only job leave all three empty"
    ]


# --- 7: seed folders -------------------------------------------------------------------------


def test_missing_seed_folder_is_a_config_error(project: Path, capsys) -> None:
    job = set_job(project, "name: daily\nsources: {seeds: [../seeds, ../nowhere]}\n")
    code, out, err = run(["build", "--config", str(project / "config.yaml")], capsys)
    assert code == 2 and out == ""
    assert f"error: {job}: sources.seeds[1]: folder {(project / 'nowhere').resolve()} does not exist" in err
    assert not (project / "out" / "index.html").exists()


def test_seed_path_that_is_a_file_is_a_config_error(project: Path) -> None:
    write(project / "one.txt", "Title\n\nBody.\n")
    job = set_job(project, "name: daily\nsources: {seeds: [../one.txt]}\n")
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    assert info.value.problems == [f"{job}: sources.seeds[0]: {(project / 'one.txt').resolve()} is not a folder"]


# --- 7: languages -------------------------------------------------------------------------------


def test_unknown_seed_language_falls_back_to_detection_with_a_warning(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path / "a.md",
        """
        ---
        title: Floods close roads
        language: klingon
        ---
        Heavy rain flooded the streets of the city on Thursday, and the schools were closed.
    """,
    )
    with caplog.at_level(logging.WARNING, logger="briefing"):
        article = read_seed(path, source="s")
    assert article.language == "en"
    assert f"{path}: language 'klingon' is not a known language code; detecting it from the text" in caplog.text


def test_seed_language_codes_are_normalised(tmp_path: Path) -> None:
    body = "---\nlanguage: {}\n---\nالعنوان\n\nنص الخبر هنا.\n"
    for given, stored in (("AR", "ar"), ("ar-IQ", "ar"), ("en_GB", "en"), ("tlh", "tlh")):
        path = write(tmp_path / f"{given}.md", body.format(given))
        assert read_seed(path, source="s").language == stored, given


def test_unknown_job_and_feed_language_are_config_errors(project: Path) -> None:
    job = set_job(
        project, 'name: daily\nlanguage: klingon\nsources: {feeds: [{url: "https://e.org/f", language: xx}]}\n'
    )
    with pytest.raises(ConfigError) as info:
        load_config(project / "config.yaml")
    assert sorted(info.value.problems) == sorted(
        [
            f"{job}: language: 'klingon' is not a known language code (use ISO 639, e.g. ar or en)",
            f"{job}: sources.feeds[0].language: 'xx' is not a known language code (use ISO 639, e.g. ar or en)",
        ]
    )


# --- 8: exit 2 for bad arguments -------------------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1969-12-31", "3000-01-01"])
@pytest.mark.parametrize("command", [["build"], ["send"], ["archive", "show"]])
def test_out_of_range_date_exits_2(project: Path, capsys, day: str, command: list[str]) -> None:
    code, _, err = run([*command, "--date", day, "--config", str(project / "config.yaml")], capsys)
    assert code == 2, err
    assert f"{day} is out of range: a briefing date is between 1970-01-01 and 2999-12-31" in err
    assert "unexpected" not in err


def test_unsupported_storage_url_exits_2(project: Path, capsys) -> None:
    config = write(project / "config.yaml", 'storage: {url: "mysql://user@localhost/briefing"}\n')
    code, _, err = run(["jobs", "--config", str(config)], capsys)
    assert code == 2
    assert (
        f"error: {config}: storage.url: unsupported database 'mysql' (use sqlite:///PATH or postgresql://USER@HOST/DB)"
    ) in err


def test_summarize_missing_file_exits_2(tmp_path: Path, capsys) -> None:
    code, _, err = run(["summarize", str(tmp_path / "nonexistent.txt")], capsys)
    assert code == 2 and "does not exist" in err and str(tmp_path / "nonexistent.txt") in err
    assert "Traceback" not in err
