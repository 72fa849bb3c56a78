"""Compose: the day's articles -> stories -> ranking -> sections -> a Briefing.

A story is the coverage of one event by several outlets, possibly in several
languages. Articles join stories greedily in time order: each article is compared
only with the stories that share one of its rarer terms or one of its actors (an
inverted index), so the work grows with the number of articles, not its square.
Similarity is TF-IDF cosine over folded, stemmed words plus a bonus for shared
actors (folded names and the cross-language aliases in data/aliases.json), which is
what lets an Arabic and an English report of the same event meet. No LLM.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from .config import JobConfig
from .models import Actor, Analysis, Article, Briefing, KeyPoint, Section, Story

SIMILARITY = 0.30  # cosine + actor bonus needed to join a story (tuned on ANT days)
ACTOR_BONUS = 0.35  # weight of the shared-actor overlap in the similarity
WINDOW_HOURS = 36  # an article joins a story only if close in time to it
VECTOR_TERMS = 40  # terms kept per article vector
BLOCK_TERMS = 12  # an article's strongest terms used to find candidate stories
MAX_CANDIDATES = 30  # candidate stories compared per article
DUPLICATE_POINT = 0.55  # word-set overlap above which two key points say the same

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
        from .text.tokens import content_stems
    except ImportError:  # the text package is optional for composition
        return _fallback_stems(text, language)
    return content_stems(text, language)


def _fold(text: str) -> str:
    try:
        from .text.normalize import fold_arabic
    except ImportError:
        return text.lower().strip()
    return fold_arabic(text).lower().strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Folded name or alias (any language) -> one id, for cross-language actor matching."""
    try:
        raw = resources.files("briefing").joinpath("data", "aliases.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    table: dict[str, str] = {}
    for entry in json.loads(raw).get("actors", []):
        for name in [entry.get("ar"), entry.get("en"), *entry.get("aliases", [])]:
            if name:
                table[_fold(name)] = entry["id"]
    return table


def actor_key(name: str) -> str:
    """A language-independent key for an actor name."""
    folded = _fold(name)
    return _aliases().get(folded, folded)


# Consonant skeletons let "السوداني" meet "al-Sudani" and "ترامب" meet "Trump" without a
# transliteration table: vowels, weak letters and the article are dropped, and letters
# that sound alike in both scripts share one symbol.
_AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ع": "", "ا": "", "و": "", "ي": "", "ء": "", "ى": "", "ة": "",
})
_LATIN_DIGRAPHS = (("sh", "s"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"))
_LATIN_SKELETON = str.maketrans({"p": "b", "q": "k", "c": "k", "g": "g", "v": "f", "x": "ks",
                                 "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": ""})


def name_skeleton(name: str) -> str | None:
    """Consonant skeleton of the last word of a person's name, or None if too short."""
    words = re.findall(r"[^\W\d_]+", _fold(name))
    if not words:
        return None
    word = words[-1]
    if "\u0600" <= word[0] <= "\u06ff":
        word = word[2:] if word.startswith("ال") and len(word) > 4 else word
        skeleton = word.translate(_AR_SKELETON)
    else:
        word = word[2:] if word.startswith("al") and len(words) > 1 and len(word) > 4 else word
        for pair, single in _LATIN_DIGRAPHS:
            word = word.replace(pair, single)
        skeleton = word.translate(_LATIN_SKELETON)
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return f"~{skeleton}" if len(skeleton) >= 3 else None


def actor_keys(actor: Actor) -> frozenset[str]:
    """Every key an actor can be matched by: its folded/aliased name, and for a person its skeleton."""
    keys = {actor_key(actor.name)}
    if actor.type == "person":
        skeleton = name_skeleton(actor.name)
        if skeleton:
            keys.add(skeleton)
    return frozenset(keys)


# --- the clustering ------------------------------------------------------------------

@dataclass
class _Doc:
    article: Article
    analysis: Analysis | None
    vector: dict[str, float]
    actors: set[str]  # every key of every actor, for the index
    actor_groups: list[frozenset[str]]  # the keys of each actor
    when: datetime | None


@dataclass
class _Cluster:
    docs: list[_Doc] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    norm2: float = 0.0
    actors: Counter = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None

    def similarity(self, doc: _Doc) -> float:
        dot = sum(w * self.total.get(t, 0.0) for t, w in doc.vector.items())
        cosine = dot / math.sqrt(self.norm2) if self.norm2 else 0.0
        overlap = 0.0
        if doc.actor_groups and self.actors:
            shared = sum(1 for keys in doc.actor_groups if any(k in self.actors for k in keys))
            overlap = shared / min(len(doc.actor_groups), 5) if shared >= 2 else 0.0
        return cosine + ACTOR_BONUS * min(overlap, 1.0)

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
    """TF-IDF vectors (title counted twice, key points, the lead) and actor keys."""
    bags: list[Counter] = []
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
    for article, bag in zip(articles, bags):
        weights = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        analysis = analyses.get(article.id)
        groups = [actor_keys(a) for a in analysis.actors] if analysis else []
        docs.append(_Doc(article, analysis, {t: w / norm for t, w in top}, set().union(*groups), groups,
                         article.published or article.collected))
    return docs


def cluster(docs: list[_Doc]) -> list[_Cluster]:
    """Greedy single pass over the articles in time order, with an inverted index."""
    clusters: list[_Cluster] = []
    by_term: dict[str, list[int]] = defaultdict(list)
    by_actor: dict[str, list[int]] = defaultdict(list)
    order = sorted(docs, key=lambda d: (d.when.timestamp() if d.when else 0.0, d.article.id))
    for doc in order:
        strongest = sorted(doc.vector, key=lambda t: -doc.vector[t])[:BLOCK_TERMS]
        hits: Counter = Counter()
        for term in strongest:
            hits.update(by_term.get(term, ()))
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
    return clusters


# --- one story ------------------------------------------------------------------------

def _merge_actors(groups: list[list[Actor]]) -> list[Actor]:
    """Cross-article merge: the actors module's merge_actors if present, else by folded name."""
    try:
        from .analyze.actors import merge_actors  # type: ignore[attr-defined]
    except ImportError:
        try:
            from .analyze.actors_merge import merge_actors  # type: ignore[no-redef]
        except ImportError:
            merge_actors = None
    if merge_actors is not None:
        return list(merge_actors(groups))
    merged: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            # A person's consonant skeleton joins "السوداني" and "al-Sudani"; the
            # first name seen (the lead article's, in the job's language) is kept.
            skeleton = name_skeleton(actor.name) if actor.type == "person" else None
            key = skeleton or actor_key(actor.name)
            seen = merged.get(key)
            if seen is None:
                merged[key] = actor
            else:
                merged[key] = replace(seen, salience=seen.salience + actor.salience,
                                      role=seen.role or actor.role,
                                      mentions=seen.mentions + actor.mentions)
    return list(merged.values())


def _same_point(words: set[str], kept: list[set[str]]) -> bool:
    for other in kept:
        if not words or not other:
            continue
        overlap = len(words & other) / min(len(words), len(other))
        if overlap >= DUPLICATE_POINT:
            return True
    return False


def _story_points(docs: list[_Doc], language: str, limit: int) -> tuple[tuple[str, KeyPoint], ...]:
    """Key points taken in turn from the most central articles, near-repeats dropped."""
    queues = [[(d.article.id, kp, d.article.language) for kp in
               sorted(d.analysis.key_points, key=lambda k: k.sentence_index)]
              for d in docs if d.analysis]
    # The reader's language first: a point in another language follows only if needed.
    queues.sort(key=lambda q: 0 if q and q[0][2] == language else 1)
    picked: list[tuple[str, KeyPoint]] = []
    kept: list[set[str]] = []
    depth = 0
    while len(picked) < limit and any(depth < len(q) for q in queues):
        for queue in queues:
            if depth >= len(queue) or len(picked) >= limit:
                continue
            article_id, point, lang = queue[depth]
            words = set(_stems(point.text, lang))
            if _same_point(words, kept):
                continue
            picked.append((article_id, point))
            kept.append(words)
        depth += 1
    return tuple(picked)


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
    actors = _merge_actors([list(d.analysis.actors) for d in docs if d.analysis])
    actors.sort(key=lambda a: (-a.salience, a.name))
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
        key_points=_story_points(docs, job.language, job.summary.points),
        actors=tuple(actors[:10]),
        sources=story_sources,
        score=round(score, 4),
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


# --- sections ------------------------------------------------------------------------

def _section_of(story: Story, job: JobConfig) -> str | None:
    categories = {a.category for a in story.articles if a.category}
    text = _fold(" ".join([story.title] + [kp.text for _, kp in story.key_points]))
    for section in job.sections:
        if categories & set(section.categories):
            return section.name
        if any(_fold(k) in text for k in section.keywords):
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
