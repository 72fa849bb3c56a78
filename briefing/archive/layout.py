"""Archive: out/YYYY/MM/DD/<job>-YYYY-MM-DD.{html,pdf,json} + manifest.json, out/index.html.

Every file is written atomically (a temporary file in the same folder, fsync, then
os.replace), so a reader or a crash never sees half a briefing. manifest.json is one
per day folder and holds one entry per job, so two jobs of the same day share it.
Search over the archived key points and actors lives in archive_search.py.
"""

from __future__ import annotations

import fcntl
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from briefing.archive.search import delete_index
from briefing.atomic import write_atomic

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
DAY_FILE = re.compile(r"^(?P<job>[A-Za-z0-9][A-Za-z0-9_-]*)-(?P<date>\d{4}-\d{2}-\d{2})\.[a-z.]+$")


def day_dir(output_dir: Path, day: date) -> Path:
    return Path(output_dir) / f"{day.year:04d}" / f"{day.month:02d}" / f"{day.day:02d}"


def file_stem(job: str, day: date) -> str:
    return f"{job}-{day.isoformat()}"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a day folder while its shared manifest is rewritten."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _dumps(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8")


def write_briefing(output_dir: Path, job: str, day: date, files: dict[str, bytes], manifest: dict) -> dict[str, Path]:
    """Write the day's files ({"html": ..., "pdf": ..., "json": ...}) and the manifest entry.

    Returns {kind: path} for every file written, "manifest" included.
    """
    folder = day_dir(output_dir, day)
    stem = file_stem(job, day)
    written: dict[str, Path] = {}
    for kind, data in sorted(files.items()):
        path = folder / f"{stem}.{kind}"
        write_atomic(path, data)
        written[kind] = path
    with _locked(folder):
        path = folder / MANIFEST
        current = read_manifest(path)
        entry = dict(manifest)
        entry["files"] = {kind: p.name for kind, p in written.items()}
        current.setdefault("briefings", {})[job] = entry
        current["date"] = day.isoformat()
        write_atomic(path, _dumps(current))
    written["manifest"] = path
    return written


def read_briefing(path: str | Path | None) -> dict | None:
    """An archived briefing JSON (what mail and the next day's threads are made from), or
    None, with the reason logged, when it is missing or unreadable."""
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("cannot read the archived briefing %s: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def read_manifest(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


# --- briefing archive list | show ---------------------------------------------------------


def list_archive(store, job: str | None = None) -> list[dict]:
    """One row per archived briefing, newest first: job, date, stories, articles, paths."""
    rows = []
    for entry in store.list_briefings(job):
        stats = entry.get("stats") or {}
        rows.append(
            {
                "job": entry["job"],
                "date": entry["date"].isoformat(),
                "stories": stats.get("shown"),
                "articles": stats.get("articles"),
                "paths": entry.get("paths") or {},
            }
        )
    return rows


def show(store, job: str, day: date) -> dict | None:
    """The archived briefing JSON of a job and day (read from its file), or None."""
    entry = store.briefing(job, day)
    if entry is None:
        return None
    path = (entry.get("paths") or {}).get("json")
    if path and Path(path).is_file():
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return {"job": job, "date": day.isoformat(), "stats": entry.get("stats"), "paths": entry.get("paths")}


# --- retention -------------------------------------------------------------------------


def apply_retention(store, output_dir: Path, retention_days: int | None, today: date) -> list[tuple[str, date]]:
    """Delete briefings (files, search rows, store rows) dated before today - retention_days.

    Returns the (job, date) pairs removed. Day folders older than the cutoff are also
    cleaned of our files when the store has no row for them (e.g. a lost database).
    """
    if not retention_days:
        return []
    cutoff = today - timedelta(days=retention_days)
    removed: list[tuple[str, date]] = []
    for entry in store.list_briefings():
        day = entry["date"]
        if day >= cutoff:
            continue
        _remove_files(day_dir(output_dir, day), entry["job"])
        delete_index(store, entry["job"], day)
        store.delete_briefing(entry["job"], day)
        removed.append((entry["job"], day))
    for folder in sorted(Path(output_dir).glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]")):
        try:
            day = date(int(folder.parent.parent.name), int(folder.parent.name), int(folder.name))
        except ValueError:
            continue
        if day < cutoff:
            _remove_files(folder, None)
    return removed


def _remove_files(folder: Path, job: str | None) -> None:
    """Remove a job's files (or all our files) from a day folder, then empty folders."""
    if not folder.is_dir():
        return
    with _locked(folder):
        for path in folder.iterdir():
            match = DAY_FILE.match(path.name)
            if match and (job is None or match.group("job") == job):
                path.unlink()
        manifest = folder / MANIFEST
        data = read_manifest(manifest)
        if job is not None and job in data.get("briefings", {}):
            del data["briefings"][job]
        if job is None or not data.get("briefings"):
            manifest.unlink(missing_ok=True)
        else:
            write_atomic(manifest, _dumps(data))
    if not any(p for p in folder.iterdir() if p.name != ".lock"):
        (folder / ".lock").unlink(missing_ok=True)
        for empty in (folder, folder.parent, folder.parent.parent):
            try:
                empty.rmdir()
            except OSError:
                break
