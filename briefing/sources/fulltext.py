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
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .entries import sane_date
from .sanitize import html_to_text

__all__ = [
    "PageText",
    "extract_html_article",
    "extract_page",
    "fetch_fulltext",
    "needs_fulltext",
    "page_date",
    "sane_date",
]

if TYPE_CHECKING:
    from .feeds import Fetcher

TEASER_CHARS = 400  # an entry with less text than this is a teaser


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

    # deduplicate=False: trafilatura's duplicate filter is a process-wide cache, so the
    # same paragraphs extracted a few times (a page fetched again, a seed re-read)
    # would come back empty. Repeats within the page are dropped below instead.
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    markup = html if isinstance(html, str) else html.decode("utf-8", "replace")
    paragraphs = list(dict.fromkeys(_paragraphs(doc.body) if doc.body is not None else doc.text.split("\n")))
    paragraphs = [p for p in paragraphs if p]
    title = html_to_text(doc.title or "")
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    return PageText(
        title=title,
        text="\n\n".join(paragraphs),
        date=page_date(doc.date, markup),
    )


# trafilatura's output elements that hold a paragraph; a line break <lb/> also ends one.
_BLOCKS = frozenset(
    """
p head item list quote code table row cell div section article blockquote center pre
h1 h2 h3 h4 h5 h6 ul ol li dl dt dd tr td th
""".split()
)
_SPACE = re.compile(r"\s+")


def _paragraphs(body: Any) -> list[str]:
    """One string per block of trafilatura's body; newlines inside a block become spaces.

    (Its plain-text output keeps the source's hard line wraps, which cannot be told
    apart from its paragraph breaks.)
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def end() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        current.clear()
        if text:
            paragraphs.append(text)

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            current.append(element.tail or "")
            return
        block = element.tag in _BLOCKS or element.tag in ("lb", "br")
        if block:
            end()
            if element.tag == "item":
                current.append("- ")
        current.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            end()
        current.append(element.tail or "")

    walk(body)
    end()
    return [p for p in paragraphs if p != "-"]


def extract_html_article(html: str, url: str | None = None) -> tuple[str, str, datetime | None]:
    """(title, text, date or None) of an HTML article; empty text when none is found."""
    page = extract_page(html, url)
    if page is None:
        return "", "", None
    return page.title, page.text, page.date


def needs_fulltext(text: str, *, forced: bool | str) -> bool:
    """Whether to fetch the page: the feed's `fulltext` setting says always (true),
    never (false) or, by default ("auto"), only when the entry is a teaser."""
    if forced == "auto":
        return len(text) < TEASER_CHARS
    return bool(forced)


async def fetch_fulltext(fetcher: Fetcher, url: str, *, timeout: float) -> PageText | None:
    """Fetch and extract one page. Raises FetchError when the page cannot be had."""
    response = await fetcher.get(url, timeout=timeout, accept="text/html,application/xhtml+xml")
    content_type = response.headers.get("content-type", "")
    if content_type and not re.search(r"html|xml", content_type, re.I):
        return None  # a PDF or an image: nothing to extract
    # CPU-bound; a thread keeps the event loop answering other feeds' deadlines.
    return await asyncio.to_thread(extract_page, response.body, response.url)
