"""Stories from the day's articles: groups that are close as a whole, so they do not chain.

Every article starts as a group of its own. The two closest groups merge, again and again,
while their closeness is at least `Params.join` (agglomerative clustering with centroid
linkage). Closeness compares whole groups, never one member with another:

- the cosine of their word centroids (TF-IDF over folded, stemmed words: title twice, key
  points, the lead; IDF over the day, so a word half the day's news uses weighs little);
- the cosine of their title centroids (titles are the strongest summary of an event);
- shared actors, each weighted by how specific it is on that day and by the share of each
  group's articles naming it: «إيران» in half the news is weak evidence, a rare name strong;
- across languages, where words cannot meet: shared figures and actors (compose_numbers);
- time: groups far apart in time count as less close, and beyond a window not at all.

A refinement pass then takes every article out of its group in turn and puts it where it is
closest (its own group counted without it); an article close to no group is a story alone.
A big story is judged by its most central members (`Params.medoids`), not all of them: the
articles at its edge widen its centroid and thin its core, so a whole big story would keep an
article that is only close to its edge (a consequence in another domain told as its own news).
This splits what drifted together. A last merge pass joins groups that are one event, and
a split pass bisects a story whose members form two groups far apart (`split_stories`).

An outlet files its reports by domain (politics, economy, sport): two groups whose reports by
the same outlet sit under different sections are less close (`Params.section`), as a
consequence in another domain is news of its own (stories-guide). Sections are compared only
within one outlet, whose own scheme they are.

Candidate pairs come from an inverted index over each article's strongest terms, actors,
figures and title words, so the work grows with the number of articles, not its square.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from briefing.compose.numbers import digits
from briefing.compose.split import SMALLEST, split_parts

CROSS_MIN_FIGURES = 2  # across languages: two shared figures (years, small counts aside)
CROSS_MIN_DIGITS = 4  # with four significant digits between them
CROSS_ACTOR = 0.10  # and at least one shared actor; + this per shared actor (up to 3)
CROSS_SIMILARITY = 0.40  # the cross-language score that counts as `join`
CROSS_MEMBERS = 8  # members of each group compared across languages
CROSS_MIN_ACTORS = 2  # groups in two languages with no figures in common: two shared actors
CROSS_ACTORS = 0.6  # whose evidence reaches this (two of moderate specificity) count as `join`


@dataclass(frozen=True)
class Params:
    """Weights and thresholds, chosen on the development gold (benchmarks/story_grid.py)."""

    join: float = 0.30  # closeness needed to merge two groups
    text: float = 0.15  # weight of the word-centroid cosine
    title: float = 0.40  # weight of the title-centroid cosine
    actor: float = 0.25  # weight of the shared-actor evidence (0..1)
    core: float = 0.70  # weight of the shared core of the two groups' words (0..1)
    symmetry: float = 0.3  # between stories: 0 the tighter core decides, 1 the looser
    time: float = 0.20  # closeness lost at `window_hours` apart
    window_hours: float = 36.0  # beyond this gap between groups, no merge
    leave: float = 0.20  # an article less close than this to its group leaves it
    merge: float = 0.28  # closeness at which the last pass merges two groups
    background: float = 50.0  # pseudo-articles naming nobody: IDF prior for small days
    medoids: int = 15  # an article of a bigger story is judged against its this many most central members (0: all)
    section: float = 0.20  # closeness lost when an outlet files the two groups under different sections
    split: float = 0.70  # bisect a story when its halves are less linked than this x their looser half's link


DEFAULT = Params()


@dataclass
class Doc:
    """One article's evidence."""

    index: int
    language: str
    vector: dict[str, float]  # TF-IDF, unit length
    terms: dict[str, float]  # the same terms -> their IDF in the day
    title: dict[str, float]  # TF-IDF of the title words, unit length
    actors: tuple[str, ...]  # the day's identities of its most salient actors, most salient first
    when: datetime | None
    figures: dict[str, float] = field(default_factory=dict)  # figure -> digits x rarity
    source: str | None = None  # the outlet
    section: str | None = None  # the outlet's section (category) it filed the article under


