"""`briefing summarize`: key points, actors and quotes of files or of a JSONL batch."""

from __future__ import annotations

import gzip
import io
import json
import logging
from pathlib import Path

from pydantic import ValidationError

from .analyze import analyze_text
from .analyze.batch import Task, analyze_many
from .atomic import write_atomic
from .errors import BriefingError, UsageError
from .schema import SummarizeInput, analysis_record, error_record

log = logging.getLogger(__name__)


def check_method(method: str) -> None:
    """Fail early, as a usage error, on an unknown key-point method."""
    from .analyze.keypoints.select import METHODS

    if method not in METHODS:
        raise UsageError(f"unknown method {method!r}; choose one of: {', '.join(sorted(METHODS))}")


def _open_lines(path: Path):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise BriefingError(f"{path}: not a valid gzip file: {exc}") from None
    return io.StringIO(raw.decode("utf-8", errors="replace"))


def run_batch(input_path: Path, output_path: Path, *, method: str = "default",
              points: int | None = None, lang: str | None = None, workers: int = 0) -> dict[str, int]:
    """One output record per input line, in input order; a bad line gets an output record
    with `error`. Texts are analysed on `workers` processes (0: one per CPU)."""
    out: list[str | None] = []  # None: waits for the analysis of a task
    tasks: list[Task] = []
    errors = 0
    for number, line in enumerate(_open_lines(input_path), start=1):
        if not line.strip():
            continue
        record_id = f"line-{number}"
        try:
            data = json.loads(line)
            if isinstance(data, dict) and "id" in data:
                record_id = str(data["id"])
            record = SummarizeInput.model_validate(data)
        except (json.JSONDecodeError, ValidationError) as exc:
            message = _short(exc)
            log.warning("%s:%d: %s", input_path, number, message)
            out.append(json.dumps(error_record(record_id, message), ensure_ascii=False))
            errors += 1
            continue
        tasks.append(Task(record.text, title=record.title or "", language=record.lang or lang,
                          method=method, points=record.points or points, article_id=record.id))
        out.append(None)
    analyses = analyze_many(tasks, workers)
    lines = []
    for line in out:
        if line is None:
            analysis = next(analyses)
            line = json.dumps(analysis_record(analysis.article_id, analysis), ensure_ascii=False)
        lines.append(line)
    write_atomic(output_path, ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
    return {"records": len(lines), "errors": errors}


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
    return f"invalid JSON: {exc}"


def summarize_file(path: Path, *, method: str = "default", points: int | None = None,
                   lang: str | None = None, as_json: bool = False) -> str:
    """Key points, actors and quotes of one seed-style file, for a person to read."""
    from .sources.seeds import SkipFile, read_seed

    try:
        article = read_seed(path, source=path.parent.name)
    except SkipFile as exc:
        raise BriefingError(f"{path}: {exc}") from None
    analysis = analyze_text(article.text, title=article.title, language=lang or article.language,
                            method=method, points=points, article_id=article.id)
    if as_json:
        return json.dumps(analysis_record(article.id, analysis), ensure_ascii=False, indent=1)
    lines = [f"# {article.title}", f"({analysis.language}, {path})", "", "Key points:"]
    lines += [f"  - {k.text}" for k in analysis.key_points] or ["  (none)"]
    lines += ["", "Actors:"]
    lines += [f"  - {a.name} [{a.type}]" + (f" — {a.role}" if a.role else "") + f" ×{len(a.mentions)}"
              for a in analysis.actors] or ["  (none)"]
    lines += ["", "Quotes:"]
    lines += [f"  - {q.speaker or '?'}: «{q.text}»" for q in analysis.quotes] or ["  (none)"]
    return "\n".join(lines)
