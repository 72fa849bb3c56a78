"""The default key-point ranker: learned sentence scores for news, with redundancy control.

Each candidate sentence gets a few language-agnostic features (position, paragraph
start, length, centrality, headline overlap, coverage of the document's salient words,
numbers, quotes, the lede's share of the summary). A weighted sum of them is the
sentence's score; the weights and the redundancy penalty are learned by
scripts/train_keypoints.py (ROUGE-1 against public human summaries, Arabic and English,
and Arabic news headlines) and shipped as briefing/data/keypoints-model.json.
Picks are made greedily, penalising overlap with points already chosen (MMR).
Fragments that are not sentences (related-article headlines, captions, bylines,
datelines) are never picked while real sentences remain.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from briefing.models import Sentence

# Only the first sentences are ranked: it keeps a 2 MB text fast, and the lead bias of
# news means the key points are rarely further down.
MAX_GRAPH = 120
# Words at which a sentence counts as full length.
FULL_LENGTH = 25
# Most frequent content terms of a document that count as its salient words.
SALIENT_TERMS = 10
# Cosine at which a sentence repeats one already picked, and what that costs it.
DUPLICATE = 0.8
DUPLICATE_PENALTY = 1000.0
_FINAL = tuple(".!?؟…۔\"'”’»)")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile('["“”«»]')
_JUNK_PREFIXES = (
    "read more",
    "related:",
    "related articles",
    "see also",
    "watch:",
    "click here",
    "photo:",
    "image:",
    "caption:",
    "video:",
    "follow us",
    "source:",
    "copyright",
    "all rights reserved",
    "اقرأ أيضا",
    "إقرأ أيضا",
    "اقرأ المزيد",
    "للمزيد",
    "المزيد:",
    "شاهد أيضا",
    "شاهد:",
    "اضغط هنا",
    "صورة:",
    "فيديو:",
    "*",
    "نقلا عن",
    "نقلاً عن",
    "المصدر:",
)

# Why these: in news the first sentences (of the article and of its paragraphs) carry
# the story, sentences sharing vocabulary with the rest or with the headline say what
# it is about, and full-length sentences say more than fragments. The inverted pyramid:
# a report's lede states the news, so the shorter the summary, the more of it the lede
# should be (`lede_budget`: 1/N for the first sentence of an N-point summary, else 0).
# Order matters: the model file lists the same names, and its weights follow them.
FEATURES = (
    "first",
    "position",
    "paragraph_first",
    "paragraph_position",
    "length",
    "centrality",
    "title",
    "salience",
    "number",
    "quote",
    "lede_budget",
)


def is_candidate(sentence: Sentence, words_in: int, alone_in_paragraph: bool) -> bool:
    """Whether a sentence can be a key point (not a headline line, caption, byline...)."""
    text = sentence.text
    if words_in < 4:
        return False
    if text.lower().startswith(_JUNK_PREFIXES):
        return False
    if text.endswith(":"):
        return False  # a lead-in to a list or a quote that follows
    if alone_in_paragraph and not text.endswith(_FINAL) and words_in < 20:
        return False  # a headline line: section titles, related-article links
    return True


@lru_cache(maxsize=1)
def model() -> dict:
    """The learned weights and redundancy penalty (read once, on first use)."""
    raw = resources.files("briefing").joinpath("data", "keypoints-model.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("keypoints-model.json does not match newsrank.FEATURES: retrain it")
    return data


def candidates_of(sentences, language: str):
    """(indexes of the sentences that may be key points, match stems of every sentence)."""
    from briefing.text.tokens import match_stems

    per_paragraph: dict[int, int] = {}
    for s in sentences:
        per_paragraph[s.paragraph] = per_paragraph.get(s.paragraph, 0) + 1
    stems = [match_stems(s.text, language) for s in sentences]
    chosen = [
        i
        for i, s in enumerate(sentences)
        if is_candidate(s, len(s.text.split()), per_paragraph[s.paragraph] == 1) and stems[i]
    ]
    return chosen, stems


def features(sentences, candidates: list[int], stems: list[list[str]], title: str, language: str, count: int = 3):
    """(feature matrix, cosine similarity matrix) of the candidates, numpy arrays.

    `count` is the number of points asked for: `lede_budget` is the share of them that
    the article's first sentence would take.
    """
    import numpy as np

    from briefing.text.tokens import match_stems

    n = len(candidates)
    docs = [stems[i] for i in candidates]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for row, terms in enumerate(docs):
        for t in terms:
            rows.append(row)
            cols.append(vocab.setdefault(t, len(vocab)))
    counts = np.zeros((n, max(len(vocab), 1)))
    np.add.at(counts, (rows, cols), 1)
    df = (counts > 0).sum(axis=0)
    idf = np.log(1 + n / np.maximum(df, 1))
    tfidf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0.0) * idf
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    unit = tfidf / np.where(norms > 0, norms, 1)
    sims = unit @ unit.T
    np.fill_diagonal(sims, 0.0)

    zeros = np.zeros(n)
    rank = np.arange(n)
    paragraphs = [sentences[i].paragraph for i in candidates]
    order = {p: k for k, p in enumerate(dict.fromkeys(paragraphs))}
    sizes = np.array([len(sentences[i].text.split()) for i in candidates], dtype=float)
    texts = [sentences[i].text for i in candidates]
    columns = {
        "first": (rank == 0).astype(float),
        "position": 1 / np.sqrt(1 + rank),
        "paragraph_first": np.array([k == 0 or paragraphs[k - 1] != p for k, p in enumerate(paragraphs)], dtype=float),
        "paragraph_position": np.array([1 / math.sqrt(1 + order[p]) for p in paragraphs]),
        "length": np.minimum(1, sizes / FULL_LENGTH),
        "centrality": _scaled(sims.sum(axis=1)),
        "title": zeros,
        "salience": zeros,
        "number": np.array([bool(_DIGIT.search(t)) for t in texts], dtype=float),
        "quote": np.array([bool(_QUOTE.search(t)) for t in texts], dtype=float),
        "lede_budget": (rank == 0) / max(count, 1),
    }
    title_terms = [vocab[t] for t in set(match_stems(title, language)) if t in vocab]
    if title_terms:
        query = np.zeros(counts.shape[1])
        query[title_terms] = idf[title_terms]
        columns["title"] = _scaled(unit @ query)
    # Share of the document's most frequent content terms the sentence mentions.
    total = counts.sum(axis=0)
    top = np.argsort(-total, kind="stable")[:SALIENT_TERMS]
    top = top[total[top] > 1]
    if len(top):
        columns["salience"] = (counts[:, top] > 0).sum(axis=1) / len(top)
    x = np.column_stack([columns[name] for name in FEATURES])
    return x, sims


def _scaled(values):
    """Values divided by their maximum (all zero when nothing is positive)."""
    top = values.max()
    return values / top if top > 0 else values * 0.0


def rank_news(document, count: int) -> list[tuple[int, float]]:
    """Our news summarizer: learned sentence scores, picked greedily with MMR."""
    import numpy as np

    if count <= 0:
        return []
    sentences, candidates, x, sims = ranking_inputs(document, count)
    params = model()
    scores = x @ np.array(params["weights"])
    chosen = select(scores, sims, count, params["redundancy"])
    return [(sentences[candidates[k]].index, float(scores[k])) for k in chosen]


def ranking_inputs(document, count: int):
    """(sentences ranked, candidate indexes, feature matrix, similarities): what the
    weights apply to, shared with scripts/train_keypoints.py so training sees what users get."""
    sentences = document.sentences[:MAX_GRAPH]
    candidates, stems = candidates_of(sentences, document.language)
    if len(candidates) < count:
        # Too few real sentences: fall back on the others, in article order.
        extra = [i for i in range(len(sentences)) if i not in candidates and stems[i]]
        extra += [i for i in range(len(sentences)) if i not in candidates and not stems[i]]
        candidates = sorted(candidates + extra[: count - len(candidates)])
    for i in candidates:
        stems[i] = stems[i] or [f"\0{i}"]  # a row of its own: empty rows break cosines
    x, sims = features(sentences, candidates, stems, document.title, document.language, count)
    return sentences, candidates, x, sims


def select(scores, sims, count: int, redundancy: float) -> list[int]:
    """Greedy MMR: the best score minus `redundancy` times the overlap with picks.

    A near-duplicate of a pick (a repeated lede, a reworded caption) comes last.
    """
    import numpy as np

    n = len(scores)
    overlap = np.zeros(n)
    taken = np.zeros(n, dtype=bool)
    chosen: list[int] = []
    while len(chosen) < min(count, n):
        value = scores - redundancy * overlap - DUPLICATE_PENALTY * (overlap >= DUPLICATE)
        value = np.where(taken, -np.inf, value)
        best = int(np.argmax(value))
        chosen.append(best)
        taken[best] = True
        overlap = np.maximum(overlap, sims[best])
    return chosen
