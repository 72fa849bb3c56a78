"""The data model: plain frozen dataclasses passed between pipeline stages.

Offsets (`start`, `end`) are character offsets into `Article.text`, so every key
point, mention and quote can be traced back to its source. pydantic lives only at
the edges (config files, JSON in and out); inside the pipeline these are used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

ActorType = Literal["person", "organization", "group", "place"]
ACTOR_TYPES: tuple[str, ...] = ("person", "organization", "group", "place")


def content_hash(title: str, text: str) -> str:
    """Stable identity of an article's content (sha256 of title and text)."""
    digest = hashlib.sha256()
    digest.update(title.strip().encode("utf-8"))
    digest.update(b"\x00")
    digest.update(text.strip().encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Article:
    id: str  # stable id, derived from the content hash (first 16 hex digits)
    url: str | None
    source: str  # outlet or seed folder name
    title: str
    text: str  # body text, Unicode-normalised; offsets index this string
    language: str  # ISO 639-1 code ("ar", "en", ...) or "und"
    published: datetime | None  # timezone-aware (UTC) when known
    collected: datetime  # timezone-aware (UTC)
    content_hash: str
    category: str | None = None
    guid: str | None = None
    sources: tuple[str, ...] = ()  # every outlet that carried it (syndication)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class KeyPoint:
    sentence_index: int
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    name: str  # canonical name within the article
    type: str  # one of ACTOR_TYPES
    mentions: tuple[Mention, ...]
    role: str | None = None  # title or role the text gives ("وزير الخارجية", "Secretary of State")
    salience: float = 0.0
    affiliation: str | None = None  # nationality or organisation, where the text says


@dataclass(frozen=True)
class Quote:
    speaker: str | None  # canonical actor name, or None when unattributed
    text: str
    start: int
    end: int
    cue: str | None = None  # the attribution verb or phrase ("قال", "said")
    speaker_id: str | None = None  # the speaker's actor key (compose.actors.actor_key), None if described


@dataclass(frozen=True)
class Analysis:
    article_id: str
    language: str
    key_points: tuple[KeyPoint, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    language: str
    articles: tuple[Article, ...]
    key_points: tuple[tuple[str, KeyPoint], ...]  # (article id, key point), repeats removed
    actors: tuple[Actor, ...]
    sources: tuple[str, ...]
    score: float = 0.0
    section: str | None = None
    status: str = "new"  # "new" or "continuing" against the previous briefing
    quotes: tuple[tuple[str, Quote], ...] = ()  # (article id, quote), best first (compose.quotes)


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class Briefing:
    job: str
    title: str
    date: date
    timezone: str
    language: str
    sections: tuple[Section, ...]
    stats: dict = field(default_factory=dict)
