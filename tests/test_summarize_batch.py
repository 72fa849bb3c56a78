"""`summarize --input/--output`: one output line per input line, whatever the input holds.

Bad records (lone surrogates, blank lines, huge texts, endless lines) get an error record
and the batch goes on; an unwritable output fails before any analysis; results are written
as they are done. Processes that could block (FIFOs, /dev/zero) run as real subprocesses
with a generous hang guard.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import write

EN = (
    "Oman's foreign minister said in Muscat on Tuesday that the talks would resume next week. "
    "He added that the two delegations agreed on an agenda of five items."
)
AR = "قال وزير الخارجية العماني في مسقط إن المحادثات ستستأنف الأسبوع المقبل. وأضاف أن الوفدين اتفقا على جدول أعمال."
HANG_GUARD = 120  # seconds; only a hang reaches it


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def batch(*argv: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "summarize", *argv],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        **options,
    )


def test_lone_surrogate_gets_an_error_record_and_the_rest_is_kept(tmp_path: Path, capsys) -> None:
    # json.dumps writes a lone surrogate as the escape \ud800, as any JSON producer may
    lines = [
        json.dumps({"id": "a", "text": EN}),
        json.dumps({"id": "bad-text", "text": "Broken \ud800 text. " + EN}),
        json.dumps({"id": "bad-id-\udfff", "text": AR}),
        json.dumps({"id": "bad-title", "text": EN, "title": "x\udc00"}),
        json.dumps({"id": "b", "text": AR}, ensure_ascii=False),
    ]
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target)], capsys)
    assert code == 0, err
    out = records(target)
    assert [r["id"] for r in out] == ["a", "bad-text", "line-3", "bad-title", "b"]
    assert "lone surrogate (U+D800) at offset 7" in out[1]["error"] and out[1]["error"].startswith("text:")
    assert out[2]["error"].startswith("id: a lone surrogate (U+DFFF)")
    assert out[3]["error"].startswith("title: a lone surrogate")
    assert "error" not in out[0] and out[0]["key_points"] and "error" not in out[4] and out[4]["language"] == "ar"
    assert "5 records, 3 errors" in err


def test_unwritable_output_fails_before_reading_the_input(tmp_path: Path) -> None:
    # The input is a FIFO nobody writes to: reading it would block, so only a check of the
    # output made before any reading or analysis can end this run.
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "file").write_text("a file, not a folder")
    below_a_file = tmp_path / "file" / "out.jsonl"
    for target, said in (
        (below_a_file, f"--output {below_a_file}: cannot write: {below_a_file.parent} is not a folder"),
        (tmp_path, f"'{tmp_path}' is a directory"),
    ):
        done = batch("--input", str(fifo), "--output", str(target))
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_missing_input_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(
        ["summarize", "--input", str(tmp_path / "absent.jsonl"), "--output", str(tmp_path / "out.jsonl")], capsys
    )
    assert code == 2 and "absent.jsonl: cannot read" in err


def test_output_is_not_the_input(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": EN}) + "\n")
    code, _, err = run(["summarize", "--input", str(source), "--output", str(source)], capsys)
    assert code == 2 and "is the input file" in err
    assert records(source) == [{"id": "a", "text": EN}]  # not truncated


def test_blank_and_whitespace_lines_keep_their_place(tmp_path: Path, capsys) -> None:
    lines = [json.dumps({"id": "a", "text": EN}), "", "   ", "\t", json.dumps({"id": "b", "text": AR}), " \r"]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target)], capsys)
    assert code == 0, err
    out = records(target)
    assert len(out) == len(lines)
    assert [r["id"] for r in out] == ["a", "line-2", "line-3", "line-4", "b", "line-6"]
    assert all(out[i]["error"] == "empty line" for i in (1, 2, 3, 5))
    assert "error" not in out[0] and "error" not in out[4] and "مسقط" in out[4]["key_points"][0]["text"]


def test_a_text_over_the_limit_gets_an_error_that_states_it(tmp_path: Path, capsys) -> None:
    lines = [json.dumps({"id": "long", "text": EN * 20}), json.dumps({"id": "short", "text": EN})]
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target), "--max-chars", "1000"], capsys)
    assert code == 0, err
    long, short = records(target)
    assert long["id"] == "long" and long["error"] == (
        f"text has {len(EN) * 20:,} characters, over the limit of 1,000 (--max-chars)"
    )
    assert "error" not in short and short["key_points"]


def test_an_over_long_line_is_skipped_and_the_batch_goes_on(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "text": EN}) + "\n")
        handle.write(json.dumps({"id": "huge", "text": "word " * 700_000}) + "\n")  # 3.5 MB
        handle.write(json.dumps({"id": "b", "text": EN}) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target), "--max-chars", "1000"], capsys)
    assert code == 0, err
    out = records(target)
    assert [r["id"] for r in out] == ["a", "line-2", "b"]
    assert out[1]["error"].startswith("line longer than 1,056,576 bytes")
    assert "error" not in out[2]


def test_dev_zero_ends_with_a_clear_error_in_bounded_memory(tmp_path: Path) -> None:
    limit = 1 << 31  # 2 GiB of address space: reading /dev/zero whole would hit it and fail otherwise

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    target = tmp_path / "out.jsonl"
    done = batch("--input", "/dev/zero", "--output", str(target), preexec_fn=cap_memory)
    assert done.returncode == 1, done.stderr
    assert "line 1 does not end within 268,435,456 bytes: not JSON Lines" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    [record] = records(target)
    assert record["id"] == "line-1" and record["error"].startswith("line longer than")


def test_results_are_written_as_they_are_done(tmp_path: Path) -> None:
    """The first result is in the output while the input is still open: no timing, only order."""
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "summarize",
            "--input",
            str(fifo),
            "--output",
            str(target),
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    try:
        with fifo.open("w", encoding="utf-8") as writer:
            writer.write(json.dumps({"id": "first", "text": EN}) + "\n\n")
            writer.flush()
            guard = time.monotonic() + HANG_GUARD
            while time.monotonic() < guard and len(seen) < 2:
                seen = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
                time.sleep(0.05)  # polling only; no assertion depends on how long this takes
            assert len(seen) == 2, "no result before the end of the input"
            writer.write(json.dumps({"id": "last", "text": AR}) + "\n")
        assert process.wait(timeout=HANG_GUARD) == 0, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert [json.loads(line)["id"] for line in seen] == ["first", "line-2"]
    assert [r["id"] for r in records(target)] == ["first", "line-2", "last"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_order_is_kept_with_errors_interleaved(tmp_path: Path, capsys, workers: str) -> None:
    from briefing.analyze.batch import MIN_PER_WORKER

    lines = []
    for n in range(MIN_PER_WORKER * 2 + 3):
        kind = n % 4
        lines.append(
            ""
            if kind == 1
            else "{broken"
            if kind == 2
            else json.dumps({"id": f"r{n}", "text": (EN if kind else AR).replace("five", str(n + 2))})
        )
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(["summarize", "--input", str(source), "--output", str(target), "--workers", workers], capsys)
    assert code == 0, err
    out = records(target)
    assert [r["id"] for r in out] == [f"r{n}" if n % 4 in (0, 3) else f"line-{n + 1}" for n in range(len(lines))]
    for n, record in enumerate(out):
        if n % 4 == 3:
            assert str(n + 2) in " ".join(k["text"] for k in record["key_points"]), record
