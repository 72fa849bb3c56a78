"""Unicode normalisation with an offset map, and Arabic folding for matching."""

import unicodedata

import pytest

from briefing.text.normalize import fold_arabic, normalize_text, normalize_with_offsets

SAMPLES = [
    "  Hello\u00a0 world \r\nsecond   line\r\n\r\n\r\n\r\nthird\u200b line  ",
    "قالَ الوزيرُ\tإنّ الحكومـــة\n\n\nستعمل، وأضاف.",
    "Cafe\u0301 au lait\x07 and re\u0301sume\u0301",  # decomposed accents, a bell
    "\ufeffleading BOM\n   \n  indented\n",
    "",
]


@pytest.mark.parametrize("raw", SAMPLES)
def test_offsets_agree_with_normalize_text(raw):
    result = normalize_with_offsets(raw)
    assert result.text == normalize_text(raw)
    assert len(result.offsets) == len(result.text)
    for i, ch in enumerate(result.text):
        source = raw[result.offsets[i]]
        # Each character comes from the raw character it maps to (spaces and line
        # ends may have been unified, accents composed).
        if ch == " ":
            assert source.isspace()
        elif ch == "\n":
            assert source in "\r\n"
        else:
            assert unicodedata.normalize("NFC", raw[result.offsets[i] : result.offsets[i] + 2])[0] == ch


def test_span_maps_back_to_raw():
    raw = "  العنوان\r\n\r\nقال  الوزير إن «الحكومة ستعمل»."
    result = normalize_with_offsets(raw)
    start = result.text.index("«")
    end = result.text.index("»") + 1
    raw_start, raw_end = result.to_raw(start, end)
    assert raw[raw_start:raw_end] == "«الحكومة ستعمل»"


def test_offsets_are_increasing():
    result = normalize_with_offsets(SAMPLES[0])
    assert list(result.offsets) == sorted(result.offsets)


def test_fold_arabic_unifies_variants_and_removes_marks():
    assert fold_arabic("أَحْمَد") == "احمد"
    assert fold_arabic("إسلام آمن") == "اسلام امن"
    assert fold_arabic("مدرسة") == "مدرسه"
    assert fold_arabic("مستشفى") == "مستشفي"
    assert fold_arabic("الحكومـــة") == "الحكومه"
    assert fold_arabic("English stays") == "English stays"


def test_normalize_text_never_folds():
    text = "أعلنت الحكومةُ"
    assert normalize_text(text) == text
