"""The stacked (two-pass) Arabic tagger: its features, and the fast decoder's labels."""

from __future__ import annotations

import pytest

from briefing.analyze.ner import stack as ner_stack
from briefing.analyze.ner import tagger as ner

# Written for these tests.
ARTICLE = (
    "أعلن وزير الخارجية الأميركي أنتوني بلينكن أن الولايات المتحدة ستدعم الحكومة العراقية.\n"
    "وقال بلينكن في بغداد إن واشنطن تريد الاستقرار. وأكد المتحدث باسم وزارة الخارجية الإيرانية "
    "سعيد خطيب زاده أن طهران ترفض ذلك.\nوقالت الأمم المتحدة إن الأمم المتحدة سترسل وفدا إلى "
    "أربيل وكركوك. واجتمع عباس مع رئيس الوزراء في رام الله، وقال عباس إن اللقاء كان مثمرا."
)
OTHER = "وزار الرئيس الفرنسي إيمانويل ماكرون الجزائر. وقال ماكرون إن فرنسا تدعم الحوار مع تونس."


def sentences_of(text):
    return [[t.text for t in s] for s in ner.split_token_sentences(text, ner.tokenize(text))]


def test_other_occurrences_not_the_word_itself():
    sents = [["قال", "عباس", "إن"], ["وأكد", "عباس", "."], ["زار", "غزة"]]
    labels = [["O", "B-PERS", "O"], ["O", "O", "O"], ["O", "B-LOC"]]
    feats = ner_stack.stack_features(sents, labels)
    first, second = feats[0][1], feats[1][1]
    assert "s:fm=O" in first and "s:ft=PERS" not in first  # its own label is not "elsewhere"
    assert "s:fm=PERS" in second and "s:fb=PERS" in second
    assert "s:f=none" in feats[2][1]  # seen once only
    assert "s:p-1=O" in second and "s:p+1=O" in second


@pytest.mark.skipif(not (ner.model_available() and ner.STACK_PATH.exists()), reason="no NER models")
def test_fast_two_pass_labels_equal_crfsuite():
    pycrfsuite = pytest.importorskip("pycrfsuite")
    one, two = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    one.open(str(ner.MODEL_PATH))
    two.open(str(ner.STACK_PATH))
    ner.tag_document(sentences_of(OTHER))  # the per-word cache is warm from another article
    for text in (ARTICLE, OTHER, ARTICLE + "\n" + OTHER):
        sents = sentences_of(text)
        base = ner.document_features(sents)
        first = [one.tag(f) for f in base]
        extra = ner_stack.stack_features(sents, first)
        second = [two.tag([a + list(b) for a, b in zip(f, x)]) for f, x in zip(base, extra)]
        assert ner.tag_document(sents, stacked=False) == first
        assert ner.tag_document(sents) == second
    assert ner.tag_document([]) == []
