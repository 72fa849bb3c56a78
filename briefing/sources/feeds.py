"""RSS, Atom and JSON feeds: fetched with hard limits, parsed from bytes, stored once.

feedparser has no timeout of its own (a hung server hangs the job), so it never
fetches: httpx does, under a total deadline per feed that covers connecting,
waiting, trickling bytes, redirects and retries. A failing feed is reported and the
others go on; a malformed feed that still yields entries is kept, with a warning.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy.exc import SQLAlchemyError

from ..config import CollectConfig, FeedConfig, Settings
from ..errors import SourceError, StoreError
from ..store import Run, Store
from .dedup import Deduplicator, canonical_url
from .entries import Entry, entry_article, parse_feed, wanted
from .fulltext import fetch_fulltext, needs_fulltext
from .hostlimit import LocalHostLimiter, SharedHostLimiter

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # no news feed or article page is bigger
MAX_REDIRECTS = 5
RETRIES = 2  # after the first try, for connect errors, 5xx and 429
BACKOFF = 0.5  # seconds, doubled on each retry
MAX_RETRY_AFTER = 30.0  # a longer Retry-After is a failure now, not a wait
CONNECT_TIMEOUT = 10.0
MAX_FULLTEXT = 25  # pages fetched per feed and run; the rest keep their teaser
FEED_TYPES = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"


class FetchError(SourceError):
    """A URL could not be fetched; `reason` says why in a few words."""

    def __init__(self, reason: str, *, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lowercase names
    body: bytes


class Fetcher:
    """HTTP GET with a total deadline, retries, a size cap and concurrency limits."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        concurrency: int,
        per_host: int,
        max_bytes: int = MAX_BYTES,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        host_limiter=None,
    ):
        self.client = client
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self._all = asyncio.Semaphore(concurrency)
        # per-host politeness: in this process, or shared by all workers (hostlimit.py)
        self._hosts = host_limiter or LocalHostLimiter(per_host)

    async def get(
        self, url: str, *, timeout: float, headers: dict[str, str] | None = None, accept: str = FEED_TYPES
    ) -> Response:
        """GET `url` within `timeout` seconds in all. Raises FetchError; 304 is returned."""
        headers = {"Accept": accept, **(headers or {})}
        # Waiting for a free slot is not the server's fault: the deadline starts after it.
        async with self._all, self._hosts.slot(url, timeout):
            deadline = time.monotonic() + timeout
            attempt = 0
            while True:
                remaining = deadline - time.monotonic()
                try:
                    async with asyncio.timeout(remaining):
                        response = await self._once(url, headers, timeout)
                except TimeoutError:
                    raise FetchError(f"timed out: no complete answer within {timeout:g} s") from None
                except httpx.TooManyRedirects:
                    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    reason, wait = f"cannot connect: {exc or type(exc).__name__}", None
                except httpx.ReadTimeout:
                    raise FetchError(f"server stopped answering (nothing read for {timeout:g} s)") from None
                except httpx.HTTPError as exc:
                    raise FetchError(f"{type(exc).__name__}: {exc}") from None
                else:
                    if response.status != 429 and response.status < 500:
                        return self._checked(response)
                    reason = f"HTTP {response.status}"
                    wait = _retry_after(response.headers.get("retry-after"))
                    if wait is not None and wait > MAX_RETRY_AFTER:
                        raise FetchError(
                            f"{reason}, Retry-After {wait:g} s is over the {MAX_RETRY_AFTER:g} s limit",
                            status=response.status,
                        )
                wait = self.backoff * 2**attempt if wait is None else wait
                if attempt >= self.retries or time.monotonic() + wait >= deadline:
                    tries = attempt + 1
                    raise FetchError(
                        f"{reason} (after {tries} tr{'y' if tries == 1 else 'ies'})", status=_status(reason)
                    )
                await asyncio.sleep(wait)
                attempt += 1

    async def _once(self, url: str, headers: dict[str, str], timeout: float) -> Response:
        limits = httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))
        async with self.client.stream("GET", url, headers=headers, timeout=limits) as response:
            found = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code != 200:
                return Response(str(response.url), response.status_code, found, b"")
            declared = found.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"too large: {int(declared):,} bytes declared (limit {self.max_bytes:,})", status=200)
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"too large: more than {self.max_bytes:,} bytes", status=200)
                chunks.append(chunk)
            return Response(str(response.url), 200, found, b"".join(chunks))

    @staticmethod
    def _checked(response: Response) -> Response:
        if response.status in (200, 304):
            return response
        phrase = httpx.codes.get_reason_phrase(response.status)
        raise FetchError(f"HTTP {response.status} {phrase}".strip(), status=response.status)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _status(reason: str) -> int | None:
    match = re.match(r"HTTP (\d{3})", reason)
    return int(match.group(1)) if match else None


# --- the report ---------------------------------------------------------------------


