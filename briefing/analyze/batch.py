"""Many analyses at once: `analyze_text` over a list of texts, on every CPU when it pays.

A worker process starts in about half a second (imports and the NER model), so small
batches stay in this process. Workers are started by "forkserver", not "fork": the
daemon runs scheduler threads, and forking a process with threads can copy a held lock.
Results come back in input order; an error in one text is raised as it would be here
(`analyze_many`), or returned as `Failed` so a batch goes on (`analyze_in_order`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

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

    return analyze_text(
        task.text,
        title=task.title,
        language=task.language,
        method=task.method,
        points=task.points,
        article_id=task.article_id,
    )


def analyze_many(tasks: list[Task], workers: int = 0) -> Iterator[Analysis]:
    """Analyses of `tasks`, in order (see module docstring)."""
    count = worker_count(len(tasks), workers)
    if count <= 1:
        yield from map(_run, tasks)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        yield from pool.map(_run, tasks, chunksize=CHUNK)


@dataclass(frozen=True)
class Failed:
    """A text whose analysis raised: the batch goes on, this record says why."""

    article_id: str
    message: str


def _run_safe(task: Task) -> Analysis | Failed:
    try:
        return _run(task)
    except Exception as exc:  # one text must not end a batch of thousands
        return Failed(task.article_id, f"analysis failed: {type(exc).__name__}: {exc}")


def analyze_in_order(items: Iterable[Any], workers: int = 0) -> Iterator[Any]:
    """`items` in order, each Task replaced by its Analysis (or Failed), anything else
    passed through as it is. `items` is read lazily and only a bounded number of texts
    are in flight, so results stream out as input streams in, in constant memory."""
    items = iter(items)
    wanted = workers or available_cpus()
    # Enough read ahead to choose the processes (none for one): a short batch stays here.
    head = list(itertools.islice(items, wanted * MIN_PER_WORKER)) if wanted > 1 else []
    more = wanted > 1 and len(head) == wanted * MIN_PER_WORKER
    count = wanted if more else worker_count(sum(isinstance(i, Task) for i in head), workers)
    stream = itertools.chain(head, items)
    if count <= 1:
        for item in stream:
            yield _run_safe(item) if isinstance(item, Task) else item
        return
    context = multiprocessing.get_context("forkserver")
    window = count * CHUNK * 2
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        pending: deque = deque()
        for item in stream:
            pending.append(pool.submit(_run_safe, item) if isinstance(item, Task) else item)
            while pending and (len(pending) > window or _ready(pending[0])):
                yield _outcome(pending.popleft())
        while pending:
            yield _outcome(pending.popleft())


def _ready(item: Any) -> bool:
    return not isinstance(item, Future) or item.done()


def _outcome(item: Any) -> Any:
    return item.result() if isinstance(item, Future) else item
