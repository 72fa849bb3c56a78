"""Bookkeeping for work spread over several processes or machines.

- Claims: one row per (kind, job, date), claimed in a transaction by the task that does
  the work. A second task for the same day (another scheduler, a duplicate message) finds
  the row and stands down; the same task delivered again (its worker died) carries on.
- Analysis attempts: how often an article's analysis was started, and why it failed.
  An article that fails every attempt (a "poison" article) is marked failed with its
  reason, and the day's briefing goes on without it.
- Host slots: leases on "one of N fetches from this host", shared by every worker.

Plain functions over a `Store`, so the distributed package and tests use them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from briefing.store.batch import chunks
from briefing.store.tables import analyses, analysis_attempts, claims, host_slots, now

# --- claims ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    granted: bool
    reason: str  # "new", "redelivered", "retaken", or why not: "done", "held by <task id>"


def claim(store, kind: str, job: str, day: date, task_id: str) -> Claim:
    """Claim (kind, job, day) for `task_id`: granted to the first task, to the same task
    again (a redelivery after its worker died), and over a claim that ended "failed"."""
    try:
        with store.engine.begin() as conn:
            conn.execute(
                claims.insert().values(kind=kind, job=job, date=day, task_id=task_id, status="running", claimed=now())
            )
        return Claim(True, "new")
    except IntegrityError:
        pass
    where = (claims.c.kind == kind, claims.c.job == job, claims.c.date == day)
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(claims).where(*where).with_for_update()).first()
        if row.status == "done":
            return Claim(False, "done")
        if row.task_id == task_id:
            return Claim(True, "redelivered")
        if row.status == "failed":
            conn.execute(
                claims.update().where(*where).values(task_id=task_id, status="running", claimed=now(), error=None)
            )
            return Claim(True, "retaken")
        return Claim(False, f"held by task {row.task_id}")


def finish_claim(store, kind: str, job: str, day: date, task_id: str, status: str, error: str | None = None) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            claims.update()
            .where(claims.c.kind == kind, claims.c.job == job, claims.c.date == day, claims.c.task_id == task_id)
            .values(status=status, finished=now(), error=error)
        )


def claims_of(store, *, status: str | None = None, limit: int = 50) -> list[dict]:
    query = sa.select(claims).order_by(claims.c.claimed.desc()).limit(limit)
    if status is not None:
        query = query.where(claims.c.status == status)
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


# --- analysis attempts -----------------------------------------------------------------


def start_attempt(store, content_hash: str, version: str, article_id: str) -> int:
    """Count one more start of this analysis; returns the count (1 the first time)."""
    key = (analysis_attempts.c.content_hash == content_hash, analysis_attempts.c.version == version)
    for _ in range(3):  # lose an insert race at most twice
        with store.engine.begin() as conn:
            row = conn.execute(sa.select(analysis_attempts.c.attempts).where(*key).with_for_update()).first()
            if row is not None:
                conn.execute(
                    analysis_attempts.update()
                    .where(*key)
                    .values(attempts=row.attempts + 1, status="running", updated=now())
                )
                return row.attempts + 1
        try:
            with store.engine.begin() as conn:
                conn.execute(
                    analysis_attempts.insert().values(
                        content_hash=content_hash,
                        version=version,
                        article_id=article_id,
                        attempts=1,
                        status="running",
                        updated=now(),
                    )
                )
            return 1
        except IntegrityError:
            continue
    raise RuntimeError(f"could not count the attempts of {content_hash}")


def end_attempt(store, content_hash: str, version: str, status: str, reason: str | None = None) -> None:
    """status: ok, error (will be retried) or failed (given up: the article is poison)."""
    with store.engine.begin() as conn:
        conn.execute(
            analysis_attempts.update()
            .where(analysis_attempts.c.content_hash == content_hash, analysis_attempts.c.version == version)
            .values(status=status, reason=reason, updated=now())
        )


def failed_analyses(store, content_hashes: list[str], version: str) -> dict[str, str]:
    """content hash -> reason, for those of `content_hashes` given up on."""
    return _with_status(store, content_hashes, version, "failed")


def refused_analyses(store, content_hashes: list[str], version: str) -> dict[str, str]:
    """content hash -> reason, for those a worker running other analysis code refused."""
    return _with_status(store, content_hashes, version, "refused")


def forget_refusals(store, content_hashes: list[str], version: str) -> None:
    """Drop the refusals of an earlier build: the workers may have been brought up to date."""
    with store.engine.begin() as conn:
        for chunk in chunks(sorted(set(content_hashes))):
            conn.execute(
                analysis_attempts.delete().where(
                    analysis_attempts.c.version == version,
                    analysis_attempts.c.status == "refused",
                    analysis_attempts.c.content_hash.in_(chunk),
                )
            )


def _with_status(store, content_hashes: list[str], version: str, status: str) -> dict[str, str]:
    found: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(set(content_hashes))):
            for row in conn.execute(
                sa.select(analysis_attempts.c.content_hash, analysis_attempts.c.reason).where(
                    analysis_attempts.c.version == version,
                    analysis_attempts.c.status == status,
                    analysis_attempts.c.content_hash.in_(chunk),
                )
            ):
                found[row.content_hash] = row.reason or status
    return found


def failures(store, limit: int = 50) -> list[dict]:
    """Articles whose analysis was given up on, latest first."""
    query = (
        sa.select(analysis_attempts)
        .where(analysis_attempts.c.status == "failed")
        .order_by(analysis_attempts.c.updated.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def stored_analyses(store, content_hashes: list[str], version: str) -> dict[str, dict]:
    """content hash -> cached analysis data, for those of `content_hashes` that have one."""
    found: dict[str, dict] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(set(content_hashes))):
            for row in conn.execute(
                sa.select(analyses.c.content_hash, analyses.c.data).where(
                    analyses.c.version == version, analyses.c.content_hash.in_(chunk)
                )
            ):
                found[row.content_hash] = row.data
    return found


# --- host slots ------------------------------------------------------------------------


def take_host_slot(store, host: str, slots: int, holder: str, lease_seconds: float) -> int | None:
    """Lease one of `slots` slots of `host` to `holder`; the slot number, or None if all are
    taken. A lease whose holder died runs out after `lease_seconds`."""
    expires = now() + timedelta(seconds=lease_seconds)
    with store.engine.begin() as conn:
        existing = set(conn.execute(sa.select(host_slots.c.slot).where(host_slots.c.host == host)).scalars())
        for slot in range(slots):
            if slot not in existing:
                try:
                    with conn.begin_nested():
                        conn.execute(host_slots.insert().values(host=host, slot=slot, holder=None, expires=None))
                except IntegrityError:
                    pass
        for slot in range(slots):
            taken = conn.execute(
                host_slots.update()
                .where(
                    host_slots.c.host == host,
                    host_slots.c.slot == slot,
                    sa.or_(host_slots.c.holder.is_(None), host_slots.c.expires < now()),
                )
                .values(holder=holder, expires=expires)
            ).rowcount
            if taken:
                return slot
    return None


def release_host_slot(store, host: str, slot: int, holder: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            host_slots.update()
            .where(host_slots.c.host == host, host_slots.c.slot == slot, host_slots.c.holder == holder)
            .values(holder=None, expires=None)
        )
