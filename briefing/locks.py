"""Named locks shared by every process that uses the same database.

SQLite: an OS file lock (fcntl via `filelock`) on `output_dir/.locks/<key>.lock`.
The kernel drops it when the process dies, so a crash never leaves a stale lock.
PostgreSQL: a session-level `pg_try_advisory_lock` held on a dedicated connection;
the server drops it when that connection closes, so it also works across machines.

Keys in use (job names cannot contain ".", so these never collide):
  `<job>`            a build of the job        (pipeline.build, via `job_lock`)
  `<job>.daily`      a scheduled build-and-send (scheduler)
  `<job>.collect`    a scheduled collect        (scheduler)
  `<job>.send`       an email delivery          (deliver)
  `scheduler.daemon` the one daemon allowed to run the schedule (leader election)
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from .errors import BuildLockedError

if TYPE_CHECKING:
    from .config import Settings
    from .store import Store

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def advisory_key(namespace: str, key: str) -> int:
    """A stable signed 64-bit number for `key` (PostgreSQL advisory locks take a bigint)."""
    digest = hashlib.sha256(f"briefing:{namespace}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class NamedLock:
    """A non-reentrant, inter-process lock on one key. Not shared between threads."""

    def __init__(self, store: Store, settings: Settings, key: str):
        self.key = key
        self._engine = store.engine
        self._pg = store.engine.dialect.name == "postgresql"
        self._conn: sa.Connection | None = None
        self._file = None
        if not self._pg:
            from filelock import FileLock  # only SQLite needs it

            folder = Path(settings.output_dir) / ".locks"
            folder.mkdir(parents=True, exist_ok=True)
            self.path = folder / f"{_UNSAFE.sub('_', key)}.lock"
            # thread_local=False: the lock belongs to this object, whichever thread releases it
            self._file = FileLock(self.path, thread_local=False)

    @property
    def held(self) -> bool:
        return self._conn is not None if self._pg else bool(self._file and self._file.is_locked)

    def acquire(self, timeout: float = 0.0, poll: float = 0.1) -> bool:
        """Take the lock, waiting up to `timeout` seconds; False when someone else holds it."""
        if self._pg:
            deadline = time.monotonic() + timeout
            while True:
                if self._try_advisory():
                    return True
                if time.monotonic() >= deadline:
                    return False
                time.sleep(poll)
        from filelock import Timeout

        try:
            self._file.acquire(timeout=timeout, poll_interval=poll)
        except Timeout:
            return False
        return True

    def _try_advisory(self) -> bool:
        conn = self._engine.connect()
        try:
            # the schema is part of the key: two briefing databases may share a server
            schema = conn.execute(sa.text("SELECT current_schema()")).scalar_one()
            got = conn.execute(
                sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": advisory_key(schema or "", self.key)}
            ).scalar_one()
            conn.commit()  # session-level locks outlive the transaction; don't sit "idle in transaction"
        except BaseException:
            conn.invalidate()
            conn.close()
            raise
        if got:
            self._conn = conn
            self._schema = schema
            return True
        conn.close()
        return False

    def alive(self) -> bool:
        """True while the lock is still ours (the PostgreSQL connection can drop under us)."""
        if not self._pg:
            return self.held
        if self._conn is None:
            return False
        try:
            self._conn.execute(sa.text("SELECT 1")).scalar_one()
            self._conn.commit()
            return True
        except SQLAlchemyError:
            log.warning("lost the database connection holding lock %s", self.key)
            self._drop()
            return False

    def release(self) -> None:
        if not self._pg:
            if self._file is not None and self._file.is_locked:
                self._file.release()
            return
        if self._conn is None:
            return
        try:
            self._conn.execute(
                sa.text("SELECT pg_advisory_unlock(:k)"), {"k": advisory_key(self._schema or "", self.key)}
            )
            self._conn.commit()
            self._conn.close()
            self._conn = None
        except SQLAlchemyError:
            self._drop()  # closing the session releases the lock anyway

    def _drop(self) -> None:
        """Discard the connection for good: a pooled connection would keep the lock alive."""
        if self._conn is not None:
            self._conn.invalidate()
            self._conn.close()
            self._conn = None


@contextmanager
def job_lock(store: Store, settings: Settings, name: str, *, timeout: float = 0.0) -> Iterator[NamedLock]:
    """Hold the lock `name` for the block; raise BuildLockedError if another run holds it."""
    lock = NamedLock(store, settings, name)
    if not lock.acquire(timeout=timeout):
        raise BuildLockedError(
            f"{name}: another run holds the lock",
            hint="wait for it to finish; the lock goes when that process ends, even on a crash",
        )
    try:
        yield lock
    finally:
        lock.release()
