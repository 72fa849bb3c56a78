"""`briefing status`: queue depth, live workers and runs in flight."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config
from ..store import Store, work


@dataclass
class Status:
    queues: dict[str, int | None] = field(default_factory=dict)  # name -> messages waiting (None: unknown)
    consumers: dict[str, int] = field(default_factory=dict)
    workers: list[str] = field(default_factory=list)
    broker_error: str | None = None
    runs: list[dict] = field(default_factory=list)  # ledger rows still running
    claims: list[dict] = field(default_factory=list)  # (kind, job, date) being worked on
    failed: list[dict] = field(default_factory=list)  # articles given up on


def collect_status(config: Config, store: Store, *, timeout: float = 2.0) -> Status:
    from .app import configure, queues

    app = configure(config)
    status = Status()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            for name in queues(config):
                channel = conn.channel()
                try:
                    _, messages, consumers = channel.queue_declare(queue=name, passive=True)
                    status.queues[name], status.consumers[name] = messages, consumers
                except Exception:  # not declared yet: no worker or producer has used it
                    status.queues[name], status.consumers[name] = 0, 0
                finally:
                    try:
                        channel.close()
                    except Exception:
                        pass
        replies = app.control.ping(timeout=timeout) or []
        status.workers = sorted(name for reply in replies for name in reply)
    except Exception as exc:  # the broker is down: say so, and show the store's side anyway
        status.broker_error = f"{type(exc).__name__}: {exc}"
    status.runs = [r for r in store.runs(limit=200) if r["status"] == "running"]
    status.claims = work.claims_of(store, status="running")
    status.failed = work.failures(store, limit=10)
    return status


def format_status(status: Status) -> str:
    lines = []
    if status.broker_error:
        lines.append(f"broker: unreachable ({status.broker_error})")
    for name, depth in status.queues.items():
        lines.append(f"queue {name}: {depth} waiting, {status.consumers.get(name, 0)} consumer(s)")
    lines.append(f"workers: {len(status.workers)} live" + (f" ({', '.join(status.workers)})" if status.workers else ""))
    lines.append(f"runs in flight: {len(status.runs)}")
    for run in status.runs:
        lines.append(f"  {run['kind']:<14} {run['job'] or '-':<12} since {run['started']:%Y-%m-%d %H:%M:%S}")
    for row in status.claims:
        lines.append(f"  task {row['kind']:<9} {row['job']:<12} {row['date']}  ({row['task_id']})")
    if status.failed:
        lines.append(f"articles given up on (latest {len(status.failed)}):")
        for row in status.failed:
            lines.append(f"  {row['article_id']}: {row['reason']}")
    return "\n".join(lines)
