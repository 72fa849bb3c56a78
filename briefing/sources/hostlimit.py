"""At most `per_host` fetches from one host at a time: in this process, or across every
worker that shares the database (leases in the `host_slots` table, see store/work.py).

A shared lease names its holder and runs out after the fetch's own deadline plus a
margin, so a worker killed mid-fetch frees its slot without anyone's help.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

LEASE_MARGIN = 30.0  # seconds a lease outlives the fetch deadline
POLL = 0.2  # seconds between tries while every slot of a host is taken


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class LocalHostLimiter:
    """Per-host semaphores of this process (the single-machine default)."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, url: str, lease_seconds: float) -> AsyncIterator[None]:
        host = host_of(url)
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.per_host)
        async with self._hosts[host]:
            yield


class SharedHostLimiter:
    """Per-host slots leased in the store: the limit holds across processes and machines."""

    def __init__(self, store, per_host: int):
        from ..store import work

        self._work = work
        self.store = store
        self.per_host = per_host
        self.holder = f"{os.uname().nodename[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    @asynccontextmanager
    async def slot(self, url: str, lease_seconds: float) -> AsyncIterator[None]:
        host = host_of(url)
        lease = lease_seconds + LEASE_MARGIN
        while True:
            slot = await asyncio.to_thread(
                self._work.take_host_slot, self.store, host, self.per_host, self.holder, lease
            )
            if slot is not None:
                break
            await asyncio.sleep(POLL)
        try:
            yield
        finally:
            await asyncio.to_thread(self._work.release_host_slot, self.store, host, slot, self.holder)
