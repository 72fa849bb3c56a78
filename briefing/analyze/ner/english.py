"""The English named-entity tagger: CRF features and fast tagging of an article.

A linear-chain CRF (python-crfsuite) trained on the CoNLL-2003 English training part by
`scripts/train_ner_en.py`; it ships as `briefing/data/ner-en.crfsuite` with word classes
learned from unlabelled text (`ner-en-clusters.txt`) and a card (`ner-en.json`). Labels
are BIO over PER, ORG, LOC, MISC.

Features (`document_features`, used for training) are of four kinds:
- a word's own, which depend on the word alone: its lower-case form, shape, prefixes and
  suffixes, capitals, digits and hyphens, its word classes, and what our own word lists
  say (a given name, a title, a known name and its type, a nationality adjective);
- what each word lends its neighbours up to two places away (`-2:w=…`, `1:shape=…`);
- the pairs it forms with the words just before and after ("bi-1=bank|of");
- the token's place and the article: first in its sentence, and what the other
  occurrences of the word in the article show (written in lower case elsewhere, or
  capitalised inside a sentence elsewhere).
Tagging does not build these strings per token: the model's weights are summed once per
distinct word (`model.Weights`), and a token's label scores are the sum of a few rows,
which gives crfsuite's labels several times faster. `tag_tokens` tags our tokens as
CoNLL writes them ("'s" is one token there).
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache, lru_cache
from pathlib import Path

from briefing.analyze.ner import lexicon as lex

MODEL_PATH = lex.DATA / "ner-en.crfsuite"
CLUSTERS_PATH = lex.DATA / "ner-en-clusters.txt"
INFO_PATH = lex.DATA / "ner-en.json"
CLUSTER_SIZES = ("64", "256", "1024")

_DIGIT = re.compile(r"\d")
_OPENERS = {'"', "“", "'", "‘", "(", "[", ":", "-", "—", "–", "``"}


@cache
def clusters() -> dict[str, tuple[str, ...]]:
    """Word (as written) -> its word classes at three sizes; see train_ner_en.py."""
    table: dict[str, tuple[str, ...]] = {}
    if CLUSTERS_PATH.exists():
        for line in CLUSTERS_PATH.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                parts = line.split("\t")
                table[parts[0]] = tuple(parts[1:])
    return table


def word_classes(word: str) -> tuple[str, ...]:
    """Classes of the word as written, else of its lower-case or capitalised form."""
    table = clusters()
    for form in (word, word.lower(), word.capitalize()):
        if form in table:
            return table[form]
    return ()


def common_word(word: str) -> bool:
    """Is the word written in lower case in the text the word classes were learned from
    ("State" -> "state" is; "Saddam" -> "saddam" is not)?"""
    low = word.lower()
    return low != word and low in clusters()


def shape(word: str) -> str:
    """Short shape: runs of upper (X), lower (x), digits (d), others kept: "McCain" -> XxXx."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


@lru_cache(maxsize=100000)
def word_features(word: str) -> tuple[str, ...]:
    """Features of one word alone (cached: news repeats its words)."""
    low = _low(word)
    feats = ["w=" + low, "shape=" + shape(word)]
    letters = any(c.isalpha() for c in word)
    if word[:1].isupper():
        feats.append("cap")
    if letters and word.isupper():
        feats.append("upper")
    if word.istitle():
        feats.append("title")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word.strip("-"):
        feats.append("hyphen")
    if "." in word and letters:
        feats.append("dot")
    if not letters and not any(c.isdigit() for c in word):
        feats.append("punct")
    if letters and len(low) > 2:
        for n in (1, 2, 3, 4):
            if len(low) > n:
                feats.append(f"p{n}=" + low[:n])
                feats.append(f"s{n}=" + low[-n:])
    feats.append("len=" + str(min(len(word), 10)))
    for size, cls in zip(CLUSTER_SIZES, word_classes(word)):
        feats.append(f"c{size}=" + cls)
    feats += _gazetteer(word)
    return tuple(feats)


