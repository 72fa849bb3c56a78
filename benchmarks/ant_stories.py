"""Build one ANT day's stories and score them against gold event labels.

    .venv/bin/python benchmarks/ant_stories.py [--date 2018-05-08] [--gold GOLD.json] [--out B.json]
    .venv/bin/python benchmarks/ant_stories.py --date 2018-05-14   # our own labels (benchmarks/gold)
    .venv/bin/python benchmarks/ant_stories.py --project /tmp/ant-project   # through `briefing build`

Reads ../shared/eval/ant-news.jsonl.gz (never copied into the repository). The day is the
date the outlet printed (its own UTC offset), as the gold labels use it. Each article is
analysed once and the analyses are cached under --cache (by day, article id and a hash of
the analysing code and data), so a second run only composes. The briefing JSON is the one `briefing build` archives
(render.briefing_dict); the scores are those of `briefing eval stories`.

With --project the day goes through the whole pipeline instead: its articles become dated
seed files of a new project (no feeds), `briefing build` archives the briefing, and
`briefing eval stories` scores the archived JSON (slower: nothing is cached).

An article two urls carried with the same content (Sky News prints one story under two
urls) is one article in the store; its other urls are scored with it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from ant_day import ANT, job_config  # noqa: E402

DEFAULT_GOLD = ANT.parent / "stories-2018-05-08.gold.json"
OUR_GOLD = ROOT / "benchmarks" / "gold"  # our own labels of check days: ant-DATE.labels.json


def gold_for(day: str) -> Path:
    """The development gold for 2018-05-08, else our own labels of that day (which may
    not exist: then there is nothing to score)."""
    return DEFAULT_GOLD if day == "2018-05-08" else OUR_GOLD / f"ant-{day}.labels.json"


CACHE = Path("/tmp/briefing-ant-analyses")


def load_local_day(day: date, path: Path = ANT) -> tuple[list, dict[str, list[str]]]:
    """The articles an outlet dated `day`, and every url of each article id."""
    from briefing.sources import make_article

    articles, urls = {}, {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            try:
                published: datetime = parsedate_to_datetime(record["published"])
            except (TypeError, ValueError, KeyError):
                continue
            if published.date() != day or not record.get("text", "").strip():
                continue
            article = make_article(
                title=record["title"],
                text=record["text"],
                source=record["source"],
                url=record.get("url"),
                published=published,
                language=record.get("lang") or "ar",
                category=record.get("category"),
                collected=published,
            )
            articles.setdefault(article.id, article)
            if record.get("url") and record["url"] not in urls.setdefault(article.id, []):
                urls[article.id].append(record["url"])
    return list(articles.values()), urls


def analysis_version() -> str:
    """What the cached analyses depend on: the shipped models and word lists (the version the
    store caches under) and the analysing code itself, which that version does not see until
    it is bumped. A cache named by the day alone served stale analyses after code changes."""
    import hashlib

    from briefing.analyze import cache_key

    digest = hashlib.sha256(cache_key("newsrank", None).encode())
    for package in ("analyze", "text"):
        for path in sorted((ROOT / "briefing" / package).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cached_analyses(articles: list, day: date, cache: Path = CACHE, points: int = 4) -> dict:
    """Analyses keyed by article id, computed once per day and kept in `cache`."""
    from ant_day import analyse

    file = cache / f"{day}-{points}-{analysis_version()}.pickle"
    found = {}
    if file.exists():
        try:
            found = pickle.loads(file.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            found = {}
    missing = [a for a in articles if a.id not in found]
    if missing:
        found.update(analyse(missing, points=points))
        cache.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps(found))
    return {a.id: found[a.id] for a in articles}


def build_day(day: date, cache: Path = CACHE, **job) -> tuple[dict, dict[str, list[str]], float]:
    """The briefing JSON of `day` (every story kept), the urls per article, compose seconds."""
    from briefing import compose, render

    articles, urls = load_local_day(day)
    analyses = cached_analyses(articles, day, cache)
    job.setdefault("max_stories", 500)
    start = time.perf_counter()
    briefing = compose.compose_briefing(job_config(**job), day, articles, analyses, sources={}, timezone="UTC")
    seconds = time.perf_counter() - start
    return render.briefing_dict(briefing), urls, seconds


def with_all_urls(stories: list[dict], urls: dict[str, list[str]]) -> list[dict]:
    """Each story's articles plus the other urls that carried the same article."""
    out = []
    for story in stories:
        articles = []
        for article in story["articles"]:
            for url in urls.get(article["id"], [article.get("url")]):
                articles.append({**article, "url": url})
        out.append({**story, "articles": articles})
    return out


