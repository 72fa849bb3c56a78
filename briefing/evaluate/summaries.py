"""Evaluate key-point methods against extractive reference summaries (ROUGE F1).

Records are `{id, lang, title, text, references: [...], points?}` in .jsonl or
.jsonl.gz. Every method gets the same number of sentences per document: `points`
when given, else the mean number of sentences in the references (our segmenter).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from briefing.analyze.keypoints.select import METHODS, key_points
from briefing.evaluate.rouge import score
from briefing.text.segment import split_sentences


def read_records(path: Path, limit: int | None = None) -> Iterator[dict]:
    """Records of a .jsonl or .jsonl.gz file, at most `limit` of them."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        count = 0
        for line in handle:
            if limit is not None and count >= limit:
                return
            if line.strip():
                count += 1
                yield json.loads(line)


def points_for(record: dict) -> int:
    """Sentences to select for a record: its `points`, else the references' mean."""
    if record.get("points"):
        return int(record["points"])
    lang = record.get("lang") or "und"
    counts = [len(split_sentences(ref, lang)) for ref in record.get("references", [])]
    counts = [c for c in counts if c]
    return max(1, round(sum(counts) / len(counts))) if counts else 3


def default_methods() -> list[str]:
    """Every registered method that can run here."""
    return [name for name, method in METHODS.items() if method.enabled]


def evaluate(path: Path, *, methods: list[str] | None = None, limit: int | None = None) -> list[dict]:
    """One row per method: {method, rouge1, rouge2, rougeL, docs}, scores in percent."""
    methods = methods or default_methods()
    for name in methods:
        if name not in METHODS:
            raise ValueError(f"unknown key-point method {name!r}; available: {', '.join(METHODS)}")
    totals = {name: [0.0, 0.0, 0.0] for name in methods}
    docs = 0
    for record in read_records(Path(path), limit):
        references = record.get("references") or []
        if not references or not record.get("text", "").strip():
            continue
        docs += 1
        lang = record.get("lang") or None
        count = points_for(record)
        for name in methods:
            found = key_points(record["text"], title=record.get("title", ""), language=lang, method=name, points=count)
            summary = " ".join(point.text for point in found)
            result = score(summary, references, lang or "und")
            totals[name][0] += result.rouge1
            totals[name][1] += result.rouge2
            totals[name][2] += result.rougeL
    rows = []
    for name in methods:
        r1, r2, rl = (100 * t / docs if docs else 0.0 for t in totals[name])
        rows.append(
            {"method": name, "rouge1": round(r1, 2), "rouge2": round(r2, 2), "rougeL": round(rl, 2), "docs": docs}
        )
    return rows


def format_table(rows: list[dict]) -> str:
    """A plain-text table, best ROUGE-1 first."""
    lines = [f"{'method':<10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'docs':>6}"]
    for row in sorted(rows, key=lambda r: -r["rouge1"]):
        lines.append(
            f"{row['method']:<10} {row['rouge1']:>8.2f} {row['rouge2']:>8.2f} {row['rougeL']:>8.2f} {row['docs']:>6}"
        )
    return "\n".join(lines)
