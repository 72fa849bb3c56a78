"""The per-host fetch limit shared by every worker: leases in PostgreSQL, taken by one
process and refused to another until released, or until the holder's lease runs out."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from briefing.sources.hostlimit import SharedHostLimiter
from briefing.store import Store, work

from .conftest import PG_URL

ROOT = Path(__file__).resolve().parents[1]

OTHER_PROCESS = """
import sys
from briefing.store import Store, work
store = Store.open(sys.argv[1], upgrade=False)
print(work.take_host_slot(store, "news.example.org", 1, "other-process", 60))
"""


def try_in_other_process(schema: str) -> str:
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, url], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_slot_held_by_one_process_is_refused_to_another_until_released(pg_schema):
    store = Store.open(PG_URL, connect_args={"options": f"-csearch_path={pg_schema}"})
    limiter = SharedHostLimiter(store, per_host=1)

    async def hold() -> str:
        async with limiter.slot("https://news.example.org/feed.xml", lease_seconds=60):
            return await asyncio.to_thread(try_in_other_process, pg_schema)

    assert asyncio.run(hold()) == "None"  # the only slot of the host is leased to us
    assert try_in_other_process(pg_schema) == "0"  # released on leaving the block: theirs now
    store.close()


def test_a_dead_holders_lease_runs_out_and_other_hosts_are_free(pg_schema):
    store = Store.open(PG_URL, connect_args={"options": f"-csearch_path={pg_schema}"})
    assert work.take_host_slot(store, "news.example.org", 2, "a", 60) == 0
    assert work.take_host_slot(store, "news.example.org", 2, "b", 60) == 1
    assert work.take_host_slot(store, "news.example.org", 2, "c", 60) is None
    assert work.take_host_slot(store, "other.example.org", 2, "c", 60) == 0  # per host
    # a holder that died keeps its lease only until it expires
    assert work.take_host_slot(store, "gone.example.org", 1, "dead", -1) == 0
    assert work.take_host_slot(store, "gone.example.org", 1, "alive", 60) == 0
    work.release_host_slot(store, "news.example.org", 0, "not-the-holder")  # only the holder releases
    assert work.take_host_slot(store, "news.example.org", 2, "c", 60) is None
    work.release_host_slot(store, "news.example.org", 0, "a")
    assert work.take_host_slot(store, "news.example.org", 2, "c", 60) == 0
    store.close()


def test_collect_in_celery_mode_fetches_under_shared_leases(pg_schema, local_only):
    import sqlalchemy as sa

    from briefing.config import CollectConfig, FeedConfig, Settings
    from briefing.sources.feeds import collect_feeds
    from briefing.store.tables import host_slots

    from .feedserver import FeedServer

    fixtures = Path(__file__).parent / "fixtures" / "feeds"
    settings = Settings(
        storage={"url": "postgresql://postgres@127.0.0.1:5432/test"},
        executor={"kind": "celery", "broker_url": "amqp://guest:guest@127.0.0.1:5672//"},
    )
    store = Store.open(PG_URL, connect_args={"options": f"-csearch_path={pg_schema}"})
    with FeedServer() as server:
        feeds = [
            FeedConfig(url=server.add(f"/{name}", (fixtures / name).read_bytes()))
            for name in ("world-en.xml", "iraq-ar.xml")
        ]
        report = collect_feeds(
            feeds, store=store, settings=settings, fulltext=False, collect=CollectConfig(concurrency=4, per_host=1)
        )
    assert report.feeds_ok == 2 and report.new > 0
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(host_slots)).all()
    assert [(r.host, r.slot, r.holder) for r in rows] == [("127.0.0.1", 0, None)]  # leased, then given back
    store.close()
