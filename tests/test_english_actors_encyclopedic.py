"""English actors on encyclopedic prose (issue #11): a quality floor on our own fixture,
and the rules kept for what the CoNLL tagger never saw there.

tests/fixtures/ner-en-encyclopedic.conll is written by this team (173 sentences in 22
short articles: biographies with dates in brackets, works, awards, clubs and leagues,
bands, companies, universities, places with their region), annotated in the CoNLL-2003
manner before any output was seen on it. Its odd sentences (half 1) were the only ones
looked at while working on the rules; the even ones (half 2) and CoNLL dev are the checks
(README, "Measuring quality").
"""

from __future__ import annotations

from pathlib import Path

from briefing.analyze.actors import rules_en
from briefing.analyze.actors.extract import extract_actors
from briefing.evaluate.ner import evaluate_conll, read_conll

FIXTURE = Path(__file__).with_name("fixtures") / "ner-en-encyclopedic.conll"
FLOOR_MICRO_F1 = 77.5  # what summarize outputs, the fixture's articles: 79.30 when set (74.60 before the rules)


def test_encyclopedic_quality_floor():
    result = evaluate_conll(FIXTURE, split="all", language="en")
    assert result["micro"]["gold"] == 300
    assert result["micro"]["f1"] >= FLOOR_MICRO_F1, result["micro"]


def test_fixture_halves_by_sentence_order():
    sentences = read_conll(FIXTURE)
    assert len(sentences) == 173
    assert len(sentences[0::2]) == 87 and len(sentences[1::2]) == 86


def actors(text: str) -> dict:
    return {a.name: a for a in extract_actors(text, language="en", named_only=True)}


def test_a_name_goes_on_over_lower_case_particles():
    words = "The concert was led by Herbert von Karajan".split()
    assert rules_en.name_fixes(words, [(5, 6, "PER"), (7, 8, "ORG")]) == [(5, 8, "PER")]
    words = "Critics compared her to van Gogh".split()
    assert rules_en.name_fixes(words, [(5, 6, "PER")]) == [(4, 6, "PER")]
    words = "Works by Rafael van der Vaart".split()  # the rest of the name, untagged
    assert rules_en.name_fixes(words, [(2, 3, "PER")]) == [(2, 6, "PER")]
    assert (
        actors("The concert was conducted by Herbert von Karajan in Salzburg.")["Herbert von Karajan"].type == "person"
    )


def test_the_head_noun_of_a_name_types_it():
    words = "The Okavango Delta and Battle Abbey and Smith University".split()
    fixed = rules_en.name_fixes(words, [(1, 3, "PER"), (4, 6, "PER"), (7, 9, "PER")])
    assert fixed == [(1, 3, "LOC"), (4, 6, "LOC"), (7, 9, "ORG")]
    # A natural feature is no organisation; a building may be one ("Bank", "Abbey").
    words = "Kilimanjaro National Park and Bank of England".split()
    assert rules_en.name_fixes(words, [(0, 3, "ORG"), (4, 7, "ORG")]) == [(0, 3, "LOC"), (4, 7, "ORG")]
    assert rules_en.name_fixes(["Lake", "Chad"], [(0, 2, "PER")]) == [(0, 2, "LOC")]
    assert rules_en.name_fixes(["Park"], [(0, 1, "PER")]) == [(0, 1, "PER")]  # one word: a surname


def test_a_leading_the_is_no_part_of_a_long_name():
    words = "The Vienna Philharmonic played".split()
    assert rules_en.name_fixes(words, [(0, 3, "ORG")]) == [(1, 3, "ORG")]
    assert rules_en.name_fixes(["The", "Hague"], [(0, 2, "LOC")]) == [(0, 2, "LOC")]


def test_a_surname_keeps_its_sense_in_the_article():
    found = actors("Michael Jordan was born in Brooklyn. Jordan later played baseball.")
    assert [m.text for m in found["Michael Jordan"].mentions] == ["Michael Jordan", "Jordan"]
    assert "Jordan" not in found
    found = actors("Kevin Washington joined the firm in 1990. Washington later became its chairman.")
    assert [m.text for m in found["Kevin Washington"].mentions] == ["Kevin Washington", "Washington"]
    assert actors("Talks were held in Washington and Amman.")["Washington"].type == "place"


def test_titles_of_works_are_no_actors():
    words = "Her album Blue Sky ( 2004 ) sold well".split()
    assert rules_en.name_fixes(words, [(2, 4, "ORG")]) == [(2, 4, "MISC")]
    words = 'He sang " Blue Moon " again'.split()
    assert rules_en.name_fixes(words, [(3, 5, "LOC")]) == [(3, 5, "MISC")]
    words = "Ibn Khaldun ( 1332 – 1406 ) and Acme Corp ( London )".split()
    spans = [(0, 2, "PER"), (8, 10, "ORG"), (11, 12, "LOC")]
    assert rules_en.name_fixes(words, spans) == spans  # years of life, a place in brackets


def test_regnal_numbers_and_company_designators():
    assert rules_en.name_fixes(["Louis", "XIV"], [(0, 2, "LOC")]) == [(0, 2, "PER")]
    assert rules_en.name_fixes(["World", "War", "II"], [(0, 3, "LOC")]) == [(0, 3, "LOC")]  # no given name
    assert rules_en.name_fixes(["Smith", "Bros."], [(0, 2, "PER")]) == [(0, 2, "ORG")]
    assert rules_en.name_fixes(["Palm", "Heights"], [(0, 2, "ORG")]) == [(0, 2, "LOC")]
