"""The command line: exit codes 0/1/2, messages, and the summarize batch contract."""

from __future__ import annotations

import json
from pathlib import Path

from briefing import __version__
from briefing.cli import cli, main

from .conftest import write

AR_TEXT = (
    "قال وزير الخارجية العماني إن المحادثات كانت بناءة. وأضاف أن اللجان ستجتمع الأسبوع المقبل في مسقط. "
    'وأكد المتحدث باسم الوزارة أن الاتفاق "خطوة أولى" نحو حل دائم.'
)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help_on_every_command(capsys) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and __version__ in out
    commands = (
        [[name] for name in cli.commands]
        + [["archive", c] for c in cli.commands["archive"].commands]
        + [["eval", c] for c in cli.commands["eval"].commands]
    )
    assert {"build", "summarize", "collect", "send", "run", "jobs", "archive", "eval"} <= set(cli.commands)
    for command in commands:
        code, out, _ = run([*command, "--help"], capsys)
        assert code == 0 and "Usage: briefing" in out, command


def test_bad_arguments_exit_2(project: Path, capsys) -> None:
    config = str(project / "config.yaml")
    code, _, err = run(["frobnicate"], capsys)
    assert code == 2 and "No such command 'frobnicate'" in err
    code, _, err = run(["build", "--config", config, "--date", "28/11/2026"], capsys)
    assert code == 2 and "'28/11/2026' is not a date in the form YYYY-MM-DD" in err
    code, _, err = run(["build", "weekly", "--config", config], capsys)
    assert code == 2 and "no job named 'weekly' (known: daily)" in err
    code, _, err = run(["summarize"], capsys)
    assert code == 2 and "give FILE arguments" in err
    code, _, err = run(["summarize", "--input", "in.jsonl"], capsys)
    assert code == 2 and "needs both --input and --output" in err
    code, _, err = run(["summarize", "--method", "magic", "x.txt"], capsys)
    assert code == 2 and "unknown method 'magic'" in err


def test_runtime_failures_exit_1(project: Path, tmp_path: Path, capsys) -> None:
    binary = tmp_path / "binary.txt"  # exists, so not a bad argument; it cannot be read as text
    binary.write_bytes(b"\xff\xfe not UTF-8 \x00")
    code, _, err = run(["summarize", str(binary)], capsys)
    assert code == 1 and f"{binary}: binary file" in err and "Traceback" not in err
    code, _, err = run(["archive", "show", "--date", "2020-01-01", "--config", str(project / "config.yaml")], capsys)
    assert code == 1 and "no briefing of daily for 2020-01-01" in err and "hint:" in err


def test_summarize_file_prints_points_actors_quotes(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "a.txt", "محادثات في مسقط\n\n" + AR_TEXT + "\n")
    code, out, _ = run(["summarize", str(path)], capsys)
    assert code == 0 and out.startswith("# محادثات في مسقط")
    assert "Key points:" in out and "Actors:" in out and "Quotes:" in out
    code, out, _ = run(["summarize", "--json", str(path)], capsys)
    assert code == 0 and json.loads(out)["language"] == "ar"


def test_summarize_batch_contract(tmp_path: Path, capsys) -> None:
    records = [
        {"id": "ar-1", "text": AR_TEXT, "title": "محادثات في مسقط", "points": 2, "extra": "ignored"},
        {"id": 7, "text": "", "lang": "en"},
        {"id": "one-word", "text": "Hello"},
        {"id": "no-text"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ["{not json"]
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target)], capsys)
    assert code == 0 and "5 records, 2 errors" in err
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == ["ar-1", "7", "one-word", "no-text", "line-5"]
    first = out[0]
    assert first["language"] == "ar" and len(first["key_points"]) == 2
    for point in first["key_points"]:
        assert AR_TEXT[point["start"] : point["end"]] == point["text"]
        assert set(point) == {"text", "sentence_index", "start", "end", "score"}
    for actor in first["actors"]:
        assert {"name", "type", "salience", "mentions"} <= set(actor)
        assert actor["type"] in {"person", "organization", "group", "place"}
        for mention in actor["mentions"]:
            assert AR_TEXT[mention["start"] : mention["end"]] == mention["text"]
    for quote in first["quotes"]:
        assert AR_TEXT[quote["start"] : quote["end"]] == quote["text"]
    assert out[1]["key_points"] == [] and out[1]["language"] == "en"
    assert "error" in out[3] and "text" in out[3]["error"]
    assert out[4]["error"].startswith("invalid JSON")


def test_unexpected_error_is_one_line_with_hint(monkeypatch, tmp_path: Path, capsys) -> None:
    import briefing.summarize as summ

    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(summ, "summarize_file", boom)
    path = write(tmp_path / "a.txt", "Title\n\nBody.\n")
    code, _, err = run(["summarize", str(path)], capsys)
    assert code == 1 and "unexpected ZeroDivisionError" in err and "--debug" in err and "Traceback" not in err
