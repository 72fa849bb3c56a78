"""The text layer is the one place that tokenizes, splits, and knows scripts and
directions; an article is parsed once and every analyser reads that parse."""

from __future__ import annotations

import re

import pytest

from briefing.text import script, segment, tokenizer
from briefing.text.parsed import parse
from briefing.text.script import direction, has_arabic, is_arabic_char, starts_arabic
from briefing.text.tokenizer import tokenize

ENGLISH = (
    "Mr. Hadley met U.S. officials in Muscat on Tuesday.\n"
    "\"We agreed on the water plan,\" O'Brien said. The council's vote comes next week."
)
ARABIC = "قال وزير المياه سالم الحارثي إن الخطة جاهزة.\nوأضاف الوزيرُ أن التصويت سيجري الأسبوع المقبل."
MIXED = "أعلنت شركة Blue Harbour عن خطة جديدة في BBC Arabic."


def test_tokens_carry_offsets_into_the_text() -> None:
    for text in (ENGLISH, ARABIC, MIXED):
        tokens = tokenize(text)
        assert tokens
        for t in tokens:
            assert text[t.start : t.end] == t.text
        assert [t.start for t in tokens] == sorted(t.start for t in tokens)


def test_tokenizer_keeps_names_and_abbreviations_whole() -> None:
    words = [t.text for t in tokenize(ENGLISH)]
    assert "Mr." in words and "U.S." in words and "O'Brien" in words
    # The possessive is not part of the name.
    assert "council" in words and "council's" not in words
    # Arabic short vowels stay inside their word.
    assert "الوزيرُ" in [t.text for t in tokenize(ARABIC)]


def test_the_tagger_uses_the_text_layers_tokenizer() -> None:
    from briefing.analyze.ner import tagger

    assert tagger.tokenize is tokenizer.tokenize
    assert tagger.Token is tokenizer.Token
    assert tagger.split_token_sentences is tokenizer.split_token_sentences


@pytest.mark.parametrize(
    ("text", "arabic"),
    [
        (ARABIC, True),
        (ENGLISH, False),
        (MIXED, True),
        ("ﻻ", True),  # a presentation form (lam-alef)
        ("ݐ", True),  # Arabic Supplement
        ("", False),
        ("Tel Aviv, 2024", False),
    ],
)
def test_arabic_script_check(text: str, arabic: bool) -> None:
    assert has_arabic(text) is arabic


def test_one_character_checks() -> None:
    assert is_arabic_char("،") and is_arabic_char("؟") and is_arabic_char("٣")
    assert not is_arabic_char("a") and not is_arabic_char(",")
    assert starts_arabic("بلينكن said") and not starts_arabic("Blinken قال")
    assert script.count_arabic(MIXED) == len(re.findall("[\u0600-\u06ff]", MIXED))


def test_rtl_languages_and_direction() -> None:
    assert {"ar", "fa", "he", "ur", "ps", "ku", "yi", "dv", "sd", "ug"} <= script.RTL_LANGUAGES
    for language in ("ar", "fa-IR", "ur_PK", "he", "dv", "ug", "AR"):
        assert direction(language) == "rtl", language
    for language in ("en", "fr", "tr", "", None, "und"):
        assert direction(language) == "ltr", language


def test_render_asks_the_text_layer_for_direction() -> None:
    from briefing.render import page

    assert page.direction is script.direction
    assert "RTL_LANGUAGES" not in vars(page)


def test_parse_gives_sentences_and_tokens_with_offsets() -> None:
    parsed = parse(ENGLISH, "en")
    assert [s.text for s in parsed.sentences] == [
        "Mr. Hadley met U.S. officials in Muscat on Tuesday.",
        '"We agreed on the water plan," O\'Brien said.',
        "The council's vote comes next week.",
    ]
    assert parsed.tokens == tuple(tokenize(ENGLISH))
    assert [t for s in parsed.token_sentences for t in s] == list(parsed.tokens)
    arabic = parse(ARABIC, "ar")
    assert len(arabic.sentences) == 2
    assert all(ARABIC[s.start : s.end] == s.text for s in arabic.sentences)


def test_split_sentences_returns_a_fresh_list_each_time() -> None:
    first = segment.split_sentences(ARABIC, "ar")
    first.clear()
    assert len(segment.split_sentences(ARABIC, "ar")) == 2


class _CountingPattern:
    """Stands in for a compiled pattern and counts the texts it is run on."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.texts: list[str] = []

    def finditer(self, text: str):
        self.texts.append(text)
        return self.pattern.finditer(text)


class _Counted:
    """What the text layer tokenized and split while counting: the texts given to the
    token pattern and to the paragraph splitter, with both caches emptied before and after
    (a cached result would hide a second split)."""

    def __init__(self, monkeypatch) -> None:
        self.tokens = _CountingPattern(tokenizer._TOKEN)
        monkeypatch.setattr(tokenizer, "_TOKEN", self.tokens)
        self.paragraphs: list[str] = []
        original = segment._paragraphs

        def counting_paragraphs(value: str):
            self.paragraphs.append(value)
            return original(value)

        monkeypatch.setattr(segment, "_paragraphs", counting_paragraphs)

    def __enter__(self) -> _Counted:
        tokenizer._tokenize.cache_clear()
        segment._split_sentences.cache_clear()
        return self

    def __exit__(self, *exc) -> None:
        tokenizer._tokenize.cache_clear()
        segment._split_sentences.cache_clear()


@pytest.mark.parametrize(("text", "title"), [(ARABIC, "خطة المياه"), (ENGLISH, "Water plan")])
def test_analyze_text_tokenizes_and_splits_the_article_once(monkeypatch, text: str, title: str) -> None:
    from briefing.analyze import analyze_text

    with _Counted(monkeypatch) as counted:
        analysis = analyze_text(text, title=title)
    assert analysis.key_points
    assert counted.tokens.texts.count(text) == 1
    assert counted.paragraphs.count(text) == 1


@pytest.mark.parametrize(("text", "language"), [(ARABIC, "ar"), (ENGLISH, "en")])
def test_quotes_read_the_parse_and_split_nothing_again(monkeypatch, text: str, language: str) -> None:
    from briefing.analyze.actors.extract import actor_views
    from briefing.analyze.quotes.extract import extract_quotes

    parsed = parse(text, language)
    _, actors = actor_views(text, language=language, parsed=parsed)
    expected = extract_quotes(text, language=language, actors=actors, parsed=parsed)
    # With the caches emptied, a sentence split or a tokenization of the article inside
    # the quote finder would show up here, not pass as a cache hit.
    with _Counted(monkeypatch) as counted:
        quotes = extract_quotes(text, language=language, actors=actors, parsed=parsed)
    assert quotes and quotes == expected
    assert text not in counted.tokens.texts
    assert text not in counted.paragraphs
