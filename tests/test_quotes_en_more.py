"""More English who-said-what patterns (issue #16), on sentences written for these tests
from how English news reports speech, never taken from an evaluation set."""

from __future__ import annotations

import pytest

from .test_quotes_patterns import quotes_in, speaker_of

# Texts with more than one quote to attribute: one row of the table per quote.
REED_ASKS_AND_SHOUTS = (
    "Governor Tom Reed met the workers at the plant on Monday.\n"
    '"Why does nobody explain it to us?" Reed asked the crowd.\n'
    '"We are not going anywhere!" Reed shouted as the meeting ended.\n'
)
HE_AND_SHE = (
    "Senator Maria Lopez met Governor Tom Reed on Monday.\n"
    '"It will cost billions," he said.\n'
    "Governor Tom Reed met Senator Maria Lopez on Tuesday.\n"
    '"Nobody knows who will pay," she said.\n'
)
AFTER_A_DATELINE_OR_A_FEW_WORDS = (
    'WASHINGTON (CNN) -- "We will win this fight in the courts," Senator Maria Lopez said Monday.\n'
    'But "we will appeal every ruling against us," Lopez said.\n'
    'The plan "will cost billions of dollars," she warned.\n'
    'Governor Tom Reed, asked about it, said "nothing has been decided yet" in the statehouse.\n'
)
ROLES_AFTER_A_TITLE = (
    "Sen. Maria Lopez and Ohio Governor Tom Reed toured the flooded towns on Monday.\n"
    '"We will rebuild every home," the senator said.\n'
    '"The state will pay for the roads," the Republican governor said.\n'
)
ACCORDING_TO_MEDIA_AND_A_MONITOR = (
    "Floods hit the valley.\n"
    "At least 40 people were killed, according to state media.\n"
    "Two hundred were injured, according to the Syrian Observatory for Human Rights, a monitor.\n"
)
OVER_PARAGRAPHS = (
    "Senator Maria Lopez visited Ohio on Monday.\n"
    '"The plan will cost billions of dollars.\n'
    '"Nobody has said how we will pay for it," Lopez said.\n'
)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        pytest.param(
            REED_ASKS_AND_SHOUTS, "Why does nobody explain", "Tom Reed", id="a-question-in-marks-before-its-speaker"
        ),
        pytest.param(
            REED_ASKS_AND_SHOUTS,
            "We are not going anywhere",
            "Tom Reed",
            id="an-exclamation-in-marks-before-its-speaker",
        ),
        pytest.param(
            "Senator Maria Lopez visited Ohio. Lopez said voters won&apos;t accept a new tax.",
            "voters won&apos;t accept",
            "Maria Lopez",
            id="a-contraction-written-with-an-entity-is-a-finite-verb",
        ),
        pytest.param(
            "Senator Maria Lopez visited Ohio on Monday.\n"
            "Lopez, however, disagreed, saying the plan would cost billions of dollars.\n",
            "the plan would cost",
            "Maria Lopez",
            id="a-last-name-the-tagger-took-for-a-place-is-the-person",
        ),
        pytest.param(HE_AND_SHE, "It will cost billions", "Tom Reed", id="he-passes-over-a-woman-named-before"),
        pytest.param(HE_AND_SHE, "Nobody knows who will pay", "Maria Lopez", id="she-passes-over-a-man-named-before"),
        pytest.param(
            AFTER_A_DATELINE_OR_A_FEW_WORDS,
            "We will win this fight",
            "Maria Lopez",
            id="a-quote-after-a-dateline-takes-the-speaker-after-it",
        ),
        pytest.param(
            AFTER_A_DATELINE_OR_A_FEW_WORDS,
            "we will appeal every ruling",
            "Maria Lopez",
            id="a-quote-after-a-conjunction-takes-the-speaker-after-it",
        ),
        pytest.param(
            AFTER_A_DATELINE_OR_A_FEW_WORDS,
            "will cost billions of dollars",
            "Maria Lopez",
            id="a-quote-after-a-few-words-takes-the-speaker-after-it",
        ),
        pytest.param(
            "Senator Maria Lopez visited Ohio on Monday.\n"
            'Lopez said in a statement released by her office on Monday night, "We will win this fight."\n',
            "We will win this fight",
            "Maria Lopez",
            id="a-comma-after-the-cue-and-its-adverbials-opens-a-quote-with-a-capital",
        ),
        pytest.param(
            "Two senior US officials said the talks had stalled over the weekend.\n"
            "The officials said a new round could start in June.\n",
            "a new round could start",
            "Two senior US officials",
            id="the-officials-are-the-officials-described-before",
        ),
        pytest.param(
            ROLES_AFTER_A_TITLE, "We will rebuild every home", "Maria Lopez", id="the-role-after-an-abbreviated-title"
        ),
        pytest.param(ROLES_AFTER_A_TITLE, "The state will pay", "Tom Reed", id="the-role-with-a-capitalised-modifier"),
        pytest.param(
            'Prime Minister Theresa May visited Dayton.\n"We will win this fight," May said.\n',
            "We will win this fight",
            "Theresa May",
            id="a-last-name-that-is-also-a-word-of-the-calendar",
        ),
        pytest.param(
            "Floods hit the valley.\nAt least 40 people were killed, Governor Tom Reed told the state legislature.\n",
            "At least 40 people were killed",
            "Tom Reed",
            id="told-with-a-listener-of-any-kind-closing-the-sentence",
        ),
        pytest.param(ACCORDING_TO_MEDIA_AND_A_MONITOR, "At least 40 people", "state media", id="according-to-media"),
        pytest.param(
            ACCORDING_TO_MEDIA_AND_A_MONITOR,
            "Two hundred were injured",
            "Syrian Observatory for Human Rights",
            id="according-to-a-name-the-tagger-cut-after-for",
        ),
        pytest.param(
            "Syrian officials said the road to the airport had been reopened.\n"
            "Officials said the airport itself would reopen on Friday.\n",
            "the airport itself would reopen",
            "Syrian officials",
            id="bare-officials-are-the-officials-described-before",
        ),
        pytest.param(
            'Floods hit the valley.\n"We have never seen anything like it," said Ann Cole of Dayton.\n',
            "We have never seen",
            "Ann Cole",
            id="a-person-of-a-place",
        ),
        pytest.param(
            "Amnesty International, the London-based rights group, published a report.\n"
            "The group said most of the victims were civilians.\n",
            "most of the victims",
            "Amnesty International",
            id="the-role-an-apposition-gave-after-the-name",
        ),
        pytest.param(
            "Critics slammed the plan on Monday, saying it would hurt poor families.\n",
            "it would hurt poor families",
            "Critics",
            id="a-participle-of-saying-speaks-for-the-subject-that-opens-the-sentence",
        ),
        pytest.param(
            OVER_PARAGRAPHS,
            "The plan will cost billions",
            "Maria Lopez",
            id="a-quote-over-paragraphs-its-first-paragraph",
        ),
        pytest.param(
            OVER_PARAGRAPHS,
            "Nobody has said how",
            "Maria Lopez",
            id="a-quote-over-paragraphs-its-last-paragraph-with-the-speaker",
        ),
        pytest.param(
            "Acme Corp said on Monday that it would close its plant in Dayton.\n"
            "The decision came a week after the Justice Department opened an inquiry into its accounts.\n"
            "It said the plant had lost money for five years.\n",
            "the plant had lost money",
            "Acme Corp",
            id="it-goes-on-with-the-body-that-spoke-last",
        ),
    ],
)
def test_the_speaker_of_a_quote(text, fragment, speaker):
    assert speaker_of(quotes_in(text, "en"), fragment) == speaker


