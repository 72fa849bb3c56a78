"""Second-pass features of the stacked Arabic tagger: what the first pass said.

A name is usually tagged right somewhere in an article and missed or mistyped elsewhere
("عباس" as a person in one sentence, nothing in the next). The second CRF sees, besides
the first pass's features, the first pass's label of the word and its neighbours, and the
labels the same word (as written, and folded without clitics) got in the rest of the
article. It is trained on first-pass labels from models that never saw the sentence
(`scripts/train_ner.py` trains the first pass on folds), so it learns how far to trust them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from briefing.analyze.ner import lexicon as lex

_TYPES = ("PERS", "ORG", "LOC", "MISC")


@lru_cache(maxsize=200000)
def _keys(word: str) -> tuple[str | None, str | None]:
    """(folded form, folded form without clitics or article); None for short words and
    punctuation, whose other occurrences say nothing."""
    form = lex.fold(word)
    if len(form) < 2 or not any(c.isalpha() for c in form):
        return None, None
    core = lex.key(word)
    return form, core if len(core) >= 2 else None


def _type(label: str) -> str:
    return label[2:] if label != "O" else "O"


@lru_cache(maxsize=65536)
def _doc_view(labels: tuple[str, ...], own: str, name: str) -> tuple[str, ...]:
    """Features of the labels a key got elsewhere (`labels`: at all its places, this
    token's `own` among them). Cached: most keys share a few label patterns ("O" twice)."""
    counts = Counter(map(_type, labels))
    counts[_type(own)] -= 1
    seen = [t for t in _TYPES if counts[t] > 0]
    best = max(("O", *_TYPES), key=lambda t: counts[t])  # ties: O, then type order
    feats = [name + "m=" + best]
    feats += [name + "t=" + t for t in seen]
    firsts = Counter(label[2:] for label in labels if label.startswith("B-"))
    if own.startswith("B-"):
        firsts[own[2:]] -= 1
    feats += [name + "b=" + t for t in _TYPES if firsts[t] > 0]
    return tuple(feats)


@lru_cache(maxsize=4096)
def _label_context(label: str, prev: str, nxt: str) -> tuple[str, ...]:
    """Features of a token's first-pass label and its neighbours' (cached: a few label
    triples make up every article)."""
    return ("s:p=" + label, "s:p-1=" + prev, "s:p+1=" + nxt, "s:pp=" + prev + "|" + label)


def _places(keys: list[list[tuple[str | None, str | None]]], labels: list[list[str]]) -> dict:
    """(0 for the form or 1 for the core, key) -> the labels it got in the article."""
    places: dict[tuple[int, str | None], list[str]] = {}
    get = places.get
    for ks, labs in zip(keys, labels):
        for (form, core), label in zip(ks, labs):
            for key in ((0, form), (1, core)):
                seen = get(key)
                if seen is None:
                    places[key] = [label]
                else:
                    seen.append(label)
    return places  # (n, None) keys are gathered too, and never read


_NAMES = ("s:f", "s:k")


def _part(pair: tuple[str | None, str | None], label: str, places: dict) -> tuple[str, ...]:
    """What the rest of the article says of a word (its keys `pair`) with this label."""
    part: tuple[str, ...] = ()
    for n, k in enumerate(pair):
        if k is None:
            continue
        seen = places[(n, k)]
        if len(seen) == 1:  # most words: met once in the article
            part += (_NAMES[n] + "=none",)
        else:
            part += _doc_view(tuple(seen), label, _NAMES[n])
    return part


def stack_features(sentences: list[list[str]], labels: list[list[str]]) -> list[list[tuple[str, ...]]]:
    """For each token, the second-pass features drawn from the first pass's `labels`."""
    keys = [[_keys(w) for w in words] for words in sentences]
    places = _places(keys, labels)
    out = []
    # What the rest of the article says of a word depends on the word (its keys) and its
    # own label only: built once per (word, label), not per occurrence.
    parts: dict[tuple[str, str], tuple[str, ...]] = {}
    for words, ks, labs in zip(sentences, keys, labels):
        row = []
        last = len(labs) - 1
        for i, label in enumerate(labs):
            part = parts.get((words[i], label))
            if part is None:
                part = parts[(words[i], label)] = _part(ks[i], label, places)
            row.append(_label_context(label, labs[i - 1] if i else "BOS", labs[i + 1] if i < last else "EOS") + part)
        out.append(row)
    return out


def stack_rows(sentences: list[list[str]], labels: list[list[str]], row: Callable[..., int]) -> list[int]:
    """`row(f, f)` of each token's `stack_features` f, tokens one after another: the
    features are built once per (word, label, neighbours' labels) of the article, since
    within one article they depend on nothing else."""
    keys = [[_keys(w) for w in words] for words in sentences]
    places = _places(keys, labels)
    rows: dict[tuple[str, str, str, str], int] = {}
    parts: dict[tuple[str, str], tuple[str, ...]] = {}
    out: list[int] = []
    for words, ks, labs in zip(sentences, keys, labels):
        before = ["BOS", *labs[:-1]]
        after = [*labs[1:], "EOS"]
        for word, pair, label, prev, nxt in zip(words, ks, labs, before, after):
            key = (word, label, prev, nxt)
            r = rows.get(key)
            if r is None:
                part = parts.get((word, label))
                if part is None:
                    part = parts[(word, label)] = _part(pair, label, places)
                f = _label_context(label, prev, nxt) + part
                r = rows[key] = row(f, f)
            out.append(r)
    return out
