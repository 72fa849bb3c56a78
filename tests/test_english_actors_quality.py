"""English actors: a quality floor on our own annotated sentences, and the rules behind it.

tests/fixtures/ner-en.conll is written by this team: wire-style English news in the
CoNLL-2003 manner (countries and "U.S." are LOC, nationality adjectives MISC, titles
outside the PER span). Its first part was written before the English rules were
reworked, the second and third parts afterwards as unseen checks (they scored 85.4 and
81.7 when first run); all three are now the floor.
"""

from __future__ import annotations

from pathlib import Path

from briefing.analyze.actors.extract import extract_actors
from briefing.evaluate.ner import evaluate_conll

FIXTURE = Path(__file__).with_name("fixtures") / "ner-en.conll"
FLOOR_MICRO_F1 = 92.0  # measured 94.06 when set


def test_english_quality_floor():
    result = evaluate_conll(FIXTURE, split="all")
    assert result["language"] == "en"
    assert result["micro"]["gold"] == 192
    assert result["micro"]["f1"] >= FLOOR_MICRO_F1, result["micro"]


def actors(text: str) -> dict:
    return {a.name: a for a in extract_actors(text, language="en")}


def test_a_title_does_not_reach_back_over_another_name():
    found = actors("Chancellor Olaf Scholz met French President Emmanuel Macron in Paris.")
    assert found["Emmanuel Macron"].role == "French President"
    assert found["Olaf Scholz"].role == "Chancellor"


def test_body_before_a_title_is_its_own_actor():
    found = actors("UN Secretary-General Antonio Guterres spoke. Fed Chair Jerome Powell did not. "
                   "Defense Secretary Lloyd Austin left.")
    assert found["Antonio Guterres"].type == "person"
    assert found["Antonio Guterres"].role == "UN Secretary-General"
    assert found["Jerome Powell"].type == "person"
    assert any(a.type == "organization" and any(m.text == "UN" for m in a.mentions) for a in found.values())
    fed = found["Federal Reserve"]  # known: named in full, the mention stays "Fed"
    assert fed.type == "organization" and [m.text for m in fed.mentions] == ["Fed"]
    assert "Defense" not in found  # part of the title


def test_news_agencies_are_organisations_not_places():
    found = actors("The deal was signed, according to Reuters. Data from Bloomberg showed a rise. "
                   "Analysts at Goldman Sachs agreed, AFP reported.")
    for name in ("Reuters", "Bloomberg", "AFP"):
        assert found[name].type == "organization", name


def test_places_by_head_coordination_and_known_city():
    found = actors("Shares rose on Wall Street. Cholera spread in Khartoum and Darfur. "
                   "The minister then flew to Amman. Protesters gathered in Tahrir Square.")
    assert found["Wall Street"].type == "place"
    assert found["Darfur"].type == "place"
    assert found["Amman"].type == "place"
    assert found["Tahrir Square"].type == "place"


def test_name_particles_and_of_the_inside_names():
    found = actors("Dutch manager Erik ten Hag praised the team. The International Committee of "
                   "the Red Cross sent aid. Ursula von der Leyen arrived.")
    assert found["Erik ten Hag"].type == "person"
    assert found["International Committee of the Red Cross"].type == "organization"
    assert found["Ursula von der Leyen"].type == "person"
    assert "Dutch" not in found


def test_sentence_openers_that_name_nobody():
    found = actors("Clashes erupted near the border. Donors pledged 800 million euros. "
                   "Residents of Gaza fled south. Shares of Apple rose.")
    for word in ("Clashes", "Donors", "Residents", "Shares"):
        assert not any(name.startswith(word) for name in found), word
    assert found["Gaza"].type == "place"
    assert found["Apple"].type == "organization"


def test_companies_are_not_people():
    found = actors("TotalEnergies said it would drill. Saudi Aramco reported lower profit.")
    assert found["TotalEnergies"].type == "organization"
    assert found["Saudi Aramco"].type == "organization"


def test_surname_alone_and_title_words_inside_names():
    found = actors("Egyptian Foreign Minister Sameh Shoukry met his counterpart. Shoukry later flew "
                   "to Amman. Somalia's president, Hassan Sheikh Mohamud, objected.")
    shoukry = found["Sameh Shoukry"]
    assert shoukry.type == "person" and [m.text for m in shoukry.mentions] == ["Sameh Shoukry", "Shoukry"]
    assert found["Hassan Sheikh Mohamud"].type == "person"


def test_headline_in_capitals_and_place_date_lines():
    text = ("RUGBY UNION - SALVI BACK FOR ITALY AFTER A YEAR .\n"
            "ROME 1996-12-06\n"
            "Italy recalled Marco Salvi on Friday for their friendly against Scotland in Edinburgh .\n"
            "AL-AIN , United Arab Emirates 1996-12-06\n"
            "Japan began the defence of their title with a win against Syria .")
    found = actors(text)
    for name in ("Rugby Union", "RUGBY UNION", "YEAR", "SALVI BACK"):
        assert name not in found, name
    assert found["Italy"].type == "place"  # not the organisation an all-caps word would be
    assert found["Rome"].type == "place" and found["Scotland"].type == "place"
    assert any(a.type == "place" and any(m.text == "AL-AIN" for m in a.mentions) for a in found.values())
    assert found["United Arab Emirates"].type == "place"
    assert found["Marco Salvi"].type == "person"


def test_events_and_table_words_in_sports_results():
    text = ("Leading results of the Belgian Grand Prix on Sunday :\n"
            "1. Marco Lenz ( Germany ) Ferrari 1:28:15.125\n"
            "Division two\n"
            "Plymouth 2 Preston 1")
    found = actors(text)
    assert not any("Grand Prix" in name for name in found)  # an event, not a person
    assert "Division" not in found
    assert found["Marco Lenz"].type == "person" and found["Germany"].type == "place"
