"""Scale-out on Celery with real workers (subprocesses), RabbitMQ and PostgreSQL.

Each test has its own PostgreSQL schema and its own queue names, so tests don't see each
other's messages. Workers block on a gate the test opens (tests/celery_worker.py), never
on sleeps; waits poll the store with a generous hang guard.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import psycopg
import pytest

from briefing.analyze import cache_key
from briefing.cli import main
from briefing.config import load_config
from briefing.models import Article, content_hash
from briefing.store import Store, work

from .briefing_samples import DAY, event_articles
from .celeryhelp import Workers, broker_or_skip, celery_project, delete_queues, new_queue, wait_for
from .conftest import write

pytestmark = pytest.mark.slow


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
    write(folder / "config.yaml", """
        timezone: UTC
        output_dir: out
        jobs_dir: jobs
        storage: {url: "sqlite:///out/briefing.db"}
    """)
    write(folder / "jobs" / "desk.yaml", """
        name: desk
        title: "Desk"
        language: ar
        schedule: {cron: "0 6 * * *", timezone: UTC}
        recipients: {to: ["team@example.org"]}
    """)
    return folder / "config.yaml"


def briefing_json(config_path: Path, day: date = DAY) -> dict:
    config = load_config(config_path)
    with Store.open(config.settings.storage.url) as store:
        row = store.briefing("desk", day)
    assert row is not None, "no briefing recorded"
    return json.loads(Path(row["paths"]["json"]).read_text(encoding="utf-8"))


def stories(data: dict) -> list:
    """What a reader sees: sections, and per story its title, sources, points and actors."""
    return [(section.get("title"), [json.dumps(story, ensure_ascii=False, sort_keys=True)
                                    for story in section.get("stories", [])])
            for section in data["sections"]]


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
