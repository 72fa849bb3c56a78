"""English actors: the tagger's names as actors, and the rules kept around them (roles,
surnames, acronyms, known names), on sentences written for these tests."""

from __future__ import annotations

from briefing.analyze.actors import rules_en
from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.ner import english
from briefing.analyze.ner import tagger as ner

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

STORY = (
    "Finance Minister Ana Duarte said on Tuesday that the budget would pass. Duarte told "
    "reporters in Lisbon that Portuguese banks were sound.\n\n"
    "P. Simmons took four wickets for Leicestershire. Michael Jordan watched from Chicago, "
    "and Fed Chair Jerome Powell spoke in Washington."
)


def by_name(text: str) -> dict:
    return {a.name: a for a in extract_actors(text, language="en")}


def test_dateline_gives_the_city_not_the_date():
    actors = by_name(TEXT)
    assert actors["Muscat"].type == "place"
    assert "Nov" not in actors and "Thursday" not in actors


def test_possessive_is_not_part_of_the_name():
    actors = by_name(TEXT)
    assert "Lebanon" in actors and actors["Lebanon"].type == "place"
    assert not any(name.endswith(("'s", "’s", "'", "’")) for name in actors)


def test_titles_are_roles_not_names():
    actors = by_name(TEXT)
    saadeh = actors["Walid Saadeh"]
    assert saadeh.type == "person" and saadeh.role == "Interior and Municipalities Minister"
    solberg = actors["Henrik Solberg"]
    assert solberg.role == "head of underwriting at Nordvik Marine"  # not just "Mr."
    duarte = by_name(STORY)["Ana Duarte"]
    assert duarte.role == "Finance Minister"


def test_acronym_in_brackets_joins_the_full_name():
    gcc = by_name(TEXT)["Gulf Cooperation Council"]
    assert gcc.type == "organization"
    assert [m.text for m in gcc.mentions] == ["Gulf Cooperation Council", "GCC", "GCC"]


def test_lower_case_words_are_not_mentions_of_a_name():
    for actor in extract_actors(TEXT + "\n\n" + STORY, language="en"):
        for m in actor.mentions:
            assert m.text[:1].isupper(), (actor.name, m.text)


def test_surname_alone_joins_the_full_name():
    duarte = by_name(STORY)["Ana Duarte"]
    assert duarte.type == "person"
    assert [m.text for m in duarte.mentions] == ["Ana Duarte", "Duarte"]


def test_initials_stay_with_the_name_and_end_no_sentence():
    actors = by_name(STORY)
    assert actors["P. Simmons"].type == "person"
    assert actors["Leicestershire"].type == "organization"  # a county side, as CoNLL marks it


def test_adjectives_of_peoples_are_not_actors():
    actors = by_name(STORY)
    assert "Portuguese" not in actors and "Omani" not in by_name("Omani officials met on Sunday.")


def test_known_names_name_the_tagger_spans_but_never_cut_them():
    actors = by_name(STORY)
    fed = actors["Federal Reserve"]  # the alias table names "Fed" in full; the mention stays
    assert fed.type == "organization" and [m.text for m in fed.mentions] == ["Fed"]
    assert actors["Jerome Powell"].role == "Fed Chair"
    assert actors["Michael Jordan"].type == "person"
    assert "Jordan" not in actors  # the alias table's country does not cut the person's name


def test_the_pipeline_keeps_every_name_the_tagger_finds():
    """Named-entity view (`named_only`): each PER/ORG/LOC span of the tagger is a mention
    with the same words and type, once mended by its own words (`rules_en.name_fixes`:
    "Red Sea" tagged ORG is a place)."""
    kinds = {"PER": "person", "ORG": "organization", "LOC": "place"}
    for text in (TEXT, STORY):
        tokens = ner.tokenize(text)
        sentences = ner.split_token_sentences(text, tokens)
        tagged = set()
        for sent, labels in zip(sentences, english.tag_tokens(sentences)):
            words = [tok.text for tok in sent]
            for s, e, t in rules_en.name_fixes(words, ner.bio_spans(labels)):
                if t in kinds and not any(tok.text in "()" for tok in sent[s:e]):
                    tagged.add((sent[s].start, sent[e - 1].end, kinds[t]))
        found = {
            (m.start, m.end, "organization" if a.type == "group" else a.type)
            for a in extract_actors(text, language="en", named_only=True)
            for m in a.mentions
        }
        assert tagged and tagged <= found, tagged - found
