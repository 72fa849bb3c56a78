"""The article's actors by position, the speaker and quote records, and token slices."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.models import Actor
from briefing.text.tokenizer import Token, tokenize


@dataclass(frozen=True)
class Speaker:
    name: str
    actor: Actor | None = None  # None for a described speaker ("متحدث عسكري أميركي")


@dataclass
class Found:
    """A quote with its speaker, or with how to find it from the context."""

    start: int
    end: int
    cue: str
    cue_start: int
    clause_start: int
    speaker: Speaker | None = None
    context: str | None = None  # "subject": the clause's subject; "pronoun": an earlier actor
    feminine: bool = False


@dataclass(frozen=True)
class Ref:
    start: int
    end: int
    actor: Actor


class Refs(list):
    """Mentions of the article's actors sorted by start, looked up by position, and the
    article's tokens (`tokens`, the text layer's parse; `text` tokenized when not given)."""

    def __init__(self, actors: list[Actor], text: str = "", tokens: Sequence[Token] | None = None) -> None:
        self.text = text
        self.tokens = tokenize(text) if tokens is None else tokens
        self.token_starts = [t.start for t in self.tokens]
        super().__init__(sorted((Ref(m.start, m.end, a) for a in actors for m in a.mentions), key=lambda r: r.start))
        self.starts = [r.start for r in self]
        self.people = sorted((r for r in self if r.actor.type == "person"), key=lambda r: r.end)
        self.people_ends = [r.end for r in self.people]
        self.actors = actors

    def between(self, lo: int, hi: int) -> list[Ref]:
        """Mentions starting in [lo, hi)."""
        a = bisect.bisect_left(self.starts, lo)
        return self[a : bisect.bisect_left(self.starts, hi, a)]

    def last_person_before(self, pos: int) -> Ref | None:
        k = bisect.bisect_right(self.people_ends, pos)
        return self.people[k - 1] if k else None

    def last_before(self, pos: int, types: set[str]) -> Ref | None:
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0:
            if self[k].actor.type in types and self[k].end <= pos:
                return self[k]
            k -= 1
        return None

    def words(self, start: int, end: int) -> list[Token]:
        """Tokens of text[start:end], cut from the article's tokens (not tokenized again)."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end, lo)
        return [t for t in self.tokens[lo:hi] if t.end <= end]
