"""The scheduler daemon, run for real on a schedule of seconds, with a stand-in pipeline."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import types
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from apscheduler.triggers.interval import IntervalTrigger

from briefing import scheduler
from briefing.config import load_config
from briefing.store import Store, runs

from .smtpserver import smtp_server, write_config

BERLIN = "Europe/Berlin"


# Every wait below ends on an event (a call, a log line, a ledger row); HANG_GUARD only
# bounds how long a broken build may keep the test waiting, so it is generous on purpose:
# a loaded machine (`make stress-test`) slows the daemons down, it must not fail them.
HANG_GUARD = 120.0


def wait_for(predicate, timeout: float = HANG_GUARD, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class FakePipeline(types.ModuleType):
    """Stands in for briefing.pipeline: records calls; build can be made slow."""

    def __init__(self) -> None:
        super().__init__("briefing.pipeline")
        self.calls: list[tuple[str, str, str]] = []
        self.build_seconds = 0.0
        self.lock = threading.Lock()

    def _note(self, kind: str, job: str, day: object = "") -> None:
        with self.lock:
            self.calls.append((kind, job, str(day)))

    def build(self, config, job_name, day):
        self._note("build", job_name, day)
        time.sleep(self.build_seconds)
        return types.SimpleNamespace(paths={"html": "x", "pdf": "y"}, articles=5, stories=2)

    def send(self, config, job_name, day, force=False):
        self._note("send", job_name, day)
        return types.SimpleNamespace(status="sent", message_id="<m@example.org>")

    def collect(self, config, job_name):
        self._note("collect", job_name)
        return types.SimpleNamespace(new=1, duplicate=0, skipped=[])

    def count(self, kind: str, job: str = "daily") -> int:
        with self.lock:
            return sum(1 for k, j, _ in self.calls if k == kind and j == job)


@pytest.fixture
def fake(monkeypatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setitem(sys.modules, "briefing.pipeline", pipeline)
    return pipeline


def make_config(folder: Path, *, grace: int = 3600, extra_job: bool = False, **settings) -> Path:
    jobs = {
        "daily": {
            "title": "الموجز اليومي",
            "schedule": {"cron": "0 6 * * *", "timezone": BERLIN, "misfire_grace_seconds": grace},
        }
    }
    if extra_job:
        jobs["extra"] = {"schedule": {"cron": "0 7 * * *", "timezone": "America/New_York"}}
    path = write_config(folder, settings=settings, jobs=jobs)
    # create the schema now: alembic's upgrade is not thread-safe, and the test's own reads
    # of the database would otherwise race the daemon thread's first Store.open
    Store.open(load_config(path).settings.storage.url).close()
    return path


def every(seconds: float):
    return lambda job, kind: IntervalTrigger(seconds=seconds)


class Hourly:
    """Hourly triggers whose first fire time is fixed when the first trigger is made,
    `lead` seconds later: the daemon that makes them can be stopped well before then,
    however slowly it started."""

    def __init__(self, lead: float = 5.0) -> None:
        self.lead = lead
        self.due: datetime | None = None

    def __call__(self, job, kind):
        if self.due is None:
            self.due = datetime.now(UTC) + timedelta(seconds=self.lead)
        return IntervalTrigger(hours=1, start_date=self.due)

    def wait_past(self, seconds: float) -> None:
        """Wait until the first fire time is `seconds` behind us (the clock has to pass it)."""
        assert self.due is not None and wait_for(lambda: datetime.now(UTC) > self.due + timedelta(seconds=seconds))


class Daemon:
    """run_daemon in a thread (separate scheduler, separate locks: a second daemon)."""

    def __init__(self, config_path: Path, triggers, poll: float = 0.2):
        self.stop = threading.Event()
        self.code: int | None = None
        self.thread = threading.Thread(target=self._run, args=(config_path, triggers, poll), daemon=True)
        self.thread.start()

    def _run(self, config_path, triggers, poll):
        self.code = scheduler.run_daemon(config_path, stop=self.stop, poll_seconds=poll, triggers=triggers)

    def close(self) -> int | None:
        self.stop.set()
        self.thread.join(HANG_GUARD)
        assert not self.thread.is_alive()
        return self.code


def ledger(url: str, kind: str = scheduler.RUN_DAILY, job: str = "daily") -> list[dict]:
    with Store.open(url) as store:
        return store.runs(job=job, kind=kind, limit=100)


def scheduled_ids(url: str) -> list[str]:
    with Store.open(url) as store, store.engine.connect() as conn:
        if not sa.inspect(conn).has_table(scheduler.TABLE):
            return []
        return sorted(conn.execute(sa.text(f"SELECT id FROM {scheduler.TABLE}")).scalars())


# --- in-process daemons -----------------------------------------------------------------


def test_jobs_fire_and_the_daily_job_runs_once_per_day(tmp_path, fake, caplog):
    caplog.set_level(logging.INFO, logger="briefing")
    config = load_config(make_config(tmp_path))
    daemon = Daemon(config.path, every(0.3))
    try:
        assert wait_for(lambda: fake.count("collect") >= 3)
    finally:
        assert daemon.close() == 0
    url = config.settings.storage.url
    assert fake.count("build") == fake.count("send") == 1  # fired every 0.3 s, ran once for the day
    [daily] = [r for r in ledger(url) if r["status"] == "ok"]
    assert daily["counts"]["date"] == scheduler.briefing_day(config.job("daily")).isoformat()
    assert daily["counts"]["delivery"] == "sent" and daily["counts"]["build_stories"] == 2
    collects = ledger(url, scheduler.RUN_COLLECT)
    assert len(collects) == fake.count("collect") and {r["status"] for r in collects} == {"ok"}
    assert scheduled_ids(url) == ["daily:collect", "daily:daily"]
    health = [r.getMessage() for r in caplog.records if r.getMessage().startswith("run job=daily kind=daily")]
    assert len(health) == 1 and "status=ok" in health[0] and "duration=" in health[0]
    assert "daemon stopped cleanly" in caplog.text


@pytest.mark.slow
def test_restart_neither_duplicates_nor_loses_a_run(tmp_path, fake):
    path = make_config(tmp_path, extra_job=True)
    url = load_config(path).settings.storage.url
    hourly = Hourly()

    first = Daemon(path, hourly)
    assert wait_for(lambda: len(scheduled_ids(url)) == 4)
    assert first.close() == 0 and fake.calls == []  # stopped before anything was due

    hourly.wait_past(0.5)  # the first fire time passes while no daemon runs
    second = Daemon(path, hourly)
    try:
        # the persisted next fire time (in the past, within the grace) runs once on start
        assert wait_for(lambda: fake.count("send") == 1 and fake.count("collect") == 1)
    finally:
        second.close()

    (tmp_path / "jobs" / "extra.yaml").unlink()
    third = Daemon(path, every(0.2))  # a changed trigger: replaced, fires again
    try:
        assert wait_for(lambda: fake.count("collect") >= 3)
    finally:
        third.close()
    assert fake.count("build") == 1 and len([r for r in ledger(url) if r["status"] == "ok"]) == 1
    assert scheduled_ids(url) == ["daily:collect", "daily:daily"]  # the removed job is gone


@pytest.mark.slow
def test_a_run_missed_beyond_the_grace_is_recorded_and_reported(tmp_path, fake, caplog):
    caplog.set_level(logging.INFO, logger="briefing")
    with smtp_server() as (server, handler):
        path = make_config(
            tmp_path,
            grace=1,
            operator_email="ops@example.org",
            smtp={"host": "127.0.0.1", "port": server.port, "retries": 0},
        )
        url = load_config(path).settings.storage.url
        hourly = Hourly()
        first = Daemon(path, hourly)
        assert wait_for(lambda: len(scheduled_ids(url)) == 2)
        assert first.close() == 0 and fake.calls == []
        hourly.wait_past(1.5)  # 1.5 s late (or later), grace 1 s
        due = hourly.due
        daemon = Daemon(path, hourly)
        try:
            assert wait_for(lambda: any(r["status"] == "missed" for r in ledger(url)))
            assert wait_for(lambda: handler.received)
        finally:
            daemon.close()
    assert fake.count("build") == 0
    [missed] = [r for r in ledger(url) if r["status"] == "missed"]
    assert missed["counts"]["date"] == due.astimezone(ZoneInfo(BERLIN)).date().isoformat()
    assert any(r.levelno == logging.ERROR and "status=missed" in r.getMessage() for r in caplog.records)
    [mail] = handler.received
    assert mail.rcpt_tos == ["ops@example.org"] and "was missed" in mail.message["Subject"]
    assert "briefing build daily --date" in mail.message.get_content()


def test_check_misses_records_each_missed_day_once(tmp_path, fake):
    config = load_config(make_config(tmp_path))
    job = config.job("daily")
    with Store.open(config.settings.storage.url) as store:
        with store.run(scheduler.RUN_ADDED, "daily"):
            pass
        with store.engine.begin() as conn:  # the job was first scheduled on 26 March
            conn.execute(runs.update().values(started=datetime(2026, 3, 26, 12, tzinfo=UTC)))
        assert scheduler.check_misses(config, store, now=datetime(2026, 3, 28, 4, 30, tzinfo=UTC)) == [
            ("daily", date(2026, 3, 27))
        ]  # 28 March 06:00 CET is due, but still inside the grace
        assert scheduler.run_daily(config, job, store, now=datetime(2026, 3, 28, 5, 30, tzinfo=UTC)) == "ok"
        assert scheduler.check_misses(config, store, now=datetime(2026, 3, 30, 12, tzinfo=UTC)) == [
            ("daily", date(2026, 3, 29)),
            ("daily", date(2026, 3, 30)),
        ]
        assert scheduler.check_misses(config, store, now=datetime(2026, 3, 30, 12, tzinfo=UTC)) == []
        statuses = {r["counts"]["date"]: r["status"] for r in store.runs(job="daily", kind=scheduler.RUN_DAILY)}
    assert statuses == {"2026-03-27": "missed", "2026-03-28": "ok", "2026-03-29": "missed", "2026-03-30": "missed"}
    assert fake.calls == [("build", "daily", "2026-03-28"), ("send", "daily", "2026-03-28")]


def test_a_failed_daily_run_is_recorded_and_not_retried_on_the_same_day(tmp_path, fake, caplog):
    def broken(config, job_name, day):
        raise RuntimeError("renderer crashed")

    fake.build = broken
    config = load_config(make_config(tmp_path))
    now = datetime(2026, 3, 9, 9, tzinfo=UTC)
    with Store.open(config.settings.storage.url) as store:
        assert scheduler.run_daily(config, config.job("daily"), store, now=now) == "failed"
        [row] = store.runs(job="daily", kind=scheduler.RUN_DAILY)
        assert row["status"] == "failed" and "renderer crashed" in row["error"]
        assert scheduler.check_misses(config, store, now=now + timedelta(days=0, hours=3)) == []
    assert any(r.levelno == logging.ERROR and "status=failed" in r.getMessage() for r in caplog.records)


def test_two_schedulers_firing_together_run_the_day_once(tmp_path, fake):
    """Even without the leader lock (e.g. a manual run racing the daemon): the per-job lock
    and the ledger make the daily run happen once."""
    fake.build_seconds = 0.5
    path = make_config(tmp_path)
    threads = [threading.Thread(target=scheduler.run_daily_job, args=(str(path), "daily")) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    scheduler.run_daily_job(str(path), "daily")  # and later on the same day
    assert fake.count("build") == 1
    assert [r["status"] for r in ledger(load_config(path).settings.storage.url)] == ["ok"]


def test_two_daemons_on_postgresql_one_leader_and_failover(tmp_path, fake, pg_schema, caplog):
    caplog.set_level(logging.INFO, logger="briefing")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{pg_schema}"
    path = make_config(tmp_path, storage={"url": url})
    first = Daemon(path, every(0.3))
    assert wait_for(lambda: fake.count("collect") >= 1)
    second = Daemon(path, every(0.3))
    try:
        assert wait_for(lambda: "standby: another daemon runs the schedule" in caplog.text)
        # the standby keeps polling (every 0.2 s) while the leader goes on collecting
        polled = fake.count("collect")
        assert wait_for(lambda: fake.count("collect") >= polled + 3)
        assert caplog.text.count("leader: this daemon runs the schedule") == 1
        assert first.close() == 0
        before = fake.count("collect")
        assert wait_for(lambda: caplog.text.count("leader: this daemon runs the schedule") == 2)
        assert wait_for(lambda: fake.count("collect") > before)  # the standby took over
    finally:
        assert second.close() == 0
    assert fake.count("build") == 1
    assert [r["status"] for r in ledger(url)] == ["ok"]


# --- real processes ---------------------------------------------------------------------------

DAEMON_SCRIPT = """
import json, logging, os, sys, time, types
from apscheduler.triggers.interval import IntervalTrigger