# --- evidence across languages --------------------------------------------------------


def cross_similarity(a: Doc, b: Doc) -> float:
    """Two articles in different languages: weighted Jaccard of their figures plus
    CROSS_ACTOR per shared actor, or 0 without two specific shared figures and an actor."""
    shared = a.figures.keys() & b.figures.keys()
    if len(shared) < CROSS_MIN_FIGURES or sum(digits(f) for f in shared) < CROSS_MIN_DIGITS:
        return 0.0
    actors = len(set(a.actors) & set(b.actors))
    if not actors:
        return 0.0
    union = a.figures.keys() | b.figures.keys()
    weight = {**a.figures, **b.figures}
    jaccard = sum(weight[f] for f in shared) / sum(weight[f] for f in union)
    return jaccard + CROSS_ACTOR * min(actors, 3)


# --- groups ----------------------------------------------------------------------------


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass
class Group:
    members: list[Doc] = field(default_factory=list)
    text: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # sum of vectors
    title: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    actors: Counter = field(default_factory=Counter)  # identity -> members naming it
    text2: float = 0.0  # squared norm of `text`
    present: Counter = field(default_factory=Counter)  # term -> members using it
    square: float = 0.0  # sum over terms of IDF x (members using it)²
    title2: float = 0.0
    seconds: float = 0.0  # sum of the members' times
    timed: int = 0
    langs: Counter = field(default_factory=Counter)  # language -> members
    outlets: Counter = field(default_factory=Counter)  # outlet -> members with a section
    sections: Counter = field(default_factory=Counter)  # (outlet, section) -> members

    @classmethod
    def of(cls, docs: list[Doc]) -> Group:
        group = cls()
        for doc in docs:
            group.add(doc)
        return group

    def add(self, doc: Doc, sign: int = 1) -> None:
        self.text2 += 2 * sign * _dot(doc.vector, self.text) + sum(w * w for w in doc.vector.values())
        self.title2 += 2 * sign * _dot(doc.title, self.title) + sum(w * w for w in doc.title.values())
        for term, weight in doc.vector.items():
            self.text[term] += sign * weight
        for term, idf in doc.terms.items():
            count = self.present[term]
            self.square += idf * (2 * count + 1) if sign > 0 else -idf * (2 * count - 1)
            self.present[term] += sign
        for term, weight in doc.title.items():
            self.title[term] += sign * weight
        for actor in doc.actors:
            self.actors[actor] += sign
        if doc.when is not None:
            self.seconds += sign * doc.when.timestamp()
            self.timed += sign
        self.langs[doc.language] += sign
        if doc.source and doc.section:
            self.outlets[doc.source] += sign
            self.sections[(doc.source, doc.section)] += sign
        if sign > 0:
            self.members.append(doc)
            return
        self.members.remove(doc)
        for table, vector in ((self.text, doc.vector), (self.title, doc.title)):
            for term in vector:
                if abs(table[term]) < 1e-9:
                    del table[term]
        for actor in doc.actors:
            if self.actors[actor] <= 0:
                del self.actors[actor]
        for term in doc.terms:
            if self.present[term] <= 0:
                del self.present[term]
        if self.langs[doc.language] <= 0:
            del self.langs[doc.language]
        for table, key in ((self.outlets, doc.source), (self.sections, (doc.source, doc.section))):
            if key in table and table[key] <= 0:
                del table[key]

    @property
    def when(self) -> float | None:
        return self.seconds / self.timed if self.timed else None

    def languages(self) -> set[str]:
        return set(self.langs)


def _cosine(a: dict[str, float], a2: float, b: dict[str, float], b2: float) -> float:
    if a2 <= 1e-12 or b2 <= 1e-12:
        return 0.0
    return max(0.0, _dot(a, b) / math.sqrt(a2 * b2))


