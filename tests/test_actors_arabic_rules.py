"""Arabic rules around the tagger: months as dates, an organisation that owns a place.

The sentences are our own, written for these tests."""

from __future__ import annotations

import pytest

from briefing.analyze import actors_rules as rules
from briefing.analyze import ner
from briefing.analyze.actors import extract_actors

pytestmark = pytest.mark.skipif(not ner.model_available(), reason="no NER model")


def test_months_used_as_dates_are_not_actors():
    text = ("قالت المجموعة إنها قد تزيد الإنتاج اعتبارا من أبريل/نيسان 2027، "
            "وستجتمع اللجنة في نيسان المقبل في فيينا.")
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
