"""Key points: extractive summaries of one article, by a method chosen by name.

`METHODS` is the registry: "default" (ours, built for news), "lead" (the first
sentences) and sumy's summarizers run on our own segmentation, so each sumy sentence
maps 1:1 to one of ours and every key point keeps its offsets into the text.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Callable

from briefing.models import KeyPoint, Sentence
from briefing.text.language import UNDETERMINED, detect_language
from briefing.text.segment import split_sentences

# (sentence index, score) pairs chosen by a method.
Picks = list[tuple[int, float]]


@dataclass(frozen=True)
class Document:
    """What every method sees: the text, its title, language and sentences."""

    text: str
    title: str
    language: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Method:
    """One summarization method: `select(document, count)` -> picks."""

    name: str
    description: str
    select: Callable[[Document, int], Picks]
    requires: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return all(importlib.util.find_spec(module) for module in self.requires)

    def disabled_message(self) -> str:
        missing = [m for m in self.requires if not importlib.util.find_spec(m)]
        return (f"key-point method {self.name!r} needs {', '.join(missing)}: "
                f"install it with `pip install {' '.join(missing)}`")


def _lead(document: Document, count: int) -> Picks:
    return [(s.index, 1.0 / (1 + s.index)) for s in document.sentences[:count]]


# sumy's quadratic methods (and KL's slow search) stay fast on this many sentences.
SUMY_MAX_SENTENCES = 300


def _sumy(name: str) -> Callable[[Document, int], Picks]:
    def select(document: Document, count: int) -> Picks:
        from briefing.text.tokens import sumy_document

        sentences = document.sentences[:SUMY_MAX_SENTENCES]
        sumy_doc, index_of = sumy_document(sentences, document.language, document.title)
        summarizer = _sumy_summarizer(name, document.language, bool(document.title.strip()))
        chosen = summarizer(sumy_doc, count)
        # sumy returns sentences in article order without scores: rank by order.
        return [(index_of[id(s)], 1.0) for s in chosen if id(s) in index_of]
    return select


def _sumy_summarizer(name: str, language: str, has_title: bool):
    """A configured sumy summarizer: our stemmer and stop words (the one adapter)."""
    from briefing.text.tokens import stop_words, sumy_stemmer

    stemmer = sumy_stemmer(language)
    stops = stop_words(language)
    if name == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        # No cue words exist for news in our languages: title and location only.
        summarizer = EdmundsonSummarizer(stemmer, cue_weight=0.0, key_weight=0.0,
                                         title_weight=1.0 if has_title else 0.0,
                                         location_weight=1.0)
        summarizer.null_words = stops or {"the"}
        return summarizer
    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif name == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif name == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif name == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif name == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif name == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    else:
        raise ValueError(f"no sumy summarizer named {name!r}")
    summarizer = cls(stemmer)
    summarizer.stop_words = stops
    return summarizer


def _default(document: Document, count: int) -> Picks:
    return rank_news(document, count)


METHODS: dict[str, Method] = {
    "default": Method("default", "centrality + position + headline, redundancy control", _default),
    "lead": Method("lead", "the first sentences of the article", _lead),
    "lexrank": Method("lexrank", "sumy LexRank", _sumy("lexrank"), ("numpy",)),
    "textrank": Method("textrank", "sumy TextRank", _sumy("textrank"), ("numpy",)),
    "lsa": Method("lsa", "sumy LSA", _sumy("lsa"), ("numpy",)),
    "luhn": Method("luhn", "sumy Luhn", _sumy("luhn")),
    "edmundson": Method("edmundson", "sumy Edmundson (title + location)", _sumy("edmundson")),
    "kl": Method("kl", "sumy KL-Sum", _sumy("kl")),
    "sumbasic": Method("sumbasic", "sumy SumBasic", _sumy("sumbasic")),
}


def get_method(name: str) -> Method:
    """The method registered as `name`; ValueError naming the choices otherwise."""
    method = METHODS.get(name)
    if method is None:
        raise ValueError(f"unknown key-point method {name!r}; available: {', '.join(METHODS)}")
    if not method.enabled:
        raise ValueError(method.disabled_message())
    return method


def sentences_for(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences of `text` (language detected when not given)."""
    return split_sentences(text, language or detect_language(text))


