"""The Celery executor: a build fans its analyses out to the workers and waits for them.

The results come back through the store (the analysis cache, and `analysis_attempts`
for the articles given up on), not through Celery's result backend: they survive a
broker restart, and a build that is redone after its worker died finds what is done.
"""

from __future__ import annotations

import logging
import time

from ..analyze import cache_key
from ..config import Config, JobConfig
from ..errors import BriefingError
from ..models import Analysis, Article
from ..schema import analysis_from_dict
from ..store import Store, work
from .app import configure, queues

log = logging.getLogger(__name__)

POLL_MIN, POLL_MAX = 0.05, 1.0  # seconds between looks at the store while waiting


class AnalysesTimedOut(BriefingError):
    hint = "start more workers (`briefing worker`), or raise executor.wait_seconds"


class WorkerCodeDiffers(BriefingError):
    hint = "run the same briefing code on every machine (install the same version and data), then build again"


class CeleryExecutor:
    kind = "celery"

    def __init__(self, config: Config):
        self.config = config
        self.app = configure(config)

    def analyze(self, store: Store, articles: list[Article], job: JobConfig) -> dict[str, Analysis]:
        """Analyses of `articles` made by the workers; those given up on are left out (and logged)."""
        from .tasks import analyse_article

        method, points = job.summary.method, job.summary.points
        version = cache_key(method, points)
        hashes = [a.content_hash for a in articles]
        work.forget_refusals(store, hashes, version)
        failed = work.failed_analyses(store, hashes, version)  # known poison: not sent again
        todo = [a for a in articles if a.content_hash not in failed]
        queue = queues(self.config)[0]
        with self.app.producer_or_acquire() as producer:
            for article in todo:
                analyse_article.apply_async(
                    (article.id, method, points), {"version": version}, queue=queue, producer=producer
                )
        log.info("%s: %d analyses sent to queue %s", job.name, len(todo), queue)
        pending = {a.content_hash for a in todo}
        found: dict[str, dict] = {}
        deadline = time.monotonic() + self.config.settings.executor.wait_seconds
        pause = POLL_MIN
        while pending:
            done = work.stored_analyses(store, sorted(pending), version)
            found.update(done)
            pending -= set(done)
            other = work.refused_analyses(store, sorted(pending), version)
            if other:
                raise WorkerCodeDiffers(f"{job.name}: {next(iter(other.values()))}")
            lost = work.failed_analyses(store, sorted(pending), version)
            failed.update(lost)
            pending -= set(lost)
            if not pending:
                break
            if time.monotonic() > deadline:
                raise AnalysesTimedOut(
                    f"{job.name}: {len(pending)} of {len(todo)} analyses not done within "
                    f"{self.config.settings.executor.wait_seconds:g} s"
                )
            time.sleep(pause)
            pause = min(POLL_MAX, pause * 1.5)
        for content_hash, reason in sorted(failed.items()):
            log.error("%s: article %s left out: analysis failed: %s", job.name, content_hash[:12], reason)
        by_hash = {a.content_hash: a for a in articles}
        return {by_hash[h].id: analysis_from_dict(data) for h, data in found.items()}


def enqueue(config: Config, task_name: str, *args) -> str:
    """Send one task (by name) to its queue; returns the task id."""
    from . import tasks

    configure(config)
    result = getattr(tasks, task_name).apply_async(args)
    return result.id
