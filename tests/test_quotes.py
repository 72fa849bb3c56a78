"""Quotes: direct and reported speech, Arabic and English, with speakers and offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.quotes.extract import extract_quotes

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_1aacc9b910f4f0d9.txt"

# Written for these tests.
ARABIC = (
    'وقال وزير الخارجية الأميركي أنتوني بلينكن للصحفيين في باريس "نريد حلا دبلوماسيا سريعا".\n'
    "وأكد متحدث عسكري أميركي أن القوات لم تتكبد أي خسائر في الهجوم.\n"
    "واستنكرت الحكومة العراقية القصف وقالت إنها تدرس كل الخيارات المتاحة.\n"
    "«سنواصل العمل مع شركائنا في المنطقة»، قال بلينكن."
)
ENGLISH = (
    '"We will respond at a time of our choosing," Defense Secretary Lloyd Austin said.\n'
    'Antony Blinken told reporters: "The strikes were necessary and proportionate."\n'
    "A military spokesman said that no injuries had been reported in the attack.\n"
    "The group lost four fighters, according to the Popular Mobilization Forces."
)


def quotes_of(text, language):
    actors = extract_actors(text, language=language)
    quotes = extract_quotes(text, language=language, actors=actors)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def find(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, [q.text for q in quotes]
    return hits[0]


def test_arabic_direct_reported_and_unnamed_speakers():
    quotes = quotes_of(ARABIC, "ar")
    q = find(quotes, "نريد حلا دبلوماسيا")
    assert q.speaker == "أنتوني بلينكن" and q.cue == "وقال"
    q = find(quotes, "القوات لم تتكبد")
    assert q.speaker == "متحدث عسكري أميركي" and q.cue == "وأكد"
    q = find(quotes, "تدرس كل الخيارات")
    assert q.speaker == "الحكومة العراقية"
    q = find(quotes, "سنواصل العمل")
    assert q.speaker == "أنتوني بلينكن" and q.cue == "قال"


def test_english_direct_reported_and_according_to():
    quotes = quotes_of(ENGLISH, "en")
    q = find(quotes, "We will respond")
    assert q.speaker == "Lloyd Austin" and q.cue == "said"
    q = find(quotes, "The strikes were necessary")
    assert q.speaker == "Antony Blinken" and q.cue == "told"
    q = find(quotes, "no injuries had been reported")
    assert q.speaker == "A military spokesman"
    q = find(quotes, "lost four fighters")
    assert q.speaker == "Popular Mobilization Forces" and q.cue == "according to"


def test_names_in_quote_marks_are_not_quotes():
    text = "وذكرت قوات الحشد الشعبي أسماء أعضاء في 'كتائب سيد الشهداء' قتلوا في الهجوم."
    quotes = quotes_of(text, "ar")
    assert all(q.text != "كتائب سيد الشهداء" for q in quotes)


def test_no_text_no_quotes():
    assert extract_quotes("", language="ar", actors=[]) == []
    assert extract_quotes("Nothing was said here.", language="en", actors=[]) == []


def test_seed_article_quotes():
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the shared seed lives outside the repository)")
    raw = SEED.read_text(encoding="utf-8")
    title, _, text = raw.partition("\n")
    quotes = quotes_of(text, "ar")
    assert find(quotes, "لا توجد إصابات").speaker == "وين ماروتو"
    assert find(quotes, "اتخذنا إجراء ضروريا").speaker == "أنتوني بلينكن"
    assert find(quotes, "زعزعة الأمن في المنطقة").speaker == "سعيد خطيب زاده"
    assert find(quotes, "قوات بلاده تعرضت").speaker == "متحدث عسكري أميركي"


def test_long_text_gives_every_quote_once():
    # A whole day's wire joined into one text: every copy's quotes, each once, with
    # offsets into the long text. (How time grows with length is measured in
    # benchmarks, not asserted here: timings on a shared machine make flaky tests.)
    import dataclasses

    from briefing.models import Mention

    actors = extract_actors(ARABIC, language="ar")
    one = extract_quotes(ARABIC, language="ar", actors=actors)
    step = len(ARABIC) + 1
    n = 200_000 // step
    text = "\n".join([ARABIC] * n)
    many = [
        dataclasses.replace(
            a,
            mentions=tuple(Mention(m.text, m.start + k * step, m.end + k * step) for k in range(n) for m in a.mentions),
        )
        for a in actors
    ]
    quotes = extract_quotes(text, language="ar", actors=many)
    assert len(quotes) == n * len(one)
    assert all(text[q.start : q.end] == q.text for q in quotes)
    assert [(q.speaker, q.text) for q in quotes[-len(one) :]] == [(q.speaker, q.text) for q in one]


def test_arabic_unnamed_speaker_ends_before_when_and_to_whom():
    text = (
        "وصرح مسؤول أمني لوكالة فرانس برس بأن الهجوم أسفر عن مقتل ثلاثة أشخاص.\n"
        "وقال مسؤول عسكري في تصريح صحفي إن القوات استعادت السيطرة على الطريق.\n"
        "وقالت مصادر مطلعة إن المفاوضات توقفت منذ أسبوعين."
    )
    quotes = quotes_of(text, "ar")
    assert find(quotes, "الهجوم أسفر").speaker == "مسؤول أمني"
    assert find(quotes, "القوات استعادت").speaker == "مسؤول عسكري"
    # Unnamed sources are not speakers (quotes-guide.md's house rules).
    assert not [q for q in quotes if "المفاوضات توقفت" in q.text]