def key_points(text: str, *, title: str = "", language: str | None = None,
               method: str = "default", points: int | None = None,
               ratio: float | None = None, max_words: int | None = None) -> list[KeyPoint]:
    """Key points of `text`, in article order, with offsets into `text`.

    Length: `points` wins, else `ratio` of the sentences, else a `max_words` budget,
    else 3 to 5 points depending on the length of the article.
    """
    chosen = get_method(method)
    if not text.strip():
        return []
    language = language or detect_language(text)
    sentences = tuple(split_sentences(text, language))
    if not sentences:
        return []
    count = _count(sentences, points, ratio, max_words)
    document = Document(text, title, language if language != UNDETERMINED else "und", sentences)
    picks = chosen.select(document, count)
    if max_words is not None and points is None and ratio is None:
        picks = _within_budget(picks, sentences, max_words)
    picks = sorted(dict(picks).items())
    return [KeyPoint(i, sentences[i].start, sentences[i].end, sentences[i].text, round(score, 4))
            for i, score in picks]


def _count(sentences: tuple[Sentence, ...], points: int | None, ratio: float | None,
           max_words: int | None) -> int:
    total = len(sentences)
    if points is not None:
        if points < 0:
            raise ValueError(f"points must be >= 0, got {points}")
        return min(points, total)
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], got {ratio}")
        return max(1, min(total, round(ratio * total)))
    if max_words is not None:
        if max_words <= 0:
            raise ValueError(f"max_words must be > 0, got {max_words}")
        mean = sum(len(s.text.split()) for s in sentences) / total
        # Ask for a little more than fits; `_within_budget` trims by score.
        return max(1, min(total, round(max_words / max(mean, 1.0)) + 1))
    # A short article needs fewer points than a long one.
    return min(total, 3 if total < 15 else 4 if total < 40 else 5)


def _within_budget(picks: Picks, sentences: tuple[Sentence, ...], max_words: int) -> Picks:
    """The best-scored picks whose words fit in `max_words` (at least one pick)."""
    kept: Picks = []
    used = 0
    for index, score in sorted(picks, key=lambda p: -p[1]):
        size = len(sentences[index].text.split())
        if kept and used + size > max_words:
            continue
        kept.append((index, score))
        used += size
    return kept


# --- the default method ------------------------------------------------------------
# Why these features: in news the first sentences carry the story (position), the
# sentences that share most vocabulary with the rest say what it is about (centrality),
# the headline names it (title overlap), and picking near-duplicates wastes a point
# (redundancy). Fragments that are not sentences (related-article headlines, captions,
# bylines, datelines) are never picked while real sentences remain.

# Only the first sentences enter the similarity graph: it keeps a 2 MB text fast, and
# the lead bias of news means the key points are rarely further down.
MAX_GRAPH = 120
_FINAL = tuple(".!?؟…۔\"'”’»)")
_JUNK_PREFIXES = (
    "read more", "related:", "related articles", "see also", "watch:", "click here",
    "photo:", "image:", "caption:", "video:", "follow us", "source:", "copyright",
    "all rights reserved", "اقرأ أيضا", "إقرأ أيضا", "اقرأ المزيد", "للمزيد", "المزيد:",
    "شاهد أيضا", "شاهد:", "اضغط هنا", "صورة:", "فيديو:", "*", "نقلا عن", "نقلاً عن", "المصدر:",
)


@dataclass(frozen=True)
class Weights:
    """Weights of the default scorer (kept together so they are easy to audit)."""

    centrality: float = 1.0  # LexRank-like degree: summed cosine to the other sentences
    position: float = 1.0
    decay: float = 0.5  # position prior 1 / (1 + rank) ** decay
    title: float = 0.5  # cosine with the headline
    length: float = 0.8  # preference for full-length sentences over short fragments
    full_length: int = 25  # words at which a sentence counts as full length
    redundancy: float = 0.8  # MMR: penalty for similarity to points already chosen


