"""Feed collection against a real HTTP server on 127.0.0.1: good, slow and broken feeds."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser
import pytest
import sqlalchemy as sa

from briefing.config import CollectConfig, FeedConfig, Settings
from briefing.sources.dedup import canonical_url
from briefing.sources.feeds import collect_feeds
from briefing.store import Store, article_sources
from tests.feedserver import HANG_GUARD, FeedServer

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
SHARED_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "feeds"
SETTINGS = Settings(user_agent="briefing-tests/1.0 (+https://example.org/tests)")


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _no_network(local_only):
    """Every test here runs with name lookups limited to the loopback (see conftest)."""


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/t.db") as opened:
        yield opened


def collect(store, feeds, *, concurrency=8, per_host=8, progress=None, run=None, fulltext=True):
    # Tests whose entries link to hosts other than 127.0.0.1 pass fulltext=False: no network.
    return collect_feeds(
        feeds,
        store=store,
        settings=SETTINGS,
        progress=progress,
        run=run,
        fulltext=fulltext,
        collect=CollectConfig(concurrency=concurrency, per_host=per_host),
    )


def rss(title, items):
    """A small RSS 2.0 document from (title, link, guid, description, pubDate) tuples."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>']
    for item_title, link, guid, text, date in items:
        parts.append(
            f"<item><title>{item_title}</title><link>{link}</link><guid>{guid}</guid>"
            f"<description><![CDATA[{text}]]></description><pubDate>{date}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts)


def test_collects_feeds_and_sends_conditional_requests(server, store):
    en = server.add("/world.xml", (FIXTURES / "world-en.xml").read_bytes(), etag='"w1"')
    ar = server.add("/ar.xml", (FIXTURES / "iraq-ar.xml").read_bytes(), last_modified="Sun, 12 May 2024 10:00:00 GMT")
    seen = []
    feeds = [FeedConfig(url=en, name="Example World", exclude=["^sponsored"]), FeedConfig(url=ar)]
    report = collect(store, feeds, progress=lambda url, ok: seen.append((url, ok)))

    assert report.failures == [] and report.warnings == []
    assert (report.feeds_ok, report.new, report.skipped) == (2, 4, 1)
    assert sorted(seen) == sorted([(en, True), (ar, True)])
    assert server.hits("/world.xml")[0].headers["user-agent"] == SETTINGS.user_agent

    port = store.find_article(canonical_url="https://news.example/world/port-reopens")
    assert port is not None and port.source == "Example World" and port.language == "en"
    assert port.guid == "news-example-1001" and port.category == "Economy"
    assert port.published == datetime(2024, 5, 14, 8, 30, tzinfo=UTC)
    assert "tracking" not in port.text and "steal" not in port.text
    assert "fall back within a fortnight & shops" in port.text
    assert port.text.count("\n\n") == 2  # three paragraphs kept
    hospital = store.find_article(canonical_url="https://ar.news.example/health/basra-hospital")
    assert hospital.source == "أخبار المثال" and hospital.language == "ar"
    assert hospital.published == datetime(2024, 5, 12, 6, 0, tzinfo=UTC)

    again = collect(store, feeds)
    assert (again.new, again.updated, again.feeds_ok) == (0, 0, 2)
    assert all(r.not_modified for r in again.results)
    assert server.hits("/world.xml")[-1].headers.get("if-none-match") == '"w1"'
    assert server.hits("/ar.xml")[-1].headers.get("if-modified-since") == "Sun, 12 May 2024 10:00:00 GMT"
    assert [h.status for h in server.hits("/world.xml")] == [200, 304]
    assert [h.status for h in server.hits("/ar.xml")] == [200, 304]
    assert store.count_articles() == 4
    assert store.feed_state(en)["status_code"] == 304


def test_feed_without_validators_twice_stores_nothing_new(server, store):
    url = server.add("/plain.xml", (FIXTURES / "world-en.xml").read_bytes())
    first = collect(store, [FeedConfig(url=url)], fulltext=False)
    second = collect(store, [FeedConfig(url=url)], fulltext=False)
    assert first.new == 3
    assert (second.new, second.updated, second.duplicate) == (0, 0, 3)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_broken_servers_fail_fast_and_the_others_go_on(server, store):
    timeout = 1.5
    urls = {
        "good": server.add("/good.xml", (FIXTURES / "world-en.xml").read_bytes()),
        "hang": server.hang("/hang"),
        "trickle": server.trickle("/trickle"),
        "404": server.url("/missing.xml"),
        "loop": server.redirect("/loop-a", "/loop-b"),
        "huge": server.huge("/huge", 50 * 1024 * 1024),
        "huge-chunked": server.huge("/huge-undeclared", 50 * 1024 * 1024, declare_length=False),
        "malformed": server.add("/malformed.xml", (FIXTURES / "malformed.xml").read_bytes()),
        "encoding": server.add(
            "/encoding.xml",
            (FIXTURES / "wrong-encoding.xml").read_bytes(),
            content_type="application/rss+xml; charset=utf-8",
        ),
        "html": server.add("/page.html", "<html><body><p>Not a feed</p></body></html>", content_type="text/html"),
        "refused": f"http://127.0.0.1:{_closed_port()}/feed.xml",
    }
    server.redirect("/loop-b", "/loop-a")
    # Only "hang" and "trickle" need the deadline to end; the others end on their own (the
    # huge ones at the size cap, which a loaded machine may take longer than 1.5 s to reach).
    feeds = [
        FeedConfig(url=url, timeout=timeout if name in ("hang", "trickle") else HANG_GUARD)
        for name, url in urls.items()
    ]
    seen = []
    started = time.monotonic()
    with store.run("collect", "test") as run:
        report = collect(store, feeds, progress=lambda url, ok: seen.append(url), run=run, fulltext=False)
    elapsed = time.monotonic() - started

    # "hang" and "trickle" never end on their own: only each fetch's total deadline lets
    # collect return at all. The bound is a hang guard, not a speed test (a loaded machine
    # is slower, it must not fail this).
    assert elapsed < HANG_GUARD, f"collect took {elapsed:.1f} s"
    assert sorted(seen) == sorted(urls.values())
    reasons = dict(report.failures)
    assert set(reasons) == {
        urls[k] for k in ("hang", "trickle", "404", "loop", "huge", "huge-chunked", "html", "refused")
    }
    assert "timed out" in reasons[urls["hang"]]
    assert "timed out" in reasons[urls["trickle"]]
    assert reasons[urls["404"]] == "HTTP 404 Not Found"
    assert "too many redirects" in reasons[urls["loop"]]
    assert "too large" in reasons[urls["huge"]] and "declared" in reasons[urls["huge"]]
    assert "too large" in reasons[urls["huge-chunked"]]
    assert "not a feed" in reasons[urls["html"]]
    assert "cannot connect" in reasons[urls["refused"]]

    warnings = dict(report.warnings)
    assert "malformed feed, 2 entries kept" in warnings[urls["malformed"]]
    assert "declared as utf-8" in warnings[urls["encoding"]]
    assert store.find_article(canonical_url="https://broken.example/second") is not None
    cafe = store.find_article(canonical_url="https://cafe.example/tax")
    assert cafe.title == "Café owners protest new tax" and "Ça suffit" in cafe.text
    assert report.new == 3 + 2 + 1

    assert store.feed_state(urls["404"])["error"] == "HTTP 404 Not Found"
    assert store.feed_state(urls["404"])["status_code"] == 404
    assert store.feed_state(urls["hang"])["failures"] == 1
    assert run.counts["feeds_failed"] == 8
    assert {e["url"] for e in run.counts["feed_errors"]} == set(reasons)
    assert store.runs(kind="collect")[0]["counts"]["new"] == 6


def test_retries_5xx_and_honours_retry_after(server, store):
    flaky = server.add("/flaky.xml", (FIXTURES / "world-en.xml").read_bytes(), fail_first=2)
    polite = server.add(
        "/polite.xml",
        (FIXTURES / "iraq-ar.xml").read_bytes(),
        fail_first=1,
        fail_status=429,
        headers={"Retry-After": "1"},
    )
    rude = server.add("/rude.xml", b"", fail_first=5, fail_status=429, headers={"Retry-After": "3600"})
    down = server.add("/down.xml", b"", fail_first=10, fail_status=500)
    started = time.monotonic()
    report = collect(store, [FeedConfig(url=u, timeout=30) for u in (flaky, polite, rude, down)], fulltext=False)
    assert time.monotonic() - started < HANG_GUARD  # far below Retry-After 3600: not waited for
    reasons = dict(report.failures)
    assert set(reasons) == {rude, down}
    assert "Retry-After 3600 s" in reasons[rude]
    assert reasons[down] == "HTTP 500 (after 3 tries)"
    assert len(server.hits("/flaky.xml")) == 3 and len(server.hits("/down.xml")) == 3
    gap = server.hits("/polite.xml")
    assert len(gap) == 2 and report.new == 5


def test_same_article_in_two_feeds_is_stored_once_with_both_sources(server, store):
    from tests.test_dedup import RATES_A, RATES_A_EDITED, RATES_B

    date = "Thu, 02 May 2024 09:00:00 +0000"
    wire = server.add(
        "/wire.xml",
        rss(
            "Wire",
            [
                ("Central bank raises rates", "https://wire.example/rates", "w1", RATES_A, date),
            ],
        ),
    )
    daily = server.add(
        "/daily.xml",
        rss(
            "Daily",
            [
                ("Central bank raises rates", "https://daily.example/rates?utm_source=wire", "d1", RATES_A, date),
                ("Rates up again", "https://daily.example/analysis", "d2", RATES_B, date),
            ],
        ),
    )
    herald = server.add(
        "/herald.xml",
        rss(
            "Herald",
            [
                ("Central bank raises key rate", "https://herald.example/rates", "h1", RATES_A_EDITED, date),
            ],
        ),
    )
    report = collect(store, [FeedConfig(url=u) for u in (wire, daily, herald)], concurrency=3)
    assert (report.new, report.duplicate) == (2, 2)
    stored = [
        store.find_article(canonical_url=f"https://{host}/rates")
        for host in ("wire.example", "daily.example", "herald.example")
    ]
    stored = next(a for a in stored if a is not None)  # whichever feed answered first
    sources = {source for source, _ in store.sources_of([stored.id])[stored.id]}
    assert sources == {"Wire", "Daily", "Herald"}
    assert store.count_articles() == 2


def test_filters_dates_and_fallbacks(server, store):
    now = datetime.now(UTC)
    future = format_datetime(now + timedelta(days=2))
    ancient = "Mon, 01 Jan 1990 00:00:00 +0000"
    body = "Officials said the new bridge will carry trains and cars across the river from next spring."
    url = server.add(
        "/mixed.xml",
        rss(
            "",
            [
                ("Bridge opens", "https://m.example/bridge", "m1", body, future),
                ("Bridge delayed", "https://m.example/delay", "m2", body.replace("next", "the following"), ancient),
                ("Football results", "https://m.example/sport", "m3", "The home team won two to one.", ancient),
            ],
        ),
    )
    report = collect(store, [FeedConfig(url=url, include=["BRIDGE"], category="local", language="en")], fulltext=False)
    assert (report.new, report.skipped) == (2, 1)
    opened = store.find_article(canonical_url="https://m.example/bridge")
    delayed = store.find_article(canonical_url="https://m.example/delay")
    assert opened.published is None and delayed.published is None  # implausible dates dropped
    assert opened.source == "127.0.0.1"  # no name, no feed title: the host
    assert opened.category == "local" and opened.language == "en"


def _content_type(path: Path) -> str:
    return {".json": "application/feed+json", ".atom": "application/atom+xml", ".rss": "application/rss+xml"}.get(
        path.suffix, "application/xml"
    )


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_FEEDS.is_dir(), reason="shared real-world feeds not present")
def test_real_world_feeds(server, store):
    files = sorted(p for p in SHARED_FEEDS.iterdir() if p.is_file() and not p.name.startswith("LICENSE"))
    feeds = [
        FeedConfig(
            url=server.add(f"/{p.name}", p.read_bytes(), content_type=_content_type(p), etag=f'"{p.stat().st_size}"'),
            timeout=HANG_GUARD,
        )
        for p in files
    ]
    started = time.monotonic()
    report = collect(store, feeds, fulltext=False)
    assert time.monotonic() - started < 2 * HANG_GUARD  # a hang guard, not a speed test

    for result in report.results:
        # Every entry is accounted for: stored, recorded as a copy, or skipped as empty.
        assert result.new + result.duplicate + result.updated + result.skipped == result.entries, result
    # feedparser as the oracle; it need not clean the HTML to count entries (a third faster)
    parsable = {
        p.name
        for p in files
        if feedparser.parse(p.read_bytes(), sanitize_html=False, resolve_relative_uris=False).entries
        or p.suffix == ".json"
    }
    for result in report.results:
        name = result.url.rsplit("/", 1)[-1]
        if name in parsable:
            assert result.ok and result.entries > 0, result
    assert report.new > 400 and report.new == store.count_articles()
    assert "malformed feed, no entries" in dict(report.failures)[server.url("/feed-rs__rss2__rss_2.0_invalid_1.xml")]

    # Each stored entry link is known to the store, as an article or as another source of one.
    with store.engine.connect() as conn:
        urls = {canonical_url(u) for (u,) in conn.execute(sa.select(article_sources.c.url))}
    guardian = feedparser.parse((SHARED_FEEDS / "rss-parser__input__guardian.rss").read_bytes())
    assert {canonical_url(e.link) for e in guardian.entries} <= urls

    # A podcast feed that links every episode to its home page: no episode is lost.
    podcast = next(r for r in report.results if r.url.endswith("itunes-missing-image.rss"))
    episodes = feedparser.parse((SHARED_FEEDS / "rss-parser__input__itunes-missing-image.rss").read_bytes())
    assert podcast.new + podcast.duplicate == len({e.id for e in episodes.entries})

    again = collect(store, feeds, fulltext=False)
    assert again.new == 0 and again.updated == 0
    assert all(r.not_modified for r in again.results if r.ok)
