"""Compose: the day's articles -> stories -> ranking -> sections -> a Briefing.

A story is the coverage of one event by several outlets, possibly in several
languages. compose_cluster groups the articles that are close as a whole (word and
title centroids, actors weighted by how specific they are that day, figures across
languages, time), so unrelated news does not chain together through common words.
A story's points are chosen across its articles by closeness to the story's centre,
its actors are those several of its articles name or its points name, and its title
is its most central article's. No LLM.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from briefing.compose.actors import (
    actor_key,
    actor_keys,
    fold_name,
    merge_story_actors,
    name_skeleton,
)
from briefing.compose.cluster import DEFAULT, Doc, Params, cluster
from briefing.compose.numbers import digits, numbers
from briefing.compose.quotes import story_quotes
from briefing.config import JobConfig
from briefing.models import Actor, Analysis, Article, Briefing, KeyPoint, Section, Story

__all__ = ["actor_key", "actor_keys", "cluster", "compose_briefing", "name_skeleton", "story_key"]

VECTOR_TERMS = 40  # terms kept per article vector
ACTOR_TOP = 8  # an article's most salient actors count as evidence
FIGURE_TEXT = 6000  # characters of an article read for figures
DUPLICATE_POINT = 0.55  # word-set overlap above which two key points say the same
POINT_CENTRE = 0.10  # a point less similar than this to its story's centre is not one of its points
POINT_REDUNDANCY = 0.7  # MMR: weight of centrality against repeating a chosen point
SECTION_SIZE = 3  # an outlet's categories are its sections when they hold this many of its articles on average

LABELS = {
    "ar": {"main": "أبرز الأخبار", "other": "أخبار أخرى"},
    "en": {"main": "Top stories", "other": "Other news"},
}


# --- words -------------------------------------------------------------------------


def _fallback_stems(text: str, language: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]{3,}", text.lower())]


def _stems(text: str, language: str) -> list[str]:
    """Folded, stemmed content words (briefing.text.tokens when present)."""
    try:
        from briefing.text.tokens import content_stems
    except ImportError:  # the text package is optional for composition
        return _fallback_stems(text, language)
    return content_stems(text, language)


def _unit(weights: dict[str, float], keep: int | None = None) -> dict[str, float]:
    items = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    norm = math.sqrt(sum(w * w for _, w in items)) or 1.0
    return {t: w / norm for t, w in items if w > 0}


# --- the day's evidence ----------------------------------------------------------------


@dataclass
class _Day:
    articles: list[Article]
    analyses: list[Analysis | None]
    docs: list[Doc]
    idf: dict[str, float]
    n: int

    def __post_init__(self) -> None:
        self.rare = max(self.idf.values(), default=1.0)  # once: a word the day never used

    def vector(self, text: str, language: str) -> dict[str, float]:
        """TF-IDF of a text with the day's IDF, unit length."""
        bag = Counter(_stems(text, language))
        return _unit({t: (1 + math.log(c)) * self.idf.get(t, self.rare) for t, c in bag.items()})


