"""Saving many articles in one transaction, by the same rules as one at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from briefing.models import Article
from briefing.store.tables import article_sources, articles, now, row_to_article

_IN_CHUNK = 500  # values per IN (...): well under every database's parameter limit


def chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]


class ArticleBatch:
    """An in-memory view of the stored articles a batch can touch, and its pending writes.

    `save()` follows `Store.save_article` step by step, against what is stored plus
    what the batch has saved so far, so the outcomes are those of saving one by one.
    """

    def __init__(self, conn: sa.Connection, batch: list[Article], canonical_urls: list[str | None]):
        self.conn = conn
        self.by_hash: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self.by_guid: dict[tuple[str, str], str] = {}
        self.ids: set[str] = set()  # ids stored or about to be
        self.new: dict[str, dict[str, Any]] = {}  # id -> row to insert
        self.changes: list[tuple[str, dict[str, Any]]] = []  # updates of stored rows, in order
        self.changed: dict[str, dict[str, Any]] = {}  # id -> latest values set by those updates
        self.sources: dict[str, set[str]] = {}  # id -> sources recorded, for ids looked up
        self.new_sources: list[dict[str, Any]] = []
        self._preload(batch, canonical_urls)

    def _preload(self, batch: list[Article], canonical_urls: list[str | None]) -> None:
        urls = {u for u in canonical_urls if u}
        guids = {(a.guid, a.source) for a in batch if a.guid}
        cols = (articles.c.id, articles.c.content_hash, articles.c.canonical_url, articles.c.guid, articles.c.source)
        rows = []
        for column, values in (
            (articles.c.content_hash, {a.content_hash for a in batch}),
            (articles.c.canonical_url, urls),
            (articles.c.guid, {g for g, _ in guids}),
            (articles.c.id, {a.id for a in batch}),
        ):
            for chunk in chunks(sorted(values)):
                rows += self.conn.execute(sa.select(*cols).where(column.in_(chunk))).all()
        for row in rows:
            self.by_hash[row.content_hash] = row.id
            self.ids.add(row.id)
            if row.canonical_url in urls:
                self.by_url.setdefault(row.canonical_url, row.id)  # the first match, as .first() gives
            if (row.guid, row.source) in guids:
                self.by_guid.setdefault((row.guid, row.source), row.id)
        ids = sorted({row.id for row in rows})
        self.sources.update((i, set()) for i in ids)
        for chunk in chunks(ids):
            for article_id, source in self.conn.execute(
                sa.select(article_sources.c.article_id, article_sources.c.source).where(
                    article_sources.c.article_id.in_(chunk)
                )
            ):
                self.sources[article_id].add(source)

    def save(
        self,
        article: Article,
        *,
        canonical_url: str | None = None,
        fingerprint: int | None = None,
        duplicate_of: str | None = None,
    ) -> tuple[str, str]:
        """What `Store.save_article` would return, recorded for writing at the end."""
        if duplicate_of is None:
            duplicate_of = self.by_hash.get(article.content_hash)
        if duplicate_of is None and article.id in self.ids and not self._matches_other(article, canonical_url):
            # The id comes from the first text an article had. Taken but not matched by
            # hash: this is an earlier version of a stored article that was updated since.
            duplicate_of = article.id
        if duplicate_of is not None:
            self._add_source(duplicate_of, article.source, article.url)
            return "duplicate", duplicate_of
        same = self.by_url.get(canonical_url) if canonical_url else None
        if same is None and article.guid:
            same = self.by_guid.get((article.guid, article.source))
        if same is not None:
            values = dict(
                content_hash=article.content_hash,
                title=article.title,
                text=article.text,
                language=article.language,
                updated=now(),
                fingerprint=fingerprint,
            )
            if article.published is not None:  # a correction without a date keeps the known one
                values["published"] = article.published
            # The row's old hash no longer matches copies; its new one does.
            for digest in [d for d, owner in self.by_hash.items() if owner == same]:
                del self.by_hash[digest]
            self.by_hash[article.content_hash] = same
            if same in self.new:
                self.new[same].update(values)  # not written yet: the insert carries the update
            else:
                self.changes.append((same, values))
                self.changed[same] = values
            return "updated", same
        self.new[article.id] = dict(
            id=article.id,
            content_hash=article.content_hash,
            url=article.url,
            canonical_url=canonical_url,
            guid=article.guid,
            source=article.source,
            title=article.title,
            text=article.text,
            language=article.language,
            category=article.category,
            published=article.published,
            collected=article.collected,
            fingerprint=fingerprint,
            updated=None,
        )
        self.by_hash[article.content_hash] = article.id
        self.ids.add(article.id)
        if canonical_url:
            self.by_url.setdefault(canonical_url, article.id)
        if article.guid:
            self.by_guid.setdefault((article.guid, article.source), article.id)
        self.sources[article.id] = set()
        self._add_source(article.id, article.source, article.url)
        return "new", article.id

    def _matches_other(self, article: Article, canonical_url: str | None) -> bool:
        """Would the URL or GUID rules send this article to a different stored one?"""
        same = self.by_url.get(canonical_url) if canonical_url else None
        if same is None and article.guid:
            same = self.by_guid.get((article.guid, article.source))
        return same is not None and same != article.id

    def _add_source(self, article_id: str, source: str, url: str | None) -> None:
        if article_id not in self.sources:
            self.sources[article_id] = set(
                self.conn.execute(
                    sa.select(article_sources.c.source).where(article_sources.c.article_id == article_id)
                ).scalars()
            )
        if source not in self.sources[article_id]:
            self.sources[article_id].add(source)
            self.new_sources.append(dict(article_id=article_id, source=source, url=url, seen=now()))

    def get(self, article_id: str) -> Article | None:
        """The article as the batch has it now (saved, updated, or as stored)."""
        if article_id in self.new:
            return row_to_article(_Values(self.new[article_id]))
        row = self.conn.execute(sa.select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        values = {**row._asdict(), **self.changed.get(article_id, {})}
        return row_to_article(_Values(values))

    def write(self) -> None:
        """Updates first, in order, then inserts and sources: each step leaves hashes unique."""
        for article_id, values in self.changes:
            self.conn.execute(articles.update().where(articles.c.id == article_id).values(**values))
        if self.new:
            self.conn.execute(articles.insert(), list(self.new.values()))
        if self.new_sources:
            self.conn.execute(article_sources.insert(), self.new_sources)


class _Values:
    """Attribute access to a dict, for `row_to_article`."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)
