"""`briefing eval stories`: B-cubed over articles and top-10 purity, on hand-made data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.evaluate.stories import briefing_stories, score


def _story(title: str, score_: float, urls: list[str]) -> dict:
    return {"title": title, "score": score_, "articles": [{"id": u, "url": u} for u in urls]}


GOLD = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}


def test_perfect_clustering_scores_one():
    stories = [_story("A", 3, ["a1", "a2", "a3"]), _story("B", 2, ["b1", "b2"]), _story("C", 1, ["c1"])]
    s = score(stories, GOLD)
    assert (s.precision, s.recall, s.f1, s.purity) == (1.0, 1.0, 1.0, 1.0)


def test_bcubed_by_hand():
    # {a1 a2 b1} {a3} {b2 c1}: precision per article 2/3 2/3 1/3 1 1/2 1/2 -> 11/3 / 6
    # recall per article 2/3 2/3 1/2 1/3 1/2 1 -> 11/3 / 6
    stories = [_story("mixed", 3, ["a1", "a2", "b1"]), _story("a3", 1, ["a3"]), _story("bc", 2, ["b2", "c1"])]
    s = score(stories, GOLD)
    assert s.precision == pytest.approx(11 / 18)
    assert s.recall == pytest.approx(11 / 18)
    # top stories by score: mixed (2 of 3 main), bc (1 of 2), a3 (1 of 1) -> 4/6
    assert s.purity == pytest.approx(4 / 6)
    assert [t for t, _, _ in s.top] == ["mixed", "bc", "a3"]


def test_article_missing_from_briefing_is_its_own_story():
    s = score([_story("A", 1, ["a1", "a2"])], {"a1": "A", "a2": "A", "a3": "A"})
    assert s.unplaced == 1
    assert s.precision == 1.0
    assert s.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_stories_ranked_by_score_across_sections():
    data = {"sections": [{"stories": [_story("low", 1, [])]}, {"stories": [_story("high", 5, [])]}]}
    assert [s["title"] for s in briefing_stories(data)] == ["high", "low"]


def test_cli_prints_scores(tmp_path: Path, capsys):
    briefing = tmp_path / "b.json"
    briefing.write_text(json.dumps({"sections": [{"stories": [_story("A", 1, ["a1", "a2", "a3"])]}]}))
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"a1": "A", "a2": "A", "a3": "A"}))
    assert main(["eval", "stories", str(briefing), str(gold), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["f1"] == 1.0 and out["purity"] == 1.0


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys):
    briefing = tmp_path / "b.json"
    briefing.write_text("[1, 2]")
    gold = tmp_path / "g.json"
    gold.write_text("{not json")
    assert main(["eval", "stories", str(briefing), str(gold)]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and "Traceback" not in err
    gold.write_text(json.dumps({"a1": "A"}))
    assert main(["eval", "stories", str(briefing), str(gold)]) == 2
    assert "not a briefing JSON" in capsys.readouterr().err
