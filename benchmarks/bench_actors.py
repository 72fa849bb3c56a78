"""Documents per second of actor and quote extraction, and of the full analysis.

Usage: .venv/bin/python benchmarks/bench_actors.py [--limit 1000] [--data PATH] [--repeat 3] [--profile]

Times, on the same articles (first `limit` of the ANT news corpus), one after another:
`extract_actors`, `extract_quotes` (given those actors) and `analyze_text`. One warm-up
call first, so the model load and the word lists are not counted. Each part runs in a
fresh process (caches start empty, as for a new day's run) and is timed in CPU seconds,
so other work on the machine disturbs the figures less.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from antdata import DEFAULT_DATA, load  # noqa: E402  (benchmarks run as scripts)


def timed(part: str, texts: list[tuple[str, str]]) -> float:
    """CPU seconds of one part over all texts, in this (fresh) process."""
    from briefing.analyze import analyze_text
    from briefing.analyze.actors.extract import extract_actors
    from briefing.analyze.quotes.extract import extract_quotes

    analyze_text(texts[0][0], title=texts[0][1], language="ar")  # warm-up: loads the model
    if part == "quotes":
        found = [extract_actors(text, title=title, language="ar") for text, title in texts]
    started = time.process_time()
    if part == "actors":
        for text, title in texts:
            extract_actors(text, title=title, language="ar")
    elif part == "quotes":
        for (text, _), actors in zip(texts, found):
            extract_quotes(text, language="ar", actors=actors)
    else:
        for text, title in texts:
            analyze_text(text, title=title)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--profile", action="store_true", help="cProfile extract_actors + quotes")
    parser.add_argument("--repeat", type=int, default=3, help="fresh runs per part; the best counts")
    parser.add_argument("--part", choices=("actors", "quotes", "full"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    records = load(args.data, args.limit)
    texts = [(r["text"], r.get("title", "")) for r in records]
    if args.part:
        print(timed(args.part, texts))
        return
    if args.profile:
        import cProfile
        import pstats

        from briefing.analyze.actors.extract import extract_actors
        from briefing.analyze.quotes.extract import extract_quotes

        prof = cProfile.Profile()
        prof.enable()
        for text, title in texts:
            extract_quotes(text, language="ar", actors=extract_actors(text, title=title, language="ar"))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return

    size = sum(len(t) for t, _ in texts) / len(texts)
    print(
        f"{len(texts)} articles, mean {size:.0f} characters; CPU time, each part in a fresh"
        f" process, best of {args.repeat}"
    )
    n = len(texts)
    seconds = {}
    for part in ("actors", "quotes", "full"):
        cmd = [sys.executable, __file__, "--part", part, "--limit", str(args.limit), "--data", str(args.data)]
        seconds[part] = min(  # best of: other work on the machine only ever slows a run
            float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()[-1])
            for _ in range(args.repeat)
        )
    print(f"{'extract_actors':<16} {n / seconds['actors']:8.1f} docs/s")
    print(f"{'extract_quotes':<16} {n / seconds['quotes']:8.1f} docs/s")
    print(f"{'actors+quotes':<16} {n / (seconds['actors'] + seconds['quotes']):8.1f} docs/s")
    print(f"{'analyze_text':<16} {n / seconds['full']:8.1f} docs/s")


if __name__ == "__main__":
    main()
