"""The archive site at the scale of a month: archive N consecutive ANT days, then time the
site build and the search index, and the first search result in a real browser.

    .venv/bin/python benchmarks/bench_site.py [--days 30] [--start 2018-04-10] [--out /tmp/bench-site]

Each day is analysed, composed and archived as the pipeline does (JSON and HTML; the PDF
is left out: it is the same with or without the site and is measured in bench_build.py).
Reads ../shared/eval/ant-news.jsonl.gz; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ant_day import ANT, analyse, job_config, load_day  # noqa: E402


def archive_days(out: Path, start: date, count: int) -> dict:
    from briefing import archive
    from briefing.compose import compose_briefing, story_key
    from briefing.render import briefing_dict, render_html

    job = job_config()
    previous = None
    analysed = 0
    started = time.perf_counter()
    for offset in range(count):
        day = start + timedelta(days=offset)
        articles = load_day(day)
        analyses = analyse(articles)
        analysed += len(articles)
        briefing = compose_briefing(
            job,
            day,
            articles,
            analyses,
            sources={},
            timezone="UTC",
            previous_story_keys={s["key"] for sec in (previous or {}).get("sections", []) for s in sec["stories"]},
        )
        data = briefing_dict(briefing)
        stories = [s for section in briefing.sections for s in section.stories]
        for story, story_json in zip(stories, (st for s in data["sections"] for st in s["stories"])):
            story_json["key"] = story_key(story)
        archive.link_threads(data, previous)
        html = render_html(briefing, data=data, site=True)
        archive.write_briefing(
            out,
            "ant",
            day,
            {"html": html.encode(), "json": json.dumps(data, ensure_ascii=False).encode()},
            {"articles": len(articles)},
        )
        previous = data
    return {"articles": analysed, "seconds": round(time.perf_counter() - started, 1)}


def first_result_ms(out: Path, query: str) -> float | None:
    """Milliseconds from opening search.html?q=… to the first result on screen (chromium)."""
    try:
        from tests.browser import serving, start_browser, wait_for
    except ImportError:
        return None
    from urllib.parse import quote

    driver = start_browser()
    try:
        with serving(out) as base:
            driver.get(base + "index.html")  # warm the server and the browser
            begin = time.perf_counter()
            driver.get(f"{base}search.html?q={quote(query)}")
            wait_for(driver, "document.querySelector('#results li') !== null")
            return round((time.perf_counter() - begin) * 1000, 1)
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--start", default="2018-04-10")
    parser.add_argument("--out", default="/tmp/bench-site")
    parser.add_argument("--query", default="ترامب")
    parser.add_argument("--keep", action="store_true", help="reuse the archived days in --out")
    args = parser.parse_args(argv)
    if not ANT.exists():
        print(f"{ANT} not found: nothing to measure", file=sys.stderr)
        return 0
    from briefing.archive import build_site

    out = Path(args.out)
    made = {} if args.keep else archive_days(out, date.fromisoformat(args.start), args.days)
    begin = time.perf_counter()
    counts = build_site(out)
    first = time.perf_counter() - begin
    begin = time.perf_counter()
    build_site(out)
    again = time.perf_counter() - begin
    index = out / "search-index.json"
    pages = sum(1 for _ in out.rglob("*.html"))
    print(
        json.dumps(
            {
                "archived": made,
                "site": counts,
                "pages": pages,
                "site_build_seconds": round(first, 2),
                "site_rebuild_unchanged_seconds": round(again, 2),
                "search_index_bytes": index.stat().st_size,
                "first_search_result_ms": first_result_ms(out, args.query),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