@dataclass
class FeedResult:
    """What happened to one feed."""

    url: str
    source: str | None = None
    ok: bool = False
    status: int | None = None
    not_modified: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    entries: int = 0
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    skipped: int = 0
    elapsed: float = 0.0


@dataclass
class FeedReport:
    """The outcome of collecting a list of feeds."""

    results: list[FeedResult] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def feeds_ok(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def feeds_failed(self) -> int:
        return sum(not r.ok for r in self.results)

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(r.url, r.error or "failed") for r in self.results if not r.ok]

    @property
    def warnings(self) -> list[tuple[str, str]]:
        return [(r.url, w) for r in self.results for w in r.warnings]

    def _total(self, name: str) -> int:
        return sum(getattr(r, name) for r in self.results)

    @property
    def new(self) -> int:
        return self._total("new")

    @property
    def duplicate(self) -> int:
        return self._total("duplicate")

    @property
    def updated(self) -> int:
        return self._total("updated")

    @property
    def skipped(self) -> int:
        return self._total("skipped")

    def as_counts(self) -> dict:
        """JSON-ready numbers and messages for the run ledger."""
        return {
            "feeds_ok": self.feeds_ok,
            "feeds_failed": self.feeds_failed,
            "new": self.new,
            "duplicate": self.duplicate,
            "updated": self.updated,
            "skipped": self.skipped,
            "feed_errors": [{"url": u, "reason": r} for u, r in self.failures],
            "feed_warnings": [{"url": u, "reason": r} for u, r in self.warnings],
        }


# --- collecting ---------------------------------------------------------------------


def collect_feeds(
    feeds: list[FeedConfig],
    *,
    store: Store,
    settings: Settings,
    collect: CollectConfig,
    progress: Callable[[str, bool], None] | None = None,
    run: Run | None = None,
    fulltext: bool = True,
) -> FeedReport:
    """Fetch, parse and store every feed; returns within the feeds' timeouts.

    `progress(url, ok)` is called once per finished feed. With `run`, the report's
    numbers and failures are added to the run's counts. `fulltext=False` never
    fetches article pages, not even for teasers.
    """
    report = asyncio.run(_collect(feeds, store, settings, collect, progress, fulltext))
    if run is not None:
        counts = report.as_counts()
        for key, value in counts.items():
            previous = run.counts.get(key)
            run.counts[key] = previous + value if isinstance(previous, (int, list)) else value
    return report


async def _collect(
    feeds: list[FeedConfig],
    store: Store,
    settings: Settings,
    collect: CollectConfig,
    progress: Callable[[str, bool], None] | None,
    fulltext: bool,
) -> FeedReport:
    started = time.monotonic()
    dedup = Deduplicator(store)
    dedup.load()
    limits = httpx.Limits(max_connections=collect.concurrency * 2, max_keepalive_connections=collect.concurrency)
    # One thread does all database and per-entry work, in order: the event loop stays
    # free to keep deadlines, and no two feeds check for the same copy at once.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="collect-db") as db:
        async with httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            limits=limits,
            headers={"User-Agent": settings.user_agent},
        ) as client:
            shared = settings.executor.kind == "celery" and store.engine.dialect.name == "postgresql"
            fetcher = Fetcher(
                client,
                concurrency=collect.concurrency,
                per_host=collect.per_host,
                host_limiter=SharedHostLimiter(store, collect.per_host) if shared else None,
            )
            collector = _FeedCollector(fetcher, store, dedup, db, progress, fulltext)
            results = await asyncio.gather(*(collector.run(feed) for feed in feeds))
    return FeedReport(results=list(results), elapsed=time.monotonic() - started)