def _shared_core(g: Group, h: Group, idf: dict[str, float], symmetry: float = 0.0) -> float:
    """How much of the core of the tighter group the other shares. A group's profile
    gives each term IDF x the share of members using it; the core of a story is what its
    members say in common (the profile's self-overlap). Unlike the cosine, an article's
    own extra detail does not count against it: one report that tells the story's core
    scores near 1 against it, one that only shares a word the whole day uses, near 0.
    Two stories of several articles are compared by a mean of both cores (`symmetry`)."""
    low, high = sorted((g.square / len(g.members) ** 2, h.square / len(h.members) ** 2))
    # One article is judged on the core of the story; two stories of several articles
    # also on how much of the other's core each tells (`symmetry`: 0 the tighter's only).
    both = len(g.members) > 1 and len(h.members) > 1
    core = low ** (1 - symmetry) * high**symmetry if both and low > 0 else low
    if core <= 0:
        return 0.0
    if len(g.present) > len(h.present):
        g, h = h, g
    shared = 0.0
    for term, count in g.present.items():
        other = h.present.get(term, 0)
        if other:
            shared += idf[term] * count * other
    return min(shared / (len(g.members) * len(h.members) * core), 1.0)


def _actor_evidence(g: Group, h: Group, specificity: dict[str, float]) -> float:
    """Sum over shared actors of specificity² x the share of each group naming it, at most 1."""
    if len(g.actors) > len(h.actors):
        g, h = h, g
    total = 0.0
    for actor, count in g.actors.items():
        other = h.actors.get(actor, 0)
        if other > 0 and count > 0:
            total += specificity[actor] * (count / len(g.members)) * (other / len(h.members))
    return min(total, 1.0)


def _same_section(g: Group, h: Group) -> float:
    """Of the pairs of one article of each group from the same outlet, the share that outlet
    filed under the same section (1 when no outlet has an article in both)."""
    if len(g.outlets) > len(h.outlets):
        g, h = h, g
    pairs = sum(count * h.outlets.get(outlet, 0) for outlet, count in g.outlets.items())
    if not pairs:
        return 1.0
    return sum(count * h.sections.get(key, 0) for key, count in g.sections.items()) / pairs


@dataclass(frozen=True)
class Weights:
    """How much sharing a thing says on this day: actor specificity, term IDF."""

    actors: dict[str, float]
    terms: dict[str, float]


def closeness(g: Group, h: Group, weights: Weights, params: Params) -> float:
    """How close two groups are, as wholes (0 when too far apart in time). Across
    languages, figures and actors are the evidence (the window applies, not the decay)."""
    gap = 0.0
    if g.when is not None and h.when is not None:
        gap = abs(g.when - h.when) / 3600
        if gap > params.window_hours:
            return 0.0
    score = (
        params.text * _cosine(g.text, g.text2, h.text, h.text2)
        + params.title * _cosine(g.title, g.title2, h.title, h.title2)
        + params.actor * _actor_evidence(g, h, weights.actors)
    )
    if params.core:
        score += params.core * _shared_core(g, h, weights.terms, params.symmetry)
    score *= 1.0 - params.time * min(gap / params.window_hours, 1.0)
    if params.section:
        score *= 1.0 - params.section * (1.0 - _same_section(g, h))
    languages_g, languages_h = g.languages(), h.languages()
    if not languages_g & languages_h:  # words cannot meet: actors alone may carry it
        evidence = _actor_evidence(g, h, weights.actors)
        if len(g.actors.keys() & h.actors.keys()) >= CROSS_MIN_ACTORS:
            score = max(score, params.join * min(1.0, evidence / CROSS_ACTORS))
    if languages_g != languages_h or len(languages_g) > 1:
        cross = max(
            (
                cross_similarity(a, b)
                for a in g.members[:CROSS_MEMBERS]
                for b in h.members[:CROSS_MEMBERS]
                if a.language != b.language
            ),
            default=0.0,
        )
        score = max(score, cross * params.join / CROSS_SIMILARITY)
    return score


# --- candidates ------------------------------------------------------------------------

