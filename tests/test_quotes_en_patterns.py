"""English who said what, one pattern at a time, on sentences written for these tests
(how English news reports speech), never taken from an evaluation set."""

from __future__ import annotations

import pytest

from briefing.analyze.actors.extract import extract_actors

from .test_quotes_patterns import quotes_in, speaker_of

STORY = (
    "Rescue teams searched the ruins of the school in the northern town on Sunday.\n"
    "Speaking by phone, rescue worker Khaled Omar said:\n"
    '"We pulled six children out today. Two of them were still alive."\n'
    '"We are exhausted," Omar, 34, said. "But we will keep digging."\n'
    '"Every minute counts," the 34-year-old said of the search.\n'
    "The regional water company Nordaqua said the dam had held through the night.\n"
    "It added that engineers would inspect the spillway on Monday morning.\n"
    "The company said earlier that no village downstream was in danger.\n"
    "Governor Elena Marsh told the Associated Press the army would arrive within two days.\n"
    '"We discussed the reconstruction," Marsh said after the meeting, adding that the talks had been frank.\n'
    "Marsh praised Tomas Brandt, the mayor of the town, for his work.\n"
    "She said the town would be rebuilt before the winter came.\n"
    "Brandt reiterated that every family would get a new home within the year.\n"
)


@pytest.fixture(scope="module")
def story():
    return _quotes(STORY)


def _quotes(text):
    actors = extract_actors(text, language="en")
    quotes = quotes_in(text, "en", actors)
    places = {a.name for a in actors if a.type == "place"}
    for q in quotes:
        assert q.speaker not in places  # a place never speaks
        assert q.speaker.split()[0].lower() not in {"he", "she", "it", "they", "said", "told"}
    return quotes


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("We pulled six children out today", "Khaled Omar"),  # 'X said:' closing the paragraph before
        ("We are exhausted", "Khaled Omar"),  # '"...," Omar, 34, said.'
        ("But we will keep digging", "Khaled Omar"),  # the second piece of a split quote
        ("Every minute counts", "Khaled Omar"),  # "the 34-year-old said": the person named last
        ("the dam had held through the night", "Nordaqua"),
        ("engineers would inspect the spillway", "Nordaqua"),  # "It added that": the body named last
        ("no village downstream was in danger", "Nordaqua"),  # "The company said": the body named last
        ("the army would arrive within two days", "Elena Marsh"),  # "told the Associated Press the ..."
        ("We discussed the reconstruction", "Elena Marsh"),
        ("the talks had been frank", "Elena Marsh"),  # "..., adding that ..."
        ("the town would be rebuilt", "Elena Marsh"),  # "She": the subject, not the last name
        ("every family would get a new home", "Tomas Brandt"),  # "reiterated that"
    ],
)
def test_english_patterns(story, fragment, speaker):
    assert speaker in speaker_of(story, fragment)


def test_adding_that_is_cut_from_the_first_clause(story):
    first = [q for q in story if "We discussed" in q.text]
    assert first and all("adding" not in q.text for q in first)


def test_the_listener_after_told_is_not_the_speaker_nor_the_quote(story):
    q = [q for q in story if "army would arrive" in q.text][0]
    assert q.text == "the army would arrive within two days"
    assert "Associated Press" not in q.speaker


def test_a_quote_over_paragraphs_after_a_colon():
    text = (
        "Finance Minister Rita Moreno addressed parliament on Tuesday.\n"
        'Moreno said: "The budget protects the poorest households in the country.\n'
        '"It asks more of those who can pay more.\n'
        '"And it keeps the deficit under control."\n'
    )
    quotes = _quotes(text)
    for fragment in ("protects the poorest", "asks more of those", "keeps the deficit"):
        assert speaker_of(quotes, fragment) == "Rita Moreno"


