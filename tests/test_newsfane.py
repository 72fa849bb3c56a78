"""Reading NewsFANE-style files: fine classes folded, split clitics joined back."""

from briefing.evaluate.fane import FOLD, fold_tag, join_clitics, read_newsfane
from briefing.evaluate.ner import Sentence, gold_mentions

# Our own sentence, written the way NewsFANE writes its text: clitics apart, alef folded.
NEWSFANE_STYLE = """\
و\tO
قال\tO
وزير\tO
خارجيت\tO
ه\tO
سامح\tB-Politician
شكري\tI-Politician
ل\tO
الصحفيين\tO
في\tO
القاهره\tB-Population-Center
ان\tO
ه\tO
التقي\tO
ب\tO
رئيس\tO
الوزراء\tO
اثيوبيا\tB-Nation
و\tO
ب\tO
وفد\tO
من\tO
الاتحاد\tB-Non-Governmental
الافريقي\tI-Non-Governmental
و\tO
قرا\tO
كتاب\tO
ها\tO
(\tO
د\tB-Media
ب\tI-Media
ا\tI-Media
)\tO
.\tO

ركب\tO
الطائره\tB-Air
بوينغ\tI-Air
.\tO
"""


def test_classes_fold_by_their_ontology_type():
    assert fold_tag("B-Politician") == "B-PERS"
    assert fold_tag("I-Athlete") == "I-PERS"
    assert fold_tag("B-Sports") == "B-ORG" and fold_tag("B-Government") == "B-ORG"
    assert fold_tag("B-Nation") == "B-LOC" and fold_tag("I-GPE-Cluster") == "I-LOC"
    assert fold_tag("B-Book") == "O" and fold_tag("B-Air") == "O" and fold_tag("O") == "O"
    assert set(FOLD.values()) == {"PERS", "ORG", "LOC"}


def test_clitics_join_their_words_and_initials_stay_apart(tmp_path):
    path = tmp_path / "fane.tsv"
    path.write_text(NEWSFANE_STYLE, encoding="utf-8")
    first, second = read_newsfane(path)
    text = " ".join(first.words)
    assert text.startswith("وقال وزير خارجيته سامح شكري للصحفيين في القاهره انه التقي برئيس")
    assert "اثيوبيا وبوفد" in text and "وقرا كتابها" in text
    assert "( د ب ا )" in text  # the agency's initials are not clitics
    spans = {(" ".join(first.words[s:e]), t) for s, e, t in gold_mentions(first.tags)}
    assert {
        ("سامح شكري", "PERS"),
        ("القاهره", "LOC"),
        ("اثيوبيا", "LOC"),
        ("الاتحاد الافريقي", "ORG"),
        ("د ب ا", "ORG"),
    } == spans
    assert set(second.tags) == {"O"}  # a vehicle names no actor


def test_a_joined_word_keeps_its_hosts_label():
    s = join_clitics(Sentence(("و", "عباس", "قال"), ("O", "B-PERS", "O")))
    assert s.words == ("وعباس", "قال") and s.tags == ("B-PERS", "O")
    s = join_clitics(Sentence(("حزب", "و", "الله"), ("B-ORG", "O", "I-ORG")))
    assert s.words == ("حزب", "والله") and s.tags == ("B-ORG", "I-ORG")
