"""Named-entity tagging: tokens with offsets, CRF features, and the Arabic CRF tagger.

The tagger is a linear-chain CRF (python-crfsuite) trained on ANERcorp by
`scripts/train_ner.py`; the model ships as `briefing/data/ner-ar.crfsuite` and is loaded
on first use. Labels are BIO over PERS, ORG, LOC, MISC.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from briefing.analyze import ner_lexicon as lex

MODEL_PATH = lex.DATA / "ner-ar.crfsuite"

# A word (letters, digits, Arabic marks, inner apostrophes/hyphens/dots of "U.S."),
# or any other single non-space character.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|Prof|St|Jr|Sr|Gens?)\.(?=\s)"
    r"|[\w\u064b-\u065f\u0670\u0640]+(?:['’\-][\w\u064b-\u065f\u0670]+)*"
    r"|\S"
)
_SENT_END = {".", "!", "?", "؟", "\n"}
_PUNCT = re.compile(r"^[^\w\u0600-\u06ff]+$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with character offsets into `text`."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def split_token_sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Group tokens into sentences at . ! ? ؟ and at line breaks."""
    out: list[list[Token]] = []
    current: list[Token] = []
    prev_end = 0
    for tok in tokens:
        if current and "\n" in text[prev_end:tok.start]:
            out.append(current)
            current = []
        current.append(tok)
        prev_end = tok.end
        if tok.text in _SENT_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=50000)
def _word_features(word: str) -> tuple[str, ...]:
    """Features of one word alone (cached: news repeats its words)."""
    w = lex.fold(word)
    prefix, rest = lex.strip_prefix(word)
    core = lex.strip_article(rest)
    feats = [
        "w=" + w,
        "core=" + core,
        "pre=" + prefix,
        "al=" + str(rest.startswith("ال")),
        "shape=" + _shape(word),
        "len=" + str(min(len(core), 8)),
    ]
    for n in (1, 2, 3, 4):
        if len(core) > n:
            feats.append(f"cp{n}=" + core[:n])
            feats.append(f"cs{n}=" + core[-n:])
    if len(w) > 1:
        feats.append("p1=" + w[:1])
        feats.append("p2=" + w[:2])
    if lex.in_set(word, lex.first_names()):
        feats.append("g=first")
    if lex.in_set(word, lex.titles()):
        feats.append("g=title")
    if lex.is_cue(word):
        feats.append("g=cue")
    if lex.in_set(word, lex.org_heads()):
        feats.append("g=org")
    if lex.in_set(word, lex.group_heads()):
        feats.append("g=group")
    if lex.nationality(word) is not None:
        feats.append("g=nat")
    for size, cls in zip(("64", "256", "1024"), word_classes(word)):
        feats.append(f"c{size}={cls}")
    # Classes of the form without proclitics too ("وبلينكن" is rarer than "بلينكن").
    for size, cls in zip(("64", "256"), word_classes(lex.strip_prefix(word)[1])):
        feats.append(f"k{size}={cls}")
    # Nisba adjectives ("الأميركية", "العراقي") are rarely names themselves.
    if core.endswith(("ي", "يه", "يين", "يون")):
        feats.append("nisba")
    return tuple(feats)


_WINDOW_KEYS = ("w=", "core=", "g=", "shape=", "nisba", "c64=", "c256=")


def _doc_flags(sentences: list[list[str]]) -> dict[str, set[str]]:
    """What the other occurrences of each word in the article show: a title or a given
    name before it, a verb of saying after it, the article ال, repetition."""
    flags: dict[str, set[str]] = {}
    seen: dict[str, int] = {}
    for words in sentences:
        for i, w in enumerate(words):
            k = lex.key(w)
            if len(k) < 3 or _PUNCT.match(w):
                continue
            f = flags.setdefault(k, set())
            seen[k] = seen.get(k, 0) + 1
            if i and lex.in_set(words[i - 1], lex.titles()):
                f.add("title")
            if i and lex.in_set(words[i - 1], lex.first_names()):
                f.add("first")
            if i + 1 < len(words) and lex.is_cue(words[i + 1]):
                f.add("cue")
            if lex.strip_prefix(w)[1].startswith("ال"):
                f.add("al")
    for k, n in seen.items():
        if n > 1:
            flags[k].add("many")
    return flags


def document_features(sentences: list[list[str]]) -> list[list[list[str]]]:
    """`sentence_features` of each sentence, plus what the article says of each word."""
    flags = _doc_flags(sentences)
    out = []
    for words in sentences:
        feats = sentence_features(words)
        for i, w in enumerate(words):
            feats[i] += ["d:" + f for f in sorted(flags.get(lex.key(w), ()))]
        out.append(feats)
    return out


@lru_cache(maxsize=100000)
def _window_features(word: str, offset: int) -> tuple[str, ...]:
    """The features a word lends to the word `offset` places away."""
    return tuple(f"{offset}:{f}" for f in _word_features(word) if f.startswith(_WINDOW_KEYS))


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features for each word of a sentence: its own and its neighbours'."""
    own = [_word_features(w) for w in words]
    known = ["O"] * len(words)
    for start, end, entry in lex.match_known(words):
        label = {"person": "PER", "place": "LOC"}.get(entry.type, "ORG")
        for i in range(start, end):
            known[i] = ("B-" if i == start else "I-") + label
    out = []
    n = len(words)
    for i in range(n):
        feats = ["bias", *own[i], "kn=" + known[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats += _window_features(words[j], d)
                feats.append(f"{d}:kn=" + known[j])
            else:
                feats.append(f"{d}:edge")
        if 0 < i:
            feats.append("bi-1=" + own[i - 1][1] + "|" + own[i][1])
            feats.append("kn-1=" + known[i - 1] + "|" + known[i])
        if i + 1 < n:
            feats.append("bi+1=" + own[i][1] + "|" + own[i + 1][1])
        out.append(feats)
    return out


class _Tagger:
    """Thread-safe lazy holder of the crfsuite tagger."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tagger = None

    def get(self):
        with self._lock:
            if self._tagger is None:
                import pycrfsuite  # imported here: no work at import time

                if not MODEL_PATH.exists():
                    raise FileNotFoundError(
                        f"{MODEL_PATH} is missing; build it with scripts/train_ner.py")
                tagger = pycrfsuite.Tagger()
                tagger.open(str(MODEL_PATH))
                self._tagger = tagger
            return self._tagger


_TAGGER = _Tagger()


def model_available() -> bool:
    return MODEL_PATH.exists()


def tag_document(sentences: list[list[str]]) -> list[list[str]]:
    """BIO labels for each sentence of an article (Arabic CRF)."""
    tagger = _TAGGER.get()
    feats = document_features(sentences)
    with _TAGGER._lock:  # a crfsuite Tagger is not safe to share between threads
        return [tagger.tag(f) if f else [] for f in feats]


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
