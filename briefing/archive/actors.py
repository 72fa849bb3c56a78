"""Actor pages of the archive site: every actor across the archived days, Arabic and
English names of one actor together, with the days and stories that name them, their
quotes, their roles as written and who appears with them most often."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefing.analyze.actors.rules import is_bare_head
from briefing.compose.actors import actor_key, actor_slug, full_name_skeleton

KINDS = ("person", "organization", "group", "place")


@dataclass
class ActorPage:
    slug: str
    name: str
    type: str
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    appearances: list = field(default_factory=list)  # (Day, story), oldest first
    quotes: list = field(default_factory=list)  # (Day, story, quote)
    other_slugs: set = field(default_factory=set)

    @property
    def days(self) -> int:
        return len({day.date for day, _ in self.appearances})


class _Keys:
    """Union-find over actor keys: an alias id or folded name, and a whole-name skeleton."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, keys: list[str]) -> str:
        roots = sorted({self.find(k) for k in keys})
        for root in roots[1:]:
            self.parent[root] = roots[0]
        return roots[0]


def _keys(name: str) -> list[str]:
    keys = [actor_key(name)]
    skeleton = full_name_skeleton(name)
    if skeleton:
        keys.append(skeleton)
    return keys


class ActorIndex:
    def __init__(self) -> None:
        self.by_slug: dict[str, ActorPage] = {}
        self._companions: dict[str, Counter] = defaultdict(Counter)
        self._slug_of_key: dict[str, str] = {}

    def slug_of(self, name: str) -> str | None:
        for key in _keys(name):
            if key in self._slug_of_key:
                return self._slug_of_key[key]
        return None

    def pages(self) -> list[ActorPage]:
        return sorted(self.by_slug.values(), key=lambda a: (-len(a.appearances), a.name))

    def listing(self) -> list[tuple[str, list[ActorPage]]]:
        groups: dict[str, list[ActorPage]] = {kind: [] for kind in KINDS}
        for actor in self.pages():
            groups.setdefault(actor.type, []).append(actor)
        return [(kind, actors) for kind, actors in groups.items() if actors]

    def companions(self, actor: ActorPage, limit: int = 10) -> list[tuple[ActorPage, int]]:
        counts = self._companions.get(actor.slug, Counter())
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], self.by_slug[kv[0]].name))
        return [(self.by_slug[slug], n) for slug, n in ranked[:limit]]


def _story_actors(story: dict) -> list[dict]:
    return [
        a
        for a in story.get("actors") or []
        if a.get("name") and not (a.get("type") == "group" and is_bare_head(a["name"]))
    ]


def collect(days: list) -> ActorIndex:
    """The actor index of the archived `days` (oldest first)."""
    keys = _Keys()
    for day in days:
        for story in day.stories:
            for actor in _story_actors(story):
                keys.join(_keys(actor["name"]))

    groups: dict[str, list[tuple]] = defaultdict(list)
    for day in days:
        for story in day.stories:
            for actor in _story_actors(story):
                groups[keys.find(actor_key(actor["name"]))].append((day, story, actor))

    index = ActorIndex()
    for _root, rows in groups.items():
        names = Counter(actor["name"] for _, _, actor in rows)
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        slug = actor_slug(name)
        page = ActorPage(
            slug=slug, name=name, type="person", names=names, other_slugs={actor_slug(n) for n in names} - {slug}
        )
        seen = set()
        for day, story, actor in rows:
            page.types[actor.get("type") or "organization"] += 1
            if actor.get("role"):
                page.roles[actor["role"]] += 1
            if (day.date, day.job, story["id"]) not in seen:
                seen.add((day.date, day.job, story["id"]))
                page.appearances.append((day, story))
        page.type = page.types.most_common(1)[0][0]
        index.by_slug[slug] = page
        for key_name in names:
            for key in _keys(key_name):
                index._slug_of_key[key] = slug

    for day in days:
        for story in day.stories:
            slugs = sorted({slug for a in _story_actors(story) if (slug := index.slug_of(a["name"]))})
            for slug in slugs:
                for other in slugs:
                    if other != slug:
                        index._companions[slug][other] += 1
            outlets = {a.get("id"): a.get("source") for a in story.get("articles") or []}
            for quote in story.get("quotes") or []:
                slug = index.slug_of(quote.get("speaker") or "") if quote.get("speaker") else None
                if slug:
                    source = quote.get("source") or outlets.get(quote.get("article_id"))
                    index.by_slug[slug].quotes.append((day, story, {**quote, "source": source}))
    return index
