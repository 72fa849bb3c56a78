"""Seed folders: `.txt`, `.md` and `.html` files dropped in a folder become articles.

`.txt`: the first non-empty line is the headline, the rest is the body.
`.md`: optional YAML front matter between `---` lines (title, date, source, url,
language, category); without a title, the first line (less any `#`) is the headline.
`.html`: title and body extracted with trafilatura.
A file that cannot be read, is binary, huge or empty is skipped with a stated reason, and so
is a symlink that leads out of the folder, loops or dangles, and anything that is not a
regular file (a FIFO or a device would block or never end).
"""

from __future__ import annotations

import errno
import logging
import stat
from collections.abc import Iterator
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
        for path, problem in _seed_files(folder):
            if problem is not None:
                report.skipped.append((path, problem))
                log.warning("skipped %s: %s", path, problem)
                continue
            try:
                report.articles.append(read_seed(path, source=folder.name, max_bytes=max_bytes))
            except SkipFile as exc:
                report.skipped.append((path, str(exc)))
                log.warning("skipped %s: %s", path, exc)
    return report


def _seed_files(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """(path, None) for each seed file under `folder`, in name order; (path, reason) for a
    link that is not followed: out of the folder, a loop, dangling, or to a folder (whose
    files are read where they are). Linked folders are never walked."""
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                yield path, "link loop"
                continue
            except FileNotFoundError:
                yield path, "dangling link (its target does not exist)"
                continue
            except OSError as exc:
                yield path, "link loop" if exc.errno == errno.ELOOP else f"cannot follow the link: {exc.strerror}"
                continue
            if not target.is_relative_to(root):
                yield path, f"link leads out of the seed folder (to {target})"
            elif target.is_dir():
                yield path, "link to a folder (not followed; its files are read where they are)"
            elif path.suffix.lower() in SUFFIXES:
                yield path, None
        elif path.suffix.lower() in SUFFIXES and not path.is_dir():
            yield path, None  # read_seed refuses FIFOs, devices and sockets


def _special(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "of an unknown kind"


def read_seed(path: Path, *, source: str, max_bytes: int = MAX_BYTES) -> Article:
    """One seed file as an Article, or SkipFile with the reason."""
    try:
        info = path.stat()
        if (kind := _special(info.st_mode)) is not None:
            # opening a FIFO blocks until a writer comes; a device can be endless
            raise SkipFile(f"not a regular file ({kind})")
        size = info.st_size
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
        title=str(title),
        text=body,
        source=str(meta.get("source") or source),
        url=link.url,
        published=_as_datetime(meta.get("date"), path),
        language=_language(meta.get("language"), path),
        category=meta.get("category"),
    )


def _language(value: object, path: Path) -> str | None:
    """The front matter's language as an ISO 639 code; an unknown one is dropped with a
    warning (the text's language is detected instead), never stored as it is."""
    from ..text.language import language_code

    if value is None:
        return None
    code = language_code(value)
    if code is None:
        log.warning("%s: language %r is not a known language code; detecting it from the text", path, value)
    return code


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
