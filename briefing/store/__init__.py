"""The store: articles, analyses, briefings, runs and deliveries in SQLite or PostgreSQL."""

from briefing.store.db import Run, Store, make_engine, migrate
from briefing.store.tables import analyses, article_sources, articles, briefings, deliveries, feeds, runs

__all__ = [
    "Run",
    "Store",
    "make_engine",
    "migrate",
    "analyses",
    "article_sources",
    "articles",
    "briefings",
    "deliveries",
    "feeds",
    "runs",
]