WEIGHTS = Weights()


def is_candidate(sentence: Sentence, words_in: int, alone_in_paragraph: bool) -> bool:
    """Whether a sentence can be a key point (not a headline line, caption, byline...)."""
    text = sentence.text
    if words_in < 4:
        return False
    lowered = text.lower()
    if lowered.startswith(_JUNK_PREFIXES):
        return False
    if text.endswith(":"):
        return False  # a lead-in to a list or a quote that follows
    if alone_in_paragraph and not text.endswith(_FINAL) and words_in < 20:
        return False  # a headline line: section titles, related-article links
    return True


def rank_news(document: Document, count: int) -> Picks:
    """Our news summarizer: position + centrality + headline overlap, with MMR."""
    from briefing.text.tokens import content_stems

    if count <= 0:
        return []
    sentences = document.sentences[:MAX_GRAPH]
    per_paragraph: dict[int, int] = {}
    for s in sentences:
        per_paragraph[s.paragraph] = per_paragraph.get(s.paragraph, 0) + 1
    lang = document.language
    stems = [content_stems(s.text, lang) for s in sentences]
    candidates = [i for i, s in enumerate(sentences)
                  if is_candidate(s, len(s.text.split()), per_paragraph[s.paragraph] == 1)
                  and stems[i]]
    if len(candidates) < count:
        # Too few real sentences: fall back on the others, in article order.
        extra = [i for i in range(len(sentences)) if i not in candidates]
        candidates = sorted(candidates + extra[:count - len(candidates)])
    vectors = _tfidf([stems[i] for i in candidates])
    title_vector = _tfidf_query(content_stems(document.title, lang), [stems[i] for i in candidates])
    n = len(candidates)
    sims = [[_cosine(vectors[a], vectors[b]) if a != b else 0.0 for b in range(n)]
            for a in range(n)]
    w = WEIGHTS
    centrality = _normalise([sum(row) for row in sims])
    title = _normalise([_cosine(title_vector, v) for v in vectors]) if title_vector else [0.0] * n
    scores = []
    for rank, (cent, head) in enumerate(zip(centrality, title)):
        position = 1.0 / (1.0 + rank) ** w.decay
        size = min(1.0, len(sentences[candidates[rank]].text.split()) / w.full_length)
        scores.append(w.centrality * cent + w.position * position + w.title * head
                      + w.length * size)
    chosen: list[int] = []
    while len(chosen) < min(count, n):
        best, best_value = -1, float("-inf")
        for k in range(n):
            if k in chosen:
                continue
            overlap = max((sims[k][j] for j in chosen), default=0.0)
            value = scores[k] - w.redundancy * overlap
            if value > best_value:
                best, best_value = k, value
        chosen.append(best)
    return [(sentences[candidates[k]].index, scores[k]) for k in chosen]


def _tfidf(docs: list[list[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of stem lists (IDF over these sentences)."""
    import math

    df: dict[str, int] = {}
    for stems in docs:
        for term in set(stems):
            df[term] = df.get(term, 0) + 1
    total = len(docs)
    vectors = []
    for stems in docs:
        counts: dict[str, int] = {}
        for term in stems:
            counts[term] = counts.get(term, 0) + 1
        vector = {t: (1 + math.log(c)) * math.log(1 + total / df[t]) for t, c in counts.items()}
        vectors.append(_unit(vector))
    return vectors


def _tfidf_query(query: list[str], docs: list[list[str]]) -> dict[str, float]:
    import math

    df: dict[str, int] = {}
    for stems in docs:
        for term in set(stems):
            df[term] = df.get(term, 0) + 1
    total = max(len(docs), 1)
    vector = {t: math.log(1 + total / df.get(t, 1)) for t in set(query)}
    return _unit(vector)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = sum(v * v for v in vector.values()) ** 0.5
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _normalise(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0 for _ in values]
