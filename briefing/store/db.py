"""The store: articles, analyses, the run ledger, feed state, briefings, deliveries.

SQLAlchemy 2.x Core, one code path for SQLite (the default, in WAL mode) and
PostgreSQL. The schema is owned by Alembic migrations (`briefing/migrations`); the
tables in `store.tables` mirror the latest revision for queries. Times are stored in UTC.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from briefing.errors import StoreError
from briefing.models import Article
from briefing.store.batch import ArticleBatch, chunks
from briefing.store.tables import (
    analyses,
    article_sources,
    articles,
    briefings,
    deliveries,
    feeds,
    now,
    row_to_article,
    runs,
    utc,
)

log = logging.getLogger(__name__)


def _as_utc(value: datetime) -> datetime:
    """Times are stored in UTC, and SQLite compares them as text, offset ignored: a bound
    time must be in UTC too (a window in Asia/Baghdad was three hours off)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26  # SQLite's primary result codes for a damaged or foreign file


def _damaged_sqlite(context: Any) -> None:
    """handle_error hook: a damaged or foreign SQLite file becomes one StoreError that
    names the file and says what to do, instead of a raw SQL error at whatever query met it."""
    code = getattr(context.original_exception, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return
    path = context.engine.url.database if context.engine is not None else "the SQLite database"
    raise StoreError(
        f"{path}: the database is damaged or is not a SQLite database ({context.original_exception})",
        hint=f"stop briefing, move the file away (and {Path(path).name}-wal, {Path(path).name}-shm if present), "
        "then restore it from a backup or let the next run start an empty one; the archived "
        "briefings under output_dir are plain files and are not affected",
    ) from None


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(url, future=True, pool_pre_ping=True, **options)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "handle_error", _damaged_sqlite)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (a no-op when current)."""
    with _migrate_lock(engine):
        _upgrade(engine)


_MIGRATING = threading.Lock()


@contextmanager
def _migrate_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations: threads by a lock, processes by a file lock (SQLite) or an
    advisory lock (PostgreSQL), so two first opens of a new database don't race."""
    with _MIGRATING:
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            from filelock import FileLock

            with FileLock(f"{engine.url.database}.migrate.lock", timeout=60):
                yield
        elif engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT pg_advisory_lock(hashtext('briefing.migrate'))"))
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(hashtext('briefing.migrate'))"))
                    conn.commit()
        else:
            yield


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parents[1] / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


@dataclass
class Run:
    """A ledger entry being filled in by a collect, build or send."""

    id: int
    kind: str
    job: str | None
    counts: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"


