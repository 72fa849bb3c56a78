"""Named-entity tagging: CRF features and the Arabic CRF tagger (tokens: `text.tokenizer`).

The tagger is a linear-chain CRF (python-crfsuite) trained on ANERcorp by
`scripts/train_ner.py`; the model ships as `briefing/data/ner-ar.crfsuite` and is loaded
on first use. Labels are BIO over PERS, ORG, LOC, MISC. A second CRF
(`ner-ar-stack.crfsuite`, features in `ner_stack.py`) retags the article given the
first's labels, so a name tagged in one place is tagged alike elsewhere.

`document_features` defines the features (training uses it). Tagging does not build
them as strings for every token: `tag_document` sums the model's weights per distinct
word once (`ner_model.Weights`) and adds the few per-token context sums, which gives the
same labels several times faster.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

# The tokenizer lives in the text layer (text/tokenizer.py); its names stay importable
# from here for callers that know the tagger only.
from briefing.analyze.ner import lexicon as lex
from briefing.text.script import ARABIC_RANGES
from briefing.text.tokenizer import Token as Token
from briefing.text.tokenizer import split_token_sentences as split_token_sentences
from briefing.text.tokenizer import tokenize as tokenize

MODEL_PATH = lex.DATA / "ner-ar.crfsuite"
STACK_PATH = lex.DATA / "ner-ar-stack.crfsuite"  # second pass (ner_stack.py); optional
INFO_NAME = "ner-ar.json"  # what the models were trained on (scripts/train_ner.py)

_PUNCT = re.compile(f"^[^\\w{ARABIC_RANGES}]+$")


@cache
def clusters() -> dict[str, tuple[str, ...]]:
    """Folded word -> (its word classes at three sizes..., frequency rank); see train_ner.py."""
    path = lex.DATA / "ner-ar-clusters.txt"
    table: dict[str, tuple[str, ...]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                parts = line.split("\t")
                table[parts[0]] = (*parts[1:], len(table))  # last: frequency rank
    return table


def word_classes(word: str) -> tuple[str, ...]:
    """Classes of the word as written, else of its least stripped form that has some."""
    table = clusters()
    for v in lex.variants(word):
        if v in table:
            return table[v][:3]
    return ()


def _shape(word: str) -> str:
    if lex.is_arabic(word):
        return "ar"
    if word.isdigit():
        return "num"
    if _PUNCT.match(word):
        return "punct"
    if word.isupper():
        return "AA"
    if word[:1].isupper():
        return "Aa"
    return "aa"


_MARKS = (
    (lex.FIRST, "g=first"),
    (lex.TITLE, "g=title"),
    (lex.CUE, "g=cue"),
    (lex.ORG, "g=org"),
    (lex.GROUP, "g=group"),
    (lex.NAT, "g=nat"),
)


_AFFIX_NAMES = tuple((f"cp{n}=", f"cs{n}=") for n in (1, 2, 3, 4))
_NISBA = ("ي", "يه", "يين", "يون")


@lru_cache(maxsize=50000)
def _word_features(word: str) -> tuple[str, ...]:
    """Features of one word alone (cached: news repeats its words)."""
    w = lex.fold(word)
    prefix, rest = lex.strip_prefix(word)
    core = lex.strip_article(rest)
    size = len(core)
    feats = [
        "w=" + w,
        "core=" + core,
        "pre=" + prefix,
        "al=True" if rest.startswith("ال") else "al=False",
        "shape=" + _shape(word),
        "len=" + str(min(size, 8)),
    ]
    for n in range(1, min(size, 5)):  # the first and last 1 to 4 letters, shorter than the core
        first, last = _AFFIX_NAMES[n - 1]
        feats += (first + core[:n], last + core[-n:])
    if len(w) > 1:
        feats += ("p1=" + w[:1], "p2=" + w[:2])
    marks = lex.marks(word)
    if marks:
        feats += [name for bit, name in _MARKS if marks & bit]
    feats += [f"c{k}={cls}" for k, cls in zip(("64", "256", "1024"), word_classes(word))]
    # Classes of the form without proclitics too ("وبلينكن" is rarer than "بلينكن").
    feats += [f"k{k}={cls}" for k, cls in zip(("64", "256"), word_classes(rest))]
    # Nisba adjectives ("الأميركية", "العراقي") are rarely names themselves.
    if core.endswith(_NISBA):
        feats.append("nisba")
    return tuple(feats)


_WINDOW_KEYS = ("w=", "core=", "g=", "shape=", "nisba", "c64=", "c256=")
_OFFSETS = (-2, -1, 1, 2)


@lru_cache(maxsize=100000)
def _flag_facts(word: str) -> tuple[str | None, bool, bool, bool, bool]:
    """(key, is a title, is a given name, is a cue, has the article) of a word; the key
    is None for words too short to flag, or not words (cached: asked for every token)."""
    k = lex.key(word)
    marks = lex.marks(word)
    return (
        None if len(k) < 3 or _PUNCT.match(word) else k,
        bool(marks & lex.TITLE),
        bool(marks & lex.FIRST),
        bool(marks & lex.CUE),
        lex.strip_prefix(word)[1].startswith("ال"),
    )


_FLAG_NAMES = ("al", "cue", "first", "many", "title")  # sorted: the features' order


@cache
def _flag_features(mask: int) -> tuple[str, ...]:
    return tuple("d:" + name for bit, name in enumerate(_FLAG_NAMES) if mask >> bit & 1)


def _doc_flags(sentences: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """What the other occurrences of each word in the article show: a title or a given
    name before it, a verb of saying after it, the article ال, repetition."""
    al, cue, first, many, title = (1 << n for n in range(5))
    flags: dict[str, int] = {}
    for words in sentences:
        facts = [_flag_facts(w) for w in words]
        last = len(facts) - 1
        for i, (k, _, _, _, has_al) in enumerate(facts):
            if k is None:
                continue
            f = flags[k] | many if k in flags else 0
            if i and facts[i - 1][1]:
                f |= title
            if i and facts[i - 1][2]:
                f |= first
            if i < last and facts[i + 1][3]:
                f |= cue
            if has_al:
                f |= al
            flags[k] = f
    return {k: _flag_features(v) for k, v in flags.items()}


def document_features(sentences: list[list[str]]) -> list[list[list[str]]]:
    """`sentence_features` of each sentence, plus what the article says of each word."""
    flags = _doc_flags(sentences)
    out = []
    for words in sentences:
        feats = sentence_features(words)
        for i, w in enumerate(words):
            k = _flag_facts(w)[0]
            if k is not None:
                feats[i] += flags[k]
        out.append(feats)
    return out


@lru_cache(maxsize=100000)
def _window_features(word: str, offset: int) -> tuple[str, ...]:
    """The features a word lends to the word `offset` places away."""
    return tuple(f"{offset}:{f}" for f in _word_features(word) if f.startswith(_WINDOW_KEYS))


def _known_labels(words: list[str]) -> list[str]:
    """BIO labels of the names the alias table and place list know."""
    known = ["O"] * len(words)
    for start, end, entry in lex.match_known(words, tagger=True):
        label = {"person": "PER", "place": "LOC"}.get(entry.type, "ORG")
        for i in range(start, end):
            known[i] = ("B-" if i == start else "I-") + label
    return known


def _known_context(near: tuple[str | None, ...]) -> list[str]:
    """Features of the known-name labels from two words before to two after
    (`near[2]` is the word's own; None past the sentence's edge)."""
    feats = ["kn=" + near[2]]
    for d in _OFFSETS:
        label = near[2 + d]
        feats.append(f"{d}:edge" if label is None else f"{d}:kn=" + label)
    if near[1] is not None:
        feats.append("kn-1=" + near[1] + "|" + near[2])
    return feats


def _near(known: list[str], i: int) -> tuple[str | None, ...]:
    n = len(known)
    return tuple(known[j] if 0 <= j < n else None for j in range(i - 2, i + 3))


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features for each word of a sentence: its own and its neighbours'."""
    own = [_word_features(w) for w in words]
    known = _known_labels(words)
    out = []
    n = len(words)
    for i in range(n):
        feats = ["bias", *own[i], *_known_context(_near(known, i))]
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                feats += _window_features(words[j], d)
        if 0 < i:
            feats.append("bi-1=" + own[i - 1][1] + "|" + own[i][1])
        if i + 1 < n:
            feats.append("bi+1=" + own[i][1] + "|" + own[i + 1][1])
        out.append(feats)
    return out


