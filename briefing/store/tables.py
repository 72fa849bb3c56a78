"""The tables, as the latest Alembic revision leaves them (for queries, not for DDL),
and the conversions every query needs: UTC times and rows to Articles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from briefing.models import Article

metadata = sa.MetaData()
TZ = sa.DateTime(timezone=True)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text, index=True),
    sa.Column("guid", sa.Text, index=True),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("category", sa.String(200)),
    sa.Column("published", TZ, index=True),
    sa.Column("collected", TZ, nullable=False, index=True),
    sa.Column("updated", TZ),
    sa.Column("fingerprint", sa.BigInteger),
)
article_sources = sa.Table(
    "article_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("seen", TZ, nullable=False),
    sa.UniqueConstraint("article_id", "source", name="uq_article_source"),
)
analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("version", sa.String(40), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("created", TZ, nullable=False),
)
runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("job", sa.String(64), index=True),
    sa.Column("started", TZ, nullable=False, index=True),
    sa.Column("finished", TZ),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("counts", sa.JSON),
    sa.Column("error", sa.Text),
    sa.Column("pid", sa.Integer),  # who runs it, to tell a killed run from a live one
    sa.Column("host", sa.String(255)),
)
feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.String(2000), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("status_code", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Column("fetched", TZ),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
)
briefings = sa.Table(
    "briefings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("job", sa.String(64), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("created", TZ, nullable=False),
    sa.Column("paths", sa.JSON, nullable=False),
    sa.Column("stats", sa.JSON),
    sa.Column("article_ids", sa.JSON),
    sa.Column("story_keys", sa.JSON),
    sa.UniqueConstraint("job", "date", name="uq_briefing_job_date"),
)
deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("job", sa.String(64), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("message_id", sa.Text),
    sa.Column("recipients", sa.JSON),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.Text),
    sa.Column("updated", TZ, nullable=False),
    sa.UniqueConstraint("job", "date", name="uq_delivery_job_date"),
)
claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("job", sa.String(64), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("task_id", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claimed", TZ, nullable=False),
    sa.Column("finished", TZ),
    sa.Column("error", sa.Text),
    sa.UniqueConstraint("kind", "job", "date", name="uq_claim_kind_job_date"),
)
analysis_attempts = sa.Table(
    "analysis_attempts",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("version", sa.String(40), primary_key=True),
    sa.Column("article_id", sa.String(32), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("updated", TZ, nullable=False),
)
host_slots = sa.Table(
    "host_slots",
    metadata,
    sa.Column("host", sa.String(255), primary_key=True),
    sa.Column("slot", sa.Integer, primary_key=True),
    sa.Column("holder", sa.String(64)),
    sa.Column("expires", TZ),
)


def now() -> datetime:
    return datetime.now(UTC)


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored as UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def row_to_article(row: Any) -> Article:
    return Article(
        id=row.id,
        url=row.url,
        source=row.source,
        title=row.title,
        text=row.text,
        language=row.language,
        published=utc(row.published),
        collected=utc(row.collected),
        content_hash=row.content_hash,
        category=row.category,
        guid=row.guid,
    )