def score_day(data: dict, urls: dict[str, list[str]], gold_path: Path):
    from briefing.evaluate.stories import briefing_stories, load_gold, score

    return score(with_all_urls(briefing_stories(data), urls), load_gold(gold_path))


def through_build(day: date, project: Path, gold: Path) -> int:
    """Write the day as seeds of a new project, `briefing build` it, score the archived JSON."""
    import subprocess

    from briefing.evaluate.stories import briefing_stories, format_scores, load_gold, score

    articles, urls = load_local_day(day)
    seeds = project / "seeds"
    seeds.mkdir(parents=True, exist_ok=False)
    for number, article in enumerate(articles):
        meta = {
            "title": article.title,
            "date": article.published.isoformat(),
            "source": article.source,
            "url": article.url,
            "language": article.language,
            "category": article.category,
        }
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v)
        (seeds / f"{number:04d}.md").write_text(f"---\n{front}\n---\n{article.text}\n", encoding="utf-8")
    (project / "jobs").mkdir()
    (project / "config.yaml").write_text(
        'timezone: UTC\noutput_dir: out\njobs_dir: jobs\nstorage: {url: "sqlite:///out/briefing.db"}\n'
    )
    # the day each outlet printed, in offsets from UTC+0 to UTC+4: 28 hours ending at UTC midnight
    (project / "jobs" / "ant.yaml").write_text(
        'name: ant\ntitle: "ANT"\nlanguage: ar\nschedule: {cron: "0 6 * * *", timezone: UTC}\n'
        'sources: {seeds: [../seeds]}\nrecipients: {to: ["team@example.org"]}\n'
        "window_hours: 28\nmax_stories: 500\n"
    )
    briefing = [sys.executable, "-m", "briefing"]
    config = ["--config", str(project / "config.yaml")]
    built = subprocess.run(
        [*briefing, "build", "ant", "--date", str(day), *config, "--no-feeds", "--json"], capture_output=True, text=True
    )
    if built.returncode:
        print(built.stderr, file=sys.stderr)
        return built.returncode
    path = next((project / "out").rglob(f"*{day}.json"))
    print(f"archived: {path}")
    subprocess.run([*briefing, "eval", "stories", str(path), str(gold)], check=False)
    # the same, with the second url of an article printed twice scored with it
    by_url = {u: us for us in urls.values() for u in us}
    stories = briefing_stories(json.loads(path.read_text(encoding="utf-8")))
    for story in stories:
        story["articles"] = [{**a, "url": u} for a in story["articles"] for u in by_url.get(a["url"], [a["url"]])]
    print("with every url of an article:")
    print(format_scores(score(stories, load_gold(gold))).split("\n", 2)[0])
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", default="2018-05-08")
    parser.add_argument("--gold", type=Path, help="gold labels (default: the day's, see gold_for)")
    parser.add_argument("--out", type=Path, help="write the briefing JSON here")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--max-stories", type=int, default=500)
    parser.add_argument("--project", type=Path, help="build through `briefing build` in this new folder")
    args = parser.parse_args(argv)
    args.gold = args.gold or gold_for(args.date)
    if not ANT.exists() or not args.gold.exists():
        print(f"{ANT} or {args.gold} not found: nothing to do", file=sys.stderr)
        return 0
    if args.project:
        return through_build(date.fromisoformat(args.date), args.project, args.gold)
    from briefing.evaluate.stories import format_scores

    data, urls, seconds = build_day(date.fromisoformat(args.date), args.cache, max_stories=args.max_stories)
    if args.out:
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(format_scores(score_day(data, urls, args.gold)))
    print(f"compose: {seconds:.2f} s for {data['stats']['articles']} articles, {data['stats']['stories']} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
