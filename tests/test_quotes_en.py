"""English quotes: a wrong speaker is worse than none (sentences written for these tests)."""

from __future__ import annotations

from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.quotes.extract import extract_quotes


def quotes_of(text):
    actors = extract_actors(text, language="en")
    quotes = extract_quotes(text, language="en", actors=actors)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    places = {a.name for a in actors if a.type == "place"}
    assert not {q.speaker for q in quotes} & places  # a place never speaks
    return quotes


def said(quotes):
    return {(q.speaker, q.text) for q in quotes}


def test_cue_then_adverbial_then_although_is_not_reported_speech():
    text = (
        "Exporters have cut prices after a quiet month, trade officials said on Tuesday, "
        "although farmers cautioned that demand remains weak."
    )
    assert said(quotes_of(text)) == {("trade officials", "Exporters have cut prices after a quiet month")}


def test_according_to_does_not_split_numbers():
    text = (
        "Rates fell to about 1.5 percent in the spring, according to two dealers in Paris "
        "who asked not to be named. Freight costs dropped 3.2 percent, according to data "
        "compiled by analysts."
    )
    assert said(quotes_of(text)) == {("two dealers in Paris", "Rates fell to about 1.5 percent in the spring")}


def test_speaker_is_the_subject_before_the_cue():
    text = (
        '"Prices will stay high for months," said Ms. Jane Porter, an analyst at Brightline '
        "Capital.\n"
        "Coast guard units patrolling the bay said they had stopped three boats since March."
    )
    assert said(quotes_of(text)) == {
        ("Jane Porter", "Prices will stay high for months"),
        ("Coast guard units patrolling the bay", "they had stopped three boats since March"),
    }


def test_aside_with_a_place_does_not_make_the_place_speak():
    text = (
        "Addressing a forum in the Omani capital, Maj. Gen. Peter Lang, a senior U.K. officer "
        'with the task force based in Oman, said cooperation between fleets had "grown '
        'steadily" this year.\n'
        "He said patrols had found no mines in the past six weeks."
    )
    assert said(quotes_of(text)) == {
        ("Peter Lang", 'cooperation between fleets had "grown steadily" this year'),
        ("Peter Lang", "patrols had found no mines in the past six weeks"),
    }


def test_abbreviations_and_continued_quotes():
    text = (
        "A senior U.S. official said the talks would resume in May.\n"
        '"We are close to a deal," Dr. Sara Klein said. "The last points are technical."\n'
        "Mr. Klein's deputy welcomed the news but said nothing."
    )
    assert said(quotes_of(text)) == {
        ("A senior U.S. official", "the talks would resume in May"),
        ("Sara Klein", "We are close to a deal"),
        ("Sara Klein", "The last points are technical."),
    }


def test_added_after_but_keeps_the_speaker_and_cuts_the_clause():
    text = 'Mr. Tom Reyes said a cut was possible "if demand holds up," but added that prices could rise again.'
    assert said(quotes_of(text)) == {
        ("Tom Reyes", 'a cut was possible "if demand holds up,"'),
        ("Tom Reyes", "prices could rise again"),
    }


def test_unquoted_short_passages_and_no_subject_are_left_out():
    text = (
        'They said the plan "works well" in practice.\n'
        "The report, which officials said was late, was published on Monday."
    )
    assert quotes_of(text) == []


def test_quote_before_a_speaker_who_tells_someone():
    text = (
        '"We have no time left," Omar Haddad told reporters in Beirut, adding that talks would go on.\n'
        '"The world cannot look away," UN Secretary-General Lena Dahl told the Security Council.'
    )
    assert said(quotes_of(text)) == {
        ("Omar Haddad", "We have no time left"),
        ("Omar Haddad", "talks would go on"),  # "adding that": more reported speech (the guide)
        ("Lena Dahl", "The world cannot look away"),
    }


def test_role_then_name_in_commas_and_a_possessive_subject():
    text = (
        "The IMF mission chief, Ernesto Vidal, said progress had been slow.\n"
        'Egypt\'s foreign minister warned that "the region is on the brink" of a wider war.'
    )
    assert said(quotes_of(text)) == {
        ("Ernesto Vidal", "progress had been slow"),
        ("Egypt's foreign minister", '"the region is on the brink" of a wider war'),
    }
