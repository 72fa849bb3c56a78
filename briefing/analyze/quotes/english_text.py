"""English passes over the whole article: a last name the tagger took for a place, a
title in quotation marks, a quotation over paragraphs named at its end."""

from __future__ import annotations

import dataclasses

from briefing.models import Actor, Quote

_OPENERS = "«“‘\"'"


def surnames_are_people(actors: list[Actor]) -> list[Actor]:
    """The actors with a one-word "place" that is the last name of a person of the article
    ("Lopez" after "Maria Lopez", which the tagger may take for a place at the start of a
    sentence) counted as mentions of that person: a place never speaks."""
    last: dict[str, list[Actor]] = {}
    for a in actors:
        words = a.name.split()
        if a.type == "person" and len(words) > 1:
            last.setdefault(words[-1], []).append(a)
    moved = {
        a.name: last[a.name][0].name
        for a in actors
        if a.type == "place" and a.name in last and len(last[a.name]) == 1 and " " not in a.name
    }
    if not moved:
        return actors
    extra: dict[str, list] = {}
    for a in actors:
        if a.name in moved:
            extra.setdefault(moved[a.name], []).extend(a.mentions)
    return [
        dataclasses.replace(a, mentions=tuple(sorted([*a.mentions, *extra[a.name]], key=lambda m: m.start)))
        if a.name in extra
        else a
        for a in actors
        if a.name not in moved
    ]


_TITLE_BEFORE = frozenset("on in of at titled called named show program programme book film song series".split())
_TITLE_SMALL = frozenset("a an the of and in on for to at with".split())


def title_in_marks(text: str, span: tuple[int, int]) -> bool:
    """A title in quotation marks rather than a quote: a few capitalised words after a
    possessive or a word such as "on", "titled", "show" (CNN's "State of the Union",
    appearing on "Fox News Sunday")."""
    inner = text[span[0] : span[1]].strip().rstrip(",.")
    words = inner.split()
    if not 2 <= len(words) <= 6 or any(ch in inner for ch in ".!?:;"):
        return False
    if not all(w[:1].isupper() or w in _TITLE_SMALL for w in words) or not words[0][:1].isupper():
        return False
    before = text[max(0, span[0] - 30) : span[0] - 1].rstrip()
    word = before.split()[-1] if before.split() else ""
    return word.endswith(("'s", "’s", "\u02bcs", "s'", "&apos;s", "&apost;s")) or word.lower() in _TITLE_BEFORE


def runs_into(text: str, quoted: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
    """A paragraph of quotation that is not closed and goes on in the next paragraph (a
    quote over several paragraphs, the speaker named at its end: '"...\n"...," she said.'):
    the speaker of the next paragraph's quote, last paragraph first."""
    out = sorted(quotes, key=lambda q: q.start)
    for span in reversed(quoted):
        line_end = text.find("\n", span[0])
        if line_end < 0 or text[span[1] : line_end].strip() or any(q.start < span[1] and span[0] < q.end for q in out):
            continue  # (closed before its line ends, or attributed already)
        rest = text[line_end:]
        nxt = line_end + len(rest) - len(rest.lstrip()) + 1
        if nxt > len(text) or text[nxt - 1] not in _OPENERS:
            continue
        after = next((q for q in out if q.start == nxt or (q.start > nxt and not text[nxt : q.start].strip())), None)
        if after is None or after.speaker is None:
            continue
        body = text[span[0] : span[1]].rstrip(" ,")
        out.append(Quote(after.speaker, body, span[0], span[0] + len(body), after.cue))
        out.sort(key=lambda q: q.start)
    return out
