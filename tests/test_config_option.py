"""`--config PATH` is global: it works before and after every subcommand (issue 13, defect 12).

A broken config in a folder that is not the working directory proves the option is read:
every command must exit 2 naming that file and field, in both positions. A valid one then
shows the commands really use it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import write

# every subcommand, with the arguments it needs to get as far as reading the config
COMMANDS = {
    "build": ["build"],
    "collect": ["collect"],
    "send": ["send"],
    "run": ["run"],
    "jobs": ["jobs"],
    "summarize": ["summarize", "{text}"],
    "archive list": ["archive", "list"],
    "archive show": ["archive", "show"],
    "archive search": ["archive", "search", "water"],
    "archive site": ["archive", "site"],
    "serve": ["serve"],
    "worker": ["worker"],
    "status": ["status"],
    "eval summaries": ["eval", "summaries", "{data}"],
    "eval actors": ["eval", "actors", "{conll}"],
    "eval quotes": ["eval", "quotes", "{data}", "{gold}"],
    "eval stories": ["eval", "stories", "{gold}", "{gold}"],
}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    return {
        "text": str(write(tmp_path / "a.txt", "Talks in Muscat\n\nThe ministers met on Thursday in Muscat.\n")),
        "data": str(write(tmp_path / "d.jsonl", '{"id": "1", "text": "One. Two.", "summary": "One."}\n')),
        "conll": str(write(tmp_path / "d.conll", "Muscat B-LOC\n\n")),
        "gold": str(write(tmp_path / "g.json", "{}\n")),
    }


def argv_for(name: str, files: dict[str, str]) -> list[str]:
    return [part.format(**files) for part in COMMANDS[name]]


def test_every_subcommand_is_covered() -> None:
    from briefing.cli import cli

    names = {n for n, c in cli.commands.items() if not hasattr(c, "commands")}
    names |= {f"{g} {n}" for g in ("archive", "eval") for n in cli.commands[g].commands}
    assert names == set(COMMANDS)


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_broken_config_is_read_in_both_positions(tmp_path: Path, files, capsys, name: str, position: str) -> None:
    config = write(tmp_path / "conf" / "broken.yaml", "timezone: Mars/Olympus\n")
    args = argv_for(name, files)
    argv = ["--config", str(config), *args] if position == "before" else [*args, "--config", str(config)]
    code, out, err = run(argv, capsys)
    assert code == 2, (argv, out, err)
    assert f"error: {config}: timezone: unknown timezone 'Mars/Olympus'" in err, err


@pytest.mark.parametrize("position", ["before", "after"])
def test_valid_config_is_used_in_both_positions(project: Path, files, capsys, position: str) -> None:
    config = str(project / "config.yaml")

    def call(*args: str) -> tuple[int, str, str]:
        argv = ["--config", config, *args] if position == "before" else [*args, "--config", config]
        return run(argv, capsys)

    code, out, err = call("jobs")
    assert code == 0 and out.startswith("JOB") and "daily" in out and "Asia/Baghdad" in out, err
    code, out, err = call("archive", "list")
    assert code == 0 and out.strip() == "no briefings archived yet", err
    code, out, err = call("collect", "--no-feeds")
    assert code == 0 and "articles: 0 new" in out, err
    code, out, err = call("summarize", files["text"])
    assert code == 0 and out.startswith("# Talks in Muscat"), err
    assert (project / "out").is_dir()  # the project's archive folder, not one in the working directory


def test_summarize_takes_workers_from_the_config(project: Path, tmp_path: Path, capsys) -> None:
    write(project / "config.yaml", "output_dir: out\nworkers: 1\n")
    source = write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "One sentence here. And another."}) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(
        ["summarize", "--input", str(source), "--output", str(target), "--config", str(project / "config.yaml")], capsys
    )
    assert code == 0 and "1 records, 0 errors" in err
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "a"


def test_two_different_configs_are_refused(project: Path, tmp_path: Path, capsys) -> None:
    other = write(tmp_path / "other.yaml", "timezone: UTC\n")
    code, _, err = run(["--config", str(other), "jobs", "--config", str(project / "config.yaml")], capsys)
    assert code == 2 and f"--config is given twice, as {other} and {project / 'config.yaml'}; give it once" in err
