"""Candidate spans of one sentence and the choice among overlapping ones.

Arabic: the alias table, the CRF tagger's names, organisations owning the place after
them, and the group rules; English: the tagger's names, named by the alias table.
`resolve` keeps one span per word. Clitics and the key that joins a name's forms are
here too, as every later step compares names by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.analyze.actors import english as en
from briefing.analyze.actors import rules as rules
from briefing.analyze.actors import rules_en as rules_en
from briefing.analyze.ner import english as ner_en
from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner

_CRF_TYPES = {"PERS": "person", "ORG": "organization", "LOC": "place"}
_EN_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}  # MISC: no actor
# Indefinite heads that describe an organisation without being part of its name
# (ANERcorp's training part marks "شركة", "نادي", "حركة", "صحيفة" outside the name far
# more often than inside; "حزب", "مجلس", "منظمة", "جامعة" are inside).
_DESCRIPTOR_HEADS = frozenset(lex.fold(w) for w in "شركة نادي فريق حركة صحيفة جريدة مجلة".split())


def descriptor_head(word: str) -> bool:
    f = lex.fold(word)  # "فريق" is no "ف" + "ريق"
    return (
        f in _DESCRIPTOR_HEADS
        or lex.strip_prefix(word)[1] in _DESCRIPTOR_HEADS
        or (f[:1] in ("و", "ف") and f[1:] in _DESCRIPTOR_HEADS)
    )


_PRIORITY = {"known": 3, "rule": 2, "model": 1, "spread": 0}


@dataclass
class Span:
    """A candidate mention: global token indices [start, end) and its type."""

    start: int
    end: int
    type: str
    source: str
    entry: lex.Entry | None = None
    link: Span | None = None  # an acronym's full name: the same actor


_BEFORE_ARTICLE = re.compile("^([وف]?[بكل]?)ال")
_LIL = re.compile("^[وف]?لل")


@lru_cache(maxsize=100000)
def strip_clitics(word: str) -> tuple[str, str]:
    """(proclitics, rest) of a surface word: "وبلينكن" -> ("و", "بلينكن"),
    "للولايات" -> ("ل", "الولايات"), "واشنطن" -> ("", "واشنطن").

    Before the article ال the split is sure. Otherwise a letter is cut only when the rest
    is a known name, or is a more frequent word than the whole (word-class ranks)."""
    f = lex.fold(word)
    if not lex.is_arabic(f) or len(f) < 4:
        return "", word
    m = _BEFORE_ARTICLE.match(f)
    if m and m.group(1):
        return word[: len(m.group(1))], word[len(m.group(1)) :]
    if _LIL.match(f):
        n = 2 if f[0] in "وف" else 1
        return word[:n], "ال" + word[n + 1 :]
    table = ner.clusters()
    cut, rest = 0, f
    for letters in ("وف", "بكل"):
        if len(rest) <= 3 or rest[0] not in letters:
            continue
        part = rest[1:]
        whole_rank = table.get(rest, (None,))[-1]
        part_rank = table.get(part, (None,))[-1]
        if rest in lex.exact_words():
            break
        known = part in lex.exact_words()
        better = part_rank is not None and (whole_rank is None or part_rank < whole_rank)
        if not (known or better):
            break
        cut, rest = cut + 1, part
    return word[:cut], word[cut:]


@lru_cache(maxsize=100_000)
def name_key(word: str) -> str:
    """Key that joins the forms of one name: clitics cut, folded, no article."""
    return lex.strip_article(lex.fold(strip_clitics(word)[1]))


def find_spans(words: list[str], arabic: bool, labels: list[str]) -> list[Span]:
    """Candidate spans of one sentence (`labels`: the tagger's), before overlaps are
    resolved."""
    if not arabic:
        return _english_spans(words, labels)
    spans: list[Span] = []
    for s, e, entry in lex.match_known(words):
        if e - s > 1 or lex.article_fits(words[s]):  # "قاعدة" is not "القاعدة"
            spans.append(Span(s, e, entry.type, "known", entry))
    for s, e, t in ner.bio_spans(labels):
        if t in _CRF_TYPES:
            spans.append(Span(s, e, _CRF_TYPES[t], "model"))
    spans = _org_with_place(words, spans)
    entity = [False] * len(words)
    for sp in spans:
        for k in range(sp.start, sp.end):
            entity[k] = True
    for s, e, t in rules.arabic_groups(words, entity):
        spans.append(Span(s, e, t, "rule"))
    for sp in spans:  # "الكولونيل وين ماروتو": the title is a role, not the name
        while sp.type == "person" and sp.end - sp.start > 1 and lex.in_set(words[sp.start], lex.titles()):
            sp.start += 1
    return spans


def _english_spans(words: list[str], labels: list[str]) -> list[Span]:
    """The English tagger's names. The alias table gives a name it found exactly its
    entry (so "Fed" is the Federal Reserve), and adds a capitalised known name where the
    tagger found nothing; it never cuts into or overrides what the tagger found."""
    found = rules_en.name_fixes(words, ner.bio_spans(labels))
    spans = [
        _title_cut(words, Span(a, b, _EN_TYPES[t], "model"))
        for s, e, t in found
        if t in _EN_TYPES
        for a, b in _unbracketed(words, s, e)
    ]
    taken = {k for sp in spans for k in range(sp.start, sp.end)}
    misc = {k for s, e, t in found if t == "MISC" for k in range(s, e)}
    misc_spans = [(s, e) for s, e, t in found if t == "MISC"]
    at = {(sp.start, sp.end): sp for sp in spans}
    for s, e, entry in lex.match_known(words):
        same = at.get((s, e))
        if same is not None:
            if entry.type == same.type or {entry.type, same.type} == {"group", "organization"}:
                same.entry = entry
                same.type = entry.type
        elif (
            not any(k in taken for k in range(s, e))
            and not _cldr(entry)
            and all(w[:1].isupper() for w in words[s:e])
            # The tagger's MISC wins over a place ("U.S. Open"), not over a curated
            # organisation, group or person ("Islamic State").
            and not (entry.type == "place" and any(k in misc for k in range(s, e)))
            and not _part_of_longer_name(words, s, e, misc_spans)
        ):
            spans.append(Span(s, e, entry.type, "known", entry))
    return spans


def _part_of_longer_name(words: list[str], s: int, e: int, misc: list[tuple[int, int]]) -> bool:
    """Is the known name words[s:e] only a part of a longer name: inside a longer MISC
    span the tagger found, or followed by a capitalised word that is no title ("Fed Cup",
    not "Fed Chairman")? Headlines in capitals continue nothing."""
    if any(a <= s and e <= b and (a, b) != (s, e) for a, b in misc):
        return True
    nxt = words[e] if e < len(words) else ""
    return en.name_word(nxt) and not nxt.isupper() and not rules_en.is_title(nxt)


def _title_cut(words: list[str], sp: Span) -> Span:
    """ "Secretary of State Antony Blinken" tagged as one name (or "State Antony Blinken"):
    a person's name after a title that reaches into the span (from a given name or a
    known person on) is the name, the title before it a role."""
    for k in range(sp.start + 1, sp.end):
        if not (rules_en.is_title(words[k - 1]) or ner_en.common_word(words[k - 1])):
            return sp  # the name started already: "Saddam Hussein", "Billie Jean King"
        if not any(rules_en.is_title(w) for w in words[max(sp.start - 2, 0) : k]):
            continue
        known = [e for s, e, entry in lex.match_known(words[k : sp.end]) if s == 0 and entry.type == "person"]
        if lex.in_set(words[k], lex.first_names()) or known:
            return Span(k, sp.end, "person", sp.source, sp.entry)
    return sp


def _unbracketed(words: list[str], s: int, e: int) -> list[tuple[int, int]]:
    """The names in a span holding brackets. A bracket opened and closed inside a name
    qualifies it ("Mladost (L)", a club and its town) and stays; a bracket left open or
    closed without its opening is no part of a name ("Gulf Cooperation Council ( GCC" is
    two names), nor is an acronym in brackets ("Syrian Democratic Forces (SDF)": two
    mentions of one actor, linked as such)."""
    if _closed_qualifier(words, s, e):
        return [(s, e)]
    parts, start = [], s
    for k in range(s, e + 1):
        if k == e or words[k] in _BRACKETS:
            if k > start:
                parts.append((start, k))
            start = k + 1
    return parts


_BRACKETS = {"(": ")", "[": "]", ")": "", "]": ""}


def _closed_qualifier(words: list[str], s: int, e: int) -> bool:
    """Is every bracket in words[s:e] a pair closed around at least one word, after the
    name's first words, and holding no acronym of the words before it?"""
    k, found = s, False
    while k < e:
        close = _BRACKETS.get(words[k])
        if close is None:
            k += 1
            continue
        if not close or k == s:
            return False
        end = next((j for j in range(k + 1, e) if words[j] in _BRACKETS), e)
        if end == e or words[end] != close or end == k + 1:
            return False
        if end == k + 2 and acronym_of(words[k + 1], words[s:k]):
            return False
        found, k = True, end + 1
    return found


