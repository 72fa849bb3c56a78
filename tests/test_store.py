"""The store on SQLite and on the real PostgreSQL server: same code, same behaviour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from briefing.errors import StoreError
from briefing.sources import make_article
from briefing.store import Store


@pytest.fixture
def store(any_store):
    return any_store


def article(title: str = "Talks resume in Muscat", text: str = "Ministers met on Thursday.", **kw):
    return make_article(title=title, text=text, source=kw.pop("source", "Example Wire"), language="en", **kw)


def test_same_content_is_stored_once_with_every_source(store: Store) -> None:
    first = article(url="https://a.example/1")
    assert store.save_article(first) == ("new", first.id)
    again = article(source="Other Outlet", url="https://b.example/9")
    assert store.save_article(again) == ("duplicate", first.id)
    assert store.count_articles() == 1
    assert store.sources_of([first.id])[first.id] == [
        ("Example Wire", "https://a.example/1"),
        ("Other Outlet", "https://b.example/9"),
    ]


def test_changed_text_at_same_canonical_url_updates_in_place(store: Store) -> None:
    first = article()
    store.save_article(first, canonical_url="https://a.example/story")
    fixed = article(text="Ministers met on Thursday and agreed a fund.")
    assert store.save_article(fixed, canonical_url="https://a.example/story") == ("updated", first.id)
    stored = store.get_article(first.id)
    assert stored.text == "Ministers met on Thursday and agreed a fund." and store.count_articles() == 1


def test_window_uses_published_time_or_collection_time(store: Store) -> None:
    day = datetime(2026, 11, 27, 12, tzinfo=UTC)
    dated = article(title="Dated", published=day)
    undated = article(title="Undated", collected=day + timedelta(hours=1))
    old = article(title="Old", published=day - timedelta(days=3))
    for a in (dated, undated, old):
        store.save_article(a)
    found = store.articles_between(day - timedelta(hours=12), day + timedelta(hours=12))
    assert [a.title for a in found] == ["Dated", "Undated"]
    assert found[0].published == day and found[0].published.tzinfo is not None


def test_window_in_another_timezone_is_the_same_instants(store: Store) -> None:
    """A Baghdad day is 21:00-21:00 UTC. SQLite compares stored times as text, so a window
    given in +03:00 was read three hours off: between 21:00 and midnight UTC the day's
    briefing found nothing (and stories from the previous evening leaked in)."""
    baghdad = ZoneInfo("Asia/Baghdad")
    start = datetime(2026, 12, 3, tzinfo=baghdad)  # 2026-12-02 21:00 UTC
    end = start + timedelta(days=1)
    late = article(title="Late evening in UTC", published=datetime(2026, 12, 2, 22, 30, tzinfo=UTC))
    before = article(title="Before the Baghdad day", published=datetime(2026, 12, 2, 20, 30, tzinfo=UTC))
    undated = article(title="Undated", collected=datetime(2026, 12, 2, 21, 30, tzinfo=UTC))
    for a in (late, before, undated):
        store.save_article(a)
    assert [a.title for a in store.articles_between(start, end)] == ["Undated", "Late evening in UTC"]
    assert store.articles_between(start.astimezone(UTC), end.astimezone(UTC)) == store.articles_between(start, end)


def test_run_ledger_records_success_and_failure(store: Store) -> None:
    with store.run("collect", "daily") as run:
        run.counts["new"] = 3
    with pytest.raises(RuntimeError):
        with store.run("build", "daily"):
            raise RuntimeError("renderer exploded")
    latest, first = store.runs(job="daily")
    assert (first["kind"], first["status"], first["counts"]) == ("collect", "ok", {"new": 3})
    assert latest["status"] == "failed" and latest["error"] == "RuntimeError: renderer exploded"
    assert latest["finished"] >= latest["started"]


def test_analysis_cache_and_feed_state(store: Store) -> None:
    assert store.get_analysis("abc", "1") is None
    store.put_analysis("abc", "1", {"key_points": ["نص"]})
    store.put_analysis("abc", "1", {"key_points": ["ignored second write"]})
    assert store.get_analysis("abc", "1") == {"key_points": ["نص"]}

    store.save_feed_state(
        "https://e.org/f", etag='"v1"', last_modified="Wed, 01 Jan 2026 00:00:00 GMT", status_code=200, error=None
    )
    store.save_feed_state("https://e.org/f", etag=None, last_modified=None, status_code=None, error="timeout")
    state = store.feed_state("https://e.org/f")
    assert state["etag"] == '"v1"' and state["failures"] == 1 and state["error"] == "timeout"


def test_briefings_and_deliveries_are_one_per_job_and_day(store: Store) -> None:
    day = date(2026, 11, 28)
    store.record_briefing(
        "daily", day, paths={"pdf": "a.pdf"}, stats={"stories": 1}, article_ids=["x"], story_keys=["k"]
    )
    store.record_briefing(
        "daily", day, paths={"pdf": "b.pdf"}, stats={"stories": 2}, article_ids=["x"], story_keys=["k"]
    )
    store.record_briefing("daily", day - timedelta(days=1), paths={}, stats={}, article_ids=[], story_keys=["old"])
    assert store.briefing("daily", day)["paths"] == {"pdf": "b.pdf"}
    assert store.previous_briefing("daily", day)["story_keys"] == ["old"]
    assert len(store.list_briefings("daily")) == 2

    store.record_delivery(
        "daily", day, status="failed", message_id=None, recipients=["a@e.org"], attempts=3, error="down"
    )
    store.record_delivery(
        "daily", day, status="sent", message_id="<m@e.org>", recipients=["a@e.org"], attempts=1, error=None
    )
    assert store.delivery("daily", day)["status"] == "sent"


def test_migrations_are_idempotent_and_sqlite_uses_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/twice.db"
    Store.open(url).close()
    with Store.open(url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() is not None


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})


def test_concurrent_first_opens_do_not_race(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path}/fresh.db"
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: Store.open(url), range(4)))
    for opened in stores:
        assert opened.count_articles() == 0
        opened.close()


def test_earlier_version_arriving_again_is_a_duplicate_not_a_crash(store: Store) -> None:
    dated = datetime(2026, 11, 27, 9, tzinfo=UTC)
    first = article(url="https://a.example/1", published=dated)
    store.save_article(first, canonical_url="https://a.example/1")
    corrected = article(text="Ministers met on Thursday; talks resume Monday.", url="https://a.example/1")
    assert store.save_article(corrected, canonical_url="https://a.example/1") == ("updated", first.id)
    # The correction carried no date: the known one is kept.
    assert store.get_article(first.id).published == dated
    # The first wording comes back at another URL (a mirror): stored once, source recorded.
    mirror = article(source="Mirror", url="https://mirror.example/x")
    assert store.save_article(mirror, canonical_url="https://mirror.example/x") == ("duplicate", first.id)
    assert store.count_articles() == 1
    assert [s for s, _ in store.sources_of([first.id])[first.id]] == ["Example Wire", "Mirror"]


def test_articles_between_takes_bounds_in_any_timezone(any_store) -> None:
    """A job's day window is in its timezone; SQLite stores UTC without an offset, so the
    bounds must be compared in UTC (a Baghdad day starts at 21:00 UTC the day before)."""
    from zoneinfo import ZoneInfo

    from briefing.models import Article

    collected = datetime(2026, 12, 2, 21, 30, tzinfo=UTC)  # 00:30 on 3 December in Baghdad
    any_store.save_article(
        Article(
            id="b" * 16,
            url=None,
            source="s",
            title="t",
            text="x",
            language="en",
            published=None,
            collected=collected,
            content_hash="b" * 64,
        )
    )
    start = datetime(2026, 12, 3, tzinfo=ZoneInfo("Asia/Baghdad"))
    assert [a.id for a in any_store.articles_between(start, start + timedelta(days=1))] == ["b" * 16]
    assert any_store.articles_between(start - timedelta(days=1), start) == []
