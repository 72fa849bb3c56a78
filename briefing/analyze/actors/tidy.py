"""Tidy people's names and roles before a reader sees them.

The tagger and the rules find spans; what a briefing prints must read right. Read from
one real day of Arabic news, these were wrong and are what this module undoes:
"بأن توريه" (a particle glued to the name), "الليبي خليفة حفتر" (a nationality before
the name), "محمد صلاح أم البلجيكي كيفن دي بروين" (two people joined by "or"), "آيفون X"
(a product in Latin letters tagged as a person); roles running on over another person
("رئيس الوزراء بنيامين نتنياهو الذي دان"), roles that are no title ("أمام منزل": "in
front of", which folds like "إمام"), and roles ending in a comma.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.analyze.actors import rules as rules
from briefing.analyze.ner import lexicon as lex

# Particles that open a clause, not a name ("بأن توريه"), as written with their hamza:
# "بان" without it is a name ("بان كي مون").
_LEADING_PARTICLES = {"بأن", "لأن", "بأنه", "لأنه", "إذ", "وبأن", "ولأن"}
# Words that join two people's names: "صلاح أم دي بروين", "زيدان أو ديشان".
_OR = {"ام", "او"}
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9\u0660-\u0669]")
_ROLE_TRAIL = " ،,:;-–—\"'«»“”()"
# A word ending in tanween ("شاباً", "a young man") is a common noun or adjective, and
# names do not start with a particle of kinship or the article's noun after a
# description ("المخضرم لوران كوسييلني": "the veteran").
_TANWEEN = ("\u064b", "\u064bا", "اً", "\u064c", "\u064d")
_KIN = {"بن", "ابن", "بنت", "ابو", "ام", "ال"}


def person_parts(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of an Arabic person span that name a person (possibly none): split at
    "أم"/"أو" and commas, without leading particles or nationality adjectives, and
    without parts in Latin letters or digits (an Arabic report writes names in Arabic)."""
    parts: list[tuple[int, int]] = []
    s = start
    for k in range(start, end + 1):
        if k == end or lex.fold(words[k]) in _OR or words[k] in {"،", ","}:
            parts.append((s, k))
            s = k + 1
    out = []
    for s, e in parts:
        while s < e and (
            words[s] in _LEADING_PARTICLES or _nationality_adjective(words[s]) or _descriptor_before_name(words, s, e)
        ):
            s += 1
        if (
            s < e
            and not any(_LATIN_OR_DIGIT.search(w) or w.endswith(_TANWEEN) for w in words[s:e])
            and not (e - s == 1 and (words[s].endswith(".") or len(lex.fold(words[s])) < 2))
        ):  # "دي."
            out.append((s, e))
    return out


def _nationality_adjective(word: str) -> bool:
    """ "الليبي", "البلجيكي": a definite nationality adjective (not a name's first word):
    a known one, or a nisba whose stem begins a known place ("بلجيك" of "بلجيكا")."""
    core = lex.strip_prefix(word)[1]
    if not core.startswith("ال"):
        return False
    if lex.nationality(word) is not None:
        return True
    stem = lex.strip_article(core)
    if not stem.endswith("ي") or len(stem) < 4:
        return False
    stem = stem[:-1]
    return any(place.startswith(stem) and len(place) - len(stem) <= 2 for place in _places_by_start().get(stem[:3], ()))


@lru_cache(maxsize=1)
def _places_by_start() -> dict[str, list[str]]:
    """Folded Arabic place names without the article, by their first three letters."""
    index: dict[str, list[str]] = {}
    for key, entry in lex.known_names().items():
        if entry.type == "place" and len(key) == 1 and lex.is_arabic(key[0]):
            name = lex.strip_article(key[0])
            index.setdefault(name[:3], []).append(name)
    return index


def _descriptor_before_name(words: list[str], s: int, e: int) -> bool:
    """ "الجريح عبد الفتاح الشريف", "المخضرم لوران كوسييلني": a definite word before a
    name of two words or more describes the person ("the wounded", "the veteran"); it is
    not part of the name. Not a given name ("الحسن واتارا"), nor before "بن"
    ("الوليد بن طلال"), nor before another definite word."""
    nxt = lex.fold(words[s + 1]) if s + 1 < e else ""
    return (
        e - s >= 3
        and lex.strip_prefix(words[s])[1].startswith("ال")
        and not lex.in_set(words[s], lex.first_names())
        and nxt not in _KIN
        and not lex.strip_prefix(words[s + 1])[1].startswith("ال")
    )


def is_title_word(word: str) -> bool:
    """Does an Arabic role start with this word? "أمام" ("in front of") folds like
    "إمام" (imam) and is not one."""
    if rules.in_front_of(word):
        return False
    return lex.in_set(word, lex.titles()) or lex.nationality(word) is not None


def role_start(words: list[str], start: int, end: int, people: set[int]) -> int | None:
    """Where the role words[start:end] (just before a person's name) really starts:
    after any other person named inside it, at a title; None if no title is left."""
    inside = [k for k in range(start, end) if k in people]
    if inside:
        start = inside[-1] + 1
    while start < end and not is_title_word(words[start]):
        start += 1
    return start if start < end else None


def clean_role(text: str) -> str | None:
    """A role as printed: no trailing comma or quote marks; None when nothing is left."""
    text = text.strip(_ROLE_TRAIL)
    return text or None