def _cldr(entry: lex.Entry) -> bool:
    """A place from the CLDR list (ids "FR", "tz:Europe/Paris"), not the alias table."""
    return entry.id.isupper() or entry.id.startswith("tz:")


def _org_with_place(words: list[str], spans: list[Span]) -> list[Span]:
    """ "مجلس مدينة" + "حلب": an organisation of two words or more ending in an indefinite
    word (a noun in construct) owns the place right after it: "مجلس مدينة حلب"."""
    places = {sp.start: sp for sp in spans if sp.type == "place"}
    out = []
    eaten = set()
    for sp in spans:
        last = words[sp.end - 1]
        place = places.get(sp.end)
        if (
            sp.type == "organization"
            and place is not None
            and sp.end - sp.start > 1
            and not lex.strip_prefix(last)[1].startswith("ال")
        ):
            sp = Span(sp.start, place.end, sp.type, sp.source)
            eaten.add(id(place))
        out.append(sp)
    return [sp for sp in out if id(sp) not in eaten]


def resolve(spans: list[Span], named_only: bool, words: list[str]) -> list[Span]:
    """Keep non-overlapping spans: longer first, then known > rule > model.

    A rule phrase around a found person or organisation gives way to that name
    ("حركة حماس" -> "حماس"); around a place it is the name ("قوات سوريا الديمقراطية").
    With `named_only`, rule phrases are left out ("الجيش الأميركي" names nobody).
    An organisation or group loses a descriptive head noun ("حركة حماس" -> "حماس",
    "شركة توتال" -> "توتال"): the name is what follows it, as named-entity corpora mark
    it, and the same actor is then met under one name whether the head is written or not.
    On the same words the model's type beats a CLDR place (a club named after its city),
    but not the curated alias table."""
    named = [sp for sp in spans if sp.source != "rule"]
    kept = []
    for sp in spans:
        if sp.entry is None and (
            rules.month_as_date(words, sp.start, sp.end) or all(en.is_month(w) for w in words[sp.start : sp.end])
        ):
            continue  # "أبريل/نيسان", "Nov": dates, not actors
        if sp.source == "rule":
            # With `named_only` a rule phrase is a description: the names inside it
            # stand alone ("حكومة كردستان" -> "كردستان").
            inner = [o for o in named if sp.start <= o.start and o.end <= sp.end]
            if named_only or any(o.type != "place" for o in inner):
                continue
        if sp.type in ("organization", "group") and sp.end - sp.start > 1 and (descriptor_head(words[sp.start])):
            sp = Span(sp.start + 1, sp.end, sp.type, sp.source, sp.entry)  # "شركة توتال" -> "توتال"
        if (
            sp.source == "known"
            and sp.entry is not None
            and sp.entry.id.isupper()
            or (sp.entry is not None and sp.entry.id.startswith("tz:"))
        ):
            same = [o for o in spans if o.source == "model" and (o.start, o.end) == (sp.start, sp.end)]
            if same:
                sp = Span(sp.start, sp.end, same[0].type, "model")
        kept.append(sp)
    chosen: list[Span] = []
    taken: set[int] = set()
    for sp in sorted(kept, key=lambda x: (-(x.end - x.start), -_PRIORITY[x.source], x.start)):
        if any(k in taken for k in range(sp.start, sp.end)):
            continue
        chosen.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(chosen, key=lambda x: x.start)


def acronym_of(short: str, name: list[str]) -> bool:
    """ "قسد" for "قوات سوريا الديمقراطية", "SDF" for "Syrian Democratic Forces": a short
    word that starts like the name, in capitals when Latin. (Not "(رويترز)".)"""
    f = lex.fold(short)
    if not 2 <= len(f) <= 6 or f.startswith("ال") or len(name) < 2:
        return False
    if not lex.is_arabic(f):
        # "GCC" of "Gulf Cooperation Council", "ESCWA" of "U.N. Economic and Social
        # Commission for Western Asia": the capitals' initials hold the acronym.
        initials = "".join(w[0] for w in name if w[:1].isupper())
        return short.isupper() and short in initials
    first = lex.strip_article(lex.fold(strip_clitics(name[0])[1]))
    return bool(first) and first[0] == f[0]