def _identities(analyses: list[Analysis | None]) -> list[tuple[str, ...]]:
    """Each article's most salient actors as identities of the day: actors that share a
    key (alias id, name skeleton) anywhere in the day are one identity."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    groups = []
    for analysis in analyses:
        found = [sorted(actor_keys(a)) for a in analysis.actors[:ACTOR_TOP]] if analysis else []
        for keys in found:
            for key in keys[1:]:
                a, b = root(keys[0]), root(key)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups.append(found)
    out = []
    for found in groups:
        ids: list[str] = []
        for keys in found:
            identity = root(keys[0])
            if identity not in ids:
                ids.append(identity)
        out.append(tuple(ids))
    return out


def _sections(articles: list[Article]) -> list[str | None]:
    """Each article's section, where its outlet's categories are a scheme of sections: few,
    each holding several of the day's articles (politics, economy, sport). A feed whose
    category is each entry's own first tag ("Iran", "Trump") gives one or two articles per
    category, and those are no sections."""
    per_outlet: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        if article.category:
            per_outlet[article.source][article.category] += 1
    schemes = {outlet for outlet, counts in per_outlet.items() if sum(counts.values()) >= SECTION_SIZE * len(counts)}
    return [a.category if a.source in schemes else None for a in articles]


def _day(articles: list[Article], analyses: dict[str, Analysis], background: float) -> _Day:
    """TF-IDF vectors (title counted twice, key points, the lead) and title vectors,
    actor identities, and figures weighted by specificity and rarity in the day. The IDF
    counts `background` more articles without the word: on a small day, or one that is
    all one event, a word every article uses still counts."""
    found = [numbers(f"{a.title}\n{a.text[:FIGURE_TEXT]}") for a in articles]
    figure_df = Counter(f for figures in found for f in figures)
    listed = [analyses.get(a.id) for a in articles]
    bags, titles = [], []
    for article, analysis in zip(articles, listed):
        points = " ".join(kp.text for kp in analysis.key_points) if analysis else ""
        bags.append(
            Counter(_stems(f"{article.title}\n{article.title}\n{points}\n{article.text[:600]}", article.language))
        )
        titles.append(Counter(_stems(article.title, article.language)))
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(articles)
    idf = {t: math.log((n + background) / (1 + c)) for t, c in df.items()}
    docs = []
    for index, (article, bag, title, figures, actors, section) in enumerate(
        zip(articles, bags, titles, found, _identities(listed), _sections(articles))
    ):
        vector = _unit({t: (1 + math.log(c)) * idf[t] for t, c in bag.items()}, VECTOR_TERMS)
        title_vector = _unit({t: idf[t] for t in title})
        weighted = {f: digits(f) * math.log(1 + n / figure_df[f]) for f in figures}
        docs.append(
            Doc(
                index,
                article.language,
                vector,
                {t: idf[t] for t in vector},
                title_vector,
                actors,
                article.published or article.collected,
                weighted,
                article.source,
                section,
            )
        )
    return _Day(articles, listed, docs, idf, n)


# --- one story ------------------------------------------------------------------------


def _same_point(words: set[str], kept: list[set[str]]) -> bool:
    for other in kept:
        if not words or not other:
            continue
        overlap = len(words & other) / min(len(words), len(other))
        if overlap >= DUPLICATE_POINT:
            return True
    return False


def _in_turn(queues: list[list]) -> list:
    """The first item of every queue, then the second of every queue, and so on."""
    depth = max((len(q) for q in queues), default=0)
    return [q[i] for i in range(depth) for q in queues if i < len(q)]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _centre(docs: list[Doc]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for doc in docs:
        for term, weight in doc.vector.items():
            total[term] += weight
    return _unit(total)


def _own_points(members: list[tuple[Doc, Analysis]], day: _Day, limit: int) -> list[tuple[str, KeyPoint]]:
    """Points in one language chosen across the story's articles: the candidates are the
    articles' key points, scored by similarity to the story's centre; each next point is
    the most central one that repeats the chosen ones least (maximal marginal relevance).
    A point far from the centre is not taken, however central in its own article."""
    if not members:  # no article of the story was analysed (an analysis that failed for good)
        return []
    language = members[0][0].language
    candidates = []
    for rank, (doc, analysis) in enumerate(members):
        for kp in sorted(analysis.key_points, key=lambda k: k.sentence_index):
            candidates.append(
                (
                    rank,
                    kp.sentence_index,
                    day.articles[doc.index].id,
                    kp,
                    day.vector(kp.text, language),
                    set(_stems(kp.text, language)),
                )
            )
    if len(members) == 1:  # one article: its own key points, in its order
        own: list[tuple[str, KeyPoint, set[str]]] = []
        for _, _, article_id, kp, _, words in candidates:
            if len(own) < limit and not _same_point(words, [w for *_, w in own]):
                own.append((article_id, kp, words))
        return [(a, kp) for a, kp, _ in own]
    centre = _centre([doc for doc, _ in members])
    central = [(c, _dot(c[4], centre)) for c in candidates]
    central = [(c, score) for c, score in central if score >= POINT_CENTRE]
    chosen: list[tuple] = []
    while central and len(chosen) < limit:

        def gain(item):
            (rank, sentence, *_), score = item
            repeat = max((_dot(item[0][4], c[4]) for c in chosen), default=0.0)
            return (POINT_REDUNDANCY * score - (1 - POINT_REDUNDANCY) * repeat, -rank, -sentence)

        best = max(central, key=gain)
        central.remove(best)
        if not _same_point(best[0][5], [c[5] for c in chosen]):
            chosen.append(best[0])
    return [(c[2], c[3]) for c in chosen]


def _story_points(members: list[Doc], day: _Day, limit: int) -> tuple[tuple[str, KeyPoint], ...]:
    """Points in the lead article's language first, chosen across its articles by
    closeness to the story's centre; then points in other languages that give a figure
    those do not (their words cannot be compared with ours, their figures can). Up to
    half the places are kept for such new figures, so the briefing language leads."""
    language = members[0].language
    analysed = [(d, a) for d in members if (a := day.analyses[d.index]) is not None]
    own = _own_points([(d, a) for d, a in analysed if d.language == language], day, limit)
    said = set().union(*(numbers(p.text) for _, p in own))
    added: list[tuple[str, KeyPoint]] = []
    room = max(limit // 2, limit - len(own))
    queues = [
        [(day.articles[d.index].id, kp) for kp in sorted(a.key_points, key=lambda k: k.sentence_index)]
        for d, a in analysed
        if d.language != language
    ]
    for article_id, point in _in_turn(queues):
        figures = numbers(point.text)  # a dateline's "Nov 27" is no new fact
        if len(added) < room and figures - said:
            added.append((article_id, point))
            said |= figures
    return tuple(own[: limit - len(added)] + added)


def _story_actors(
    members: list[Doc], day: _Day, points: tuple[tuple[str, KeyPoint], ...], language: str
) -> list[Actor]:
    """The actors of a story's articles, one per identity; in a story of several articles
    only those named in two of them or more, or named in one of the story's points."""
    analysed = [(d, a) for d in members if (a := day.analyses[d.index]) is not None]
    merged = merge_story_actors([list(a.actors) for _, a in analysed], [d.language for d, _ in analysed], language)
    if len(analysed) < 2:
        return merged
    named: Counter = Counter()
    for _, analysis in analysed:
        named.update(set().union(*(actor_keys(a) for a in analysis.actors)))
    in_points: set[str] = set()
    spans = defaultdict(list)
    for article_id, kp in points:
        spans[article_id].append((kp.start, kp.end))
    for doc, analysis in analysed:
        for start, end in spans.get(day.articles[doc.index].id, ()):
            for actor in analysis.actors:
                if any(start <= m.start and m.end <= end for m in actor.mentions):
                    in_points |= actor_keys(actor)
    return [a for a in merged if max((named[k] for k in actor_keys(a)), default=0) >= 2 or actor_keys(a) & in_points]


