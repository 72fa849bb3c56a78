"""Sentence segmentation: Arabic and English news cases written for this project."""

import pytest

from briefing.text.segment import split_sentences


def texts(text, language):
    sentences = split_sentences(text, language)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


def test_arabic_comma_does_not_end_a_sentence():
    text = "قال الوزير، في مؤتمر صحفي عقده أمس، إن الحكومة ستواصل العمل. وأضاف أن الخطة جاهزة."
    assert texts(text, "ar") == [
        "قال الوزير، في مؤتمر صحفي عقده أمس، إن الحكومة ستواصل العمل.",
        "وأضاف أن الخطة جاهزة.",
    ]


def test_arabic_question_mark_and_full_stop():
    text = "هل تنجح المفاوضات؟ يرى المراقبون أن الفرص ضئيلة. لكن الوسطاء متفائلون!"
    assert texts(text, "ar") == ["هل تنجح المفاوضات؟", "يرى المراقبون أن الفرص ضئيلة.", "لكن الوسطاء متفائلون!"]


def test_arabic_full_stop_without_space():
    assert texts("انتهى الاجتماع.وغادر الوفد القاعة.", "ar") == ["انتهى الاجتماع.", "وغادر الوفد القاعة."]


def test_guillemet_quotation_kept_whole():
    text = "وقال المتحدث: «لن نتراجع. سنمضي في الطريق حتى النهاية». ثم غادر."
    assert texts(text, "ar") == ["وقال المتحدث: «لن نتراجع. سنمضي في الطريق حتى النهاية».", "ثم غادر."]


def test_straight_and_curly_quotations_kept_whole():
    text = 'She said: "We tried. We failed." Then she left. He wrote “It is over. Go home.” and signed.'
    assert texts(text, "en") == [
        'She said: "We tried. We failed."',
        "Then she left.",
        "He wrote “It is over. Go home.” and signed.",
    ]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = 'He said "no. Then he left. The end.'
    assert len(texts(text, "en")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Brown met Dr. Green on Jan. 5 at the St. Mary hospital.",
        "The U.S. Army moved 3.5 tonnes of supplies.",
        "J. K. Rowling signed copies in London.",
        "Prices rose by 2.75 per cent, i.e. faster than expected.",
        "The case Roe v. Wade was cited.",
    ],
)
def test_english_non_boundaries(text):
    assert texts(text, "en") == [text]


def test_abbreviation_at_end_of_sentence():
    text = "The troops left the U.S. The base closed a week later."
    assert texts(text, "en") == ["The troops left the U.S.", "The base closed a week later."]


def test_ellipsis():
    text = "He waited... and waited. Nothing came… The door stayed shut."
    assert texts(text, "en") == ["He waited... and waited.", "Nothing came…", "The door stayed shut."]


def test_headline_lines_are_sentences_and_paragraphs():
    text = "Storm hits the coast\nHeavy rain fell overnight. Roads were closed.\nRelated: floods last year"
    sentences = split_sentences(text, "en")
    assert [s.text for s in sentences] == [
        "Storm hits the coast",
        "Heavy rain fell overnight.",
        "Roads were closed.",
        "Related: floods last year",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3]


def test_arabic_headline_line_without_final_punctuation():
    text = "العاصفة تضرب الساحل\n\nهطلت أمطار غزيرة طوال الليل. أغلقت الطرق."
    sentences = split_sentences(text, "ar")
    assert [s.text for s in sentences] == ["العاصفة تضرب الساحل", "هطلت أمطار غزيرة طوال الليل.", "أغلقت الطرق."]
    assert [s.paragraph for s in sentences] == [0, 1, 1]


def test_numbered_list_items():
    assert texts("1. First point here. 2. Second point here.", "en") == [
        "1. First point here.",
        "2. Second point here.",
    ]


def test_hard_wrapped_lines_are_joined():
    line = "word " * 14
    text = "\n".join([line + "one", line + "two.", line + "three", line + "four", line + "end."])
    sentences = split_sentences(text, "en")
    assert len(sentences) == 2
    assert sentences[0].text.endswith("two.")
    assert text[sentences[1].start : sentences[1].end] == sentences[1].text


def test_empty_and_whitespace():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n  ", "ar") == []


def test_quote_index_agrees_with_a_pass_over_every_quote():
    """The bisection that keeps long texts linear answers as the plain scan did."""
    import random

    from briefing.text.segment import _QuoteIndex

    rng = random.Random(13)
    for _ in range(200):
        quotes = []
        for _ in range(rng.randrange(0, 12)):
            a = rng.randrange(0, 200)
            quotes.append((a, a + rng.randrange(1, 60)))
        index = _QuoteIndex(quotes)
        for _ in range(30):
            start = rng.randrange(0, 260)
            end = start + rng.randrange(1, 4)
            assert index.inside(start, end) == any(o < start and c >= end for o, c in quotes)


def test_many_quotes_on_one_line_still_split():
    line = " ".join(f'He said "point {n} is made." Then step {n} came.' for n in range(300))
    spans = split_sentences(line, "en")
    assert len(spans) == 600 and spans[-1].text == "Then step 299 came."
