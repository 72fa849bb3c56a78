"""Arabic actors: a quality floor for the shipped model on our own annotated sentences.

The shipped models learned from all of ANERcorp's training file. NewsFANE is no check
for them: it re-annotates ANERcorp's own articles, so its text is what they learned from
(its few other articles are ANERcorp's test part, which we leave alone). The honest check
left is text they never saw: tests/fixtures/ner-ar.conll, forty wire-style sentences this
team wrote and annotated (ANERcorp's manner: titles and descriptive head nouns such as
"حركة" or "شركة" outside the name, clitics on the word; military and government bodies
named by their country are ORG). The development scores of the recipe (dev split,
cross-corpus both ways) are measured by scripts/train_ner.py and recorded in the card.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.analyze.ner import tagger as ner
from briefing.evaluate.ner import evaluate_conll

FIXTURE = Path(__file__).with_name("fixtures") / "ner-ar.conll"
# Measured with the shipped models when set: tagger 87.59, pipeline 93.15; 91.67 since
# `summarize` lists named actors only: this fixture marks two bodies the head-noun rules
# find, "الجيش اللبناني" and "وزارة الصحة", as ORG; ANERcorp and NewsFANE mostly leave such
# phrases unmarked (keeping organisation phrases: ANERcorp dev 75.6 -> 73.3, NewsFANE 69.7 -> 69.1).
FLOOR_TAGGER_F1 = 84.0
FLOOR_PIPELINE_F1 = 89.0


def test_shipped_model_on_our_own_sentences():
    result = evaluate_conll(FIXTURE, split="all")
    assert result["language"] == "ar" and result["micro"]["gold"] == 75
    assert result["tagger"]["micro"]["f1"] >= FLOOR_TAGGER_F1, result["tagger"]["micro"]
    assert result["micro"]["f1"] >= FLOOR_PIPELINE_F1, result["micro"]


def test_card_records_data_licences_and_scores():
    card = json.loads((ner.MODEL_PATH.parent / ner.INFO_NAME).read_text(encoding="utf-8"))
    assert card["trained_on"] == "all"
    assert "research use" in card["licences"]["anercorp.train.conll"]
    assert "CC BY-SA 3.0" in card["licences"]["newsfane.ar.tsv"]
    assert {"dev", "anercorp_to_newsfane", "newsfane_to_anercorp"} <= set(card["scores"])
