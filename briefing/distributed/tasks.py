"""Celery tasks: each wraps one pipeline function of plain inputs.

  collect_feed(job, url)             collect one feed (per-host limit shared by all workers)
  analyse_article(id, method, pts)   analyse one stored article, cached by content hash
  build_day(job, date)               build one (job, date), its analyses fanned out
  send_day(job, date)                email one (job, date)
  daily(job, date)                   build, then send: what the scheduler enqueues

Builds and sends claim (kind, job, date) in the store first (store/work.py): the first
task to claim a day does it, a redelivery of that same task carries on, and any other
task for that day stands down, so a day is built and mailed once whichever worker takes it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date

from ..analyze import cache_key
from ..errors import BriefingError
from ..locks import NamedLock
from ..store import Store, work
from .app import app, current_config

log = logging.getLogger(__name__)

_STORE: dict[int, Store] = {}


def _store() -> Store:
    """One store (connection pool) per worker process, opened after the fork."""
    pid = os.getpid()
    if pid not in _STORE:
        _STORE.clear()
        _STORE[pid] = Store.open(current_config().settings.storage.url)
    return _STORE[pid]


def _backoff(task, attempt: int) -> float:
    base = current_config().settings.executor.retry_backoff
    return base * 2 ** max(0, attempt - 1)


@app.task(bind=True, name="briefing.analyse_article", max_retries=None)
def analyse_article(self, article_id: str, method: str, points: int | None, version: str | None = None) -> str:
    """Analyse one article. An error is retried with backoff; after `max_attempts` starts
    (errors or lost workers alike) the article is recorded as failed, with the reason.
    `version` is the analysis version the build waits for: a worker whose code or data
    gives another one refuses, and says so, rather than store what the build never reads."""
    from .. import pipeline

    store = _store()
    article = store.get_article(article_id)
    if article is None:
        return "missing"
    own = cache_key(method, points)
    if version is not None and version != own:
        reason = f"worker {self.request.hostname} analyses as {own}, the build asked for {version}"
        log.error("article %s refused: %s", article.id, reason)
        work.start_attempt(store, article.content_hash, version, article.id)
        work.end_attempt(store, article.content_hash, version, "refused", reason)
        return "refused"
    version = own
    if store.get_analysis(article.content_hash, version) is not None:
        return "cached"
    limit = current_config().settings.executor.max_attempts
    attempt = work.start_attempt(store, article.content_hash, version, article.id)
    if attempt > limit:
        work.end_attempt(
            store,
            article.content_hash,
            version,
            "failed",
            f"gave up after {limit} attempts; the last one never finished (worker lost)",
        )
        return "failed"
    try:
        pipeline.analyze_one(store, article, method, points)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:2000]
        if attempt >= limit:
            log.error("article %s: analysis failed %d times, giving up: %s", article.id, attempt, reason)
            work.end_attempt(store, article.content_hash, version, "failed", f"attempt {attempt}: {reason}")
            return "failed"
        work.end_attempt(store, article.content_hash, version, "error", f"attempt {attempt}: {reason}")
        raise self.retry(countdown=_backoff(self, attempt), exc=exc) from exc
    work.end_attempt(store, article.content_hash, version, "ok")
    return "ok"


@app.task(bind=True, name="briefing.collect_feed", max_retries=3)
def collect_feed(self, job_name: str, url: str) -> dict:
    """Collect one feed of a job; a failing feed is reported in the ledger, not retried."""
    from ..sources.feeds import collect_feeds

    config = current_config()
    job = config.job(job_name)
    feeds = [feed for feed in job.sources.feeds if feed.url == url]
    if not feeds:
        return {"status": "skipped", "reason": f"{job_name} has no feed {url}"}
    store = _store()
    try:
        with store.run("collect", job.name) as run:
            report = collect_feeds(feeds, store=store, settings=config.settings, collect=job.collect, run=run)
            if report.failures:
                run.status = "partial"
    except BriefingError as exc:  # the database is away: try again later
        raise self.retry(countdown=_backoff(self, self.request.retries + 1), exc=exc) from exc
    return {"status": "ok", "new": report.new, "failures": len(report.failures)}


def _claimed(task, kind: str, job_name: str, day: date, body: Callable[[], object]) -> dict:
    """Run `body` once per (kind, job, day) whichever worker takes the task (module docstring)."""
    config = current_config()
    store = _store()
    got = work.claim(store, kind, job_name, day, task.request.id)
    if not got.granted:
        log.info("%s %s %s: not mine (%s); skipped", kind, job_name, day, got.reason)
        return {"status": "skipped", "reason": got.reason}
    # The same task can run twice at once: a broker that restarts gives back a message
    # whose first run is still going. The lock keeps the second one waiting for the first.
    lock = NamedLock(store, config.settings, f"{job_name}.task-{kind}")
    if not lock.acquire(timeout=config.settings.executor.wait_seconds, poll=1.0):
        raise task.retry(countdown=_backoff(task, task.request.retries + 1))
    try:
        if work.claim(store, kind, job_name, day, task.request.id).reason == "done":
            return {"status": "skipped", "reason": "done"}  # the first run finished meanwhile
        body()
    except Exception as exc:
        attempts = task.request.retries + 1
        reason = f"{type(exc).__name__}: {exc}"[:2000]
        if attempts >= config.settings.executor.max_attempts:
            work.finish_claim(store, kind, job_name, day, task.request.id, "failed", reason)
            raise
        log.warning("%s %s %s failed (attempt %d), will retry: %s", kind, job_name, day, attempts, reason)
        raise task.retry(countdown=_backoff(task, attempts), exc=exc) from exc
    finally:
        lock.release()
    work.finish_claim(store, kind, job_name, day, task.request.id, "done")
    return {"status": "done"}


def _build(job_name: str, day: date) -> Callable[[], object]:
    from .. import pipeline
    from .executor import CeleryExecutor

    config = current_config()
    return lambda: pipeline.build(config, job_name, day, executor=CeleryExecutor(config))


def _send(job_name: str, day: date) -> Callable[[], object]:
    from .. import pipeline

    return lambda: pipeline.send(current_config(), job_name, day)


@app.task(bind=True, name="briefing.build_day", max_retries=None)
def build_day(self, job_name: str, day: str) -> dict:
    when = date.fromisoformat(day)
    return _claimed(self, "build", job_name, when, _build(job_name, when))


@app.task(bind=True, name="briefing.send_day", max_retries=None)
def send_day(self, job_name: str, day: str) -> dict:
    when = date.fromisoformat(day)
    return _claimed(self, "send", job_name, when, _send(job_name, when))


@app.task(bind=True, name="briefing.daily", max_retries=None)
def daily(self, job_name: str, day: str) -> dict:
    """Build, then send, on this worker (the archived files are where the build wrote them)."""
    when = date.fromisoformat(day)
    built = _claimed(self, "build", job_name, when, _build(job_name, when))
    if built.get("reason", "done") != "done":  # another task has the day: it sends too
        return {"build": built, "send": {"status": "skipped", "reason": "the build is another task's"}}
    sent = _claimed(self, "send", job_name, when, _send(job_name, when))
    return {"build": built, "send": sent}