BLOCK_TERMS = 12  # an article's strongest terms used to find candidates
BLOCK_FIGURES = 8  # its most specific figures
BLOCK_ACTORS = 8  # its most specific actors
MAX_CANDIDATES = 10  # candidate articles per article, by evidence shared
NEIGHBOURS = 50  # candidate groups a group keeps after a merge, the closest
COMMON = 0.2  # a key in more than this share of the day's articles (and more than
MIN_POSTING = 20  # this many) finds no candidates: it is in too many to tell events apart


def candidate_pairs(docs: list[Doc], window_hours: float = DEFAULT.window_hours) -> set[tuple[int, int]]:
    """Pairs of articles worth comparing: they share a strong term, title word, actor or
    figure, and were published at most `window_hours` apart (articles further apart are
    never close, and over several days they would crowd the candidates out)."""
    index: dict[str, list[int]] = defaultdict(list)
    keys_of = []
    for doc in docs:
        keys = {f"w:{t}" for t in sorted(doc.vector, key=lambda t: (-doc.vector[t], t))[:BLOCK_TERMS]}
        keys |= {f"t:{t}" for t in doc.title}
        keys |= {f"a:{a}" for a in doc.actors[:BLOCK_ACTORS]}
        keys |= {f"f:{f}" for f in sorted(doc.figures, key=lambda f: (-doc.figures[f], f))[:BLOCK_FIGURES]}
        keys_of.append(keys)
        for key in keys:
            index[key].append(doc.index)
    limit = max(MIN_POSTING, COMMON * len(docs))
    hours = {doc.index: doc.when.timestamp() / 3600 for doc in docs if doc.when is not None}
    pairs = set()
    for doc, keys in zip(docs, keys_of):
        hits: Counter = Counter()
        for key in keys:
            posting = index[key]
            if len(posting) <= limit:
                hits.update(posting)
        hits.pop(doc.index, None)
        here = hours.get(doc.index)
        if here is not None:
            for other in [o for o in hits if o in hours and abs(hours[o] - here) > window_hours]:
                del hits[other]
        for other, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]:
            pairs.add((min(doc.index, other), max(doc.index, other)))
    return pairs


# --- clustering ------------------------------------------------------------------------


def _agglomerate(
    groups: dict[int, Group], neighbours: dict[int, set[int]], threshold: float, weights: Weights, params: Params
) -> dict[int, Group]:
    """Merge the closest pair of groups while it is at least `threshold` close."""
    version = {g: 0 for g in groups}
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        score = closeness(groups[a], groups[b], weights, params)
        if score >= threshold:
            heapq.heappush(heap, (-score, a, b, version[a], version[b]))

    for a in sorted(neighbours):
        for b in sorted(neighbours[a]):
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in groups or b not in groups or version[a] != va or version[b] != vb:
            continue
        for doc in groups[b].members:
            groups[a].add(doc)
        del groups[b]
        version[a] += 1
        # a group made by the refinement pass may still be listed by one that merged away
        near = {o for o in neighbours.pop(b) | neighbours[a] if o in groups} - {a, b}
        scores = {o: closeness(groups[a], groups[o], weights, params) for o in sorted(near)}
        # A large story keeps its NEIGHBOURS closest groups as candidates: the work per
        # merge stays bounded, so the whole grows with the number of articles.
        kept = set(sorted(scores, key=lambda o: (-scores[o], o))[:NEIGHBOURS])
        for other in near - kept:
            neighbours[other].discard(a)
            neighbours[other].discard(b)
        neighbours[a] = kept
        for other in sorted(kept):
            neighbours[other].discard(b)
            neighbours[other].add(a)
            if scores[other] >= threshold:
                heapq.heappush(
                    heap, (-scores[other], min(a, other), max(a, other), version[min(a, other)], version[max(a, other)])
                )
    return groups


def _central(group: Group, count: int) -> Group:
    """The group itself, or when it has more than `count` members (count > 0) a group of
    its `count` members closest to its word centroid: a big story's core, which the
    articles at its edge do not drag."""
    if not count or len(group.members) <= count:
        return group
    ranked = sorted(group.members, key=lambda d: (-_dot(d.vector, group.text), d.index))
    return Group.of(ranked[:count])