MORE = (
    "Riot police cleared the square in the capital on Saturday.\n"
    "Protest organisers said more than ten thousand people had joined the march.\n"
    "They said the next march would take place in two weeks.\n"
    'The Interior Ministry said in a statement posted on its website: "Order has been restored in every district."\n'
    "Interior Minister Ana Ruiz pointed out that nobody had been seriously hurt.\n"
    "Ruiz also made it clear that the ban on marches would stay in force.\n"
    "Ruiz was quoted as saying that the organisers would face charges.\n"
    "The report said the police had used tear gas near the river.\n"
    "Ruiz's deputy said the ministry would publish its own figures on Monday.\n"
    "The protest will go on, according to the union, whose leader was arrested.\n"
    '"We will not give up," he said, according to the union.\n'
    "Interior Minister Ana Ruiz on Monday said the curfew would be lifted at the weekend.\n"
    "The schools will open again on Wednesday, Ruiz said in an interview with the state broadcaster.\n"
    "The damage runs to millions of dollars, Ruiz told reporters.\n"
    "A Reuters photographer said the square was empty by midnight.\n"
    "Ruiz warned lawmakers that the ban could last until the end of the year.\n"
    "Ruiz, however, said the army would not be called in.\n"
    "The mayor of the capital, Omar Haddad, was confident that the shops would reopen within days.\n"
)


@pytest.fixture(scope="module")
def more():
    return _quotes(MORE)


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("the next march would take place", "Protest organisers"),  # "They": the last plural speaker
        ("Order has been restored", "Interior Ministry"),  # a colon after the cue's adverbials
        ("nobody had been seriously hurt", "Ana Ruiz"),  # "pointed out that"
        ("the ban on marches would stay", "Ana Ruiz"),  # "made it clear that"
        ("the organisers would face charges", "Ana Ruiz"),  # "was quoted as saying that"
        ("the police had used tear gas", "The report"),  # "the <noun> said": a described speaker
        ("the ministry would publish its own figures", "Ruiz's deputy"),  # an actor's noun
        ("the curfew would be lifted", "Ana Ruiz"),  # "X on Monday said"
        ("The schools will open again", "Ana Ruiz"),  # "..., X said in an interview with ..."
        ("The damage runs to millions", "Ana Ruiz"),  # "..., X told reporters."
        ("the square was empty", "A Reuters photographer"),  # a short noun phrase as subject
        ("the ban could last until the end", "Ana Ruiz"),  # "warned lawmakers that"
        ("the army would not be called in", "Ruiz"),  # "X, however, said"
        ("the shops would reopen within days", "Omar Haddad"),  # "was confident that"
    ],
)
def test_more_english_patterns(more, fragment, speaker):
    assert speaker in speaker_of(more, fragment)


def test_according_to_does_not_take_speech_that_has_its_speaker(more):
    assert not [q for q in more if q.cue == "according to" and "give up" in q.text]


def test_she_passes_over_a_man_the_text_names_as_one():
    text = (
        "Tom Gray met Mrs. Jane Hale in the capital on Monday.\n"
        '"It was a useful meeting for both sides," she said.\n'
        "Mr. Gray said he would return in the spring for more talks.\n"
    )
    quotes = _quotes(text)
    assert speaker_of(quotes, "It was a useful meeting") == "Jane Hale"
    assert speaker_of(quotes, "he would return in the spring") == "Tom Gray"


def test_it_without_a_body_named_before_gives_no_quote():
    text = "Rita Moreno met the press. It said that the budget would be voted on next week."
    assert [q for q in _quotes(text) if "budget would be voted" in q.text] == []


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ali Hassan urged citizens to stay at home during the storm.",  # urged ... to
        "Ali Hassan vowed to rebuild every clinic in the province.",  # an infinitive object
        "The opposition leader Carla Ruiz denied any wrongdoing in the affair.",  # a noun object
        'The film "A Long Night in the Valley" opens in May.',  # a title, not speech
        "It was reported that the talks had failed again.",  # no speaker
    ],
)
def test_things_that_are_not_quotes(text):
    assert _quotes(text) == []
