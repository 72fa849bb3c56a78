"""Seed folders: `.txt`, `.md` and `.html` files dropped in a folder become articles.

`.txt`: the first non-empty line is the headline, the rest is the body.
`.md`: optional YAML front matter between `---` lines (title, date, source, url,
language, category); without a title, the first line (less any `#`) is the headline.
`.html`: title and body extracted with trafilatura.
A file that cannot be read, is binary, huge or empty is skipped with a stated reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import yaml

from ..models import Article
from ..urls import check_link
from . import make_article

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 5 * 1024 * 1024


class SkipFile(Exception):
    """This file is not an article; the message says why."""


@dataclass
class SeedReport:
    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def read_seed_folders(folders: list[Path], *, max_bytes: int = MAX_BYTES) -> SeedReport:
    """Read every seed file under the folders (recursively, in name order)."""
    report = SeedReport()
    for folder in folders:
        if not folder.is_dir():
            report.skipped.append((folder, "seed folder does not exist"))
            log.warning("seed folder %s does not exist", folder)
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            try:
                report.articles.append(read_seed(path, source=folder.name, max_bytes=max_bytes))
            except SkipFile as exc:
                report.skipped.append((path, str(exc)))
                log.warning("skipped %s: %s", path, exc)
    return report


def read_seed(path: Path, *, source: str, max_bytes: int = MAX_BYTES) -> Article:
    """One seed file as an Article, or SkipFile with the reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"too large ({size:,} bytes, limit {max_bytes:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw[:8192]:
        raise SkipFile("binary file (contains NUL bytes)")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipFile(f"not UTF-8 text (bad byte at offset {exc.start})") from None

    suffix = path.suffix.lower()
    meta: dict = {}
    if suffix == ".md":
        meta, content = _front_matter(content)
        title, body = _split_headline(content, strip="#", given=meta.get("title"))
    elif suffix in (".html", ".htm"):
        from .fulltext import extract_html_article

        title, body, published = extract_html_article(content, meta.get("url"))
        if published and "date" not in meta:
            meta["date"] = published
    else:
        title, body = _split_headline(content)
    if not title or not body.strip():
        raise SkipFile("no headline or no body text")
    link = check_link(meta.get("url"))
    if link.reason:
        log.warning("%s: url dropped (the article is kept without it): %s", path, link.reason)
    return make_article(
        title=str(title), text=body, source=str(meta.get("source") or source),
        url=link.url, published=_as_datetime(meta.get("date"), path),
        language=meta.get("language"), category=meta.get("category"),
    )


def _front_matter(content: str) -> tuple[dict, str]:
    if not content.startswith("---"):
        return {}, content
    parts = content.split("\n---", 1)
    if len(parts) != 2:
        raise SkipFile("front matter starts with '---' but never ends")
    try:
        meta = yaml.safe_load(parts[0][3:]) or {}
    except yaml.YAMLError as exc:
        raise SkipFile(f"front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise SkipFile("front matter must be a mapping of keys")
    unknown = set(meta) - {"title", "date", "source", "url", "language", "category"}
    if unknown:
        log.warning("front matter keys ignored: %s", ", ".join(sorted(map(str, unknown))))
    return meta, parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""


def _split_headline(content: str, *, strip: str = "", given: str | None = None) -> tuple[str, str]:
    if given:
        return str(given).strip(), content
    lines = content.strip().split("\n", 1)
    title = lines[0].strip().lstrip(strip).strip()
    return title, lines[1] if len(lines) > 1 else ""


def _as_datetime(value: object, path: Path) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(12, 0))
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        log.warning("%s: date %r is not ISO 8601; using the collection time", path, value)
        return None
