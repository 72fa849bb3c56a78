"""English actors: datelines, sentence openers, possessives, months, heads and titles.

The sentences are our own, written for these tests."""

from __future__ import annotations

from briefing.analyze.actors.extract import extract_actors

TEXT = (
    "MUSCAT, Nov 27 (Harbour Wire) - Just over half of the delegates backed the plan on "
    "Thursday, the Gulf Cooperation Council (GCC) said in a statement.\n\n"
    "Interior and Municipalities Minister Walid Saadeh said Lebanon's councils would meet in "
    "the Bekaa Valley. Shipping through the Red Sea and the Bab el-Mandeb strait recovered, "
    "said Mr. Henrik Solberg, head of underwriting at Nordvik Marine.\n\n"
    "Water Security was on the agenda, and water security experts from the Suez Canal "
    "Authority and Oman's Ministry of Agriculture, Fisheries and Water Resources attended. "
    "Omani and European officials welcomed the GCC's decision. Women won 84 seats."
)


def actors_by_name():
    return {a.name: a for a in extract_actors(TEXT, language="en")}


def test_dateline_gives_the_city_and_the_agency():
    actors = actors_by_name()
    assert actors["Muscat"].type == "place"
    assert actors["Harbour Wire"].type == "organization"
    assert "Nov" not in actors and "Thursday" not in actors


def test_sentence_openers_and_adjectives_are_not_actors():
    actors = actors_by_name()
    for word in ("Just", "Women", "Omani", "European", "Water Security", "Shipping"):
        assert word not in actors, word


def test_possessive_is_not_part_of_the_name():
    actors = actors_by_name()
    assert "Lebanon" in actors and actors["Lebanon"].type == "place"
    assert not any(name.endswith(("'s", "’s")) for name in actors)


def test_heads_type_the_name():
    actors = actors_by_name()
    assert actors["Red Sea"].type == "place"
    assert actors["Bekaa Valley"].type == "place"
    assert actors["Suez Canal Authority"].type == "organization"
    assert actors["Ministry of Agriculture, Fisheries and Water Resources"].type == "organization"
    assert actors["Nordvik Marine"].type == "organization"


def test_titles_are_roles_not_names():
    actors = actors_by_name()
    saadeh = actors["Walid Saadeh"]
    assert saadeh.type == "person" and saadeh.role == "Interior and Municipalities Minister"
    assert "Interior" not in actors
    solberg = actors["Henrik Solberg"]
    assert solberg.role == "head of underwriting at Nordvik Marine"  # not just "Mr."


def test_acronym_in_brackets_joins_the_full_name():
    gcc = actors_by_name()["Gulf Cooperation Council"]
    assert gcc.type == "organization"
    assert sum(m.text == "GCC" for m in gcc.mentions) == 2


def test_lower_case_words_are_not_mentions_of_a_name():
    for actor in extract_actors(TEXT, language="en"):
        for m in actor.mentions:
            assert m.text[:1].isupper(), (actor.name, m.text)