@dataclass
class _FeedCollector:
    fetcher: Fetcher
    store: Store
    dedup: Deduplicator
    db: ThreadPoolExecutor
    progress: Callable[[str, bool], None] | None
    fulltext: bool = True

    async def _in_db(self, function: Callable, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.db, function, *args)

    def _failed(self, url: str, result: FeedResult) -> None:
        self.store.save_feed_state(url, etag=None, last_modified=None, status_code=result.status, error=result.error)

    async def run(self, feed: FeedConfig) -> FeedResult:
        """Collect one feed; never raises for the feed's own faults."""
        started = time.monotonic()
        result = FeedResult(url=feed.url)
        try:
            await self._collect(feed, result)
        except FetchError as exc:
            result.error, result.status = exc.reason, exc.status
        except (SQLAlchemyError, StoreError):
            raise  # the database is down: every feed would fail the same way
        except Exception as exc:  # a feed that trips a parser bug must not stop the others
            log.exception("feed %s: unexpected error", feed.url)
            result.error = f"cannot process: {type(exc).__name__}: {exc}"
        result.ok = result.error is None
        result.elapsed = time.monotonic() - started
        if result.error:
            log.warning("feed %s failed: %s", feed.url, result.error)
            await self._in_db(self._failed, feed.url, result)
        if self.progress is not None:
            self.progress(feed.url, result.ok)
        return result

    async def _collect(self, feed: FeedConfig, result: FeedResult) -> None:
        state = await self._in_db(self.store.feed_state, feed.url) or {}
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        response = await self.fetcher.get(feed.url, timeout=feed.timeout, headers=headers)
        result.status = response.status
        if response.status == 304:
            result.not_modified = True
        else:
            parsed = await asyncio.to_thread(parse_feed, response.body, response.headers, response.url)
            if parsed.error and not parsed.entries:
                what = "malformed feed, no entries" if parsed.recognised else "not a feed"
                raise FetchError(f"{what}: {parsed.error}", status=response.status)
            if parsed.error:
                result.warnings.append(f"malformed feed, {len(parsed.entries)} entries kept: {parsed.error}")
                log.warning("feed %s: %s", feed.url, result.warnings[-1])
            result.warnings.extend(parsed.warnings)  # refused links, logged as they were dropped
            source = feed.name or parsed.title or urlsplit(response.url).hostname or feed.url
            result.source = source
            await self._store_entries(feed, parsed.entries, parsed.language, source, result)
        await self._in_db(
            partial(
                self.store.save_feed_state,
                feed.url,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                status_code=response.status,
                error=None,
            )
        )

    async def _store_entries(
        self, feed: FeedConfig, entries: list[Entry], feed_language: str | None, source: str, result: FeedResult
    ) -> None:
        result.entries = len(entries)
        keep = await self._in_db(self._select, feed, entries, result)
        keep = await self._complete(feed, keep, result)
        await self._in_db(self._save, feed, keep, feed_language, source, result)

    def _select(self, feed: FeedConfig, entries: list[Entry], result: FeedResult) -> list[Entry]:
        """The entries to store: wanted, not empty, not a teaser of a page stored before."""
        # A link shared by several entries (a podcast's home page, one page with
        # anchors) does not identify an entry: such entries are told apart by GUID
        # and content, and their page is not fetched.
        links = Counter(canonical_url(e.link) for e in entries if e.link)
        entries = [replace(e, link_is_id=links[canonical_url(e.link)] == 1) if e.link else e for e in entries]
        # Teasers whose page is stored with its full text already add nothing: one query for all.
        teasers = [
            canonical_url(e.link)
            for e in entries
            if self.fulltext and e.link_is_id and needs_fulltext(e.text, forced=feed.fulltext)
        ]
        stored = self.store.stored_canonical_urls(teasers) if teasers else set()
        keep: list[Entry] = []
        for entry in entries:
            if not (entry.title or entry.text) or not wanted(feed, entry):
                result.skipped += 1
            elif (
                self.fulltext
                and needs_fulltext(entry.text, forced=feed.fulltext)
                and entry.link_is_id
                and canonical_url(entry.link) in stored
            ):
                result.duplicate += 1
            else:
                keep.append(entry)
        return keep

    def _save(
        self, feed: FeedConfig, entries: list[Entry], feed_language: str | None, source: str, result: FeedResult
    ) -> None:
        """Store a feed's entries in one transaction (same outcomes as one by one)."""
        now = datetime.now(UTC)
        articles = [
            (entry_article(feed, e, source=source, feed_language=feed_language, now=now), e.link_is_id) for e in entries
        ]
        for outcome, _ in self.dedup.save_many(articles):
            setattr(result, outcome, getattr(result, outcome) + 1)

    async def _complete(self, feed: FeedConfig, entries: list[Entry], result: FeedResult) -> list[Entry]:
        """Replace teasers by the full text of their pages, within the feed's timeout."""
        if not self.fulltext:
            return entries
        wanted = [i for i, e in enumerate(entries) if e.link_is_id and needs_fulltext(e.text, forced=feed.fulltext)]
        if len(wanted) > MAX_FULLTEXT:
            result.warnings.append(
                f"full text: {len(wanted) - MAX_FULLTEXT} pages left as teasers (limit {MAX_FULLTEXT} per run)"
            )
            wanted = wanted[:MAX_FULLTEXT]
        if not wanted:
            return entries
        tasks = {
            asyncio.create_task(fetch_fulltext(self.fetcher, entries[i].link, timeout=feed.timeout)): i for i in wanted
        }
        done, pending = await asyncio.wait(tasks, timeout=feed.timeout)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
            result.warnings.append(f"full text: {len(pending)} pages not fetched within {feed.timeout:g} s")
        completed = list(entries)
        for task in done:
            entry = entries[tasks[task]]
            error = task.exception()
            if isinstance(error, FetchError):
                result.warnings.append(f"full text of {entry.link}: {error.reason}")
                continue
            if error is not None:
                raise error
            page = task.result()
            if page is not None and len(page.text) > len(entry.text):
                completed[tasks[task]] = entry.with_text(page.text, page.date)
        return completed