log_path = sys.argv[2]
def note(kind, job, day=""):
    with open(log_path, "a") as out:
        out.write(json.dumps([os.getpid(), kind, job, str(day)]) + "\\n")
fake = types.ModuleType("briefing.pipeline")
gate = os.environ.get("FAKE_BUILD_GATE")
def build(config, job_name, day):
    note("build", job_name, day)
    deadline = time.monotonic() + 120  # a hang guard only: the test opens the gate
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.02)
    note("built", job_name, day)
    return types.SimpleNamespace(articles=1, stories=1)
fake.build = build
fake.send = lambda config, job_name, day, force=False: note("send", job_name, day) or types.SimpleNamespace(status="sent")
fake.collect = lambda config, job_name: note("collect", job_name) or types.SimpleNamespace(new=0)
sys.modules["briefing.pipeline"] = fake

from briefing.scheduler import run_daemon
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
sys.exit(run_daemon(sys.argv[1], poll_seconds=0.2, triggers=lambda job, kind: IntervalTrigger(seconds=0.4)))
"""


class Spawned:
    """A daemon process whose log (stderr) goes to a file the test can read while it runs."""

    def __init__(self, tmp_path: Path, config_path: Path, calls: Path, **env) -> None:
        script = tmp_path / "daemon.py"
        script.write_text(DAEMON_SCRIPT)
        self.log_path = tmp_path / f"daemon-{len(list(tmp_path.glob('daemon-*.log')))}.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(script), str(config_path), str(calls)],
                stdout=subprocess.DEVNULL,
                stderr=log,
                text=True,
                env={**os.environ, **env},
            )
        self.pid = self.process.pid

    def log(self) -> str:
        return self.log_path.read_text()

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int:
        """SIGTERM, then wait for the exit (a hang guard only)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def read_calls(path: Path) -> list[list]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.slow
