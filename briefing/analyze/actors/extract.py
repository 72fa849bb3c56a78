"""Actors of an article: people, organisations, groups and places, with their mentions,
one canonical name each, the role or title the text gives, affiliation and salience.

Arabic: the CRF tagger (`ner/tagger.py`) plus the alias table, CLDR places and group
rules. English and other Latin-script languages: the English CRF tagger (`ner/english.py`,
learned from CoNLL-2003); the alias table only names what the tagger found, or adds a
name it did not touch. Rules are kept only for what annotated names cannot teach: the
title or role of a person (`rules_en.english_role`), a surname alone belonging to the
full name in the article. Names found once are looked for again in the whole article, so
a surname or an acronym met later belongs to the same actor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from briefing.analyze.actors import english as en
from briefing.analyze.actors import rules as rules
from briefing.analyze.actors import rules_en as rules_en
from briefing.analyze.actors import tidy as tidy
from briefing.analyze.ner import english as ner_en
from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner
from briefing.models import Actor, Mention

_CRF_TYPES = {"PERS": "person", "ORG": "organization", "LOC": "place"}
_EN_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}  # MISC: no actor
# Indefinite heads that describe an organisation without being part of its name
# (ANERcorp's training part marks "شركة", "نادي", "حركة", "صحيفة" outside the name far
# more often than inside; "حزب", "مجلس", "منظمة", "جامعة" are inside).
_DESCRIPTOR_HEADS = frozenset(lex.fold(w) for w in "شركة نادي فريق حركة صحيفة جريدة مجلة".split())


def _descriptor_head(word: str) -> bool:
    f = lex.fold(word)  # "فريق" is no "ف" + "ريق"
    return (
        f in _DESCRIPTOR_HEADS
        or lex.strip_prefix(word)[1] in _DESCRIPTOR_HEADS
        or (f[:1] in ("و", "ف") and f[1:] in _DESCRIPTOR_HEADS)
    )


_PRIORITY = {"known": 3, "rule": 2, "model": 1, "spread": 0}


@dataclass
class _Span:
    """A candidate mention: global token indices [start, end) and its type."""

    start: int
    end: int
    type: str
    source: str
    entry: lex.Entry | None = None


def _arabic_text(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(lex.is_arabic(c) for c in letters) > len(letters) / 2


@lru_cache(maxsize=100000)
def strip_clitics(word: str) -> tuple[str, str]:
    """(proclitics, rest) of a surface word: "وبلينكن" -> ("و", "بلينكن"),
    "للولايات" -> ("ل", "الولايات"), "واشنطن" -> ("", "واشنطن").

    Before the article ال the split is sure. Otherwise a letter is cut only when the rest
    is a known name, or is a more frequent word than the whole (word-class ranks)."""
    f = lex.fold(word)
    if not lex.is_arabic(f) or len(f) < 4:
        return "", word
    m = re.match("^([وف]?[بكل]?)ال", f)
    if m and m.group(1):
        return word[: len(m.group(1))], word[len(m.group(1)) :]
    if re.match("^[وف]?لل", f):
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


@lru_cache(maxsize=100000)
def _key(word: str) -> str:
    """Key that joins the forms of one name: clitics cut, folded, no article."""
    return lex.strip_article(lex.fold(strip_clitics(word)[1]))


def _find_spans(words: list[str], arabic: bool, labels: list[str]) -> list[_Span]:
    """Candidate spans of one sentence (`labels`: the tagger's), before overlaps are
    resolved."""
    if not arabic:
        return _english_spans(words, labels)
    spans: list[_Span] = []
    for s, e, entry in lex.match_known(words):
        if e - s > 1 or lex.article_fits(words[s]):  # "قاعدة" is not "القاعدة"
            spans.append(_Span(s, e, entry.type, "known", entry))
    for s, e, t in ner.bio_spans(labels):
        if t in _CRF_TYPES:
            spans.append(_Span(s, e, _CRF_TYPES[t], "model"))
    spans = _org_with_place(words, spans)
    entity = [False] * len(words)
    for sp in spans:
        for k in range(sp.start, sp.end):
            entity[k] = True
    for s, e, t in rules.arabic_groups(words, entity):
        spans.append(_Span(s, e, t, "rule"))
    for sp in spans:  # "الكولونيل وين ماروتو": the title is a role, not the name
        while sp.type == "person" and sp.end - sp.start > 1 and lex.in_set(words[sp.start], lex.titles()):
            sp.start += 1
    return spans


def _english_spans(words: list[str], labels: list[str]) -> list[_Span]:
    """The English tagger's names. The alias table gives a name it found exactly its
    entry (so "Fed" is the Federal Reserve), and adds a capitalised known name where the
    tagger found nothing; it never cuts into or overrides what the tagger found."""
    found = ner.bio_spans(labels)
    spans = [
        _title_cut(words, _Span(a, b, _EN_TYPES[t], "model"))
        for s, e, t in found
        if t in _EN_TYPES
        for a, b in _unbracketed(words, s, e)
    ]
    taken = {k for sp in spans for k in range(sp.start, sp.end)}
    misc = {k for s, e, t in found if t == "MISC" for k in range(s, e)}
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
        ):
            spans.append(_Span(s, e, entry.type, "known", entry))
    return spans


def _title_cut(words: list[str], sp: _Span) -> _Span:
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
            return _Span(k, sp.end, "person", sp.source, sp.entry)
    return sp


def _unbracketed(words: list[str], s: int, e: int) -> list[tuple[int, int]]:
    """The parts of a span between brackets: a name holds no "(" or ")", so
    "Gulf Cooperation Council ( GCC" is two names."""
    parts, start = [], s
    for k in range(s, e + 1):
        if k == e or words[k] in ("(", ")", "[", "]"):
            if k > start:
                parts.append((start, k))
            start = k + 1
    return parts


def _cldr(entry: lex.Entry) -> bool:
    """A place from the CLDR list (ids "FR", "tz:Europe/Paris"), not the alias table."""
    return entry.id.isupper() or entry.id.startswith("tz:")


def _org_with_place(words: list[str], spans: list[_Span]) -> list[_Span]:
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
            sp = _Span(sp.start, place.end, sp.type, sp.source)
            eaten.add(id(place))
        out.append(sp)
    return [sp for sp in out if id(sp) not in eaten]


def _resolve(spans: list[_Span], named_only: bool, words: list[str]) -> list[_Span]:
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
        if sp.type in ("organization", "group") and sp.end - sp.start > 1 and (_descriptor_head(words[sp.start])):
            sp = _Span(sp.start + 1, sp.end, sp.type, sp.source, sp.entry)  # "شركة توتال" -> "توتال"
        if (
            sp.source == "known"
            and sp.entry is not None
            and sp.entry.id.isupper()
            or (sp.entry is not None and sp.entry.id.startswith("tz:"))
        ):
            same = [o for o in spans if o.source == "model" and (o.start, o.end) == (sp.start, sp.end)]
            if same:
                sp = _Span(sp.start, sp.end, same[0].type, "model")
        kept.append(sp)
    chosen: list[_Span] = []
    taken: set[int] = set()
    for sp in sorted(kept, key=lambda x: (-(x.end - x.start), -_PRIORITY[x.source], x.start)):
        if any(k in taken for k in range(sp.start, sp.end)):
            continue
        chosen.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(chosen, key=lambda x: x.start)


@lru_cache(maxsize=100000)
def _has_article(word: str) -> bool:
    return lex.is_arabic(word) and lex.strip_prefix(word)[1].startswith("ال")


def _spread(words: list[str], keys: list[str], spans: list[_Span]) -> list[_Span]:
    """Find again, anywhere in the article, the names already found once."""
    names: dict[tuple[str, ...], _Span] = {}
    definite: dict[tuple[str, ...], set[bool]] = {}  # the article on the name's first word
    for sp in spans:
        k = tuple(keys[sp.start : sp.end])
        if sum(len(x) for x in k) >= 3:
            names.setdefault(k, sp)
            definite.setdefault(k, set()).add(_has_article(words[sp.start]))
        if sp.type == "person" and sp.end - sp.start > 1:
            # Shorter tails of a full name: the surname alone, or "فان باستن" of
            # "ماركو فان باستن" (longer names are looked for first).
            for cut in range(sp.start + 1, sp.end):
                tail = tuple(keys[cut : sp.end])
                if len(tail) > 1 or len(tail[0]) >= 4:
                    names.setdefault(tail, sp)
                    definite.setdefault(tail, set()).add(_has_article(words[cut]))
    taken = {k for sp in spans for k in range(sp.start, sp.end)}
    at: dict[str, list[int]] = {}  # where each first word occurs: no scan per name
    for i, k in enumerate(keys):
        at.setdefault(k, []).append(i)
    extra = []
    for k, src in sorted(names.items(), key=lambda kv: -len(kv[0])):
        n = len(k)
        for i in at.get(k[0], ()):
            if (
                tuple(keys[i : i + n]) == k
                and not any(j in taken for j in range(i, i + n))
                and _has_article(words[i]) in definite[k]
            ):  # "القاعدة" is not "قاعدة"
                extra.append(_Span(i, i + n, src.type, "spread", src.entry))
                taken.update(range(i, i + n))
    return sorted(spans + extra, key=lambda x: x.start)


def extract_actors(text: str, *, title: str = "", language: str = "ar", named_only: bool = False) -> list[Actor]:
    """Actors of `text` sorted by salience; mention offsets index `text`.

    `named_only` leaves out groups described but not named ("الجيش الأميركي",
    "the Iraqi government"): the named-entity view that CoNLL corpora annotate.

    The title is not searched for mentions (offsets index `text` only) but an actor named
    in it gains salience.
    """
    if not text or not text.strip():
        return []
    tokens = ner.tokenize(text)
    arabic = language == "ar" or (language not in ("en",) and _arabic_text(text))
    spans: list[_Span] = []
    base = 0
    sentence_of: list[int] = []
    sentences = ner.split_token_sentences(text, tokens)
    sentence_words = [[t.text for t in sent] for sent in sentences]
    if arabic and ner.model_available():
        labels = ner.tag_document(sentence_words)
    elif not arabic and ner_en.model_available():
        labels = ner_en.tag_tokens(sentences)
    else:
        labels = [[] for _ in sentences]
    for n, words in enumerate(sentence_words):
        for sp in _resolve(_find_spans(words, arabic, labels[n]), named_only, words):
            spans.append(_Span(sp.start + base, sp.end + base, sp.type, sp.source, sp.entry))
        sentence_of += [n] * len(words)
        base += len(words)
    words = [t.text for t in tokens]
    keys = [_key(w) for w in words]
    if not arabic:  # English names are capitalised: "water security" is not "Water Security"
        keys = [k if w[:1].isupper() or not w[:1].isalpha() else "~" + k for k, w in zip(keys, words)]
    if arabic:
        spans = [
            _Span(a, b, sp.type, sp.source, sp.entry)
            for sp in spans
            for a, b in (
                tidy.person_parts(words, sp.start, sp.end)
                if sp.type == "person" and sp.entry is None
                else [(sp.start, sp.end)]
            )
        ]
    else:
        spans = _surnames(keys, spans)
    spans = _spread(words, keys, spans)
    if arabic:
        spans = _join_persons(words, sentence_of, spans)
    spans = _acronyms(words, spans)
    groups = _group_mentions(spans, words, keys)
    title_keys = {_key(t.text) for t in ner.tokenize(title)} if title else set()
    lead_end = _lead_end(text)
    people = {k for sp in spans if sp.type == "person" for k in range(sp.start, sp.end)}
    actors = [_build_actor(g, tokens, words, sentence_of, text, title_keys, lead_end, arabic, people) for g in groups]
    actors = [a for a in actors if a is not None]
    actors.sort(key=lambda a: (-a.salience, a.mentions[0].start))
    return actors


def _surnames(keys: list[str], spans: list[_Span]) -> list[_Span]:
    """English: a lone capitalised word the rules could only guess at ("Shoukry later
    flew to Amman") is a person when the article names a person with that surname."""
    tails = {keys[sp.end - 1] for sp in spans if sp.type == "person" and sp.end - sp.start > 1}
    return [
        _Span(sp.start, sp.end, "person", sp.source, sp.entry)
        if sp.source == "model"
        and sp.entry is None
        and sp.end - sp.start == 1
        and sp.type == "organization"
        and keys[sp.start] in tails
        else sp
        for sp in spans
    ]


def _join_persons(words: list[str], sentence_of: list[int], spans: list[_Span]) -> list[_Span]:
    """ "كولو" + "توريه": person names right next to each other (found apart, say a given
    name by the model and a surname found again) are one name, unless the second starts
    with "و" (and) or one of them is a known person."""
    out: list[_Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == sp.type == "person"
            and prev.end == sp.start
            and sentence_of[prev.start] == sentence_of[sp.start]
            and prev.entry is None
            and sp.entry is None
            and not lex.fold(words[sp.start]).startswith("و")
        ):
            out[-1] = _Span(prev.start, sp.end, "person", "model")
            continue
        out.append(sp)
    return out


def _acronyms(words: list[str], spans: list[_Span]) -> list[_Span]:
    """ "قوات سوريا الديمقراطية (قسد)": the word in brackets right after a name is the same
    actor; it is then found elsewhere too."""
    taken = {k for sp in spans for k in range(sp.start, sp.end)}
    extra = []
    single = {sp.start: sp for sp in spans if sp.end == sp.start + 1}
    for sp in spans:
        e = sp.end
        if (
            e + 2 < len(words)
            and words[e] == "("
            and words[e + 2] == ")"
            and _acronym_of(words[e + 1], words[sp.start : e])
        ):
            if e + 1 not in taken:
                extra.append(_Span(e + 1, e + 2, sp.type, "acronym", sp.entry))
                extra[-1].link = sp  # type: ignore[attr-defined]
            elif e + 1 in single:  # found already ("GCC" as an acronym): same actor
                single[e + 1].link = sp  # type: ignore[attr-defined]
    at: dict[str, list[int]] = {}  # where each key occurs: no scan of the text per acronym
    if extra:
        for i, w in enumerate(words):
            at.setdefault(_key(w), []).append(i)
    for ac in list(extra):
        for i in at.get(_key(words[ac.start]), ()):
            if i != ac.start and i not in taken:
                more = _Span(i, i + 1, ac.type, "acronym", ac.entry)
                more.link = ac.link  # type: ignore[attr-defined]
                extra.append(more)
                taken.add(i)
    return sorted(spans + extra, key=lambda x: x.start)


def _acronym_of(short: str, name: list[str]) -> bool:
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


def _group_mentions(spans: list[_Span], words: list[str], keys: list[str]) -> list[list[_Span]]:
    """Union mentions of one actor: same words, same alias entry, a surname or a shorter
    tail of a person's full name, an acronym with its full form."""
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    by_key: dict[tuple, int] = {}
    by_entry: dict[str, int] = {}
    index = {id(sp): n for n, sp in enumerate(spans)}
    for n, sp in enumerate(spans):
        k = tuple(keys[sp.start : sp.end])
        if k in by_key:
            union(n, by_key[k])
        by_key.setdefault(k, n)
        if sp.entry is not None:
            if sp.entry.id in by_entry:
                union(n, by_entry[sp.entry.id])
            by_entry.setdefault(sp.entry.id, n)
        link = getattr(sp, "link", None)
        if link is not None and id(link) in index:
            union(n, index[id(link)])
    # Surnames: a shorter person mention equal to the tail (or head) of a longer one.
    persons = [(n, tuple(keys[sp.start : sp.end])) for n, sp in enumerate(spans) if sp.type == "person"]
    tails: dict[tuple, list[int]] = {}  # proper tail -> full names ending so (no scan per person)
    for m, fk in persons:
        for cut in range(1, len(fk)):
            tails.setdefault(fk[cut:], []).append(m)
    for n, k in persons:
        matches = {find(m) for m in tails.get(k, ())}
        if len(matches) == 1:
            union(n, matches.pop())
    groups: dict[int, list[_Span]] = {}
    for n, sp in enumerate(spans):
        groups.setdefault(find(n), []).append(sp)
    return list(groups.values())


def _surface(tokens: list[ner.Token], text: str, sp: _Span) -> tuple[int, str]:
    """Mention start (clitics cut where the rest is a substring) and the display name."""
    first = tokens[sp.start]
    prefix, rest = strip_clitics(first.text)
    end = tokens[sp.end - 1].end
    tail = text[first.end : end]
    name = rest + tail
    if first.text.endswith(rest):
        return first.start + len(prefix), name
    return first.start + max(len(prefix) - 1, 0), name  # "للولايات": keep one ل in the span


def _build_actor(
    group: list[_Span], tokens, words, sentence_of, text, title_keys, lead_end, arabic, people: set[int]
) -> Actor | None:
    types = Counter()
    entry = None
    for sp in group:
        weight = 3 if sp.entry is not None else (2 if sp.source == "rule" else 1)
        types[sp.type] += weight
        entry = entry or sp.entry
    typ = entry.type if entry is not None else types.most_common(1)[0][0]
    mentions, names = [], Counter()
    for sp in sorted(group, key=lambda x: x.start):
        start, name = _surface(tokens, text, sp)
        end = tokens[sp.end - 1].end
        mentions.append(Mention(text[start:end], start, end))
        names[(sp.end - sp.start, name)] += 1
    if entry is not None:
        canonical = entry.ar if arabic else entry.en
    else:
        canonical = max(names.items(), key=lambda kv: (kv[0][0], kv[1]))[0][1]
    canonical = re.sub(r"\s+", " ", canonical).strip(" \"'«»“”()")
    if not arabic and typ == "place" and canonical.isupper() and len(canonical) > 4:
        canonical = canonical.title()  # a dateline's "MANAMA"
    if not canonical:
        return None
    role = affiliation = None
    if typ == "person":
        role, affiliation = _role(group, tokens, words, sentence_of, text, arabic, people)
    if affiliation is None:
        affiliation = _nationality_in(canonical, arabic)
    salience = float(len(mentions))
    if title_keys and any(_key(words[sp.end - 1]) in title_keys for sp in group):
        salience += 2.0
    if any(m.start < lead_end for m in mentions):
        salience += 1.0
    return Actor(
        name=canonical, type=typ, mentions=tuple(mentions), role=role, salience=salience, affiliation=affiliation
    )


def _lead_end(text: str) -> int:
    """End of the lead: the first paragraph, or the first 400 characters if longer."""
    cut = text.find("\n\n")
    return min(cut if cut > 0 else len(text), 400)


def _role(group, tokens, words, sentence_of, text, arabic, people) -> tuple[str | None, str | None]:
    """The first title the text gives the person, and the affiliation inside it (an
    Arabic role starts at a title and after any other person named in it)."""
    honorific = None
    for sp in sorted(group, key=lambda x: x.start):
        lo = sp.start
        while lo > 0 and sentence_of[lo - 1] == sentence_of[sp.start]:
            lo -= 1
        hi = sp.end
        while hi < len(words) and sentence_of[hi] == sentence_of[sp.start]:
            hi += 1
        local = words[lo:hi]
        found = (
            rules.arabic_role(local, sp.start - lo)
            if arabic
            else rules_en.english_role(local, sp.start - lo, sp.end - lo)
        )
        if found and not arabic and " ".join(local[found[0] : found[1]]).lower() in en.HONORIFICS:
            honorific = honorific or (found[0] + lo, found[1] + lo)
            continue  # "Mr.": look for a real role at the other mentions first
        if found:
            s, e = found[0] + lo, found[1] + lo
            if arabic:
                s = tidy.role_start(words, s, e, people)
                if s is None:
                    continue
            role_text = text[tokens[s].start : tokens[e - 1].end]
            if arabic:
                prefix, rest = strip_clitics(tokens[s].text)
                role_text = role_text[len(prefix) :] if tokens[s].text.startswith(prefix) else role_text
            role_text = tidy.clean_role(role_text)
            if role_text:
                return role_text, _affiliation(words[s:e], arabic)
    if honorific:
        s, e = honorific
        return text[tokens[s].start : tokens[e - 1].end], None
    return None, None


def _affiliation(role_words: list[str], arabic: bool) -> str | None:
    for _start, _end, entry in lex.match_known(role_words):
        if entry.type != "person":
            return entry.ar if arabic else entry.en
    for w in role_words:
        place = lex.nationality(w)
        if place is not None:
            return place.ar if arabic else place.en
    return None


def _nationality_in(name: str, arabic: bool) -> str | None:
    for w in name.split()[1:]:
        place = lex.nationality(w)
        if place is not None:
            return place.ar if arabic else place.en
    return None