class _Tagger:
    """Thread-safe lazy holder of the models' weights (`ner_model.Weights`): the first
    pass, and the second (None when not shipped)."""

    def __init__(self, directory: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._weights = None
        self.directory = directory or MODEL_PATH.parent

    @property
    def path(self) -> Path:
        return self.directory / MODEL_PATH.name

    def get(self):
        with self._lock:
            if self._weights is None:
                from briefing.analyze.ner.model import Weights

                if not self.path.exists():
                    raise FileNotFoundError(f"{self.path} is missing; build it with scripts/train_ner.py")
                stack_path = self.directory / STACK_PATH.name
                stack = Weights(str(stack_path)) if stack_path.exists() else None
                self._weights = (Weights(str(self.path)), stack)
            return self._weights


_TAGGER = _Tagger()


def use_models(directory: Path | None) -> None:
    """Tag with the models in `directory` from now on (None: the shipped ones); for
    scoring a development model (`briefing eval actors --model DIR`)."""
    global _TAGGER
    _TAGGER = _Tagger(directory)


def model_info() -> dict:
    """What the models in use were trained on (ner-ar.json), {} when not recorded."""
    path = _TAGGER.directory / INFO_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_available() -> bool:
    return _TAGGER.path.exists()


@cache
def _edge_context(before: int, after: int) -> tuple[str | None, ...]:
    """`_near` of a word with `before` / `after` words around it (at most 2), none known."""
    return (None, None)[: 2 - before] + ("O",) * before + ("O",) + ("O",) * after + (None, None)[: 2 - after]


def _add_words(model, words: Iterable[str]) -> None:
    """Cache, for each new word, (its first row: the rows of its own features and of
    those lent at offsets -2, -1, 1, 2 follow each other, see `Weights.word_rows`; its
    "core=" feature; its flag key; whether a known name may start with it; whether the
    model knows a bigram starting with its "core=" feature)."""
    words = [w for w in words if w not in model.words]
    if not words:
        return
    feats = [_word_features(w) for w in words]
    rows = model.word_rows([("bias", *f) for f in feats])
    lefts = model.bigram_lefts
    for word, r, f in zip(words, rows, feats):
        model.words[word] = (r[0], f[1], _flag_facts(word)[0], lex.may_start_known(word, tagger=True), f[1] in lefts)


def _rows(model, sentences: list[list[str]], shared: dict | None = None):
    """For each token, the table rows whose sum is its label scores: the same features
    as `document_features`, grouped into sums cached per word (or per context).
    `shared`: what does not depend on the model (known-name labels, the article's flags),
    kept between the two passes over one article."""
    shared = {} if shared is None else shared
    import numpy as np

    model.start_document()
    flat = [w for words in sentences for w in words]
    _add_words(model, dict.fromkeys(flat))
    lengths = [len(s) for s in sentences]
    words_of = model.words
    info = [words_of[w] for w in flat]
    total = len(info)
    ends = np.repeat(np.array(lengths, dtype=np.intp), lengths)
    left = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    right = ends - 1 - left
    # Slots: own, lent by -2, -1, +1, +2, known-name context, bigram -1, bigram +1, flags.
    out = np.zeros((total, 9), dtype=np.intp)
    first = np.fromiter((w[0] for w in info), dtype=np.intp, count=total)
    out[:, 0] = first
    out[2:, 1] = first[:-2] + 1
    out[1:, 2] = first[:-1] + 2
    out[:-1, 3] = first[1:] + 3
    out[:-2, 4] = first[2:] + 4
    out[left < 2, 1] = 0  # nothing is lent across a sentence's edge
    out[left < 1, 2] = 0
    out[right < 1, 3] = 0
    out[right < 2, 4] = 0
    # Known-name context: by position alone unless the sentence holds a known name.
    edge = np.array(
        [[model.row(c, _known_context(c)) for c in (_edge_context(b, a) for a in range(3))] for b in range(3)],
        dtype=np.intp,
    )
    out[:, 5] = edge[np.minimum(left, 2), np.minimum(right, 2)]
    single = model.rows.get
    may = np.fromiter((w[3] for w in info), dtype=bool, count=total)
    base = 0
    for number, (words, n) in enumerate(zip(sentences, lengths)):
        if may[base : base + n].any():
            known = shared.get(number)
            if known is None:
                known = shared[number] = _known_labels(words)
            for i in {j for k, label in enumerate(known) if label != "O" for j in range(max(k - 2, 0), min(k + 3, n))}:
                near = _near(known, i)
                r = single(near)
                out[base + i, 5] = r if r is not None else model.row(near, _known_context(near))
        base += n
    # Bigrams of "core=" features: looked up only where the model knows a bigram
    # starting with the left word (few do), and not across a sentence's edge.
    starts = np.fromiter((w[4] for w in info), dtype=bool, count=total)[:-1] & (left[1:] > 0)
    for i in (np.flatnonzero(starts) + 1).tolist():
        pair = info[i - 1][1] + "|" + info[i][1]
        out[i, 6] = single("bi-1=" + pair, 0)
        out[i - 1, 7] = single("bi+1=" + pair, 0)
    doc_flags = shared.get("flags")
    if doc_flags is None:
        doc_flags = shared["flags"] = _doc_flags(sentences)
    flags = {k: single(f) if f in model.rows else model.row(f, f) for k, f in doc_flags.items()}
    flags[None] = 0
    out[:, 8] = [flags[w[2]] for w in info]
    return out, lengths


def tag_document(sentences: list[list[str]], *, stacked: bool = True) -> list[list[str]]:
    """BIO labels for each sentence of an article (Arabic CRF): the first pass, then the
    second pass given the first's labels (`ner_stack`) when its model is shipped."""
    import numpy as np

    from briefing.analyze.ner import stack as ner_stack

    if not any(sentences):
        return [[] for _ in sentences]
    model, stack = _TAGGER.get()
    shared: dict = {}
    with _TAGGER._lock:  # the row cache is shared
        labels = model.decode(*_rows(model, sentences, shared))
        if stack is None or not stacked:
            return labels
        rows, lengths = _rows(stack, sentences, shared)
        extra = ner_stack.stack_rows(sentences, labels, stack.row)
        return stack.decode(np.column_stack([rows, np.array(extra, dtype=np.intp)]), lengths)


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) spans from BIO (or IOB1) labels; end exclusive."""
    spans = []
    start, kind = None, None
    for i, label in enumerate([*labels, "O"]):
        tag, _, typ = label.partition("-")
        if tag == "B" or tag == "O" or typ != kind:
            if start is not None:
                spans.append((start, i, kind))
                start, kind = None, None
            if tag in ("B", "I"):
                start, kind = i, typ
    return spans