class Store:
    """All database access goes through here."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, **engine_options: Any) -> Store:
        engine = make_engine(url, **engine_options)
        try:
            if upgrade:
                migrate(engine)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url!r}: {exc.orig}") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles ------------------------------------------------------------------

    def find_article(
        self, *, content_hash: str | None = None, canonical_url: str | None = None, guid: str | None = None
    ) -> Article | None:
        """The stored article with this content hash, canonical URL or GUID (first that matches)."""
        clauses = []
        if content_hash:
            clauses.append(articles.c.content_hash == content_hash)
        if canonical_url:
            clauses.append(articles.c.canonical_url == canonical_url)
        if guid:
            clauses.append(articles.c.guid == guid)
        if not clauses:
            return None
        with self.engine.connect() as conn:
            for clause in clauses:  # in order of trust: hash, then URL, then GUID
                row = conn.execute(sa.select(articles).where(clause).limit(1)).first()
                if row is not None:
                    return row_to_article(row)
        return None

    def save_article(
        self,
        article: Article,
        *,
        canonical_url: str | None = None,
        fingerprint: int | None = None,
        duplicate_of: str | None = None,
    ) -> tuple[str, str]:
        """Store an article once. Returns (outcome, stored id); outcome is new, duplicate or updated.

        Same content hash, or a near-duplicate named by `duplicate_of`: the source is
        recorded against the stored article. Same canonical URL or GUID with other
        content: the stored article is updated in place (a corrected story).
        """
        return self.save_articles([(article, canonical_url, fingerprint, duplicate_of)])[0]

    @contextmanager
    def article_batch(self, articles_: list[Article], canonical_urls: list[str | None]) -> Iterator[ArticleBatch]:
        """Save many articles in one transaction, by the same rules as `save_article`.

        Whatever stored article the batch could match (by hash, canonical URL or GUID)
        is looked up once; `batch.save()` then decides in memory, and everything is
        written when the block ends. A block that raises writes nothing.
        """
        with self.engine.begin() as conn:
            batch = ArticleBatch(conn, articles_, canonical_urls)
            yield batch
            batch.write()

    def save_articles(self, items: list[tuple[Article, str | None, int | None, str | None]]) -> list[tuple[str, str]]:
        """`save_article` for many (article, canonical_url, fingerprint, duplicate_of), in one transaction."""
        with self.article_batch([i[0] for i in items], [i[1] for i in items]) as batch:
            return [batch.save(a, canonical_url=u, fingerprint=f, duplicate_of=d) for a, u, f, d in items]

    def stored_canonical_urls(self, urls: list[str]) -> set[str]:
        """Which of these canonical URLs a stored article has."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(urls))):
                found.update(
                    conn.execute(
                        sa.select(articles.c.canonical_url).where(articles.c.canonical_url.in_(chunk))
                    ).scalars()
                )
        return found

    def sources_of(self, article_ids: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        """Every (source, url) that carried each article, in the order they were seen."""
        result: dict[str, list[tuple[str, str | None]]] = {i: [] for i in article_ids}
        if not article_ids:
            return result
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(article_sources)
                .where(article_sources.c.article_id.in_(article_ids))
                .order_by(article_sources.c.id)
            )
            for row in rows:
                result[row.article_id].append((row.source, row.url))
        return result

    def fingerprints_since(self, since: datetime) -> list[tuple[str, int]]:
        """(id, fingerprint) of articles collected since `since`, for near-duplicate checks."""
        since = _as_utc(since)
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.fingerprint).where(
                    articles.c.collected >= since, articles.c.fingerprint.is_not(None)
                )
            )
            return [(r.id, r.fingerprint) for r in rows]

    def articles_between(self, start: datetime, end: datetime) -> list[Article]:
        """Articles published in [start, end), or collected then when the date is unknown."""
        start, end = _as_utc(start), _as_utc(end)
        when = sa.func.coalesce(articles.c.published, articles.c.collected)
        query = sa.select(articles).where(when >= start, when < end).order_by(when, articles.c.id)
        with self.engine.connect() as conn:
            return [row_to_article(r) for r in conn.execute(query)]

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).first()
        return row_to_article(row) if row else None

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    # --- analyses (cached by content hash and analyser version) ----------------------

    def get_analysis(self, content_hash: str, version: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(analyses.c.data).where(analyses.c.content_hash == content_hash, analyses.c.version == version)
            ).first()
        return row.data if row else None

    def put_analysis(self, content_hash: str, version: str, data: dict) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    analyses.insert().values(content_hash=content_hash, version=version, data=data, created=now())
                )
        except IntegrityError:
            pass  # another process cached the same analysis first: same input, same result

    # --- the run ledger ----------------------------------------------------------------

    @contextmanager
    def run(self, kind: str, job: str | None) -> Iterator[Run]:
        """Record a run: started now, finished when the block ends, failed if it raises."""
        self.reap_runs()
        with self.engine.begin() as conn:
            run_id = conn.execute(
                runs.insert().values(
                    kind=kind,
                    job=job,
                    started=now(),
                    status="running",
                    counts={},
                    pid=os.getpid(),
                    host=socket.gethostname(),
                )
            ).inserted_primary_key[0]
        record = Run(id=run_id, kind=kind, job=job)
        try:
            yield record
        except BaseException as exc:
            self._finish(record, "failed", f"{type(exc).__name__}: {exc}")
            raise
        else:
            self._finish(record, record.status, None)

    def _finish(self, record: Run, status: str, error: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                runs.update()
                .where(runs.c.id == record.id)
                .values(finished=now(), status=status, counts=record.counts, error=error)
            )

    def reap_runs(self) -> int:
        """Mark `abandoned` the runs left `running` by a process of this host that is gone
        (killed or crashed); returns how many. Runs of other hosts are left as they are."""
        from briefing.process import process_gone

        host = socket.gethostname()
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(runs.c.id, runs.c.pid, runs.c.started).where(
                    runs.c.status == "running", runs.c.host == host, runs.c.pid.is_not(None)
                )
            ).all()
        gone = [r for r in rows if process_gone(r.pid, utc(r.started))]
        for row in gone:
            with self.engine.begin() as conn:
                conn.execute(
                    runs.update()
                    .where(runs.c.id == row.id, runs.c.status == "running")
                    .values(
                        status="abandoned",
                        finished=now(),
                        error=f"process {row.pid} on {host} ended without finishing (killed or crashed)",
                    )
                )
            log.warning("run %d of process %d marked abandoned: the process is gone", row.id, row.pid)
        return len(gone)

    def runs(self, *, job: str | None = None, kind: str | None = None, limit: int = 20) -> list[dict]:
        """Latest runs first (after marking the runs of vanished processes `abandoned`)."""
        self.reap_runs()
        query = sa.select(runs).order_by(runs.c.started.desc(), runs.c.id.desc()).limit(limit)
        if job is not None:
            query = query.where(runs.c.job == job)
        if kind is not None:
            query = query.where(runs.c.kind == kind)
        with self.engine.connect() as conn:
            return [
                {**row._asdict(), "started": utc(row.started), "finished": utc(row.finished)}
                for row in conn.execute(query)
            ]

    # --- feed state (conditional GET, failure counts) ---------------------------------

    def feed_state(self, url: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).first()
        return {**row._asdict(), "fetched": utc(row.fetched)} if row else None

    def save_feed_state(
        self, url: str, *, etag: str | None, last_modified: str | None, status_code: int | None, error: str | None
    ) -> None:
        """Remember validators of a successful fetch; count consecutive failures."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).first()
            values: dict[str, Any] = {"status_code": status_code, "error": error, "fetched": now()}
            if error is None:
                values.update(failures=0)
                if status_code != 304:
                    values.update(etag=etag, last_modified=last_modified)
            else:
                values.update(failures=(row.failures if row else 0) + 1)
            if row is None:
                conn.execute(feeds.insert().values(url=url, **values))
            else:
                conn.execute(feeds.update().where(feeds.c.url == url).values(**values))

    # --- briefings -----------------------------------------------------------------

    def record_briefing(
        self, job: str, day: date, *, paths: dict[str, str], stats: dict, article_ids: list[str], story_keys: list[str]
    ) -> None:
        """Record (or replace) the briefing of a job and day."""
        values = dict(created=now(), paths=paths, stats=stats, article_ids=article_ids, story_keys=story_keys)
        with self.engine.begin() as conn:
            updated = conn.execute(
                briefings.update().where(briefings.c.job == job, briefings.c.date == day).values(**values)
            ).rowcount
            if not updated:
                conn.execute(briefings.insert().values(job=job, date=day, **values))

    def briefing(self, job: str, day: date) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(briefings).where(briefings.c.job == job, briefings.c.date == day)).first()
        return row._asdict() if row else None

    def previous_briefing(self, job: str, before: date) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(briefings)
                .where(briefings.c.job == job, briefings.c.date < before)
                .order_by(briefings.c.date.desc())
                .limit(1)
            ).first()
        return row._asdict() if row else None

    def list_briefings(self, job: str | None = None) -> list[dict]:
        query = sa.select(briefings).order_by(briefings.c.date.desc(), briefings.c.job)
        if job is not None:
            query = query.where(briefings.c.job == job)
        with self.engine.connect() as conn:
            return [row._asdict() for row in conn.execute(query)]

    def delete_briefing(self, job: str, day: date) -> None:
        with self.engine.begin() as conn:
            conn.execute(briefings.delete().where(briefings.c.job == job, briefings.c.date == day))

    # --- deliveries (one per job and day) --------------------------------------------

    def delivery(self, job: str, day: date) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(deliveries).where(deliveries.c.job == job, deliveries.c.date == day)).first()
        return row._asdict() if row else None

    def record_delivery(
        self,
        job: str,
        day: date,
        *,
        status: str,
        message_id: str | None,
        recipients: list[str],
        attempts: int,
        error: str | None,
    ) -> None:
        values = dict(
            status=status, message_id=message_id, recipients=recipients, attempts=attempts, error=error, updated=now()
        )
        with self.engine.begin() as conn:
            updated = conn.execute(
                deliveries.update().where(deliveries.c.job == job, deliveries.c.date == day).values(**values)
            ).rowcount
            if not updated:
                conn.execute(deliveries.insert().values(job=job, date=day, **values))
