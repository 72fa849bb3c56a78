"""`briefing summarize`: key points, actors and quotes of files or of a JSONL batch."""

from __future__ import annotations

import gzip
import json
import logging
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .analyze import analyze_text
from .analyze.batch import Failed, Task, analyze_in_order
from .errors import BriefingError, UsageError
from .models import Analysis
from .schema import SummarizeInput, analysis_record, error_record

log = logging.getLogger(__name__)


def check_method(method: str) -> None:
    """Fail early, as a usage error, on an unknown key-point method."""
    from .analyze.keypoints.select import METHODS

    if method not in METHODS:
        raise UsageError(f"unknown method {method!r}; choose one of: {', '.join(sorted(METHODS))}")


MAX_CHARS = 200_000  # characters of one record's text; a long report is about 10,000
# A line holds the text JSON-escaped (up to 6 bytes a character as \\uXXXX) and other keys.
LINE_BYTES_PER_CHAR = 8
LINE_SLACK = 1 << 20
SKIP_LIMIT = 256 << 20  # an over-long line is skipped up to its end, unless it never ends


@dataclass(frozen=True)
class _Ready:
    """An output record already known (an error), waiting for its turn."""

    record: dict


@dataclass(frozen=True)
class _Stop:
    """The input cannot be read further; the run ends after the records before it."""

    record: dict
    message: str


def run_batch(
    input_path: Path,
    output_path: Path,
    *,
    method: str = "default",
    points: int | None = None,
    lang: str | None = None,
    workers: int = 0,
    max_chars: int = MAX_CHARS,
) -> dict[str, int]:
    """One output record per input line, in input order, written as it is done; a line
    that cannot be analysed (blank, not JSON, too long, not valid Unicode) gets a
    record with `error`. Texts are analysed on `workers` processes (0: one per CPU)."""
    _check_input(input_path)
    if output_path.resolve() == input_path.resolve():
        raise UsageError(f"--output {output_path} is the input file", hint="write the results to another file")
    sink = _open_output(output_path)  # before any analysis: an unwritable output fails at once
    counts = {"records": 0, "errors": 0}
    stop: _Stop | None = None
    with sink, _open_input(input_path) as source:
        records = _records(
            source,
            input_path,
            method=method,
            points=points,
            lang=lang,
            max_chars=max_chars,
            line_limit=max_chars * LINE_BYTES_PER_CHAR + LINE_SLACK,
        )
        for outcome in analyze_in_order(records, workers):
            if isinstance(outcome, Analysis):
                record = analysis_record(outcome.article_id, outcome)
            elif isinstance(outcome, Failed):
                log.error("record %s: %s", outcome.article_id, outcome.message)
                record = error_record(outcome.article_id, outcome.message)
            else:
                record = outcome.record
                if isinstance(outcome, _Stop):
                    stop = outcome
            counts["records"] += 1
            counts["errors"] += "error" in record
            try:
                sink.write(_line(record))
                sink.flush()
            except OSError as exc:
                raise BriefingError(
                    f"{output_path}: cannot write: {exc.strerror or exc}",
                    hint=f"{counts['records'] - 1} records were written before it",
                ) from None
    if stop is not None:
        raise BriefingError(
            f"{input_path}: {stop.message}",
            hint=f"the {counts['records'] - 1} records before it are in {output_path}, then an error record for it",
        )
    return counts


