"""One actor across articles: the same name, an alias the table knows (Arabic and English
names of one actor meet there), or a surname of a full name met elsewhere."""

from __future__ import annotations

from collections import Counter

from briefing.analyze.ner import lexicon as lex
from briefing.models import Actor

_KIND = {"person": "person", "place": "place", "organization": "body", "group": "body"}


def _identity(actor: Actor) -> tuple[str, ...]:
    """The alias-table id when the whole name is known, else the type and name keys."""
    words = actor.name.split()
    for start, end, entry in lex.match_known(words):
        if start == 0 and end == len(words):
            return ("id", entry.id)
    return (_KIND.get(actor.type, actor.type), *lex.name_keys(actor.name))


def merge_actors(per_article: list[list[Actor]]) -> list[Actor]:
    """Merge the actors of several articles; salience adds up, sorted by salience.

    Mentions are kept from every article, so their offsets index different texts."""
    groups: dict[tuple, list[Actor]] = {}
    for actors in per_article:
        for actor in actors:
            groups.setdefault(_identity(actor), []).append(actor)
    # A person named by surname only joins the one full name that ends with it.
    people = [k for k in groups if k and k[0] == "person"]
    for k in sorted(people, key=len):
        longer = [o for o in people if o in groups and len(o) > len(k) and o[-(len(k) - 1) :] == k[1:]]
        if len(longer) == 1 and k in groups:
            groups[longer[0]].extend(groups.pop(k))
    merged = [_merged(actors) for actors in groups.values()]
    merged.sort(key=lambda a: -a.salience)
    return merged


def _merged(actors: list[Actor]) -> Actor:
    """Named by the longest name most articles use, typed as most of them type it."""
    names = Counter(a.name for a in actors)
    longest = max(len(n.split()) for n in names)
    name = max((n for n in names if len(n.split()) == longest), key=lambda n: names[n])
    return combine(actors, name=name, type=Counter(a.type for a in actors).most_common(1)[0][0])


def combine(actors: list[Actor], *, name: str, type: str) -> Actor:
    """One actor from several records of it: every mention, the first role and
    affiliation given, salience added up."""
    return Actor(
        name=name,
        type=type,
        mentions=tuple(m for a in actors for m in a.mentions),
        role=next((a.role for a in actors if a.role), None),
        salience=sum(a.salience for a in actors),
        affiliation=next((a.affiliation for a in actors if a.affiliation), None),
    )
