"""Choose the story clustering's weights and thresholds on the development gold.

    .venv/bin/python benchmarks/story_grid.py [--date 2018-05-08] [--gold GOLD.json] [--top 8]

Only the development day (2018-05-08, ../shared/eval/stories-2018-05-08.gold.json) is used.
Every combination of the grid below is clustered and scored by B-cubed F1 and a quick
top-10 purity (stories ranked by outlets and size); the best ones by F1, and the best by F1
of those with a quick purity >= 95, are then composed in full to measure top-10 purity. The choice: the setting closest to
both targets (F1 >= 90, purity >= 95): the largest min(F1 / 90, purity / 95). Prints every measured row.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from ant_stories import DEFAULT_GOLD, cached_analyses, load_local_day, with_all_urls  # noqa: E402

GRID = {  # the broad grid; a focused one around its best: see README (--grid)
    "join": [0.32, 0.36, 0.40, 0.44],
    "core": [0.6, 0.8, 1.0, 1.2],
    "text": [0.15, 0.3, 0.45],
    "title": [0.2, 0.4, 0.6],
    "actor": [0.1, 0.25],
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", default="2018-05-08")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--grid", type=json.loads, help="another grid as JSON, e.g. '{\"join\": [0.3, 0.4]}'")
    parser.add_argument("--top", type=int, default=8, help="configurations composed in full")
    args = parser.parse_args(argv)
    from ant_day import job_config

    from briefing import compose, render
    from briefing.compose.cluster import DEFAULT, cluster
    from briefing.compose.stories import _day
    from briefing.evaluate.stories import briefing_stories, load_gold, score

    day = date.fromisoformat(args.date)
    gold = load_gold(args.gold)
    articles, urls = load_local_day(day)
    articles = sorted(articles, key=lambda a: a.id)  # compose_briefing's order
    analyses = cached_analyses(articles, day)
    days = {}
    rows = []
    grid = args.grid or GRID
    grid.setdefault("merge", [0.0])
    names = list(grid)
    for values in itertools.product(*(grid[n] for n in names)):
        chosen = dict(zip(names, values))
        chosen["merge"] = round(chosen.get("join", DEFAULT.join) + chosen["merge"], 3)
        params = replace(DEFAULT, **chosen)
        if params.background not in days:
            days[params.background] = _day(articles, analyses, params.background)
        found = days[params.background]
        # a quick ranking for a first purity: outlets, then size (the full one is composed below)
        stories = [
            {
                "score": len({found.articles[d.index].source for d in group}) + 0.5 * math.log1p(len(group)),
                "articles": [{"id": found.articles[d.index].id, "url": found.articles[d.index].url} for d in group],
            }
            for group in cluster(found.docs, params)
        ]
        s = score(with_all_urls(stories, urls), gold)
        rows.append({"params": params, "p": s.precision, "r": s.recall, "f1": s.f1, "quick": s.purity})
        print(f"{len(rows)} F1 {100 * s.f1:.1f} quick purity {100 * s.purity:.1f}", file=sys.stderr, flush=True)
    rows.sort(key=lambda r: -r["f1"])
    full = rows[: args.top] + [r for r in rows[args.top :] if r["quick"] >= 0.95][: args.top]
    for row in full:
        job = job_config(max_stories=500)
        briefing = compose.compose_briefing(
            job, day, articles, analyses, sources={}, timezone="UTC", params=row["params"]
        )
        data = render.briefing_dict(briefing)
        row["purity"] = score(with_all_urls(briefing_stories(data), urls), gold).purity
    measured = [r for r in rows if "purity" in r]
    # the setting closest to both targets (F1 90, purity 95); ties: the higher F1
    best = max(measured, key=lambda r: (round(min(r["f1"] / 0.90, r["purity"] / 0.95), 4), r["f1"]))
    print(f"{len(rows)} configurations; the {len(measured)} best by F1 composed in full")
    for row in measured:
        changed = {k: v for k, v in asdict(row["params"]).items() if k in grid}
        print(
            f"P {100 * row['p']:.1f} R {100 * row['r']:.1f} F1 {100 * row['f1']:.1f} "
            f"purity {100 * row['purity']:.1f}  {json.dumps(changed)}"
        )
    print("chosen:", json.dumps({k: v for k, v in asdict(best["params"]).items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
