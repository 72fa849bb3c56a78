"""Feed entries: parsed from RSS, Atom or JSON Feed bytes, checked, made into Articles.

feedparser reads RSS and Atom from bytes already fetched (it never touches the
network here); JSON Feed, which feedparser 6 does not read, has its own reader.
Dates are checked before they are trusted: feeds carry future dates, the epoch, or
a page's copyright year.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..config import FeedConfig
from ..models import Article
from ..urls import check_link
from . import make_article
from .sanitize import html_to_text

log = logging.getLogger(__name__)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # no web news before; htmldate uses the same floor
FUTURE_SKEW = timedelta(hours=1)  # clocks and time zones of publishers drift a little


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


@dataclass(frozen=True)
class Entry:
    """One feed item, whatever the format: plain-text title and text."""

    title: str
    text: str
    link: str | None
    guid: str | None
    published: datetime | None
    tags: tuple[str, ...] = ()
    link_is_id: bool = False  # the link names this entry alone (set by the collector)

    def with_text(self, text: str, page_date: datetime | None) -> Entry:
        """The entry with its page's full text; the feed's date wins over the page's guess."""
        return replace(self, text=text, published=self.published or page_date)


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[Entry]
    title: str | None
    language: str | None  # what the feed declares, as a two-letter code
    recognised: bool  # RSS, Atom or JSON Feed was recognised
    error: str | None  # why the document is malformed, if it is
    warnings: list[str] = field(default_factory=list)  # links refused, one line each


def _link(value: Any, title: str, warnings: list[str]) -> str | None:
    """The entry's link if it is a safe http(s) URL; a refused link is noted and dropped."""
    checked = check_link(value)
    if checked.reason:
        warnings.append(f"link of entry {title[:60]!r} dropped: {checked.reason}")
        log.warning("feed entry %r: link dropped: %s", title[:60], checked.reason)
    return checked.url


def parse_feed(body: bytes, headers: dict[str, str], url: str) -> ParsedFeed:
    """Parse fetched bytes; feedparser never touches the network here."""
    content_type = headers.get("content-type", "")
    if "json" in content_type or body.lstrip()[:1] == b"{":
        return _parse_json_feed(body)
    import feedparser  # slow to import; only collect needs it

    # content-location gives feedparser the base for relative links.
    parsed = feedparser.parse(
        body, response_headers={"content-type": content_type or "application/xml", "content-location": url}
    )
    error = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        error = f"{type(exc).__name__}: {exc}" if exc else "malformed"
    warnings: list[str] = []
    entries = [_entry(item, warnings) for item in parsed.entries]
    language = (parsed.feed.get("language") or "")[:2].lower() or None
    return ParsedFeed(
        entries, _plain(parsed.feed.get("title")) or None, language, bool(parsed.get("version")), error, warnings
    )


def _entry(item: Any, warnings: list[str]) -> Entry:
    # The richest body wins: content:encoded or Atom content, else the summary.
    bodies = [c.get("value", "") for c in item.get("content", [])] + [item.get("summary", "")]
    text = max((html_to_text(b) for b in bodies), key=len, default="")
    # dict.get: FeedParserDict's own get maps updated<->published with a DeprecationWarning.
    stamp = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
    published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None  # feedparser gives UTC
    tags = tuple(t.get("term") for t in item.get("tags", []) if t.get("term"))
    title = _plain(item.get("title"))
    return Entry(
        title=title,
        text=text,
        link=_link(item.get("link"), title, warnings),
        guid=item.get("id") or None,
        published=published,
        tags=tags,
    )


def _parse_json_feed(body: bytes) -> ParsedFeed:
    """JSON Feed 1.x (jsonfeed.org), which feedparser 6 does not read."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        return ParsedFeed([], None, None, False, f"invalid JSON: {exc}")
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return ParsedFeed([], None, None, False, "JSON that is not a JSON Feed")
    entries = []
    warnings: list[str] = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        body_html = item.get("content_html") or ""
        text = html_to_text(body_html) if body_html else (item.get("content_text") or item.get("summary") or "")
        title = _plain(item.get("title"))
        entries.append(
            Entry(
                title=title,
                text=text.strip(),
                link=_link(item.get("url"), title, warnings),
                guid=str(item["id"]) if item.get("id") is not None else None,
                published=_iso(item.get("date_published") or item.get("date_modified")),
                tags=tuple(str(t) for t in item.get("tags") or ()),
            )
        )
    language = (str(data.get("language") or ""))[:2].lower() or None
    return ParsedFeed(entries, _plain(data.get("title")) or None, language, True, None, warnings)


def _iso(value: Any) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _plain(value: Any) -> str:
    return html_to_text(str(value)).replace("\n", " ") if value else ""


# --- entries to articles ------------------------------------------------------------


def wanted(feed: FeedConfig, entry: Entry) -> bool:
    """The feed's include and exclude patterns, case-insensitive, on title and text."""
    haystack = f"{entry.title}\n{entry.text}"
    if feed.include and not any(re.search(p, haystack, re.I) for p in feed.include):
        return False
    return not any(re.search(p, haystack, re.I) for p in feed.exclude)


def entry_article(feed: FeedConfig, entry: Entry, *, source: str, feed_language: str | None, now: datetime) -> Article:
    """The article of an entry: title or first words, a sane date, a language, a category."""
    text = entry.text or entry.title
    title = entry.title or _first_words(text)
    return make_article(
        title=title,
        text=text,
        source=source,
        url=entry.link,
        guid=entry.guid,
        published=sane_date(entry.published, now=now),
        language=_language(feed, title, text, feed_language),
        category=feed.category or (entry.tags[0] if entry.tags else None),
    )


def _language(feed: FeedConfig, title: str, text: str, declared: str | None) -> str:
    """The feed's configured language, else detection, else what the feed declares."""
    if feed.language:
        return feed.language
    from ..text.language import UNDETERMINED, detect_language

    detected = detect_language(f"{title}\n{text}")
    if detected == UNDETERMINED and declared:
        return declared
    return detected


def _first_words(text: str, limit: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