def _refine(
    groups: dict[int, Group], neighbours: dict[int, set[int]], weights: Weights, params: Params
) -> dict[int, Group]:
    """Each article goes to the group it is closest to (its own counted without it), or
    stands alone when no group is `leave` close."""
    home = {doc.index: key for key, group in groups.items() for doc in group.members}
    next_key = max(groups, default=-1) + 1
    for key in sorted(groups):
        group = groups.get(key)
        if group is None or len(group.members) < 3:
            continue
        core = _central(group, params.medoids)  # chosen once: the work stays linear
        for doc in sorted(group.members, key=lambda d: d.index):
            own = groups[home[doc.index]]
            alone = Group.of([doc])
            own.add(doc, -1)  # the group without it
            judge = own if core is group else core
            inside = judge is core and doc in core.members
            if inside:
                core.add(doc, -1)
            best, best_score = None, closeness(alone, judge, weights, params)
            if inside:
                core.add(doc)
            if best_score >= params.leave:
                own.add(doc)
                continue
            for other in sorted(neighbours.get(home[doc.index], ())):
                if other in groups and other != home[doc.index]:
                    score = closeness(alone, groups[other], weights, params)
                    if score >= max(best_score, params.join):
                        best, best_score = other, score
            if best is None:
                best = next_key
                next_key += 1
                groups[best] = Group()
                neighbours[best] = set(neighbours[home[doc.index]]) | {home[doc.index]}
                neighbours[home[doc.index]].add(best)
            groups[best].add(doc)
            home[doc.index] = best
    return {k: g for k, g in groups.items() if g.members}


def cluster(docs: list[Doc], params: Params = DEFAULT) -> list[list[Doc]]:
    """The day's stories as lists of articles, each list in article order."""
    if not docs:
        return []
    weights = Weights(_specificity(docs, params), {t: w for doc in docs for t, w in doc.terms.items()})
    groups = {doc.index: Group.of([doc]) for doc in docs}
    neighbours: dict[int, set[int]] = {doc.index: set() for doc in docs}
    for a, b in candidate_pairs(docs, params.window_hours):
        neighbours[a].add(b)
        neighbours[b].add(a)
    groups = _agglomerate(groups, neighbours, params.join, weights, params)
    groups = _refine(groups, neighbours, weights, params)
    # groups may have been created by _refine: index their neighbours afresh
    neighbours = {k: {o for o in n if o in groups} for k, n in neighbours.items() if k in groups}
    groups = _agglomerate(groups, neighbours, params.merge, weights, params)
    stories = [sorted(g.members, key=lambda d: d.index) for g in groups.values()]
    if params.split:
        stories = [part for members in stories for part in split_stories(members, weights, params)]
    return sorted(stories, key=lambda members: members[0].index)


def split_stories(members: list[Doc], weights: Weights, params: Params) -> list[list[Doc]]:
    """A story, or its parts when its members form groups far apart (briefing.compose.split),
    members compared one with another by the same closeness: those in the story's main
    language, most central first, then the others, who follow."""
    if len(members) < SMALLEST:
        return [members]
    whole = Group.of(members)
    main = max(sorted(whole.langs), key=lambda language: whole.langs[language])
    ranked = sorted(members, key=lambda d: (d.language != main, -_dot(d.vector, whole.text), d.index))
    singles = [Group.of([d]) for d in ranked]
    parts = split_parts(
        len(ranked),
        lambda i, j: closeness(singles[i], singles[j], weights, params),
        params.split,
        whole.langs[main],
    )
    return [sorted((ranked[i] for i in part), key=lambda d: d.index) for part in parts]


def _specificity(docs: list[Doc], params: Params) -> dict[str, float]:
    """Actor identity -> (IDF / largest IDF)², the IDF counted as if `background` more
    articles naming nobody were in the day (so a small day does not make all rare)."""
    df = Counter(a for doc in docs for a in doc.actors)
    total = len(docs) + params.background
    top = math.log(total)
    return {a: (math.log(total / (1 + n)) / top) ** 2 for a, n in df.items()}
