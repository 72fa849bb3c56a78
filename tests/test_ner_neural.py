"""The Arabic neural tagger experiment (scripts/ner_neural.py, docs/ner-neural.md): its
decoder and its inputs. It is not shipped, so no model is loaded here."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "ner_neural.py"
_spec = importlib.util.spec_from_file_location("ner_neural", SCRIPT)
assert _spec is not None and _spec.loader is not None
neural = importlib.util.module_from_spec(_spec)
sys.modules["ner_neural"] = neural  # its dataclass looks its module up
_spec.loader.exec_module(neural)


def test_viterbi_finds_the_best_sequence():
    rng = np.random.default_rng(3)
    emit, trans = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))
    start, end = rng.normal(size=3), rng.normal(size=3)

    def total(path):
        s = start[path[0]] + end[path[-1]] + sum(emit[t, k] for t, k in enumerate(path))
        return s + sum(trans[a, b] for a, b in zip(path, path[1:]))

    best = max(itertools.product(range(3), repeat=5), key=total)
    assert neural.viterbi(emit, trans, start, end) == list(best)
    assert neural.viterbi(emit[:1], trans, start, end) == [int(np.argmax(start + emit[0] + end))]


def test_inputs_of_an_article():
    encoder = neural.Encoder({"قال": 2, "بايدن": 3}, {c: i + 2 for i, c in enumerate("قالبيدن")})
    sentences = [["وقال", "بايدن", "."], [], ["بايدن", "قال"]]
    first = [["O", "B-PERS", "O"], [], ["B-PERS", "O"]]
    plain, empty, last = encoder.document(sentences)
    assert empty == {}
    assert plain["words"].tolist() == [[1, 3, 1]]  # "وقال" is unknown as written...
    assert plain["cores"].tolist() == [[2, 3, 1]]  # ...and known without its و
    assert plain["chars"].shape == (1, 3, neural.CHAR_WIDTH) and plain["feats"].shape == (1, 3, neural.FEATURES)
    stacked = encoder.document(sentences, first)[2]["feats"]
    assert stacked.shape == (1, 2, neural.FEATURES + neural.STACK_FEATURES)
    assert np.array_equal(stacked[..., : neural.FEATURES], last["feats"])
    assert stacked[0, 0, neural.FEATURES + neural.LABELS.index("B-PERS")] == 1.0
    long_word = encoder.document([["ا" * 40]])[0]["chars"]
    assert long_word.shape == (1, 1, neural.CHAR_WIDTH)


def test_average_of_networks_decodes_the_mean_scores():
    """Two stand-ins for exported networks: the mean of their scores is decoded."""

    class Fake:
        labels = ["O", "B-PERS", "I-PERS"]
        start = end = np.zeros(3)
        trans = np.zeros((3, 3))

        def __init__(self, emit):
            self.emit = np.array(emit, dtype=float)

        def scores(self, sentences, first):
            return [self.emit[: len(s)] for s in sentences]

    a = Fake([[0, 3, 0], [2, 0, 0]])
    b = Fake([[1, 0, 0], [0, 0, 3]])
    assert neural.tag_average([a], [["x", "y"]], None) == [["B-PERS", "O"]]
    assert neural.tag_average([a, b], [["x", "y"], []], None) == [["B-PERS", "I-PERS"], []]
