"""Analysis of one article: key points, actors and quotes (`analyze_text`)."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..models import Analysis

# The shipped models and word lists: what analyses depend on besides the code.
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one article is analysed, as `timeit` does.
    An analysis makes some hundred thousand short-lived tuples, lists and spans, which
    reference counting frees, and no cycles worth chasing; the collector would still
    stop every few hundred of them to scan the younger objects, about a tenth of the
    time an article takes. It runs again as before once the article is done (and is
    left alone if it was off)."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def analyze_text(
    text: str,
    *,
    title: str = "",
    language: str | None = None,
    method: str = "default",
    points: int | None = None,
    article_id: str = "",
) -> Analysis:
    """Key points, actors and quotes of one text; offsets index `text`."""
    with _collector_paused():
        return _analyze(text, title, language, method, points, article_id)


def _analyze(text: str, title: str, language: str | None, method: str, points: int | None, article_id: str) -> Analysis:
    from ..text.language import detect_language
    from ..text.parsed import parse
    from .actors.extract import actor_views
    from .keypoints.select import key_points
    from .quotes.extract import extract_quotes

    language = language or detect_language(f"{title}\n{text}")
    # Split and tokenized once: every analyser below reads the same sentences and tokens.
    parsed = parse(text, language)
    points_ = key_points(text, title=title, language=language, method=method, points=points, sentences=parsed.sentences)
    # A briefing lists the actors the text names; a group it only describes ("مسلحون",
    # "protesters") may still say something, so quotes look among every actor, and such a
    # speaker keeps its words but no actor id (it has no actor page to link to).
    actors, every = actor_views(text, title=title, language=language, parsed=parsed)
    named = {a.name for a in actors}
    quotes = [
        q if q.speaker in named else dataclasses.replace(q, speaker_id=None)
        for q in extract_quotes(text, language=language, actors=every, parsed=parsed)
    ]
    return Analysis(
        article_id=article_id, language=language, key_points=tuple(points_), actors=tuple(actors), quotes=tuple(quotes)
    )


@lru_cache(maxsize=4)
def data_digest(directory: Path) -> str:
    """A short hash of every file in `directory` (names and bytes), read once per process."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def code_digest(package: Path) -> str:
    """A short hash of the analysing code: every Python file of `package` (analyze/) and of
    the text layer beside it, by relative name and bytes, read once per process."""
    digest = hashlib.sha256()
    for folder in (package, package.parent / "text"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(package.parent).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def cache_key(method: str, points: int | None, *, data_dir: Path | None = None, code_dir: Path | None = None) -> str:
    """The version under which an analysis is cached next to its content hash: the
    package version, a hash of the shipped models and word lists, and a hash of the
    analysing code, so a retrained model, an edited list or changed code is never served
    stale (a version bumped by hand was forgotten more than once)."""
    from .. import __version__

    data = data_digest(data_dir or DATA_DIR)
    code = code_digest(code_dir or Path(__file__).resolve().parent)
    # one short digest of both: the store keeps versions in 40 characters
    both = hashlib.sha256(f"{data}.{code}".encode()).hexdigest()[:16]
    return f"{__version__}+{both}:{method}:{points or 'auto'}"
