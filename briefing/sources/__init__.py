"""Sources of articles: seed folders and RSS/Atom feeds. Each yields `Article`s."""

from __future__ import annotations

from datetime import UTC, datetime

from ..models import Article, content_hash
from ..text.normalize import normalize_text


def make_article(
    *,
    title: str,
    text: str,
    source: str,
    url: str | None = None,
    published: datetime | None = None,
    language: str | None = None,
    category: str | None = None,
    guid: str | None = None,
    collected: datetime | None = None,
) -> Article:
    """Normalise title and text and give the article its content-derived id."""
    from ..text.language import detect_language  # the text pipeline loads lazily

    title = normalize_text(title).replace("\n", " ")
    text = normalize_text(text)
    digest = content_hash(title, text)
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return Article(
        id=digest[:16],
        url=url,
        source=source,
        title=title,
        text=text,
        language=language or detect_language(f"{title}\n{text}"),
        published=published.astimezone(UTC) if published else None,
        collected=collected or datetime.now(UTC),
        content_hash=digest,
        category=category,
        guid=guid,
    )
