"""Helpers for the Celery tests: a project on PostgreSQL and RabbitMQ with its own queue,
and real worker processes started and stopped (or killed) by the test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import write

BROKER = "amqp://guest:guest@127.0.0.1:5672//"
ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 600.0  # seconds: only ever reached when something is broken


def broker_or_skip() -> None:
    from kombu import Connection

    try:
        with Connection(BROKER, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:
        pytest.skip(f"no RabbitMQ at 127.0.0.1:5672 ({exc})")


def pg_url(schema: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


def celery_project(
    folder: Path,
    schema: str,
    queue: str,
    *,
    smtp_port: int | None = None,
    cron: str = "0 6 * * *",
    max_attempts: int = 3,
) -> Path:
    """config.yaml + one job (`desk`, UTC, no sources: the test stores the articles)."""
    smtp = f"smtp: {{host: 127.0.0.1, port: {smtp_port}, retries: 0}}" if smtp_port else ""
    write(
        folder / "config.yaml",
        f"""
        timezone: UTC
        output_dir: out
        jobs_dir: jobs
        storage: {{url: "{pg_url(schema)}"}}
        executor:
          kind: celery
          broker_url: "{BROKER}"
          queue: {queue}
          max_attempts: {max_attempts}
          retry_backoff: 0.2
          wait_seconds: {HANG_GUARD}
        {smtp}
    """,
    )
    write(
        folder / "jobs" / "desk.yaml",
        f"""
        name: desk
        title: "Desk"
        language: ar
        schedule: {{cron: "{cron}", timezone: UTC}}
        recipients: {{to: ["team@example.org"]}}
    """,
    )
    return folder / "config.yaml"


def new_queue() -> str:
    return f"t_{uuid.uuid4().hex[:10]}"


def delete_queues(names: list[str]) -> None:
    from kombu import Connection

    with Connection(BROKER, connect_timeout=5) as conn:
        for name in names:
            channel = conn.channel()
            try:
                channel.queue_delete(name)
            except Exception:
                pass
            finally:
                try:
                    channel.close()
                except Exception:
                    pass


class Workers:
    """Worker processes, each in its own process group (SIGKILL takes the pool with it)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.procs: dict[str, subprocess.Popen] = {}

    def start(
        self, name: str, config: Path, *, gate: Path | None = None, concurrency: int = 1, code: Path = ROOT
    ) -> None:
        """A worker in its own process; `code`: the folder its `briefing` package comes from."""
        env = {**os.environ, "PYTHONPATH": str(code)}
        if gate is not None:
            env["BRIEFING_TEST_GATE"] = str(gate)
        log = open(self.folder / f"worker-{name}.log", "wb")
        self.procs[name] = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "celery_worker.py"),
                "--config",
                str(config),
                "--concurrency",
                str(concurrency),
                "--name",
                f"{name}-{uuid.uuid4().hex[:6]}@%h",
                "--loglevel",
                "INFO",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )

    def kill(self, name: str) -> None:
        proc = self.procs.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)

    def stop_all(self) -> None:
        for name in list(self.procs):
            proc = self.procs.pop(name)
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=60)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=30)

    def log(self, name: str) -> str:
        return (self.folder / f"worker-{name}.log").read_text(errors="replace")


def wait_for(condition, what: str, timeout: float = HANG_GUARD, every: float = 0.2):
    """Poll `condition()` until it is truthy (returned); fail after a generous hang guard."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(every)
