"""Analysis of ANT articles on Celery: 1 worker process vs 2, and the cost of a task.

    .venv/bin/python benchmarks/bench_scaleout.py [--articles 2000] [--direct 300]

Needs RabbitMQ (127.0.0.1:5672, guest) and PostgreSQL (127.0.0.1:5432, db test) as the
tests do, and ../shared/eval/ant-news.jsonl.gz (read, never copied). Stores the articles
in a throw-away schema, then analyses all of them three ways, from an empty cache each time:

  direct    analyze_text called in this process on the first --direct articles (per-article time)
  1 worker  `briefing worker --concurrency 1`, the build's CeleryExecutor fanning out one task each
  2 workers two such workers (two processes, as on two machines)

Overhead per task = (1-worker wall time - direct time per article x articles) / articles:
broker round trip, the store reads and writes of the task, and the build polling the store.
The load average is printed with the result: other work on the machine takes cores from it.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

BROKER = "amqp://guest:guest@127.0.0.1:5672//"


def project(folder: Path, schema: str, queue: str) -> Path:
    (folder / "jobs").mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(
        "timezone: UTC\noutput_dir: out\njobs_dir: jobs\n"
        f'storage: {{url: "postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"}}\n'
        f'executor: {{kind: celery, broker_url: "{BROKER}", queue: {queue}, wait_seconds: 7200}}\n',
        encoding="utf-8",
    )
    (folder / "jobs" / "ant.yaml").write_text("name: ant\nlanguage: ar\n", encoding="utf-8")
    return folder / "config.yaml"


def start_worker(config: Path, folder: Path, name: str) -> subprocess.Popen:
    log = open(folder / f"worker-{name}.log", "wb")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "worker",
            "--config",
            str(config),
            "--concurrency",
            "1",
            "--name",
            f"bench-{name}-{uuid.uuid4().hex[:6]}@%h",
            "--loglevel",
            "WARNING",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=ROOT,
    )


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        proc.wait(timeout=120)


def wait_ready(config, count: int) -> None:
    """Until `count` workers answer a ping (start-up is not part of the measurement)."""
    from briefing.distributed.app import configure

    app = configure(config)
    deadline = time.monotonic() + 600
    while len(app.control.ping(timeout=1.0) or []) < count:
        if time.monotonic() > deadline:
            raise SystemExit("workers did not start within 10 minutes")


def clear(store) -> None:
    import sqlalchemy as sa

    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM analyses"))
        conn.execute(sa.text("DELETE FROM analysis_attempts"))


def run_celery(config, store, articles, folder: Path, workers: int) -> float:
    from briefing.distributed.executor import CeleryExecutor

    clear(store)
    procs = [start_worker(config.path, folder, f"{workers}-{i}") for i in range(workers)]
    try:
        wait_ready(config, workers)
        # one warm-up task per worker loads the models, as a long-running worker has them
        started = time.perf_counter()
        done = CeleryExecutor(config).analyze(store, articles, config.jobs["ant"])
        seconds = time.perf_counter() - started
    finally:
        stop(procs)
    if len(done) != len(articles):
        raise SystemExit(f"only {len(done)} of {len(articles)} analysed")
    return seconds


def publish_rate(config, count: int) -> float:
    """Messages per second one producer sends to the broker (to a queue no worker reads)."""
    from briefing.distributed.app import configure
    from briefing.distributed.tasks import analyse_article

    app = configure(config)
    queue = f"{config.settings.executor.queue}.publish"
    started = time.perf_counter()
    with app.producer_or_acquire() as producer:
        for i in range(count):
            analyse_article.apply_async((f"x{i}", "default", 4), queue=queue, producer=producer)
    seconds = time.perf_counter() - started
    with app.connection_for_write() as conn:
        conn.channel().queue_delete(queue)
    return count / seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--direct", type=int, default=300, help="articles timed by direct calls")
    args = parser.parse_args(argv)
    from ant_day import ANT, load_day

    if not ANT.exists():
        print(f"{ANT} not found: nothing to measure", file=sys.stderr)
        return 0
    import psycopg

    from briefing.analyze import analyze_text
    from briefing.config import load_config
    from briefing.store import Store

    articles = list({a.id: a for a in load_day(limit=args.articles * 2)}.values())[: args.articles]
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True)
    admin.execute(f"CREATE SCHEMA {schema}")
    queue = f"bench_{uuid.uuid4().hex[:8]}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            config = load_config(project(folder, schema, queue))
            with Store.open(config.settings.storage.url) as store:
                store.save_articles([(a, None, None, None) for a in articles])
                job = config.jobs["ant"]
                analyze_text("تمهيد.", title="تمهيد", language="ar")  # load the models before timing
                sample = articles[: args.direct]
                started = time.perf_counter()
                for a in sample:
                    analyze_text(
                        a.text,
                        title=a.title,
                        language=a.language,
                        method=job.summary.method,
                        points=job.summary.points,
                        article_id=a.id,
                    )
                direct = (time.perf_counter() - started) / len(sample)
                load_before = os.getloadavg()
                rate = publish_rate(config, len(articles))
                one = run_celery(config, store, articles, folder, 1)
                two = run_celery(config, store, articles, folder, 2)
                load_after = os.getloadavg()
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
        from kombu import Connection

        with Connection(BROKER) as conn:
            for name in (queue, f"{queue}.build"):
                try:
                    conn.channel().queue_delete(name)
                except Exception:
                    pass
    n = len(articles)
    print(f"articles: {n}, CPUs: {os.cpu_count()}, load average before {load_before[0]:.1f}, after {load_after[0]:.1f}")
    print(f"direct call:   {direct * 1000:8.1f} ms per article ({len(sample)} timed)")
    print(f"1 worker:      {one:8.1f} s  ({one / n * 1000:.1f} ms per article)")
    print(f"2 workers:     {two:8.1f} s  ({two / n * 1000:.1f} ms per article)")
    print(f"speed-up:      {one / two:8.2f}x  (target >= 1.7 on 2 idle cores)")
    print(f"task overhead: {(one / n - direct) * 1000:8.1f} ms per task (1 worker vs direct calls)")
    print(f"publishing:    {rate:8.0f} tasks/s from one producer (persistent messages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
