"""Quality floor: key points must not get worse on a fixed slice of public data.

Scores the first 30 records of EASC (Arabic) and CNN (English) from ../shared/eval and
compares ROUGE-1 F1 with tests/eval_baseline.json: the default method may not drop more
than TOLERANCE points below its baseline, and must beat the lead baseline by MARGIN.
Regenerate the baseline on purpose with BRIEFING_UPDATE_BASELINE=1.
"""

import json
import os
from pathlib import Path

import pytest

from briefing.evaluate.summaries import evaluate

SHARED = Path(__file__).resolve().parents[2] / "shared"
BASELINE = Path(__file__).with_name("eval_baseline.json")
TOLERANCE = 1.0
MARGIN = 1.0  # ROUGE-1 points over lead: beating it by a hair is noise, not a method
LIMIT = 30
SETS = {"easc": "easc.dev.jsonl", "cnn": "cnn.dev.jsonl"}


def _scores(name: str) -> dict[str, float]:
    path = SHARED / "eval" / SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is absent (public evaluation data lives beside the repository)")
    rows = evaluate(path, methods=["default", "lead"], limit=LIMIT)
    return {row["method"]: row["rouge1"] for row in rows}


@pytest.mark.parametrize("name", sorted(SETS))
def test_default_keeps_its_quality_and_beats_lead(name):
    scores = _scores(name)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    if os.environ.get("BRIEFING_UPDATE_BASELINE") == "1":
        baseline[name] = {"limit": LIMIT, "rouge1": scores}
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    expected = baseline[name]["rouge1"]["default"]
    assert scores["default"] >= expected - TOLERANCE, (
        f"{name}: default ROUGE-1 {scores['default']:.2f} fell below baseline {expected:.2f}"
    )
    assert scores["default"] >= scores["lead"] + MARGIN, (
        f"{name}: default {scores['default']:.2f} does not beat lead {scores['lead']:.2f} by {MARGIN} points"
    )