def _gazetteer(word: str) -> list[str]:
    """What our own word lists say of the word: a given name, a title, a one-word
    known name (alias table, CLDR places) and its type."""
    if not word[:1].isupper():
        return []
    out = []
    if lex.in_set(word, lex.first_names()):
        out.append("g=first")
    if lex.in_set(word, lex.titles()):
        out.append("g=title")
    entry = lex.known_names().get(lex.name_keys(word))
    if entry is not None:
        out.append("g=" + entry.type)
    if lex.nationality(word) is not None:
        out.append("g=adjective")  # "Omani", "French"
    return out


# Own features a word lends its neighbours.
_WINDOW_KEYS = ("w=", "shape=", "cap", "upper", "c256=", "c1024=", "punct", "g=")
OFFSETS = (-2, -1, 1, 2)


@lru_cache(maxsize=100000)
def window_features(word: str, offset: int) -> tuple[str, ...]:
    """The features a word lends to the word `offset` places away."""
    return tuple(f"{offset}:{f}" for f in word_features(word) if f.startswith(_WINDOW_KEYS))


def _initial(words: list[str], i: int) -> bool:
    """First word of its sentence, or right after an opening quote, bracket or dash."""
    return i == 0 or words[i - 1] in _OPENERS


@lru_cache(maxsize=100000)
def _doc_key(word: str) -> str | None:
    """Words whose other occurrences are worth a look: capitalised, with letters."""
    return word if word[:1].isupper() and len(word) > 1 and not word.isupper() else None


def _mid_elsewhere(sentences: list[list[str]]) -> dict[str, int]:
    mid: dict[str, int] = {}
    for words in sentences:
        for i, w in enumerate(words):
            if _doc_key(w) is not None and not _initial(words, i):
                mid[w] = mid.get(w, 0) + 1
    return mid


def context_features(initial: bool, flags: tuple[str, ...]) -> tuple[str, ...]:
    """Features of a token's place in the sentence and in the article."""
    return (("init",) if initial else ()) + flags


def token_flags(word: str, initial: bool, lower: set[str], mid: dict[str, int]) -> tuple[str, ...]:
    """What the other occurrences of a capitalised word in the article show: written in
    lower case ("d:lower"), capitalised inside a sentence ("d:mid"; its own not counted)."""
    if _doc_key(word) is None:
        return ()
    flags = []
    if word.lower() in lower:
        flags.append("d:lower")
    if mid.get(word, 0) - (0 if initial else 1) > 0:
        flags.append("d:mid")
    return tuple(flags)


def _article_view(sentences: list[list[str]]) -> tuple[set[str], dict[str, int]]:
    lower = {w for words in sentences for w in words if w.islower()}
    return lower, _mid_elsewhere(sentences)


@lru_cache(maxsize=100000)
def _low(word: str) -> str:
    return _DIGIT.sub("0", word.lower())


def pair_key(left: str, right: str) -> str:
    """Two neighbouring words as one feature value ("bank|of"): on the right word
    ("bi-1=") and on the left ("bi+1=")."""
    return _low(left) + "|" + _low(right)


def document_features(sentences: list[list[str]]) -> list[list[list[str]]]:
    """CRF features of every token of an article (training and the reference tagger)."""
    lower, mid = _article_view(sentences)
    out = []
    for words in sentences:
        n = len(words)
        feats = []
        for i, w in enumerate(words):
            init = _initial(words, i)
            f = ["bias", *word_features(w), *context_features(init, token_flags(w, init, lower, mid))]
            for d in OFFSETS:
                if 0 <= i + d < n:
                    f += window_features(words[i + d], d)
            if i:
                f.append("bi-1=" + pair_key(words[i - 1], w))
            if i + 1 < n:
                f.append("bi+1=" + pair_key(w, words[i + 1]))
            feats.append(f)
        out.append(feats)
    return out