def test_sigterm_waits_for_the_running_job_and_exits_0(tmp_path):
    path = make_config(tmp_path)
    calls = tmp_path / "calls.jsonl"
    gate = tmp_path / "gate"
    daemon = Spawned(tmp_path, path, calls, FAKE_BUILD_GATE=str(gate))
    try:
        assert wait_for(lambda: any(c[1] == "build" for c in read_calls(calls)))
        daemon.process.send_signal(signal.SIGTERM)  # mid-build: the build waits for the gate
        assert wait_for(lambda: "received SIGTERM: stopping" in daemon.log())
        assert daemon.running() and "built" not in [c[1] for c in read_calls(calls)]
        gate.touch()  # now let the running build finish
        code = daemon.process.wait(timeout=HANG_GUARD)
    finally:
        gate.touch()
        if daemon.running():
            daemon.stop()
    err = daemon.log()
    assert code == 0, err
    assert err.rstrip().endswith("daemon stopped cleanly")
    kinds = [c[1] for c in read_calls(calls)]
    # the running job finished before the exit (a collect may still have fired beside it)
    assert "built" in kinds and "send" in kinds and kinds.index("built") < kinds.index("send")
    [row] = ledger(load_config(path).settings.storage.url)
    assert row["status"] == "ok" and row["finished"] is not None


