"""`briefing eval actors`: the tagger's scores beside the pipeline's."""

from __future__ import annotations

import json
import shutil

from briefing.evaluate import ner as ev

ARABIC_CONLL = """\
وقال O
الرئيس O
جو B-PERS
بايدن I-PERS
في O
واشنطن B-LOC
إن O
الأمم B-ORG
المتحدة I-ORG
ستجتمع O
. O
وزار O
بلينكن B-PERS
بغداد B-LOC
. O
"""

ENGLISH_CONLL = """\
Antony B-PER
Blinken I-PER
visited O
Rome B-LOC
. O
"""


def test_eval_reports_the_tagger_beside_the_pipeline(tmp_path, capsys):
    """Arabic: the tagger's own scores and the pipeline's (summarize actors) side by side,
    and with --losses where they part; English has no learned tagger here yet."""
    from briefing.analyze.ner import tagger as ner
    from briefing.cli import main

    data = tmp_path / "ar.conll"
    data.write_text(ARABIC_CONLL, encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    for path in (ner.MODEL_PATH, ner.STACK_PATH):
        shutil.copy(path, models / path.name)
    (models / ner.INFO_NAME).write_text(json.dumps({"trained_on": "five-sixths"}), encoding="utf-8")
    try:
        ner.use_models(models)
        result = ev.evaluate_conll(data, split="all", losses=True)
        assert result["tagger"]["micro"]["gold"] == result["micro"]["gold"] == 5
        assert "losses" in result
        assert main(["eval", "actors", str(data), "--split", "all", "--model", str(models), "--losses"]) == 0
    finally:
        ner.use_models(None)
    out = capsys.readouterr().out
    assert "tagger" in out and "pipeline" in out
    micro = next(line for line in out.splitlines() if line.startswith("micro")).split()
    assert len(micro) == 9  # tagger P R F1, pipeline P R F1, gold, predicted
    english = tmp_path / "en.conll"
    english.write_text(ENGLISH_CONLL, encoding="utf-8")
    assert ev.evaluate_conll(english, split="all")["tagger"] is None
