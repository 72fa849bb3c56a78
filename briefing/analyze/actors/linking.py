"""Mentions of one actor, linked across an article: a name found once is found again,
a surname or a given name next to it joins the full name, an acronym in brackets joins
the name before it, and the mentions that share a key, an alias entry or a link are
grouped into one actor."""

from __future__ import annotations

from functools import lru_cache

from briefing.analyze.actors.spans import Span, acronym_of, name_key
from briefing.analyze.ner import lexicon as lex


@lru_cache(maxsize=100000)
def _has_article(word: str) -> bool:
    return lex.is_arabic(word) and lex.strip_prefix(word)[1].startswith("ال")


def spread(words: list[str], keys: list[str], spans: list[Span]) -> list[Span]:
    """Find again, anywhere in the article, the names already found once."""
    names: dict[tuple[str, ...], Span] = {}
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
                extra.append(Span(i, i + n, src.type, "spread", src.entry))
                taken.update(range(i, i + n))
    return sorted(spans + extra, key=lambda x: x.start)


def surnames(keys: list[str], spans: list[Span]) -> list[Span]:
    """English: a lone capitalised word the tagger typed an organisation or a place
    ("Shoukry later flew to Amman", "Jordan played for ...") is a person when the article
    names a person with that surname: one name keeps one sense in an article. Not a
    name the alias table curates as an organisation or group."""
    tails = {keys[sp.end - 1] for sp in spans if sp.type == "person" and sp.end - sp.start > 1}
    return [
        Span(sp.start, sp.end, "person", sp.source, None)
        if sp.source == "model"
        and (sp.entry is None or sp.entry.type == "place")
        and sp.end - sp.start == 1
        and sp.type in ("organization", "place")
        and keys[sp.start] in tails
        else sp
        for sp in spans
    ]


def join_persons(words: list[str], sentence_of: list[int], spans: list[Span]) -> list[Span]:
    """ "كولو" + "توريه": person names right next to each other (found apart, say a given
    name by the model and a surname found again) are one name, unless the second starts
    with "و" (and) or one of them is a known person."""
    out: list[Span] = []
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
            out[-1] = Span(prev.start, sp.end, "person", "model")
            continue
        out.append(sp)
    return out


def acronyms(words: list[str], spans: list[Span]) -> list[Span]:
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
            and acronym_of(words[e + 1], words[sp.start : e])
        ):
            if e + 1 not in taken:
                extra.append(Span(e + 1, e + 2, sp.type, "acronym", sp.entry))
                extra[-1].link = sp
            elif e + 1 in single:  # found already ("GCC" as an acronym): same actor
                single[e + 1].link = sp
    at: dict[str, list[int]] = {}  # where each key occurs: no scan of the text per acronym
    if extra:
        for i, w in enumerate(words):
            at.setdefault(name_key(w), []).append(i)
    for ac in list(extra):
        for i in at.get(name_key(words[ac.start]), ()):
            if i != ac.start and i not in taken:
                more = Span(i, i + 1, ac.type, "acronym", ac.entry)
                more.link = ac.link
                extra.append(more)
                taken.add(i)
    return sorted(spans + extra, key=lambda x: x.start)


def group_mentions(spans: list[Span], words: list[str], keys: list[str]) -> list[list[Span]]:
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
        link = sp.link
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
    groups: dict[int, list[Span]] = {}
    for n, sp in enumerate(spans):
        groups.setdefault(find(n), []).append(sp)
    return list(groups.values())