@pytest.mark.slow
def test_two_daemon_processes_on_sqlite_run_each_job_once_and_fail_over(tmp_path):
    path = make_config(tmp_path)
    calls = tmp_path / "calls.jsonl"
    first = Spawned(tmp_path, path, calls)
    second = None
    try:
        assert wait_for(lambda: any(c[1] == "collect" for c in read_calls(calls)))
        second = Spawned(tmp_path, path, calls)
        assert wait_for(lambda: "standby: another daemon runs the schedule" in second.log()), second.log()
        polled = len(read_calls(calls))  # the leader goes on while the standby polls
        assert wait_for(lambda: len(read_calls(calls)) >= polled + 3)
        assert {c[0] for c in read_calls(calls)} == {first.pid}
        assert first.stop() == 0, first.log()
        assert wait_for(lambda: any(c[0] == second.pid and c[1] == "collect" for c in read_calls(calls)))
    finally:
        for daemon in (first, second):
            if daemon is not None and daemon.running():
                assert daemon.stop() == 0, daemon.log()
    assert "leader: this daemon runs the schedule" in second.log()
    assert "daemon stopped cleanly" in first.log() and "daemon stopped cleanly" in second.log()
    done = read_calls(calls)
    assert [c[1] for c in done].count("build") == 1  # the second daemon saw the day was done
    assert [r["status"] for r in ledger(load_config(path).settings.storage.url)] == ["ok"]