def test_a_quoted_question_then_a_sentence_without_a_cue_is_not_joined():
    text = 'Governor Tom Reed met the workers on Monday.\n"Why now?" That is what the workers asked all week.\n'
    assert [q for q in quotes_in(text, "en") if q.speaker == "Tom Reed"] == []


def test_the_inner_speaker_of_nested_speech_starts_after_the_outer_verb():
    text = (
        "The report said officials had warned that the dam could fail during a heavy storm.\n"
        "Police said the suspect told officers he had acted alone on the night of the attack.\n"
    )
    quotes = quotes_in(text, "en")
    said = {(q.speaker, q.text) for q in quotes}
    assert ("The report", "officials had warned that the dam could fail during a heavy storm") in said
    assert ("officials", "the dam could fail during a heavy storm") in said  # not "The report said officials"
    assert ("the suspect", "he had acted alone on the night of the attack") in said


def test_a_noun_that_looks_like_a_verb_of_saying_stays_in_the_subject():
    text = (
        "Local news reports said the bridge had been closed since Friday night.\n"
        "A lawyer representing the family said the company had ignored the warnings.\n"
        "A woman who told police she saw the crash said the driver had not stopped.\n"
    )
    quotes = quotes_in(text, "en")
    assert speaker_of(quotes, "the bridge had been closed") == "Local news reports"
    assert "lawyer" in speaker_of(quotes, "the company had ignored")
    assert speaker_of(quotes, "the driver had not stopped") == "A woman"