def _check_input(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise UsageError(f"--input {path}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"--input {path} is a folder", hint="give a JSON Lines file")
    if not os.access(path, os.R_OK):
        raise UsageError(f"--input {path}: cannot read: Permission denied")


def _open_output(path: Path):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline="\n")
    except (FileExistsError, NotADirectoryError):
        raise UsageError(
            f"--output {path}: cannot write: {path.parent} is not a folder",
            hint="choose a file in a folder you can write to",
        ) from None
    except OSError as exc:
        raise UsageError(
            f"--output {path}: cannot write: {exc.strerror or exc}", hint="choose a file in a folder you can write to"
        ) from None


def _open_input(path: Path):
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rb")
        return open(path, "rb")
    except OSError as exc:
        raise UsageError(f"--input {path}: cannot read: {exc.strerror or exc}") from None


def _records(
    source, path: Path, *, method: str, points: int | None, lang: str | None, max_chars: int, line_limit: int
) -> Iterator[Task | _Ready | _Stop]:
    """One item per input line: a Task to analyse, or the error record of the line."""
    number = 0
    while True:
        number += 1
        fallback = f"line-{number}"
        try:
            raw = source.readline(line_limit + 1)
            if not raw:
                return
            if len(raw) > line_limit and not raw.endswith(b"\n"):
                message = f"line longer than {line_limit:,} bytes (the limit for --max-chars {max_chars:,})"
                log.warning("%s:%d: %s; skipped", path, number, message)
                if not _skip_line(source):
                    yield _Stop(
                        error_record(fallback, message),
                        f"line {number} does not end within {SKIP_LIMIT:,} bytes: not JSON Lines",
                    )
                    return
                yield _Ready(error_record(fallback, message))
                continue
        except (OSError, EOFError, zlib.error) as exc:
            message = f"cannot read line {number}: {exc}"
            yield _Stop(error_record(fallback, message), message)
            return
        item = _record(raw, number, method=method, points=points, lang=lang, max_chars=max_chars)
        if isinstance(item, _Ready):
            log.warning("%s:%d: %s", path, number, item.record["error"])
        yield item


def _skip_line(source) -> bool:
    """Read past the rest of an over-long line; False when it has no end in sight."""
    skipped = 0
    while skipped < SKIP_LIMIT:
        chunk = source.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return True
        skipped += len(chunk)
    return False


def _record(
    raw: bytes, number: int, *, method: str, points: int | None, lang: str | None, max_chars: int
) -> Task | _Ready:
    record_id = f"line-{number}"
    line = raw.decode("utf-8", errors="replace")
    if not line.strip():
        return _Ready(error_record(record_id, "empty line"))
    try:
        data = json.loads(line)
        if isinstance(data, dict) and "id" in data and _valid_unicode(str(data["id"])):
            record_id = str(data["id"])
        record = SummarizeInput.model_validate(data)
    except (json.JSONDecodeError, ValidationError) as exc:
        return _Ready(error_record(record_id, _short(exc)))
    for name in ("id", "text", "title", "lang"):
        value = getattr(record, name)
        if value is not None and not _valid_unicode(value):
            at = next(i for i, ch in enumerate(value) if "\ud800" <= ch <= "\udfff")
            return _Ready(
                error_record(
                    record_id, f"{name}: a lone surrogate (U+{ord(value[at]):04X}) at offset {at} is not valid Unicode"
                )
            )
    if len(record.text) > max_chars:
        return _Ready(
            error_record(
                record_id, f"text has {len(record.text):,} characters, over the limit of {max_chars:,} (--max-chars)"
            )
        )
    return Task(
        record.text,
        title=record.title or "",
        language=record.lang or lang,
        method=method,
        points=record.points or points,
        article_id=record.id,
    )


def _valid_unicode(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _line(record: dict) -> str:
    line = json.dumps(record, ensure_ascii=False)
    if not _valid_unicode(line):  # never expected: inputs are checked; ASCII escapes cannot fail
        line = json.dumps(record, ensure_ascii=True)
    return line + "\n"


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
    return f"invalid JSON: {exc}"


def summarize_file(
    path: Path, *, method: str = "default", points: int | None = None, lang: str | None = None, as_json: bool = False
) -> str:
    """Key points, actors and quotes of one seed-style file, for a person to read."""
    from .sources.seeds import SkipFile, read_seed

    try:
        article = read_seed(path, source=path.parent.name)
    except SkipFile as exc:
        raise BriefingError(f"{path}: {exc}") from None
    analysis = analyze_text(
        article.text,
        title=article.title,
        language=lang or article.language,
        method=method,
        points=points,
        article_id=article.id,
    )
    if as_json:
        return json.dumps(analysis_record(article.id, analysis), ensure_ascii=False, indent=1)
    lines = [f"# {article.title}", f"({analysis.language}, {path})", "", "Key points:"]
    lines += [f"  - {k.text}" for k in analysis.key_points] or ["  (none)"]
    lines += ["", "Actors:"]
    lines += [
        f"  - {a.name} [{a.type}]" + (f" — {a.role}" if a.role else "") + f" ×{len(a.mentions)}"
        for a in analysis.actors
    ] or ["  (none)"]
    lines += ["", "Quotes:"]
    lines += [f"  - {q.speaker or '?'}: «{q.text}»" for q in analysis.quotes] or ["  (none)"]
    return "\n".join(lines)
