"""Analysis of one article: key points, actors and quotes (`analyze_text`)."""

from __future__ import annotations

from ..models import Analysis

# Part of the cache key of stored analyses: bump it when key points, actors or
# quotes change, so old results are recomputed rather than served.
ANALYZER_VERSION = "15"


def analyze_text(text: str, *, title: str = "", language: str | None = None,
                 method: str = "default", points: int | None = None, article_id: str = "") -> Analysis:
    """Key points, actors and quotes of one text; offsets index `text`."""
    from ..text.language import detect_language
    from .actors.extract import extract_actors
    from .keypoints.select import key_points
    from .quotes.extract import extract_quotes

    language = language or detect_language(f"{title}\n{text}")
    points_ = key_points(text, title=title, language=language, method=method, points=points)
    actors = extract_actors(text, title=title, language=language)
    quotes = extract_quotes(text, language=language, actors=actors)
    return Analysis(article_id=article_id, language=language, key_points=tuple(points_),
                    actors=tuple(actors), quotes=tuple(quotes))


def cache_key(method: str, points: int | None) -> str:
    """The version under which an analysis is cached next to its content hash."""
    return f"{ANALYZER_VERSION}:{method}:{points or 'auto'}"
