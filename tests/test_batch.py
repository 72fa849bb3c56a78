"""Analysis on several processes: same results, same order, as in one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.analyze import analyze_text
from briefing.analyze.batch import MIN_PER_WORKER, Task, analyze_many, worker_count
from briefing.cli import main

from .conftest import write

# Written for this test: short reports in both languages, each a little different so
# results cannot come back shuffled unnoticed.
AR = (
    "قال وزير الخارجية العماني بدر البوسعيدي في مسقط إن المحادثات ستستأنف الأسبوع {n}. "
    "وأضاف أن الوفدين اتفقا على جدول أعمال من {n} بنود."
)
EN = (
    "Oman's foreign minister Badr Albusaidi said in Muscat that talks would resume in week {n}. "
    "He added that the two delegations agreed on an agenda of {n} items."
)


def tasks(count: int) -> list[Task]:
    return [Task((AR if n % 2 else EN).format(n=n + 2), title=f"talks {n}", article_id=f"a{n}") for n in range(count)]


def test_worker_count_keeps_small_batches_in_process():
    assert worker_count(MIN_PER_WORKER - 1, 4) == 1
    assert worker_count(MIN_PER_WORKER * 2, 4) == 2
    assert worker_count(MIN_PER_WORKER * 10, 3) == 3
    assert worker_count(MIN_PER_WORKER * 10, 1) == 1


@pytest.mark.slow
def test_two_workers_give_what_one_process_gives_in_order():
    batch = tasks(MIN_PER_WORKER * 2 + 5)
    assert worker_count(len(batch), 2) == 2
    parallel = list(analyze_many(batch, workers=2))
    alone = [analyze_text(t.text, title=t.title, article_id=t.article_id) for t in batch]
    assert [a.article_id for a in parallel] == [t.article_id for t in batch]
    assert parallel == alone
    assert any(a.actors for a in parallel) and all(a.key_points for a in parallel)


@pytest.mark.slow
def test_summarize_batch_on_two_workers_keeps_lines_in_order(tmp_path: Path, capsys):
    batch = tasks(MIN_PER_WORKER * 2)
    lines = [json.dumps({"id": t.article_id, "text": t.text}, ensure_ascii=False) for t in batch]
    lines.insert(10, "{broken")
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    assert main(["summarize", "--input", str(source), "--output", str(target), "--workers", "2"]) == 0
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    ids = [t.article_id for t in batch]
    assert [r["id"] for r in out] == ids[:10] + ["line-11"] + ids[10:]
    assert out[10]["error"].startswith("invalid JSON")
    assert out[11]["language"] == "en" and "Muscat" in out[11]["key_points"][0]["text"]
    assert out[12]["language"] == "ar" and "مسقط" in out[12]["key_points"][0]["text"]
