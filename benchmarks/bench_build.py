"""Build time and peak memory of compose + HTML + PDF for 50, 200 and 800 articles.

    .venv/bin/python benchmarks/bench_build.py [--sizes 50 200 800] [--source ant|synthetic] [--repeat 3]

Each size runs in its own subprocess so peak memory (ru_maxrss) is that build's alone.
Input: consecutive ANT days from 2018-05-08 backwards (../shared/eval), or synthetic
articles when the shared data is absent. The ratios of the separate processes are noisy on
a shared machine (their 200 and 800 runs are minutes apart); the last line measures the
compose ratio again in one process with the sizes taken in turn, which is steadier.
Analysis (key points) is timed separately:
it is cached by content hash in real runs. Goal: linear, 800/200 time ratio <= 4.5,
200 articles under 15 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _articles(size: int, source: str):
    from ant_day import ANT, analyse, load_day

    if source == "ant" and ANT.exists():
        found, day = [], date(2018, 5, 8)
        while len(found) < size:
            found.extend(load_day(day))
            day -= timedelta(days=1)
        found = list({a.id: a for a in found}.values())[:size]
        analyses = analyse(found)
        return found, analyses, "ant"
    from tests.briefing_samples import synthetic_day

    found, analyses = synthetic_day(size)
    return found, analyses, "synthetic"


def one(size: int, source: str, repeat: int = 1) -> dict:
    from ant_day import job_config

    from briefing import compose, render

    t0 = time.perf_counter()
    articles, analyses, used = _articles(size, source)
    t1 = time.perf_counter()
    day = max(a.published for a in articles).date()
    walls, cpus = [], []
    for _ in range(repeat):  # the fastest of `repeat`: a machine shared with other work
        start, cpu = time.perf_counter(), time.process_time()
        briefing = compose.compose_briefing(job_config(), day, articles, analyses, sources={}, timezone="UTC")
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    t2 = time.perf_counter()
    html = render.render_html(briefing)
    data = json.dumps(render.briefing_dict(briefing), ensure_ascii=False).encode()
    t3 = time.perf_counter()
    pdf = render.render_pdf(html, attachment=data, attachment_name="b.json")
    t4 = time.perf_counter()
    return {
        "size": size,
        "input": used,
        "stories": briefing.stats["stories"],
        "shown": briefing.stats["shown"],
        "load_analyse_s": round(t1 - t0, 2),
        "compose_s": round(min(walls), 3),
        "compose_cpu_s": round(min(cpus), 3),
        "html_s": round(t3 - t2, 3),
        "pdf_s": round(t4 - t3, 2),
        "build_s": round(min(walls) + t4 - t2, 2),
        "pdf_kb": len(pdf) // 1024,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def side_by_side(source: str, repeat: int) -> tuple[float, float]:
    """Fastest compose CPU seconds of 200 and of 800 articles, measured in one process with
    the runs taken in turn (200, 800, 200, ...), so drift in the machine's speed and the
    process's memory weigh on both alike."""
    from ant_day import job_config

    from briefing import compose

    sets = {size: _articles(size, source)[:2] for size in (200, 800)}
    best = {size: float("inf") for size in sets}
    for _ in range(max(repeat, 1)):
        for size, (articles, analyses) in sets.items():
            day = max(a.published for a in articles).date()
            cpu = time.process_time()
            compose.compose_briefing(job_config(), day, articles, analyses, sources={}, timezone="UTC")
            best[size] = min(best[size], time.process_time() - cpu)
    return best[200], best[800]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="build benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800])
    parser.add_argument("--source", choices=["ant", "synthetic"], default="ant")
    parser.add_argument("--repeat", type=int, default=1, help="compose this many times, keep the fastest")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.source, args.repeat)))
        return 0
    results = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--source", args.source, "--repeat", str(args.repeat)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(results[-1]))
    by = {r["size"]: r for r in results}
    if 200 in by and 800 in by:
        for key in ("compose_s", "compose_cpu_s", "build_s"):
            ratio = by[800][key] / max(by[200][key], 1e-6)
            print(f"800/200 {key} ratio: {ratio:.2f} (goal <= 4.5)")
        print(f"200 articles build: {by[200]['build_s']} s (goal < 15 s)")
        small, big = side_by_side(args.source, args.repeat)
        print(
            f"800/200 compose_cpu_s ratio, one process, sizes in turn: {big / small:.2f} ({big:.3f} / {small:.3f} s, goal <= 4.5)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
