"""Names and roles a reader sees: cases from a real day of Arabic news, in sentences we wrote."""

from __future__ import annotations

from briefing.analyze.actors import tidy as tidy
from briefing.analyze.actors.extract import extract_actors


def roles(text: str) -> dict[str, str | None]:
    return {a.name: a.role for a in extract_actors(text, language="ar") if a.type == "person"}


def test_person_parts_drop_particles_nationalities_and_latin():
    words = "محمد صلاح أم البلجيكي كيفن دي بروين".split()
    assert [" ".join(words[s:e]) for s, e in tidy.person_parts(words, 0, len(words))] == ["محمد صلاح", "كيفن دي بروين"]
    words = "بأن توريه".split()
    assert [" ".join(words[s:e]) for s, e in tidy.person_parts(words, 0, 2)] == ["توريه"]
    words = "بان كي مون".split()  # a name, not the particle "بأن"
    assert tidy.person_parts(words, 0, 3) == [(0, 3)]
    words = "الليبي خليفة حفتر".split()
    assert tidy.person_parts(words, 0, 3) == [(1, 3)]
    words = "الجريح عبد الفتاح الشريف".split()
    assert tidy.person_parts(words, 0, 4) == [(1, 4)]
    assert tidy.person_parts(["آيفون", "X"], 0, 2) == []


def test_role_stops_at_another_person():
    found = roles("التقى وزير الخارجية الأميركي أنتوني بلينكن نظيره المصري سامح شكري في القاهرة.")
    assert found["أنتوني بلينكن"] == "وزير الخارجية الأميركي"
    # Was "وزير الخارجية الأميركي أنتوني بلينكن نظيره المصري".
    assert found["سامح شكري"] == "المصري"


def test_role_of_someone_else_before_a_genitive_title_is_not_taken():
    found = roles("واستقبل مستشار الشؤون الدولية للمرشد الإيراني علي خامنئي وفدا عراقيا.")
    assert found["علي خامنئي"] is None


def test_role_set_off_by_a_comma_keeps_no_comma():
    found = roles("وقال رئيس الحكومة اللبنانية، سعد الحريري إن الانتخابات ستجري في موعدها.")
    assert found["سعد الحريري"] == "رئيس الحكومة اللبنانية"


def test_in_front_of_is_not_an_imam():
    assert not tidy.is_title_word("أمام")
    assert tidy.is_title_word("الإمام")
    assert tidy.clean_role("مدرب مانشستر يونايتد،") == "مدرب مانشستر يونايتد"


def test_descriptions_and_fragments_are_not_names():
    def parts(text):
        words = text.split()
        return [" ".join(words[s:e]) for s, e in tidy.person_parts(words, 0, len(words))]

    assert parts("المخضرم لوران كوسييلني") == ["لوران كوسييلني"]  # "the veteran"
    assert parts("الوليد بن طلال") == ["الوليد بن طلال"]
    assert parts("المعتصم بالله القذافي") == ["المعتصم بالله القذافي"]
    assert parts("شاباً") == [] and parts("دي.") == []  # "a young man"; an initial
    assert parts("شو") == ["شو"]
