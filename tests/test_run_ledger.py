"""The run ledger tells the truth: a killed run does not stay `running` forever, and runs
started from the command line count in `briefing jobs` (issue 13, defect 10)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.scheduler import RUN_DAILY, job_table
from briefing.store import Store

from .conftest import write
from .feedserver import FeedServer

HANG_GUARD = 180.0  # seconds; only ever reached when something is broken


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def ledger(config: Path, kind: str | None = None) -> list[dict]:
    with Store.open(load_config(config).settings.storage.url) as store:
        return store.runs(kind=kind, limit=50)


def table_row(out: str, job: str, kind: str) -> str:
    [line] = [line for line in out.splitlines() if line.split()[:2] == [job, kind]]
    return line


def test_build_killed_mid_run_is_marked_abandoned(project: Path, capsys) -> None:
    """A real `briefing build` process, SIGKILLed while it waits on a feed that never answers."""
    with FeedServer() as server:
        never = server.hang("/never.xml")
        write(
            project / "jobs" / "daily.yaml",
            f"""
            name: daily
            sources:
              seeds: [../seeds]
              feeds: [{{url: "{never}", timeout: 300}}]
        """,
        )
        config = project / "config.yaml"
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing", "build", "--config", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + HANG_GUARD
            while not server.hits("/never.xml") and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.hits("/never.xml"), f"the build never asked for the feed: {proc.communicate()}"
            [row] = ledger(config, "build")
            assert row["status"] == "running" and row["pid"] == proc.pid and row["host"] == socket.gethostname()
        finally:
            proc.kill()
            proc.wait(timeout=HANG_GUARD)
    assert proc.returncode == -signal.SIGKILL

    code, out, err = run(["jobs", "--config", str(config)], capsys)
    assert code == 0, err
    assert "abandoned" in table_row(out, "daily", "daily")
    [row] = ledger(config, "build")
    assert row["status"] == "abandoned" and row["finished"] is not None
    assert row["error"] == f"process {proc.pid} on {socket.gethostname()} ended without finishing (killed or crashed)"


def test_run_of_a_live_process_is_left_running(project: Path) -> None:
    with Store.open(load_config(project / "config.yaml").settings.storage.url) as store:
        with store.run("build", "daily") as current:
            [row] = store.runs()
            assert row["id"] == current.id and row["status"] == "running" and row["pid"] == os.getpid()
        [row] = store.runs()
        assert row["status"] == "ok" and row["error"] is None


def test_runs_of_other_hosts_are_left_alone(project: Path) -> None:
    """Whether a process on another machine lives cannot be told from here."""
    from briefing.store.tables import runs

    url = load_config(project / "config.yaml").settings.storage.url
    with Store.open(url) as store:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
        )
        with store.engine.begin() as conn:
            for host in ("elsewhere.example", socket.gethostname()):
                conn.execute(
                    runs.insert().values(
                        kind="build",
                        job="daily",
                        started=_now(),
                        status="running",
                        counts={},
                        pid=int(dead.stdout),
                        host=host,
                    )
                )
        statuses = {r["host"]: r["status"] for r in store.runs()}
        assert statuses == {"elsewhere.example": "running", socket.gethostname(): "abandoned"}


def test_cli_build_and_collect_count_as_last_run(project: Path, capsys) -> None:
    config = str(project / "config.yaml")
    code, out, err = run(["jobs", "--config", config], capsys)
    assert code == 0 and " ok" not in out, out
    with Store.open(load_config(config).settings.storage.url) as store:
        assert {r["kind"]: r["last_run"] for r in job_table(load_config(config), store)} == {
            "daily": None,
            "collect": None,
        }
    assert run(["build", "--config", config, "--date", "2026-03-09"], capsys)[0] == 0
    assert run(["collect", "--config", config], capsys)[0] == 0
    code, out, err = run(["jobs", "--config", config], capsys)
    assert code == 0, err
    assert "ok (2026-03-09)" in table_row(out, "daily", "daily")
    assert " ok" in table_row(out, "daily", "collect")
    with Store.open(load_config(config).settings.storage.url) as store:
        rows = {r["kind"]: r for r in job_table(load_config(config), store)}
    assert rows["daily"]["last_run"] is not None and rows["daily"]["last_status"] == "ok"
    assert rows["collect"]["last_run"] is not None and rows["collect"]["last_status"] == "ok"


def test_a_scheduled_run_is_judged_by_itself_not_by_its_inner_build(project: Path) -> None:
    """sched-daily wraps build and send: a failed send fails the daily run even though its
    build (a newer ledger row) was ok."""
    config = load_config(project / "config.yaml")
    with Store.open(config.settings.storage.url) as store:
        with pytest.raises(RuntimeError):
            with store.run(RUN_DAILY, "daily") as daily:
                daily.counts = {"date": "2026-03-09"}
                with store.run("build", "daily") as build:
                    build.counts = {"date": "2026-03-09"}
                raise RuntimeError("smtp down")
        [row] = [r for r in job_table(config, store) if r["kind"] == "daily"]
        assert row["last_status"] == "failed" and row["last_date"] == "2026-03-09"
        with store.run("build", "daily") as later:  # a build by hand afterwards is the last run
            later.counts = {"date": "2026-03-10"}
        [row] = [r for r in job_table(config, store) if r["kind"] == "daily"]
        assert row["last_status"] == "ok" and row["last_date"] == "2026-03-10"


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
