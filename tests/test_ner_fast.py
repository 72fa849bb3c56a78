"""The Arabic tagger's shortcuts give what the plain computation gives: features cached
per word, the second pass's rows built once per (word, label, neighbours' labels),
per-word sums of weights, and the step-major Viterbi."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import model as ner_model
from briefing.analyze.ner import stack as ner_stack
from briefing.analyze.ner import tagger as ner

# Written for these tests.
ARTICLE = (
    "قال وزير الخارجية الأميركي أنتوني بلينكن إن الولايات المتحدة تدعم الحكومة العراقية.\n"
    "وقال بلينكن في بغداد إن واشنطن تريد الاستقرار، وأكد أن للولايات المتحدة مصالح في المنطقة. "
    "وقالت الأمم المتحدة إن الأمم المتحدة سترسل وفدا إلى أربيل عام 2024. وقال عباس إن اللقاء كان مثمرا."
)

needs_models = pytest.mark.skipif(not (ner.model_available() and ner.STACK_PATH.exists()), reason="no NER models")


def sentences_of(text: str) -> list[list[str]]:
    return [[t.text for t in s] for s in ner.split_token_sentences(text, ner.tokenize(text))]


def test_word_features_of_the_letters():
    # What a word's letters give, whatever the word lists and classes hold.
    spelled = {
        "وبلينكن": "w=وبلينكن core=لينكن pre=وب al=False shape=ar len=5 cp1=ل cs1=ن cp2=لي cs2=كن "
        "cp3=لين cs3=نكن cp4=لينك cs4=ينكن p1=و p2=وب",
        "للولايات": "w=للولايات core=ولايات pre=ل al=True shape=ar len=6 cp1=و cs1=ت cp2=ول cs2=ات "
        "cp3=ولا cs3=يات cp4=ولاي cs4=ايات p1=ل p2=لل",
        "Biden": "w=biden core=biden pre= al=False shape=Aa len=5 cp1=b cs1=n cp2=bi cs2=en cp3=bid "
        "cs3=den cp4=bide cs4=iden p1=b p2=bi",
        "2024": "w=2024 core=2024 pre= al=False shape=num len=4 cp1=2 cs1=4 cp2=20 cs2=24 cp3=202 cs3=024 p1=2 p2=20",
        "،": "w=، core=، pre= al=False shape=ar len=1",
    }
    for word, expected in spelled.items():
        feats = ner._word_features(word)
        assert [f for f in feats if not f.startswith(("g=", "c64=", "c256=", "c1024=", "k64=", "k256="))] == (
            expected.split(" ")
        )
        classes = ner.word_classes(word)
        assert [f for f in feats if f.startswith(("c64=", "c256=", "c1024="))] == [
            f"c{size}={c}" for size, c in zip(("64", "256", "1024"), classes)
        ]
    assert ner._word_features("الأميركية")[-1] == "nisba"
    assert "g=nat" in ner._word_features("الأميركية") or not lex.nationalities()


def test_cached_word_features_equal_uncached():
    for words in sentences_of(ARTICLE):
        for w in words:
            assert ner._word_features(w) == ner._word_features.__wrapped__(w)
            assert ner._flag_facts(w) == ner._flag_facts.__wrapped__(w)


@needs_models
def test_stack_rows_are_the_rows_of_the_stack_features():
    _, stack = ner._TAGGER.get()
    sents = sentences_of(ARTICLE)
    labels = ner.tag_document(sents, stacked=False)
    feats = ner_stack.stack_features(sents, labels)
    assert ner_stack.stack_rows(sents, labels, stack.row) == [stack.row(f, f) for sent in feats for f in sent]


@needs_models
def test_fast_rows_sum_the_weights_of_the_document_features():
    first, _ = ner._TAGGER.get()
    sents = sentences_of(ARTICLE)
    ner.tag_document(sentences_of("زار ماكرون الجزائر."))  # the per-word cache is not empty
    rows, lengths = ner._rows(first, sents)
    fast = first.table[rows].sum(axis=1)
    plain = [
        first.weights[[first.state[f] for f in token if f in first.state]].sum(axis=0)
        for sent in ner.document_features(sents)
        for token in sent
    ]
    assert lengths == [len(s) for s in sents]
    assert np.allclose(fast, np.array(plain), rtol=0, atol=1e-9)


def _plain_viterbi(emit: np.ndarray, trans: np.ndarray) -> list[int]:
    """Textbook Viterbi, one token at a time; ties go to the first label, as argmax does."""
    score = list(emit[0])
    back = []
    size = len(score)
    for t in range(1, len(emit)):
        step, new = [], []
        for j in range(size):
            cand = [score[i] + trans[i, j] for i in range(size)]
            best = max(range(size), key=cand.__getitem__)
            step.append(best)
            new.append(cand[best] + emit[t][j])
        back.append(step)
        score = new
    path = [max(range(size), key=score.__getitem__)]
    for step in reversed(back):
        path.append(step[path[-1]])
    return path[::-1]


def test_step_major_viterbi_equals_the_textbook_one():
    rng = np.random.default_rng(7)
    weights = ner_model.Weights.__new__(ner_model.Weights)
    weights.labels = [f"L{k}" for k in range(5)]
    weights.trans = rng.normal(size=(5, 5))
    lengths = [1, 7, 3, 12, 2, 5]
    emit = rng.normal(size=(sum(lengths), 5))
    got = weights._decode(emit, lengths)
    start = 0
    for labels, n in zip(got, lengths):
        assert labels == [f"L{k}" for k in _plain_viterbi(emit[start : start + n], weights.trans)]
        start += n
    assert weights._decode(np.zeros((0, 5)), []) == []
