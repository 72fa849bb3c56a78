"""Arabic rules around the tagger: months as dates, an organisation that owns a place.

The sentences are our own, written for these tests."""

from __future__ import annotations

import pytest

from briefing.analyze.actors import rules as rules
from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.ner import tagger as ner

pytestmark = pytest.mark.skipif(not ner.model_available(), reason="no NER model")


def test_months_used_as_dates_are_not_actors():
    text = "قالت المجموعة إنها قد تزيد الإنتاج اعتبارا من أبريل/نيسان 2027، وستجتمع اللجنة في نيسان المقبل في فيينا."
    names = {a.name for a in extract_actors(text, language="ar")}
    assert not names & {"نيسان", "أبريل", "أبريل/نيسان"}
    assert "فيينا" in names


def test_month_as_date_needs_a_date_context():
    words = "أعلنت شركة نيسان عن سيارة جديدة".split()
    assert not rules.month_as_date(words, 2, 3)
    words = "من أبريل / نيسان 2027".split()
    assert rules.month_as_date(words, 3, 4)


def test_organisation_keeps_the_place_it_governs():
    text = "وقع مجلس مدينة حلب أمس الخميس اتفاقا مع الأمم المتحدة لإعادة تأهيل المدارس."
    actors = {a.name: a for a in extract_actors(text, language="ar")}
    assert "مجلس مدينة حلب" in actors
    assert actors["مجلس مدينة حلب"].type == "organization"
    assert "مجلس مدينة" not in actors


def test_one_word_known_names_keep_their_article():
    from briefing.analyze.ner import lexicon as lex

    assert lex.article_fits("القاعدة") and lex.article_fits("بتنظيم")
    assert not lex.article_fits("قاعدة")  # a base, not al-Qaeda
    assert not lex.article_fits("المالي")  # financial, not Mali
    assert lex.article_fits("مالي") and lex.article_fits("وللولايات")
    text = "قال الضابط إن القوات أقامت قاعدة عسكرية جديدة قرب الحدود."
    assert all(a.type != "group" for a in extract_actors(text, language="ar"))


def test_named_view_drops_descriptive_heads_and_rule_phrases():
    from briefing.analyze.actors.spans import Span, descriptor_head, resolve

    assert descriptor_head("شركة") and descriptor_head("فريق") and descriptor_head("لنادي")
    assert not descriptor_head("حزب") and not descriptor_head("الشركة")
    words = "قالت شركة توتال إن حكومة كردستان وافقت".split()
    spans = [Span(1, 3, "organization", "model"), Span(4, 6, "organization", "rule"), Span(5, 6, "place", "model")]
    named = {(s.start, s.end, s.type) for s in resolve(spans, True, words)}
    assert named == {(2, 3, "organization"), (5, 6, "place")}
    full = {(s.start, s.end, s.type) for s in resolve(spans, False, words)}
    # The briefing keeps the rule phrase but also names "توتال" without its head noun.
    assert (2, 3, "organization") in full and (4, 6, "organization") in full


def test_adjacent_person_names_join_and_spread_keeps_the_article():
    from briefing.analyze.actors.linking import join_persons, spread
    from briefing.analyze.actors.spans import Span, name_key

    words = "مرر كولو توريه الكرة".split()
    joined = join_persons(words, [0] * 4, [Span(1, 2, "person", "model"), Span(2, 3, "person", "spread")])
    assert [(s.start, s.end) for s in joined] == [(1, 3)]
    words = "قال عمر وسعيد".split()
    kept = join_persons(words, [0] * 3, [Span(1, 2, "person", "model"), Span(2, 3, "person", "model")])
    assert len(kept) == 2  # "و": two people
    words = "المدينة هادئة و مدينة أخرى".split()
    keys = [name_key(w) for w in words]
    spread = spread(words, keys, [Span(0, 1, "place", "model")])
    assert [(s.start, s.end) for s in spread] == [(0, 1)]


def test_an_ordinal_is_no_adjective_of_a_body():
    from briefing.analyze.actors.rules import arabic_groups

    words = "تأهل الفريق من المجموعة الثانية ثم المجموعة الأولى".split()
    assert arabic_groups(words, [False] * len(words)) == []
    words = "وقالت الحكومة العراقية إن".split()
    assert arabic_groups(words, [False] * len(words)) == [(1, 3, "group")]
