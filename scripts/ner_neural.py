"""The Arabic neural tagger, an experiment (docs/ner-neural.md): a BiLSTM-CRF run by
onnxruntime, decoded (Viterbi) in numpy. Not part of the product: it did not reach the
target of issue #11, so `briefing` still tags with the CRFs, and this module lives here,
beside its training script, for the next attempt.

`scripts/train_ner_neural.py` trains it on ANERcorp (PyTorch, in a training venv only)
and exports `ner-ar.onnx`: the network that gives each token its label scores. The
model file also carries, as metadata, what turns words into its inputs (the vocabulary,
the characters) and the CRF's transition scores, so it is the only file to load.

Each token's inputs: the folded word and its least stripped form the vocabulary knows
(clitics and article cut off as `lexicon.variants` does; one table of word vectors,
learned on unlabelled Arabic news), its characters (a small CNN over at
most `CHAR_WIDTH` of them), its word classes (`ner-ar-clusters.txt`), and the same
facts the CRF uses: the word lists (`lexicon.marks`), the names the alias table and
place list know (`tagger._known_labels`), what the rest of the article says of the word
(`tagger._doc_flags`), its shape; optionally the CRF's first-pass labels and what they
say of the word elsewhere in the article (`stack.stack_features`). `Encoder` makes them,
for training and tagging alike.

Scoring an exported model with the project's own scorers (in the training venv, which
has onnxruntime; the model folder holds ner-ar.onnx, the CRF first pass ner-ar.crfsuite
it reads, and the card ner-ar.json):

    .venv-train/bin/python scripts/ner_neural.py DIR eval actors FILE.conll --split dev --model DIR
    .venv-train/bin/python scripts/ner_neural.py DIR newsfane
    .venv-train/bin/python scripts/ner_neural.py DIR,DIR2 newsfane    # two networks averaged
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner

MODEL_NAME = "ner-ar.onnx"
LABELS = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
CHAR_WIDTH = 20  # characters seen per word: the first and last ten of a longer one
_SHAPES = ("ar", "num", "punct", "AA", "Aa", "aa")
_KNOWN = ("B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
_MARK_BITS = (lex.FIRST, lex.TITLE, lex.CUE, lex.ORG, lex.GROUP, lex.NAT)
_FLAGS = tuple("d:" + name for name in ("al", "cue", "first", "many", "title"))
FEATURES = len(_MARK_BITS) + len(_SHAPES) + 3 + len(_KNOWN) + len(_FLAGS)
# With the CRF's first pass as input: its label of the token, and what it said of the
# same word elsewhere in the article (`stack.stack_features`, the second CRF's view).
_TYPES = ("O", "PERS", "ORG", "LOC", "MISC")
_STACK = tuple(
    [f"s:p={label}" for label in LABELS]
    + [f"s:{n}m={t}" for n in "fk" for t in _TYPES]
    + [f"s:{n}{x}={t}" for n in "fk" for x in "tb" for t in _TYPES[1:]]
    + ["s:f=none", "s:k=none"]
)
STACK_FEATURES = len(_STACK)
_STACK_INDEX = {name: i for i, name in enumerate(_STACK)}


@lru_cache(maxsize=100000)
def _word_facts(word: str) -> tuple[tuple[float, ...], tuple[int, int, int]]:
    """(the word's own facts as 0/1, its word classes + 1 at three sizes, 0 for none)."""
    prefix, rest = lex.strip_prefix(word)
    core = lex.strip_article(rest)
    marks = lex.marks(word)
    facts = [float(bool(marks & bit)) for bit in _MARK_BITS]
    shape = ner._shape(word)
    facts += [float(shape == s) for s in _SHAPES]
    facts += [float(bool(prefix)), float(rest.startswith("ال")), float(core.endswith(("ي", "يه", "يين", "يون")))]
    classes = ner.word_classes(word)
    ids = tuple(int(c) + 1 for c in classes) if classes else (0, 0, 0)
    return tuple(facts), (ids[0], ids[1], ids[2])


@dataclass
class Encoder:
    """Words -> the network's inputs. `words`: folded word -> row of the word vectors
    (0: padding, 1: unknown); `chars`: character -> id (0: padding, 1: unknown)."""

    words: dict[str, int]
    chars: dict[str, int]
    _cache: dict[str, tuple] = field(default_factory=dict, repr=False)

    def _word(self, word: str) -> tuple:
        got = self._cache.get(word)
        if got is None:
            folded = lex.fold(word)
            # The least stripped form the vocabulary knows ("وبلينكن" -> "بلينكن").
            core = next((self.words[v] for v in lex.variants(word) if v in self.words), 1)
            text = folded if len(folded) <= CHAR_WIDTH else folded[:10] + folded[-10:]
            chars = [self.chars.get(c, 1) for c in text] + [0] * (CHAR_WIDTH - len(text))
            facts, classes = _word_facts(word)
            got = (self.words.get(folded, 1), core, chars, classes, facts)
            if len(self._cache) < 200000:
                self._cache[word] = got
        return got

    def document(self, sentences: list[list[str]], first: list[list[str]] | None = None) -> list[dict[str, np.ndarray]]:
        """The inputs of each (non-empty) sentence of an article, a batch of one each;
        `first`: the CRF's first-pass labels, for a network that reads them."""
        from briefing.analyze.ner import stack as ner_stack

        flags = ner._doc_flags(sentences)
        stack = ner_stack.stack_features(sentences, first) if first is not None else None
        width = FEATURES + (STACK_FEATURES if first is not None else 0)
        out = []
        for number, words in enumerate(sentences):
            if not words:
                out.append({})
                continue
            rows = [self._word(w) for w in words]
            known = ner._known_labels(words)
            feats = np.zeros((len(words), width), dtype=np.float32)
            base = len(rows[0][4])
            for i, (row, w) in enumerate(zip(rows, words)):
                feats[i, :base] = row[4]
                if known[i] != "O":
                    feats[i, base + _KNOWN.index(known[i])] = 1.0
                k = ner._flag_facts(w)[0]
                for f in flags.get(k, ()) if k is not None else ():
                    feats[i, base + len(_KNOWN) + _FLAGS.index(f)] = 1.0
                if stack is not None:
                    for f in stack[number][i]:
                        j = _STACK_INDEX.get(f)
                        if j is not None:
                            feats[i, FEATURES + j] = 1.0
            out.append(
                {
                    "words": np.array([[r[0] for r in rows]], dtype=np.int64),
                    "cores": np.array([[r[1] for r in rows]], dtype=np.int64),
                    "chars": np.array([[r[2] for r in rows]], dtype=np.int64),
                    "classes": np.array([[r[3] for r in rows]], dtype=np.int64),
                    "feats": feats[None],
                }
            )
        return out


def viterbi(emit: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label sequence given per-token scores (tokens x labels) and the CRF's
    transition (from x to), start and end scores."""
    score = start + emit[0]
    back = []
    for t in range(1, len(emit)):
        cand = score[:, None] + trans
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0) + emit[t]
    best = [int((score + end).argmax())]
    for b in reversed(back):
        best.append(int(b[best[-1]]))
    return best[::-1]


class Model:
    """An exported model: the onnxruntime session, its encoder and CRF scores."""

    def __init__(self, path: Path) -> None:
        import onnxruntime as ort  # imported here: no work at import time

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        meta = self.session.get_modelmeta().custom_metadata_map
        vocab = json.loads(meta["words"])
        chars = json.loads(meta["chars"])
        self.encoder = Encoder({w: i + 2 for i, w in enumerate(vocab)}, {c: i + 2 for i, c in enumerate(chars)})
        crf = json.loads(meta["crf"])
        self.labels: list[str] = crf["labels"]
        self.uses_crf: bool = bool(crf.get("uses_crf"))  # reads the CRF's first pass
        self.trans = np.array(crf["transitions"], dtype=np.float64)
        self.start = np.array(crf["start"], dtype=np.float64)
        self.end = np.array(crf["end"], dtype=np.float64)
        self.lock = threading.Lock()  # the encoder's cache is shared

    def scores(self, sentences: list[list[str]], first: list[list[str]] | None = None) -> list[np.ndarray]:
        """Label scores (tokens x labels) of each sentence of an article."""
        with self.lock:
            inputs = self.encoder.document(sentences, first if self.uses_crf else None)
        out = []
        for feed in inputs:
            if not feed:
                out.append(np.zeros((0, len(self.labels))))
                continue
            out.append(self.session.run(None, feed)[0][0].astype(np.float64))
        return out

    def tag(self, sentences: list[list[str]], first: list[list[str]] | None = None) -> list[list[str]]:
        """BIO labels of each sentence of an article (`first`: the CRF's, if `uses_crf`)."""
        if self.uses_crf and first is None:
            raise ValueError("this model reads the CRF's first-pass labels")
        labels = self.labels
        return [
            [labels[k] for k in viterbi(emit, self.trans, self.start, self.end)] if len(emit) else []
            for emit in self.scores(sentences, first)
        ]


_MODELS: dict[Path, Model] = {}
_LOCK = threading.Lock()


def load(path: Path) -> Model:
    """The model at `path`, loaded once per process."""
    with _LOCK:
        model = _MODELS.get(path)
        if model is None:
            model = _MODELS[path] = Model(path)
        return model


def tag_average(networks: list[Model], sentences: list[list[str]], first: list[list[str]] | None) -> list[list[str]]:
    """Labels from the mean of several networks' label, transition, start and end scores."""
    scores = [n.scores(sentences, first) for n in networks]
    trans, start, end = (np.mean([getattr(n, k) for n in networks], axis=0) for k in ("trans", "start", "end"))
    labels = networks[0].labels
    out = []
    for emits in zip(*scores):
        emit = np.mean(emits, axis=0)
        out.append([labels[k] for k in viterbi(emit, trans, start, end)] if len(emit) else [])
    return out


def use(directories: list[Path]) -> None:
    """Make `tagger.tag_document` (and so the actor pipeline) tag with the neural model in
    each directory (several: their scores averaged), the CRF's first pass in the models
    `tagger.use_models` names as input."""
    crf = ner.tag_document
    networks = [load(d / MODEL_NAME) for d in directories]

    def tag_document(sentences: list[list[str]], *, stacked: bool = True) -> list[list[str]]:
        if not any(sentences):
            return [[] for _ in sentences]
        first = crf(sentences, stacked=False) if any(n.uses_crf for n in networks) else None
        return tag_average(networks, sentences, first)

    ner.tag_document = tag_document
    ner.model_available = lambda: True  # a network alone needs no CRF file


def main(argv: list[str]) -> int:
    """DIR[,DIR...] then `newsfane` (scripts/eval_actors_newsfane.py) or a `briefing`
    command line; the first DIR is the one the scorers are given."""
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    directories = [Path(d) for d in argv[0].split(",")]
    directory = directories[0]
    use(directories)
    if argv[1] == "newsfane":
        import importlib.util

        spec = importlib.util.spec_from_file_location("fane", Path(__file__).with_name("eval_actors_newsfane.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.main(["--model", str(directory), *argv[2:]])
    from briefing.cli import main as briefing

    return briefing(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
