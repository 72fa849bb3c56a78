"""Concurrent feed collection against sequential `feedparser.parse(url)`.

Serves N feeds from a local server (127.0.0.1, in a child process so that it does
not compete for our interpreter's lock), each answering after a delay, then
times `collect_feeds` (fetch, parse, deduplicate, store in a temporary SQLite
database) and a plain loop of `feedparser.parse(url)` over the same URLs (fetch and
parse only). Prints a small table and the ratio; the goal is 10x or more.

    .venv/bin/python benchmarks/bench_collect.py [--feeds 300] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path

import feedparser
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.feedserver

from briefing.config import CollectConfig, FeedConfig, Settings  # noqa: E402
from briefing.sources.entries import parse_feed  # noqa: E402
from briefing.sources.feeds import Fetcher, collect_feeds  # noqa: E402
from briefing.store import Store  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402

ITEMS = 10
SYLLABLES = "ba ri ko mu sa te lo ni da fe gu hi ja ka me no pu ra si tu wa ye zo".split()


def article_text(seed: int) -> str:
    """Distinct made-up text per item (a vocabulary of thousands), so deduplication keeps each."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(90)]
    return ". ".join(" ".join(words[i : i + 15]).capitalize() for i in range(0, 90, 15)) + "."


def feed_body(feed: int, count: int = ITEMS) -> str:
    items = []
    for item in range(count):
        n = feed * 100 + item
        text = article_text(n)
        items.append(
            f"<item><title>Water network update {n}</title>"
            f"<link>http://127.0.0.1/news/{feed}/{item}</link><guid>bench-{feed}-{item}</guid>"
            f"<pubDate>Tue, 14 May 2024 0{item % 10}:00:00 +0000</pubDate>"
            f"<description>{text}</description></item>"
        )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Bench {feed}</title>{''.join(items)}</channel></rss>"
    )


def serve(feeds: int, items: int, delay: float, ready: mp.Queue, stop: mp.Event) -> None:
    """Run the feed server in its own process: remote servers do not share our CPU."""
    with FeedServer() as server:
        for i in range(feeds):
            server.add(f"/feed/{i}.xml", feed_body(i, items), delay=delay)
        ready.put(server.url(""))
        stop.wait(600)


async def fetch_and_parse(urls: list[str], concurrency: int, per_host: int) -> int:
    """Our fetcher and parser alone, storing nothing: the like-for-like of feedparser.parse(url)."""
    async with httpx.AsyncClient() as client:
        fetcher = Fetcher(client, concurrency=concurrency, per_host=per_host)

        async def one(url: str) -> int:
            response = await fetcher.get(url, timeout=30)
            parsed = await asyncio.to_thread(parse_feed, response.body, response.headers, response.url)
            return len(parsed.entries)

        return sum(await asyncio.gather(*(one(url) for url in urls)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--delay", type=float, default=0.2, help="server delay per feed, seconds")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=16, help="all feeds share one host here")
    parser.add_argument("--items", type=int, default=ITEMS, help="entries per feed")
    args = parser.parse_args(argv)

    ready: mp.Queue = mp.Queue()
    stop = mp.Event()
    process = mp.Process(target=serve, args=(args.feeds, args.items, args.delay, ready, stop), daemon=True)
    process.start()
    try:
        base = ready.get(timeout=60)
        return run(args, [f"{base}/feed/{i}.xml" for i in range(args.feeds)])
    finally:
        stop.set()
        process.join(timeout=10)


def run(args: argparse.Namespace, urls: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        feeds = [FeedConfig(url=url, timeout=30) for url in urls]
        with Store.open(f"sqlite:///{tmp}/bench.db") as store:
            started = time.perf_counter()
            report = collect_feeds(
                feeds,
                store=store,
                settings=Settings(),
                fulltext=False,
                collect=CollectConfig(concurrency=args.concurrency, per_host=args.per_host),
            )
            ours = time.perf_counter() - started
            stored = store.count_articles()

        started = time.perf_counter()
        fetched = asyncio.run(fetch_and_parse(urls, args.concurrency, args.per_host))
        fetch_only = time.perf_counter() - started

        started = time.perf_counter()
        entries = sum(len(feedparser.parse(url).entries) for url in urls)
        sequential = time.perf_counter() - started

    if report.failures:
        print(f"{len(report.failures)} feeds failed, first: {report.failures[0]}", file=sys.stderr)
        return 1
    rows = [
        ("collect_feeds: fetch, parse, dedup, store", args.feeds, stored, ours),
        ("Fetcher + parse_feed: fetch, parse", args.feeds, fetched, fetch_only),
        ("feedparser.parse(url), sequential", args.feeds, entries, sequential),
    ]
    print(
        f"{args.feeds} feeds x {args.items} items, server delay {args.delay * 1000:.0f} ms, "
        f"concurrency {args.concurrency}, per host {args.per_host}"
    )
    print(f"{'method':42} {'feeds':>6} {'entries':>8} {'seconds':>8} {'feeds/s':>8} {'speed-up':>9}")
    for name, count, items, seconds in rows:
        print(f"{name:42} {count:>6} {items:>8} {seconds:>8.2f} {count / seconds:>8.1f} {sequential / seconds:>8.1f}x")
    ratio = sequential / ours
    print(
        f"speed-up of collect_feeds: {ratio:.1f}x, of fetching and parsing: "
        f"{sequential / fetch_only:.1f}x (goal >= 10x)"
    )
    return 0 if ratio >= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
