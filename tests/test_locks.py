"""Named locks: file locks for SQLite, advisory locks for PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from briefing.config import load_config
from briefing.errors import BuildLockedError
from briefing.locks import NamedLock, job_lock
from briefing.store import Store

from .conftest import PG_URL
from .smtpserver import write_config

HANG_GUARD = 60  # seconds; only bounds a broken lock, never reached when it works


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path: Path):
    """(store, settings) on SQLite or on a fresh PostgreSQL schema."""
    settings = load_config(write_config(tmp_path)).settings
    if request.param == "sqlite":
        store = Store.open(settings.storage.url)
    else:
        schema = request.getfixturevalue("pg_schema")
        store = Store.open(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    yield store, settings
    store.close()


def test_second_holder_is_refused_until_release(backend):
    store, settings = backend
    with job_lock(store, settings, "daily"):
        with pytest.raises(BuildLockedError, match="daily: another run holds the lock"):
            with job_lock(store, settings, "daily"):
                pass
        with job_lock(store, settings, "other"):  # other names are independent
            pass
        seen = []
        thread = threading.Thread(target=lambda: seen.append(NamedLock(store, settings, "daily").acquire(timeout=0)))
        thread.start()
        thread.join()
        assert seen == [False]
    with job_lock(store, settings, "daily") as lock:
        assert lock.held and lock.alive()
    assert not lock.held


def test_acquire_waits_for_a_release(backend):
    """The second holder gets the lock only after the first let it go: an order of events,
    not a measured time (the timeout is a hang guard)."""
    store, settings = backend
    first = NamedLock(store, settings, "daily.daily")
    assert first.acquire()
    events: list[str] = []
    waiting = threading.Event()

    def second_holder() -> None:
        second = NamedLock(store, settings, "daily.daily")
        assert not second.acquire(timeout=0)  # held: refused at once
        waiting.set()
        events.append("acquired" if second.acquire(timeout=HANG_GUARD, poll=0.05) else "gave up")
        second.release()

    thread = threading.Thread(target=second_holder)
    thread.start()
    assert waiting.wait(HANG_GUARD)
    events.append("released")
    first.release()
    thread.join(HANG_GUARD)
    assert events == ["released", "acquired"]


def test_sqlite_lock_file_and_release_when_the_holder_dies(tmp_path):
    settings = load_config(write_config(tmp_path)).settings
    store = Store.open(settings.storage.url)
    lock = NamedLock(store, settings, "daily.daily")
    assert lock.path == settings.output_dir / ".locks" / "daily.daily.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from filelock import FileLock\n"
                f"held = FileLock({str(lock.path)!r}); held.acquire(); print('held', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not lock.acquire(timeout=0)
    finally:
        holder.kill()  # no clean-up runs: the kernel drops the lock with the process
        holder.wait()
    assert lock.acquire(timeout=HANG_GUARD)
    lock.release()
    store.close()


def test_postgres_lock_is_per_schema_and_lost_with_its_connection(tmp_path, pg_schema, other_pg_schema):
    settings = load_config(write_config(tmp_path)).settings
    store = Store.open(PG_URL, connect_args={"options": f"-csearch_path={pg_schema}"})
    neighbour = Store.open(PG_URL, connect_args={"options": f"-csearch_path={other_pg_schema}"})
    try:
        lock = NamedLock(store, settings, "scheduler.daemon")
        assert lock.acquire()
        # another briefing database (schema) on the same server has its own lock
        assert NamedLock(neighbour, settings, "scheduler.daemon").acquire() is True
        assert not NamedLock(store, settings, "scheduler.daemon").acquire()
        pid = lock._conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        with neighbour.engine.connect() as admin:
            admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert lock.alive() is False and not lock.held  # the server dropped the lock with the session
        other = NamedLock(store, settings, "scheduler.daemon")
        assert other.acquire(timeout=HANG_GUARD)  # the server ends the session soon
        other.release()
    finally:
        store.close()
        neighbour.close()