class _Model:
    """Thread-safe lazy holder of the model's weights (`model.Weights`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self._weights = None

    def get(self):
        with self.lock:
            if self._weights is None:
                from briefing.analyze.ner.model import Weights

                if not self.path.exists():
                    raise FileNotFoundError(f"{self.path} is missing; build it with scripts/train_ner_en.py")
                self._weights = Weights(str(self.path))
            return self._weights


_MODEL = _Model(MODEL_PATH)


def use_model(path: Path | None) -> None:
    """Tag with the model file `path` from now on (None: the shipped one); for scoring a
    development model."""
    global _MODEL
    _MODEL = _Model(Path(path) if path else MODEL_PATH)


def model_available() -> bool:
    return _MODEL.path.exists()


def model_info() -> dict:
    """The shipped model's card (ner-en.json), {} when missing."""
    try:
        return json.loads(INFO_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _rows(model, sentences: list[list[str]]):
    """For each token, the table rows whose sum is its label scores: the same features
    as `document_features`, summed once per distinct word and per context."""
    import numpy as np

    model.start_document()
    new = list({w for words in sentences for w in words if w not in model.words})
    for word, r in zip(new, model.word_rows([("bias", *word_features(w)) for w in new])):
        model.words[word] = r
    lower, mid = _article_view(sentences)
    lengths = [len(s) for s in sentences]
    total = sum(lengths)
    lent = np.array([model.words[w] for words in sentences for w in words], dtype=np.intp).reshape(-1, 5)
    ends = np.repeat(np.array(lengths, dtype=np.intp), lengths)
    left = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    right = ends - 1 - left
    # Slots: own, lent by the words 2 and 1 before, 1 and 2 after, the token's context,
    # the pair with the word before ("bi-1="), the pair with the word after ("bi+1=").
    out = np.zeros((total, 8), dtype=np.intp)
    out[:, 0] = lent[:, 0]
    out[2:, 1] = lent[:-2, 1]
    out[1:, 2] = lent[:-1, 2]
    out[:-1, 3] = lent[1:, 3]
    out[:-2, 4] = lent[2:, 4]
    out[left < 2, 1] = 0  # nothing is lent across a sentence's edge
    out[left < 1, 2] = 0
    out[right < 1, 3] = 0
    out[right < 2, 4] = 0
    rows = model.rows  # every single feature of the model has a row
    lefts = model.bigram_lefts
    context, before, after = [0] * total, [0] * total, [0] * total
    t = 0
    for words in sentences:
        prev = None
        for i, w in enumerate(words):
            init = i == 0 or prev in _OPENERS
            if i and _low(prev) in lefts:
                pair = pair_key(prev, w)
                before[t] = rows.get("bi-1=" + pair, 0)
                after[t - 1] = rows.get("bi+1=" + pair, 0)
            prev = w
            if init or _doc_key(w) is not None:
                ctx = context_features(init, token_flags(w, init, lower, mid))
                if ctx:
                    r = rows.get(ctx)
                    context[t] = r if r is not None else model.row(ctx, ctx)
            t += 1
    out[:, 5] = context
    out[:, 6] = before
    out[:, 7] = after
    return out, lengths


def tag_tokens(sentences: list[list]) -> list[list[str]]:
    """`tag_document` of tokenized sentences (`.text`, `.start`, `.end`), written as
    CoNLL writes them: the possessive "'" + "s" is one token "'s" there; both of our
    tokens get its label."""
    merged: list[list[str]] = []
    spans: list[list[int]] = []  # how many of our tokens each tagged word covers
    for sent in sentences:
        if not any(tok.text in ("'", "’") for tok in sent):
            merged.append([tok.text for tok in sent])
            spans.append([])
            continue
        words, sizes = [], []
        i = 0
        while i < len(sent):
            tok = sent[i]
            nxt = sent[i + 1] if i + 1 < len(sent) else None
            if tok.text in ("'", "’") and nxt is not None and nxt.text in ("s", "S") and nxt.start == tok.end:
                words.append("'s")
                sizes.append(2)
                i += 2
                continue
            words.append(tok.text)
            sizes.append(1)
            i += 1
        merged.append(words)
        spans.append(sizes)
    out = []
    for labels, sizes in zip(tag_document(merged), spans):
        if not sizes:
            out.append(labels)
            continue
        row = []
        for label, size in zip(labels, sizes):
            row += [label] + [("I-" + label[2:]) if label != "O" else "O"] * (size - 1)
        out.append(row)
    return out


def tag_document(sentences: list[list[str]]) -> list[list[str]]:
    """BIO labels (PER, ORG, LOC, MISC) for each sentence of an English article."""
    if not any(sentences):
        return [[] for _ in sentences]
    model = _MODEL.get()
    with _MODEL.lock:  # the row cache is shared
        return model.decode(*_rows(model, sentences))
