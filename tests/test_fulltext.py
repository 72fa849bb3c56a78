"""Full text for teasers: page extraction, date sanity, and fetching from a local server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.config import CollectConfig, FeedConfig, Settings
from briefing.sources.feeds import collect_feeds
from briefing.sources.fulltext import extract_html_article, page_date, sane_date
from briefing.store import Store
from tests.feedserver import FeedServer

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
BODY = (
    "<p>The national museum handed back forty clay tablets on Monday that were taken during the "
    "looting of an archaeological site two decades ago, officials said at a ceremony.</p>"
    "<p>The tablets, inscribed with cuneiform accounts of grain deliveries, were traced through "
    "auction records and returned after a two-year investigation by customs officers.</p>"
    "<p>Archaeologists said the collection would go on display next year, once conservators had "
    "cleaned and catalogued every piece, and that more objects were still being sought abroad.</p>"
)


def page(title: str, body: str = BODY, head: str = "", footer: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>{title} | Site</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>{footer}</footer><script>track()</script></body></html>"
    )


def test_extract_html_article_with_meta_date():
    html = page(
        "Museum returns tablets", head='<meta property="article:published_time" content="2024-03-01T08:00:00+00:00">'
    )
    title, text, date = extract_html_article(html, "https://museum.example/tablets")
    assert title == "Museum returns tablets"
    assert "forty clay tablets" in text and "track()" not in text and "Home" not in text
    assert text.count("\n\n") == 2  # paragraphs kept, blank-line separated
    assert date == datetime(2024, 3, 1, tzinfo=UTC)  # a first of the month, stated by the page


def test_copyright_year_is_not_a_date():
    """htmldate turns a footer's bare year into YYYY-01-01: that is no publication date."""
    title, text, date = extract_html_article(page("No date here", footer="© 2015 Example News"), None)
    assert text and date is None
    assert page_date("2015-01-01", "<footer>© 2015</footer>") is None
    assert page_date("2015-01-01", '<time datetime="2015-01-01">New Year</time>') is not None


def test_page_without_article_text():
    assert extract_html_article("<html><body></body></html>", None) == ("", "", None)


WRAPPED = (
    "The tremor was recorded in a small municipality in the Bekaa\nValley, officials said on Monday, "
    "adding that no injuries were reported and that engineers had checked the older houses.\n"
    "  Schools in the area stayed open, and the civil defence said it would publish\r\na report "
    "on the damage to roads and water pipes by the end of the week, once every village was visited."
)


@pytest.mark.parametrize(
    "body",
    [
        f"<div class='content'><div>{WRAPPED}</div><div>{WRAPPED.replace('tremor', 'quake')}</div></div>",
        f"<article><p>{WRAPPED}</p><p>{WRAPPED.replace('tremor', 'quake')}</p></article>",
        f"<article><p>The <span>tremor</span> {WRAPPED[11:]}</p><p>{WRAPPED.replace('tremor', 'quake')}</p></article>",
    ],
)
def test_hard_wraps_inside_a_paragraph_become_spaces(body):
    title, text, _ = extract_html_article(f"<html><body>{body}</body></html>")
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 2 and all("\n" not in p for p in paragraphs), text
    assert "in the Bekaa Valley, officials" in paragraphs[0]
    assert "would publish a report" in paragraphs[0] and "  " not in text


def test_same_page_extracted_again_keeps_its_text():
    """trafilatura's duplicate filter is process-wide: a page re-read must not come back empty."""
    html = page("Museum returns tablets")
    texts = {extract_html_article(html, None)[1] for _ in range(5)}
    assert len(texts) == 1 and "forty clay tablets" in texts.pop()


def test_sane_date_bounds():
    now = datetime(2024, 5, 14, 12, tzinfo=UTC)
    assert sane_date(datetime(1994, 12, 31, tzinfo=UTC), now=now) is None
    assert sane_date(now + timedelta(days=1), now=now) is None
    assert sane_date(now + timedelta(minutes=20), now=now) == now + timedelta(minutes=20)
    assert sane_date(datetime(2024, 5, 14, 9), now=now) == datetime(2024, 5, 14, 9, tzinfo=UTC)
    assert page_date("2030-06-06", "2030-06-06", now=now) is None
    assert page_date("not a date", "", now=now) is None


