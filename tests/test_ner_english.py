"""The shipped English tagger: quality floors, fast tagging equal to crfsuite's, the card,
and the scorer of what `briefing summarize` outputs.

Two floors, which are different things:
- CoNLL-2003 dev (../shared/eval): settings were chosen on it, so it is a development
  figure; skipped when the shared data is absent.
- tests/fixtures/ner-en.conll: sentences this team wrote (wire and Wikipedia style),
  scored only once the model was chosen; the tuning-resistant check.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from briefing.analyze.ner import english
from briefing.analyze.ner.tagger import bio_spans
from briefing.evaluate import actors_pipeline as ap
from briefing.evaluate.ner import read_conll

from .conftest import shared_path

FIXTURE = Path(__file__).with_name("fixtures") / "ner-en.conll"
DEV_FLOOR = 88.0  # the target; PER/ORG/LOC micro-F1 each sentence alone, 90.16 in ner-en.json
FIXTURE_FLOOR = 83.0  # measured 85.42 when the model was chosen (scored after, not used to choose)


def test_conll_dev_floor_of_the_shipped_model():
    dev = shared_path("eval", "conll2003.dev.conll")
    result = ap.score_tagger(dev, by="sentence")
    assert result["micro"]["gold"] > 5000
    assert result["micro"]["f1"] >= DEV_FLOOR, result["micro"]


def test_own_fixture_floor_of_the_tagger():
    result = ap.score_tagger(FIXTURE, by="article")
    assert result["micro"]["gold"] == 192
    assert result["micro"]["f1"] >= FIXTURE_FLOOR, result["micro"]


def test_fast_tagging_gives_crfsuite_labels():
    import pycrfsuite

    docs = ap.split_articles(read_conll(FIXTURE))
    docs.append([ap.Sentence(tuple("Ms. Okafor told the Lagos Chamber of Commerce on Monday .".split()), ())])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(english.MODEL_PATH))
    for doc in docs:
        sentences = [list(s.words) for s in doc]
        expected = [tagger.tag(f) for f in english.document_features(sentences)]
        assert english.tag_document(sentences) == expected


def _spans(sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return {(" ".join(words[a:b]), t) for a, b, t in bio_spans(english.tag_document([words])[0])}


def test_tagger_finds_names_in_our_sentences():
    found = _spans("Kofi Mensah , a lawyer in Accra , joined Unilever Ghana Ltd last year .")
    assert found == {("Kofi Mensah", "PER"), ("Accra", "LOC"), ("Unilever Ghana Ltd", "ORG")}
    assert _spans("Shares in Unilever fell 2 percent in London on Monday .") == {("Unilever", "ORG"), ("London", "LOC")}
    assert english.tag_document([[], []]) == [[], []]


def test_possessive_is_tagged_as_conll_writes_it():
    """Our tokenizer splits "Oman's" into "Oman", "'", "s"; the tagger sees "'s" as in
    CoNLL, and the label of "'s" covers both tokens."""
    from briefing.analyze.ner.tagger import split_token_sentences, tokenize

    text = "Oman's foreign minister met Ali Hassan in Muscat."
    tokens = tokenize(text)
    labels = english.tag_tokens(split_token_sentences(text, tokens))[0]
    assert [t.text for t in tokens][:3] == ["Oman", "'", "s"]
    assert len(labels) == len(tokens)
    assert labels[:3] == ["B-LOC", "O", "O"]
    assert labels[tokens.index(next(t for t in tokens if t.text == "Muscat"))] == "B-LOC"


def test_card_describes_the_shipped_files():
    card = json.loads(english.INFO_PATH.read_text(encoding="utf-8"))
    assert card["model"] == english.MODEL_PATH.name
    assert "research" in card["licence"].lower()
    assert card["word_classes"]["sha256"] == hashlib.sha256(english.CLUSTERS_PATH.read_bytes()).hexdigest()
    assert card["scores_dev_PER_ORG_LOC"]["sentences"]["micro"]["f1"] >= DEV_FLOOR
    assert english.MODEL_PATH.stat().st_size < 8_000_000  # small enough to ship


def test_record_mentions_map_back_to_tokens():
    sentence = ap.Sentence(
        tuple("Ruth Abebe visited Addis Ababa .".split()), ("B-PERS", "I-PERS", "O", "B-LOC", "I-LOC", "O")
    )
    record = {
        "actors": [
            {"type": "person", "mentions": [{"start": 0, "end": 10}]},
            {"type": "place", "mentions": [{"start": 19, "end": 30}]},
            {"type": "group", "mentions": [{"start": 11, "end": 18}]},  # "visited": counts as ORG
        ]
    }
    assert ap.mentions_from_record(sentence, record) == {(0, 2, "PERS"), (3, 5, "LOC"), (2, 3, "ORG")}


def test_summarize_scorer_runs_the_command(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(
        "Ruth B-PER\nAbebe I-PER\nvisited O\nNairobi B-LOC\n. O\n\n"
        "The O\nWorld B-ORG\nBank I-ORG\nlent O\nmoney O\n. O\n",
        encoding="utf-8",
    )
    result = ap.score_summarize(path, workers=1)
    assert result["sentences"] == 2
    assert result["micro"]["gold"] == 3
    assert result["micro"]["correct"] >= 2, result


def test_eval_actors_prints_the_tagger_and_what_summarize_gives(tmp_path, capsys):
    from briefing.cli import main

    path = tmp_path / "tiny.conll"
    path.write_text("Ruth B-PER\nAbebe I-PER\nvisited O\nNairobi B-LOC\n. O\n", encoding="utf-8")
    assert main(["eval", "actors", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "English tagger alone" in out and "what `briefing summarize` outputs" in out
    assert out.count("micro") == 2


def test_eval_actors_refuses_the_file_the_model_learned_from(capsys):
    from briefing.cli import main

    train = shared_path("eval", "conll2003.train.conll")
    assert main(["eval", "actors", str(train), "--lang", "en"]) == 2
    assert "conll2003.dev.conll" in capsys.readouterr().err
