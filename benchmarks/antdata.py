"""The ANT news corpus beside the repository, as the benchmarks read it (never copied in)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ant-news.jsonl.gz"


def load(path: Path = DEFAULT_DATA, limit: int = 1000) -> list[dict]:
    """The first `limit` records that have text."""
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text", "").strip():
                records.append(record)
            if len(records) >= limit:
                break
    return records