@pytest.fixture(autouse=True)
def _no_network(local_only):
    """Every test here runs with name lookups limited to the loopback (see conftest)."""


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/t.db") as opened:
        yield opened


def _collect(store, feeds):
    return collect_feeds(feeds, store=store, settings=Settings(), collect=CollectConfig(concurrency=4, per_host=4))


def test_teasers_are_completed_from_their_pages(store):
    with FeedServer() as server:
        feed = server.add(
            "/teasers.atom", (FIXTURES / "teasers.atom").read_bytes(), content_type="application/atom+xml"
        )
        server.add(
            "/pages/tablets.html",
            page("Museum returns looted tablets", footer="© 2015"),
            content_type="text/html; charset=utf-8",
        )
        library_body = BODY.replace("tablets", "books").replace("museum", "library")
        server.add(
            "/pages/library.html",
            page(
                "City opens new library",
                library_body,
                head='<meta property="article:published_time" content="2024-05-13T10:00:00Z">',
            ),
            content_type="text/html",
        )
        report = _collect(store, [FeedConfig(url=feed, timeout=20)])
        again = _collect(store, [FeedConfig(url=feed, timeout=20)])
        page_hits = len(server.hits("/pages/tablets.html"))

    assert report.failures == [] and report.new == 3
    assert any("gone.html: HTTP 404" in w for _, w in report.warnings)
    tablets = store.find_article(canonical_url=server.url("/pages/tablets.html"))
    assert "cuneiform accounts" in tablets.text and "Read more" not in tablets.text
    assert tablets.title == "Museum returns looted tablets"
    assert tablets.published == datetime(2024, 5, 14, 9, tzinfo=UTC)  # the feed's date, not © 2015
    library = store.find_article(canonical_url=server.url("/pages/library.html"))
    assert "books" in library.text
    assert library.published == datetime(2024, 5, 13, tzinfo=UTC)  # feed has none: the page's day
    gone = store.find_article(canonical_url=server.url("/pages/gone.html"))
    assert gone.text == "This teaser's page no longer exists."  # the teaser is kept
    # The second run does not fetch stored pages again, nor downgrade them to teasers.
    assert (again.new, again.updated) == (0, 0) and page_hits == 1
    assert "cuneiform" in store.get_article(tablets.id).text


def test_fulltext_off_keeps_teasers_and_fetches_no_page(store):
    with FeedServer() as server:
        feed = server.add(
            "/teasers.atom", (FIXTURES / "teasers.atom").read_bytes(), content_type="application/atom+xml"
        )
        server.add("/pages/tablets.html", page("Museum returns looted tablets"), content_type="text/html")
        report = _collect(store, [FeedConfig(url=feed, timeout=20, fulltext=False)])
        assert server.hits("/pages/tablets.html") == []
    assert report.new == 3
    tablets = store.find_article(canonical_url=server.url("/pages/tablets.html"))
    assert "cuneiform accounts" not in tablets.text  # the teaser, as the feed gave it


def test_fulltext_pages_share_the_deadline(store):
    """A page that never answers costs the feed its timeout once, not once per page."""
    entries = "".join(
        f"<item><title>Item {i}</title><link>/slow/{i}</link><description>Teaser {i}.</description></item>"
        for i in range(6)
    )
    with FeedServer() as server:
        feed = server.add("/feed.xml", f"<rss version='2.0'><channel><title>S</title>{entries}</channel></rss>")
        for i in range(6):
            server.hang(f"/slow/{i}")
        report = _collect(store, [FeedConfig(url=feed, timeout=1)])
    assert report.new == 6 and report.feeds_ok == 1
    assert report.results[0].elapsed < 6  # six page timeouts one after another: the bug this guards
    assert any("not fetched within 1 s" in w for _, w in report.warnings)