def _sources_of(articles: list[Article], sources: dict[str, list[tuple[str, str | None]]]) -> tuple[str, ...]:
    names: list[str] = []
    for article in articles:
        for name in [article.source, *article.sources, *(s for s, _ in sources.get(article.id, ()))]:
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _recency(docs: list[Doc], newest: datetime | None) -> float:
    """1 for a story whose last article is the day's newest, down to 0 a day older."""
    times = [d.when for d in docs if d.when]
    if not newest or not times:
        return 0.0
    return max(0.0, 1.0 - (newest - max(times)).total_seconds() / (24 * 3600))


def _base_score(outlets: int, articles: int, recency: float) -> float:
    """A story's rank score without its actors' salience (which adds at most 0.5)."""
    return outlets + 0.5 * math.log1p(articles) + 0.5 * recency


def _story_id(articles: list[Article]) -> str:
    return hashlib.sha1(" ".join(sorted(a.id for a in articles)).encode()).hexdigest()[:12]


def _top_stories(
    groups: list[list[Doc]], day: _Day, job: JobConfig, sources: dict, newest: datetime | None
) -> list[Story]:
    """The `job.max_stories` highest-ranked stories, best first, as if every group had been
    made a story and ranked; but a group is made (points, actors, quotes: most of the
    cost) only when it can still rank among them. Its score without salience plus 0.5
    bounds its score, so once that bound falls below the last kept story's score, no
    group left can enter, and a day of many small stories costs little more than the
    stories it shows."""
    bounds = []
    for members in groups:
        articles = [day.articles[d.index] for d in members]
        base = _base_score(len(_sources_of(articles, sources)), len(members), _recency(members, newest))
        bounds.append((base + 0.5 + 1e-3, members))  # 1e-3: the score is rounded to 4 places
    bounds.sort(key=lambda item: -item[0])
    kept: list[Story] = []
    for bound, members in bounds:
        if len(kept) >= job.max_stories and bound < kept[-1].score:
            break
        kept.append(_make_story(members, day, job, sources, newest))
        kept.sort(key=lambda story: (-story.score, story.id))
        del kept[job.max_stories :]
    return kept


