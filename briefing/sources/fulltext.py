"""Full text of an article page, for feeds that only carry a teaser.

Pages are fetched with the same rules as feeds (the `Fetcher` of `feeds.py`) and
extracted with trafilatura. Dates are checked before they are trusted: htmldate,
which trafilatura uses, turns a bare year such as a footer's "© 2015" into
2015-01-01, so a first-of-month date is kept only when the page states that very
day in ISO form (as `<meta>` and `<time datetime>` do); future dates and dates
before 1995 are dropped.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from .sanitize import html_to_text

if TYPE_CHECKING:
    from .feeds import Fetcher

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # no web news before; htmldate uses the same floor
FUTURE_SKEW = timedelta(hours=1)  # clocks and time zones of publishers drift a little
TEASER_CHARS = 400  # an entry with less text than this is a teaser


def sane_date(value: datetime | None, *, now: datetime | None = None) -> datetime | None:
    """`value` in UTC if plausible for a news article, else None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    now = now or datetime.now(UTC)
    if value < EARLIEST or value > now + FUTURE_SKEW:
        return None
    return value


def page_date(found: str | None, html: str, *, now: datetime | None = None) -> datetime | None:
    """The date trafilatura found on a page, or None when it is a fallback or implausible."""
    if not found:
        return None
    try:
        value = datetime.fromisoformat(found[:10])
    except ValueError:
        return None
    # A first of the month is what a bare year or "May 2019" becomes: trust it only
    # when the page writes out that exact day.
    if value.day == 1 and value.strftime("%Y-%m-%d") not in html:
        return None
    return sane_date(value, now=now)


@dataclass(frozen=True)
class PageText:
    title: str
    text: str
    date: datetime | None


def extract_page(html: str | bytes, url: str | None) -> PageText | None:
    """Main text of a page with trafilatura; None when it finds no article text."""
    import trafilatura  # heavy: loaded only when a page is extracted

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False, deduplicate=True,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    markup = html if isinstance(html, str) else html.decode("utf-8", "replace")
    # trafilatura's txt output puts one paragraph per line; the briefing keeps a blank line between.
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    title = html_to_text(doc.title or "")
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    return PageText(
        title=title,
        text="\n\n".join(paragraphs),
        date=page_date(doc.date, markup),
    )


def extract_html_article(html: str, url: str | None = None) -> tuple[str, str, datetime | None]:
    """(title, text, date or None) of an HTML article; empty text when none is found."""
    page = extract_page(html, url)
    if page is None:
        return "", "", None
    return page.title, page.text, page.date


def needs_fulltext(text: str, *, forced: bool) -> bool:
    """Fetch the page when the feed asks for it or the entry is only a teaser."""
    return forced or len(text) < TEASER_CHARS


async def fetch_fulltext(fetcher: "Fetcher", url: str, *, timeout: float) -> PageText | None:
    """Fetch and extract one page. Raises FetchError when the page cannot be had."""
    response = await fetcher.get(url, timeout=timeout, accept="text/html,application/xhtml+xml")
    content_type = response.headers.get("content-type", "")
    if content_type and not re.search(r"html|xml", content_type, re.I):
        return None  # a PDF or an image: nothing to extract
    # CPU-bound; a thread keeps the event loop answering other feeds' deadlines.
    return await asyncio.to_thread(extract_page, response.body, response.url)
