"""Scale-out on Celery with real workers (subprocesses), RabbitMQ and PostgreSQL.

Each test has its own PostgreSQL schema and its own queue names, so tests don't see each
other's messages. Workers block on a gate the test opens (tests/celery_worker.py), never
on sleeps; waits poll the store with a generous hang guard.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from briefing.analyze import cache_key
from briefing.cli import main
from briefing.config import load_config
from briefing.models import Article, content_hash
from briefing.store import Store, work

from .briefing_samples import DAY, event_articles
from .celeryhelp import ROOT, Workers, broker_or_skip, celery_project, delete_queues, new_queue, wait_for
from .conftest import write

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # a hang guard on a loaded machine


@pytest.fixture
def queue():
    broker_or_skip()
    name = new_queue()
    yield name
    delete_queues([name, f"{name}.build"])


@pytest.fixture
def workers(tmp_path):
    running = Workers(tmp_path)
    yield running
    running.stop_all()


def store_articles(config_path: Path, articles: list[Article]) -> None:
    with Store.open(load_config(config_path).settings.storage.url) as store:
        for item in articles:
            store.save_article(item)


def local_project(folder: Path) -> Path:
    write(
        folder / "config.yaml",
        """
        timezone: UTC
        output_dir: out
        jobs_dir: jobs
        storage: {url: "sqlite:///out/briefing.db"}
    """,
    )
    write(
        folder / "jobs" / "desk.yaml",
        """
        name: desk
        title: "Desk"
        language: ar
        schedule: {cron: "0 6 * * *", timezone: UTC}
        recipients: {to: ["team@example.org"]}
    """,
    )
    return folder / "config.yaml"


def briefing_json(config_path: Path, day: date = DAY) -> dict:
    config = load_config(config_path)
    with Store.open(config.settings.storage.url) as store:
        row = store.briefing("desk", day)
    assert row is not None, "no briefing recorded"
    return json.loads(Path(row["paths"]["json"]).read_text(encoding="utf-8"))


def stories(data: dict) -> list:
    """What a reader sees: sections, and per story its title, sources, points and actors."""
    return [
        (
            section.get("title"),
            [json.dumps(story, ensure_ascii=False, sort_keys=True) for story in section.get("stories", [])],
        )
        for section in data["sections"]
    ]


def test_two_workers_build_the_same_briefing_as_the_local_executor(tmp_path, pg_schema, queue, workers, capsys):
    articles, _ = event_articles()
    local = local_project(tmp_path / "local")
    store_articles(local, articles)
    assert main(["build", "desk", "--config", str(local), "--date", DAY.isoformat(), "--no-collect"]) == 0

    remote = celery_project(tmp_path / "celery", pg_schema, queue)
    store_articles(remote, articles)
    workers.start("a", remote)
    workers.start("b", remote)
    assert main(["build", "desk", "--config", str(remote), "--date", DAY.isoformat(), "--no-collect"]) == 0
    capsys.readouterr()

    want, got = briefing_json(local), briefing_json(remote)
    assert stories(got) == stories(want)
    assert got["actors_index"] == want["actors_index"]
    assert sum(len(s["stories"]) for s in got["sections"]) >= 2
    config = load_config(remote)
    version = cache_key(config.jobs["desk"].summary.method, config.jobs["desk"].summary.points)
    with Store.open(config.settings.storage.url) as store:
        done = work.stored_analyses(store, [a.content_hash for a in articles], version)
    assert len(done) == len(articles)  # every article analysed by the workers, once each
    logs = workers.log("a") + workers.log("b")
    assert "briefing.analyse_article" in logs


def marked(articles: list[Article], mark: str, index: int = 0) -> list[Article]:
    """The articles with `mark` added to one title (a new content hash: a new article)."""
    from dataclasses import replace

    chosen = articles[index]
    title = f"{chosen.title} {mark}"
    digest = content_hash(title, chosen.text)
    return [
        *articles[:index],
        replace(chosen, id=digest[:16], title=title, content_hash=digest),
        *articles[index + 1 :],
    ]


def attempts_of(config_path: Path, article: Article) -> dict:
    config = load_config(config_path)
    job = config.jobs["desk"]
    with Store.open(config.settings.storage.url) as store, store.engine.connect() as conn:
        from briefing.store.tables import analysis_attempts

        row = conn.execute(
            analysis_attempts.select().where(
                analysis_attempts.c.content_hash == article.content_hash,
                analysis_attempts.c.version == cache_key(job.summary.method, job.summary.points),
            )
        ).first()
    return row._asdict() if row else {}


def test_a_poison_article_is_recorded_as_failed_and_the_day_still_comes_out(
    tmp_path, pg_schema, queue, workers, capsys
):
    articles = marked(event_articles()[0], "[poison]", index=5)
    poison = articles[5]
    config = celery_project(tmp_path, pg_schema, queue, max_attempts=3)
    store_articles(config, articles)
    workers.start("a", config)
    assert main(["build", "desk", "--config", str(config), "--date", DAY.isoformat(), "--no-collect"]) == 0
    row = attempts_of(config, poison)
    assert row["status"] == "failed" and row["attempts"] == 3
    assert "always crashes the analyser" in row["reason"]
    data = briefing_json(config)
    titles = [story["title"] for section in data["sections"] for story in section["stories"]]
    assert any("بغداد" in title for title in titles)  # the other articles made the day
    capsys.readouterr()
    assert main(["status", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert f"queue {queue}: 0 waiting" in out and "workers: " in out
    assert poison.id in out and "always crashes" in out  # status names the article given up on
    assert main(["jobs", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "desk" in out and f"queue {queue}.build: 0 waiting" in out and "runs in flight: 0" in out
    # a second build does not send the poison again: it is known to fail
    assert main(["build", "desk", "--config", str(config), "--date", DAY.isoformat(), "--no-collect"]) == 0
    assert attempts_of(config, poison)["attempts"] == 3


def test_a_worker_running_other_analysis_code_is_named_and_the_build_stops_at_once(
    tmp_path, pg_schema, queue, workers, capsys
):
    """A machine left on an older release: its analyses would be stored under a key the
    build never reads, so it refuses, and the build fails at once saying why, instead of
    waiting out `wait_seconds`. Once the workers run the same code, the day comes out."""
    import shutil

    other = tmp_path / "other-release"
    shutil.copytree(ROOT / "briefing", other / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    changed = other / "briefing" / "analyze" / "quotes" / "extract.py"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# another release\n", encoding="utf-8")
    articles, _ = event_articles()
    config = celery_project(tmp_path / "project", pg_schema, queue)
    store_articles(config, articles)
    workers.start("old", config, code=other)
    assert main(["build", "desk", "--config", str(config), "--date", DAY.isoformat(), "--no-collect"]) == 1
    err = capsys.readouterr().err
    assert "analyses as" in err and "the build asked for" in err and "same briefing code" in err
    assert "Traceback" not in err
    workers.stop_all()
    workers.start("new", config)
    assert main(["build", "desk", "--config", str(config), "--date", DAY.isoformat(), "--no-collect"]) == 0
    assert briefing_json(config)["sections"]


def delivered(config_path: Path, day: date = DAY):
    with Store.open(load_config(config_path).settings.storage.url) as store:
        row = store.delivery("desk", day)
    return row if row and row["status"] == "sent" else None


def started_marker(gate: Path):
    return next(iter(gate.glob("started-*")), None)


def test_workers_killed_mid_build_and_mid_analysis_the_day_still_comes_out_once(tmp_path, pg_schema, queue, workers):
    from briefing.distributed.executor import enqueue

    from .smtpserver import smtp_server

    articles = marked(event_articles()[0], "[gate]", index=2)
    gate = tmp_path / "gate"
    gate.mkdir()
    with smtp_server() as (controller, handler):
        config = celery_project(tmp_path / "p", pg_schema, queue, smtp_port=controller.port)
        store_articles(config, articles)
        workers.start("builder", config, gate=gate)  # consumes both queues, one task at a time
        workers.start("analyser", config, gate=gate)
        enqueue(load_config(config), "daily", "desk", DAY.isoformat())
        wait_for(lambda: started_marker(gate), "the gated analysis to start")
        # one worker now waits in the build, the other in the gated analysis: kill both
        workers.kill("builder")
        workers.kill("analyser")
        (gate / "open").touch()
        workers.start("rescue", config, gate=gate, concurrency=2)
        wait_for(lambda: delivered(config), "the briefing to be sent")
        assert len(handler.received) == 1
    row = attempts_of(config, articles[2])
    # started, lost with its worker, redone (the redone build may send it once more: cached or counted)
    assert row["status"] == "ok" and row["attempts"] >= 2
    data = briefing_json(config)
    assert sum(len(s["stories"]) for s in data["sections"]) >= 2
    with Store.open(load_config(config).settings.storage.url) as store:
        assert [c["status"] for c in work.claims_of(store)] == ["done", "done"]  # build and send, once each
        assert len(store.list_briefings("desk")) == 1


def test_a_broker_restart_during_a_build(tmp_path, pg_schema, queue, workers):
    import shutil
    import subprocess

    from briefing.distributed.executor import enqueue

    from .smtpserver import smtp_server

    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not installed: cannot restart the broker")
    articles = marked(event_articles()[0], "[gate]", index=1)
    gate = tmp_path / "gate"
    gate.mkdir()
    with smtp_server() as (controller, handler):
        config = celery_project(tmp_path / "p", pg_schema, queue, smtp_port=controller.port)
        store_articles(config, articles)
        workers.start("a", config, gate=gate, concurrency=2)
        enqueue(load_config(config), "daily", "desk", DAY.isoformat())
        wait_for(lambda: started_marker(gate), "the gated analysis to start")
        try:
            subprocess.run(["rabbitmqctl", "stop_app"], check=True, capture_output=True, timeout=300)
        finally:
            subprocess.run(["rabbitmqctl", "start_app"], check=True, capture_output=True, timeout=300)
        subprocess.run(["rabbitmqctl", "await_startup"], check=True, capture_output=True, timeout=300)
        (gate / "open").touch()
        wait_for(lambda: delivered(config), "the briefing to be sent")
        assert len(handler.received) == 1
    assert "Connection to broker lost" in workers.log("a")  # the restart did hit the running build
    data = briefing_json(config)
    assert sum(len(s["stories"]) for s in data["sections"]) >= 2
    with Store.open(load_config(config).settings.storage.url) as store:
        assert len(store.list_briefings("desk")) == 1
        assert work.claims_of(store, status="running") == []


SCHEDULER = """
import logging, sys
from apscheduler.triggers.interval import IntervalTrigger
from briefing.scheduler import DAILY, run_daemon

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
every = lambda job, kind: IntervalTrigger(seconds=1 if kind == DAILY else 3600)
sys.exit(run_daemon(sys.argv[1], poll_seconds=0.5, triggers=every))
"""


def test_two_schedulers_on_two_machines_make_one_briefing_and_one_email(tmp_path, pg_schema, queue, workers):
    import os
    import signal
    import subprocess
    import sys
    from dataclasses import replace
    from datetime import UTC, datetime, time, timedelta

    from briefing.distributed.executor import enqueue
    from briefing.scheduler import briefing_day

    from .smtpserver import smtp_server

    script = tmp_path / "scheduler.py"
    script.write_text(SCHEDULER)
    daemons = []
    with smtp_server() as (controller, handler):
        machines = [
            celery_project(tmp_path / name, pg_schema, queue, smtp_port=controller.port, cron="0 0 * * *")
            for name in ("one", "two")
        ]
        day = briefing_day(load_config(machines[0]).jobs["desk"])
        start = datetime.combine(day, time(6), UTC)
        articles = [
            replace(a, published=start + timedelta(minutes=i), collected=start + timedelta(minutes=i))
            for i, a in enumerate(event_articles()[0])
        ]
        store_articles(machines[0], articles)
        workers.start("one", machines[0])
        workers.start("two", machines[1])
        try:
            for machine in machines:
                daemons.append(
                    subprocess.Popen(
                        [sys.executable, str(script), str(machine)],
                        stdout=subprocess.DEVNULL,
                        stderr=open(machine.parent / "daemon.log", "wb"),
                        env={**os.environ, "PYTHONPATH": str(ROOT)},
                    )
                )
            wait_for(lambda: delivered(machines[0], day), "the briefing to be sent")
            # the other machine's scheduler fires too (say, just after a failover): a second task
            enqueue(load_config(machines[1]), "daily", "desk", day.isoformat())
            logs = lambda: workers.log("one") + workers.log("two")
            wait_for(lambda: logs().count("'status': 'skipped'") >= 2, "the second task to stand down")
            leaders = [(m.parent / "daemon.log").read_text() for m in machines]  # before any stops
        finally:
            for daemon in daemons:
                daemon.send_signal(signal.SIGTERM)
                daemon.wait(timeout=120)
        assert len(handler.received) == 1
    assert sum(text.count("leader: this daemon runs the schedule") for text in leaders) == 1
    with Store.open(load_config(machines[0]).settings.storage.url) as store:
        assert len(store.list_briefings("desk")) == 1
        queued = [r for r in store.runs(job="desk", kind="sched-daily") if r["status"] == "queued"]
        assert len(queued) == 1  # the leader enqueued the day once; later fires saw it queued
        assert sorted(c["kind"] for c in work.claims_of(store)) == ["build", "send"]
