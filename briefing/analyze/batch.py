"""Many analyses at once: `analyze_text` over a list of texts, on every CPU when it pays.

A worker process starts in about half a second (imports and the NER model), so small
batches stay in this process. Workers are started by "forkserver", not "fork": the
daemon runs scheduler threads, and forking a process with threads can copy a held lock.
Results come back in input order; an error in one text is raised as it would be here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..models import Analysis

MIN_PER_WORKER = 32  # below this many texts per worker, one process is faster
CHUNK = 8  # texts sent to a worker at a time


@dataclass(frozen=True)
class Task:
    text: str
    title: str = ""
    language: str | None = None
    method: str = "default"
    points: int | None = None
    article_id: str = ""


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(tasks: int, workers: int = 0) -> int:
    """Processes to use for `tasks` texts: `workers` (0: one per CPU), fewer when there
    are not enough texts to keep each busy; 1 means "in this process"."""
    wanted = workers or available_cpus()
    return max(1, min(wanted, tasks // MIN_PER_WORKER))


def _run(task: Task) -> Analysis:
    from . import analyze_text

    return analyze_text(task.text, title=task.title, language=task.language, method=task.method,
                        points=task.points, article_id=task.article_id)


def analyze_many(tasks: list[Task], workers: int = 0) -> Iterator[Analysis]:
    """Analyses of `tasks`, in order (see module docstring)."""
    count = worker_count(len(tasks), workers)
    if count <= 1:
        yield from map(_run, tasks)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        yield from pool.map(_run, tasks, chunksize=CHUNK)
