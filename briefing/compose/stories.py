"""Compose: the day's articles -> stories -> ranking -> sections -> a Briefing.

A story is the coverage of one event by several outlets, possibly in several
languages. Articles join stories greedily in time order: each article is compared
only with the stories that share one of its rarer terms, actors or figures (an
inverted index), so the work grows with the number of articles, not its square.
Similarity is TF-IDF cosine over folded, stemmed words plus a bonus for shared
actors (compose_actors: aliases and name skeletons). Across languages, where words
cannot meet, shared figures and actors are the evidence (compose_numbers). No LLM.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from briefing.compose.actors import (
    actor_key,
    actor_keys,
    fold_name,
    merge_story_actors,
    name_skeleton,
)
from briefing.compose.numbers import digits, numbers
from briefing.compose.quotes import story_quotes
from briefing.config import JobConfig
from briefing.models import Analysis, Article, Briefing, KeyPoint, Section, Story

__all__ = ["actor_key", "actor_keys", "cluster", "compose_briefing", "name_skeleton", "story_key"]

SIMILARITY = 0.30  # cosine + actor bonus needed to join a story (tuned on ANT days)
ACTOR_BONUS = 0.35  # weight of the shared-actor overlap in the similarity
WINDOW_HOURS = 36  # an article joins a story only if close in time to it
VECTOR_TERMS = 40  # terms kept per article vector
BLOCK_TERMS = 12  # an article's strongest terms used to find candidate stories
BLOCK_FIGURES = 8  # an article's most specific figures used to find candidate stories
MAX_CANDIDATES = 30  # candidate stories compared per article
DUPLICATE_POINT = 0.55  # word-set overlap above which two key points say the same

# Across languages (no shared words): figures and actors. Conservative on purpose: two
# shared figures (years and small counts aside) with 4+ significant digits between them,
# one shared actor, and then weighted Jaccard of the figures + 0.1 per shared actor.
CROSS_SIMILARITY = 0.40
CROSS_MIN_FIGURES = 2
CROSS_MIN_DIGITS = 4
CROSS_ACTOR = 0.10
CROSS_MEMBERS = 8  # members of a story in another language compared with an article
FIGURE_TEXT = 6000  # characters of an article read for figures

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


# --- the clustering ------------------------------------------------------------------

@dataclass
class _Doc:
    article: Article
    analysis: Analysis | None
    vector: dict[str, float]
    actors: set[str]  # every key of every actor, for the index
    actor_groups: list[frozenset[str]]  # the keys of each actor
    when: datetime | None
    figures: dict[str, float] = field(default_factory=dict)  # figure -> digits x rarity


def cross_similarity(a: _Doc, b: _Doc) -> float:
    """Two articles in different languages: weighted Jaccard of their figures plus
    CROSS_ACTOR per shared actor, or 0 without two specific shared figures and an actor."""
    shared = a.figures.keys() & b.figures.keys()
    if len(shared) < CROSS_MIN_FIGURES or sum(digits(f) for f in shared) < CROSS_MIN_DIGITS:
        return 0.0
    actors = sum(1 for keys in a.actor_groups if any(k in b.actors for k in keys))
    if not actors:
        return 0.0
    union = a.figures.keys() | b.figures.keys()
    weight = {**a.figures, **b.figures}
    jaccard = sum(weight[f] for f in shared) / sum(weight[f] for f in union)
    return jaccard + CROSS_ACTOR * min(actors, 3)


@dataclass
class _Cluster:
    docs: list[_Doc] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    norm2: float = 0.0
    actors: Counter = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None

    def similarity(self, doc: _Doc) -> float:
        """Words and actors; for members in another language also figures and actors,
        scaled so that CROSS_SIMILARITY there counts as SIMILARITY here."""
        dot = sum(w * self.total.get(t, 0.0) for t, w in doc.vector.items())
        cosine = dot / math.sqrt(self.norm2) if self.norm2 else 0.0
        overlap = 0.0
        if doc.actor_groups and self.actors:
            shared = sum(1 for keys in doc.actor_groups if any(k in self.actors for k in keys))
            overlap = shared / min(len(doc.actor_groups), 5) if shared >= 2 else 0.0
        similarity = cosine + ACTOR_BONUS * min(overlap, 1.0)
        if doc.figures:
            foreign = [d for d in self.docs if d.article.language != doc.article.language][:CROSS_MEMBERS]
            cross = max((cross_similarity(doc, other) for other in foreign), default=0.0)
            similarity = max(similarity, cross * SIMILARITY / CROSS_SIMILARITY)
        return similarity

    def add(self, doc: _Doc) -> None:
        dot = sum(w * self.total.get(t, 0.0) for t, w in doc.vector.items())
        self.norm2 += 2 * dot + sum(w * w for w in doc.vector.values())
        for term, weight in doc.vector.items():
            self.total[term] += weight
        self.actors.update(doc.actors)
        self.docs.append(doc)
        if doc.when:
            self.first = min(self.first or doc.when, doc.when)
            self.last = max(self.last or doc.when, doc.when)

    def near(self, when: datetime | None) -> bool:
        if when is None or self.first is None:
            return True
        hours = WINDOW_HOURS * 3600
        return (self.first - when).total_seconds() <= hours and (when - self.last).total_seconds() <= hours


def _documents(articles: list[Article], analyses: dict[str, Analysis]) -> list[_Doc]:
    """TF-IDF vectors (title counted twice, key points, the lead), actor keys, and
    figures weighted by specificity (significant digits) and rarity in the day."""
    bags: list[Counter] = []
    found = [numbers(f"{a.title}\n{a.text[:FIGURE_TEXT]}") for a in articles]
    figure_df = Counter(f for figures in found for f in figures)
    for article in articles:
        analysis = analyses.get(article.id)
        points = " ".join(kp.text for kp in analysis.key_points) if analysis else ""
        text = f"{article.title}\n{article.title}\n{points}\n{article.text[:600]}"
        bags.append(Counter(_stems(text, article.language)))
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(articles)
    docs = []
    for article, bag, figures in zip(articles, bags, found):
        weights = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        analysis = analyses.get(article.id)
        groups = [actor_keys(a) for a in analysis.actors] if analysis else []
        weighted = {f: digits(f) * math.log(1 + n / figure_df[f]) for f in figures}
        docs.append(_Doc(article, analysis, {t: w / norm for t, w in top}, set().union(*groups), groups,
                         article.published or article.collected, weighted))
    return docs


def cluster(docs: list[_Doc]) -> list[_Cluster]:
    """Greedy single pass over the articles in time order, with an inverted index."""
    clusters: list[_Cluster] = []
    by_term: dict[str, list[int]] = defaultdict(list)
    by_actor: dict[str, list[int]] = defaultdict(list)
    by_figure: dict[str, list[int]] = defaultdict(list)
    order = sorted(docs, key=lambda d: (d.when.timestamp() if d.when else 0.0, d.article.id))
    for doc in order:
        strongest = sorted(doc.vector, key=lambda t: -doc.vector[t])[:BLOCK_TERMS]
        figures = sorted(doc.figures, key=lambda f: (-doc.figures[f], f))[:BLOCK_FIGURES]
        hits: Counter = Counter()
        for term in strongest:
            hits.update(by_term.get(term, ()))
        for figure in figures:
            hits.update(by_figure.get(figure, ()))
        for actor in doc.actors:
            hits.update(by_actor.get(actor, ()))
        best, best_sim = None, SIMILARITY
        for index, _ in hits.most_common(MAX_CANDIDATES):
            candidate = clusters[index]
            if not candidate.near(doc.when):
                continue
            sim = candidate.similarity(doc)
            if sim >= best_sim:
                best, best_sim = index, sim
        if best is None:
            best = len(clusters)
            clusters.append(_Cluster())
        clusters[best].add(doc)
        for term in strongest:
            if best not in by_term[term][-1:]:
                by_term[term].append(best)
        for actor in doc.actors:
            if best not in by_actor[actor][-1:]:
                by_actor[actor].append(best)
        for figure in figures:
            if best not in by_figure[figure][-1:]:
                by_figure[figure].append(best)
    return clusters


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


def _story_points(docs: list[_Doc], limit: int) -> tuple[tuple[str, KeyPoint], ...]:
    """Points in the lead article's language first, taken in turn from the most central
    articles, near-repeats dropped; then points in other languages that give a figure
    those do not (their words cannot be compared with ours, their figures can). Up to
    half the places are kept for such new figures, so the briefing language leads."""
    language = docs[0].article.language
    queues = [[(d.article.id, kp) for kp in sorted(d.analysis.key_points, key=lambda k: k.sentence_index)]
              for d in docs if d.analysis]
    languages = [d.article.language for d in docs if d.analysis]
    own: list[tuple[str, KeyPoint]] = []
    kept: list[set[str]] = []
    for article_id, point in _in_turn([q for q, lang in zip(queues, languages) if lang == language]):
        words = set(_stems(point.text, language))
        if len(own) < limit and not _same_point(words, kept):
            own.append((article_id, point))
            kept.append(words)
    said = set().union(*(numbers(p.text) for _, p in own))
    added: list[tuple[str, KeyPoint]] = []
    room = max(limit // 2, limit - len(own))
    for article_id, point in _in_turn([q for q, lang in zip(queues, languages) if lang != language]):
        figures = numbers(point.text)  # a dateline's "Nov 27" is no new fact
        if len(added) < room and figures - said:
            added.append((article_id, point))
            said |= figures
    return tuple(own[:limit - len(added)] + added)


def _sources_of(docs: list[_Doc], sources: dict[str, list[tuple[str, str | None]]]) -> tuple[str, ...]:
    names: list[str] = []
    for doc in docs:
        for name in [doc.article.source, *doc.article.sources, *(s for s, _ in sources.get(doc.article.id, ()))]:
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _make_story(group: _Cluster, job: JobConfig, sources: dict, newest: datetime | None) -> Story:
    norm = math.sqrt(group.norm2) or 1.0
    central = sorted(group.docs, key=lambda d: (
        -sum(w * group.total.get(t, 0.0) for t, w in d.vector.items()) / norm, d.article.id))
    lead = next((d for d in central if d.article.language == job.language), central[0])
    docs = [lead] + [d for d in central if d is not lead]
    analysed = [d for d in docs if d.analysis]
    actors = merge_story_actors([list(d.analysis.actors) for d in analysed],
                                [d.article.language for d in analysed], lead.article.language)
    story_sources = _sources_of(docs, sources)
    recency = 0.0
    if newest and group.last:
        recency = max(0.0, 1.0 - (newest - group.last).total_seconds() / (24 * 3600))
    salience = sum(a.salience for a in actors[:3])
    score = len(story_sources) + 0.5 * math.log1p(len(docs)) + 0.5 * min(salience, 1.0) + 0.5 * recency
    ids = sorted(d.article.id for d in docs)
    return Story(
        id=hashlib.sha1(" ".join(ids).encode()).hexdigest()[:12],
        title=lead.article.title,
        language=lead.article.language,
        articles=tuple(d.article for d in docs),
        key_points=_story_points(docs, job.summary.points),
        actors=tuple(actors[:10]),
        sources=story_sources,
        score=round(score, 4),
        quotes=story_quotes([(d.article, d.analysis) for d in docs], language=lead.article.language),
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


def compose_briefing(job: JobConfig, day: date, articles: list[Article], analyses: dict[str, Analysis], *,
                     sources: dict[str, list[tuple[str, str | None]]],
                     previous_story_keys: set[str] = frozenset(), timezone: str) -> Briefing:
    """The briefing of `day` from the day's articles and their analyses."""
    # Same input, same order, same output; an article listed twice counts once.
    articles = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    groups = cluster(_documents(articles, analyses)) if articles else []
    times = [a.published or a.collected for a in articles]
    newest = max(times) if times else None
    stories = [_make_story(g, job, sources, newest) for g in groups]
    stories.sort(key=lambda s: (-s.score, s.id))
    total = len(stories)
    stories = stories[: job.max_stories]

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
    return Briefing(job=job.name, title=job.display_title, date=day, timezone=timezone,
                    language=job.language, sections=tuple(sections), stats=stats)