# --- schedules across DST ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone, before, expected_local, expected_utc",
    [
        # clocks go forward: 06:00 stays 06:00 local, one hour earlier in UTC
        (BERLIN, "2026-03-28T12:00", "2026-03-29T06:00+02:00", "2026-03-29T04:00Z"),
        (BERLIN, "2026-10-24T12:00", "2026-10-25T06:00+01:00", "2026-10-25T05:00Z"),
        ("America/New_York", "2026-03-07T12:00", "2026-03-08T06:00-04:00", "2026-03-08T10:00Z"),
        ("America/New_York", "2026-10-31T12:00", "2026-11-01T06:00-05:00", "2026-11-01T11:00Z"),
    ],
)
def test_next_run_across_dst(tmp_path, zone, before, expected_local, expected_utc):
    path = write_config(tmp_path, jobs={"daily": {"schedule": {"cron": "0 6 * * *", "timezone": zone}}})
    config = load_config(path)
    now = datetime.fromisoformat(before).replace(tzinfo=ZoneInfo(zone))
    with Store.open(config.settings.storage.url) as store:
        rows = scheduler.job_table(config, store, now=now)
    daily = next(r for r in rows if r["kind"] == "daily")
    assert daily["next_run"] == datetime.fromisoformat(expected_local)
    assert daily["next_run"].utcoffset() == datetime.fromisoformat(expected_local).utcoffset()
    assert daily["next_run"].astimezone(UTC) == datetime.fromisoformat(expected_utc.replace("Z", "+00:00"))
    # and the day after is 06:00 local again
    trigger = scheduler.daily_trigger(config.job("daily"))
    following = trigger.get_next_fire_time(daily["next_run"], daily["next_run"])
    assert following.astimezone(ZoneInfo(zone)).hour == 6 and following - daily["next_run"] == timedelta(days=1)


def test_0230_when_clocks_change_in_berlin(tmp_path, fake):
    """APScheduler 3.11: a 02:30 that does not exist (29 March) fires at 03:30 CEST (01:30 UTC),
    once; a 02:30 that happens twice (25 October) fires twice — the per-day ledger makes the
    second fire a no-op."""
    path = write_config(tmp_path, jobs={"daily": {"schedule": {"cron": "30 2 * * *", "timezone": BERLIN}}})
    config = load_config(path)
    job = config.job("daily")
    trigger = scheduler.daily_trigger(job)
    spring = list(
        scheduler.fire_times(trigger, datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))
    )
    assert [t.astimezone(UTC).strftime("%d %H:%M") for t in spring] == ["29 01:30"]
    autumn = list(
        scheduler.fire_times(trigger, datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2026, 10, 26, tzinfo=UTC))
    )
    assert [t.astimezone(UTC).strftime("%d %H:%M") for t in autumn] == ["25 00:30", "25 01:30"]
    with Store.open(config.settings.storage.url) as store:
        results = [scheduler.run_daily(config, job, store, now=t + timedelta(seconds=1)) for t in autumn]
    assert results == ["ok", "skipped"] and fake.count("build") == 1


def test_job_table_and_its_text(tmp_path, fake):
    config = load_config(make_config(tmp_path, extra_job=True))
    now = datetime(2026, 3, 9, 9, tzinfo=UTC)
    with Store.open(config.settings.storage.url) as store:
        scheduler.run_daily(config, config.job("daily"), store, now=now)
        rows = scheduler.job_table(config, store, now=now)
    daily = next(r for r in rows if r["name"] == "daily" and r["kind"] == "daily")
    assert daily["schedule"] == "cron 0 6 * * * (Europe/Berlin)"
    assert daily["last_status"] == "ok" and daily["last_date"] == "2026-03-09"
    assert daily["next_run"] == datetime(2026, 3, 10, 6, tzinfo=ZoneInfo(BERLIN))
    collect = next(r for r in rows if r["name"] == "extra" and r["kind"] == "collect")
    assert collect["schedule"] == "every 30 min" and collect["last_run"] is None
    text = scheduler.format_job_table(rows)
    lines = text.splitlines()
    assert lines[0].split() == ["JOB", "KIND", "SCHEDULE", "LAST", "RUN", "STATUS", "NEXT", "RUN"]
    assert len(lines) == 5 and "ok (2026-03-09)" in text and "2026-03-10 06:00 CET" in text
    assert scheduler.format_job_table([]) == "no jobs (add a file to jobs/)"