def _make_story(members: list[Doc], day: _Day, job: JobConfig, sources: dict, newest: datetime | None) -> Story:
    centre = _centre(members)
    central = sorted(members, key=lambda d: (-_dot(d.vector, centre), day.articles[d.index].id))
    lead = next((d for d in central if d.language == job.language), central[0])
    docs = [lead] + [d for d in central if d is not lead]
    articles = [day.articles[d.index] for d in docs]
    points = _story_points(docs, day, job.summary.points)
    actors = _story_actors(docs, day, points, lead.language)
    story_sources = _sources_of(articles, sources)
    recency = _recency(docs, newest)
    salience = sum(a.salience for a in actors[:3])
    score = _base_score(len(story_sources), len(docs), recency) + 0.5 * min(salience, 1.0)
    return Story(
        id=_story_id(articles),
        title=articles[0].title,
        language=lead.language,
        articles=tuple(articles),
        key_points=points,
        actors=tuple(actors[:10]),
        sources=story_sources,
        score=round(score, 4),
        quotes=story_quotes([(day.articles[d.index], day.analyses[d.index]) for d in docs], language=lead.language),
    )


def story_key(story: Story) -> str:
    """Top actors + top terms, sorted: the same ongoing event gives an overlapping key next day."""
    actors = sorted({actor_key(a.name) for a in sorted(story.actors, key=lambda a: -a.salience)[:3]})
    text = " ".join([story.title, story.title] + [kp.text for _, kp in story.key_points])
    counts = Counter(_stems(text, story.language))
    terms = sorted(t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    return "|".join([",".join(actors), ",".join(terms)])


def _key_items(key: str) -> tuple[set[str], set[str]]:
    actors, _, terms = key.partition("|")
    return {a for a in actors.split(",") if a}, {t for t in terms.split(",") if t}


def _continues(key: str, previous: list[tuple[set[str], set[str]]]) -> bool:
    actors, terms = _key_items(key)
    for old_actors, old_terms in previous:
        shared_terms = len(terms & old_terms)
        if shared_terms >= 3 or (shared_terms >= 2 and actors & old_actors):
            return True
    return False


def continued_story(key: str, previous_keys: list[str]) -> int | None:
    """The index of the first of `previous_keys` that the story with `key` continues."""
    for index, old in enumerate(previous_keys):
        if old and _continues(key, [_key_items(old)]):
            return index
    return None


# --- sections ------------------------------------------------------------------------


def _section_of(story: Story, job: JobConfig) -> str | None:
    categories = {a.category for a in story.articles if a.category}
    text = fold_name(" ".join([story.title] + [kp.text for _, kp in story.key_points]))
    for section in job.sections:
        if categories & set(section.categories):
            return section.name
        if any(fold_name(k) in text for k in section.keywords):
            return section.name
        if story.language in section.languages:
            return section.name
    return None


def _label(language: str, name: str) -> str:
    return LABELS.get(language, LABELS["en"])[name]


def compose_briefing(
    job: JobConfig,
    day: date,
    articles: list[Article],
    analyses: dict[str, Analysis],
    *,
    sources: dict[str, list[tuple[str, str | None]]],
    previous_story_keys: set[str] = frozenset(),
    timezone: str,
    params: Params = DEFAULT,
) -> Briefing:
    """The briefing of `day` from the day's articles and their analyses (`params`: the
    clustering's weights and thresholds, for measuring them)."""
    # Same input, same order, same output; an article listed twice counts once.
    articles = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    found = _day(articles, analyses, params.background)
    groups = cluster(found.docs, params)
    times = [a.published or a.collected for a in articles]
    newest = max(times) if times else None
    total = len(groups)
    stories = _top_stories(groups, found, job, sources, newest)

    previous = [_key_items(k) for k in previous_story_keys]
    placed: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        status = "continuing" if previous and _continues(story_key(story), previous) else "new"
        name = _section_of(story, job) if job.sections else "main"
        name = name or "other"
        placed[name].append(replace(story, status=status, section=name))

    sections: list[Section] = []
    for config in job.sections:
        if placed.get(config.name):
            sections.append(Section(config.name, config.title or config.name, tuple(placed[config.name])))
    for name in ("main", "other"):
        if placed.get(name):
            sections.append(Section(name, _label(job.language, name), tuple(placed[name])))

    all_sources = sorted({s for story in stories for s in story.sources})
    stats = {
        "articles": len(articles),
        "stories": total,
        "shown": len(stories),
        "multi_source_stories": sum(1 for s in stories if len(s.sources) > 1),
        "sources": len(all_sources),
        "languages": dict(sorted(Counter(a.language for a in articles).items())),
    }
    return Briefing(
        job=job.name,
        title=job.display_title,
        date=day,
        timezone=timezone,
        language=job.language,
        sections=tuple(sections),
        stats=stats,
    )