def test_an_apostrophe_written_as_an_entity_keeps_the_owner_in_the_speaker():
    text = (
        "Senator Maria Lopez visited Ohio on Monday.\n"
        "Lopez&apos;s campaign said the plan would cost billions of dollars.\n"
        "A statement from Lopez&apos;s office said taxes would rise for most families.\n"
        "Lopez told CNN&apos;s Jake Tapper the vote would take place in June.\n"
    )
    quotes = quotes_in(text, "en")
    assert speaker_of(quotes, "the plan would cost") == "Lopez’s campaign"
    assert "Lopez" in speaker_of(quotes, "taxes would rise")
    assert {(q.speaker, q.text) for q in quotes if "vote" in q.text} == {
        ("Maria Lopez", "the vote would take place in June")
    }  # the listener's name is not in the quote


def test_told_a_possessive_listener():
    text = "Governor Tom Reed visited Ohio. Reed told CNN's Jake Tapper the plant would close in May."
    assert {(q.speaker, q.text) for q in quotes_in(text, "en")} == {("Tom Reed", "the plant would close in May")}


def test_according_to_as_an_aside_takes_the_sentence():
    text = (
        "Senator Maria Lopez visited Ohio on Monday.\nThe plan, according to Lopez, would cost billions of dollars.\n"
    )
    q = [q for q in quotes_in(text, "en") if "billions" in q.text]
    assert [x.cue for x in q] == ["according to"] and "Lopez" in q[0].speaker
    assert q[0].text.startswith("The plan")


def test_a_quote_after_a_colon_that_closes_a_clause_about_its_speaker():
    text = (
        "Senator Maria Lopez visited Ohio on Monday.\n"
        'Lopez was blunt: "It will cost billions of dollars."\n'
        'Her message to voters: "Nobody will pay for it but you."\n'
        'The rule is simple: "No ticket, no entry."\n'
    )
    quotes = quotes_in(text, "en")
    assert speaker_of(quotes, "It will cost billions") == "Maria Lopez"
    assert speaker_of(quotes, "Nobody will pay for it") == "Maria Lopez"
    assert not [q for q in quotes if "No ticket" in q.text]  # no speaker before the colon


def test_a_lead_in_with_its_own_verb_of_saying_keeps_its_quote():
    text = (
        "Senator Maria Lopez met Governor Tom Reed on Monday.\n"
        'Reed said the talks had gone well and "nobody wants a fight," Lopez said later.\n'
    )
    assert all(q.speaker == "Tom Reed" for q in quotes_in(text, "en") if "nobody wants a fight" in q.text)


def test_at_least_opens_the_reported_clause():
    text = "Floods hit the valley.\nGovernor Tom Reed said at least 40 people were killed in the flood.\n"
    assert {(q.speaker, q.text) for q in quotes_in(text, "en")} == {
        ("Tom Reed", "at least 40 people were killed in the flood")
    }


def test_the_name_after_told_is_the_listener_never_the_speaker():
    text = (
        "Floods hit the valley on Monday.\n"
        '"We have never seen anything like it," Ann Cole, a spokeswoman for the Red Cross, told CNN.\n'
        "The water is falling, the mayor of Dayton, Tom Reed, told CNN.\n"
    )
    quotes = quotes_in(text, "en")
    assert {(q.speaker, q.text) for q in quotes if "never seen" in q.text} == {
        ("Ann Cole", "We have never seen anything like it")
    }
    assert all(q.speaker != "CNN" for q in quotes)


def test_a_title_in_quotation_marks_is_not_a_quote():
    text = (
        "Senator Maria Lopez visited Ohio on Monday.\n"
        'Speaking on CNN&apos;s "State of the Union," Lopez said the plan would fail in the Senate.\n'
        'Lopez told CNN&apos;s "New Day": "We will win this fight in the courts."\n'
    )
    quotes = quotes_in(text, "en")
    assert not [q for q in quotes if "State of the Union" in q.text or "New Day" in q.text]
    assert speaker_of(quotes, "the plan would fail") == "Maria Lopez"
    assert speaker_of(quotes, "We will win this fight") == "Maria Lopez"


def test_a_quote_then_according_to():
    text = 'Senator Maria Lopez visited Ohio on Monday.\n"The plan will cost billions," according to Lopez.\n'
    assert "Lopez" in speaker_of(quotes_in(text, "en"), "The plan will cost billions")
