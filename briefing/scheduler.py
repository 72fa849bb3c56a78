"""The `briefing run` daemon and `briefing jobs`.

APScheduler 3.x (BackgroundScheduler) with its jobs persisted in the project's database
(table `apscheduler_jobs`), calling the same pipeline functions as the CLI. Per job:
`<name>:daily` (cron in the job's timezone: build, then send, for that day) and
`<name>:collect` (every collect.interval_minutes).

Never twice:
- one daemon per database runs the schedule (leader lock `scheduler.daemon`: a file
  lock for SQLite, a PostgreSQL advisory lock otherwise); a second daemon stands by
  and takes over within `poll_seconds` when the first stops or dies;
- each execution takes a per-job lock (`<name>.daily`, `<name>.collect`), and the daily
  job runs at most once per (job, date): it skips when the ledger has an ok run for
  that date or the delivery ledger says sent. That also absorbs APScheduler firing
  twice in the repeated hour when clocks go back (a 02:30 cron in Europe/Berlin).

With `executor: celery` the leader enqueues instead of running: the daily job sends one
`daily` task per (job, date) (ledger status "queued"; the task claims the day in the store,
see briefing/distributed), and the collect job one `collect_feed` task per feed.

Never silently missed:
- coalesce=True and misfire_grace_time=schedule.misfire_grace_seconds: a late start
  inside the grace runs the job once; persisted jobs keep their next fire time across
  restarts (an unchanged trigger is never replaced, so a run due while the daemon was
  down is not thrown away);
- a fire time beyond the grace (APScheduler's EVENT_JOB_MISSED, plus `check_misses`
  on start, after each run and every few minutes, which also catches a crash mid-run)
  gets a ledger row with status "missed", an ERROR log line and a mail to the operator.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from .config import Config, JobConfig, load_config
from .errors import BriefingError, DeliveryError
from .locks import NamedLock
from .store import Store, make_engine

log = logging.getLogger(__name__)

TABLE = "apscheduler_jobs"
DAILY, COLLECT = "daily", "collect"
# ledger kinds of the scheduler's own rows (the pipeline records build/send/collect itself)
RUN_DAILY, RUN_COLLECT, RUN_ADDED = "sched-daily", "sched-collect", "sched-added"
LEADER_LOCK = "scheduler.daemon"
MISS_LOOKBACK = timedelta(days=7)  # report at most a week of missed days
MISS_CHECK_SECONDS = 300.0

Trigger = Any  # an apscheduler.triggers.base.BaseTrigger
TriggerFactory = Callable[[JobConfig, str], Trigger]


# --- triggers and fire times ----------------------------------------------------------


def daily_trigger(job: JobConfig) -> Trigger:
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger.from_crontab(job.schedule.cron, timezone=job.schedule.timezone)


def default_trigger(job: JobConfig, kind: str) -> Trigger:
    """The trigger of a job's `daily` or `collect` schedule, in the job's timezone."""
    if kind == DAILY:
        return daily_trigger(job)
    from apscheduler.triggers.interval import IntervalTrigger

    return IntervalTrigger(minutes=job.collect.interval_minutes, timezone=job.schedule.timezone)


def fire_times(trigger: Trigger, after: datetime, until: datetime, limit: int = 10_000) -> Iterator[datetime]:
    """Fire times t with after < t <= until."""
    fire = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    while fire is not None and fire <= until and limit > 0:
        yield fire
        fire = trigger.get_next_fire_time(fire, fire)
        limit -= 1


def previous_fire_time(trigger: Trigger, now: datetime) -> datetime | None:
    """The last fire time at or before `now` (APScheduler 3 has no such method)."""
    for back in (timedelta(hours=1), timedelta(days=1), timedelta(days=8), timedelta(days=32), timedelta(days=367)):
        last = None
        for last in fire_times(trigger, now - back, now):  # noqa: B007 - keeps the last one
            pass
        if last is not None:
            return last
    return None


def briefing_day(job: JobConfig, now: datetime | None = None) -> date:
    """The date a daily run is for: the day of its cron fire time, in the job's timezone.

    A run that starts late (a catch-up within the grace) still builds the day it was
    scheduled for, and both fires of the repeated hour in autumn map to one date.
    """
    tz = ZoneInfo(job.schedule.timezone)
    now = now or datetime.now(UTC)
    fired = previous_fire_time(daily_trigger(job), now)
    return (fired or now).astimezone(tz).date()


def _signature(trigger: Trigger) -> tuple:
    """What makes two triggers the same schedule (an interval's start is just 'now')."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if isinstance(trigger, CronTrigger):
        return ("cron", str(trigger), str(trigger.timezone), trigger.start_date, trigger.end_date, trigger.jitter)
    if isinstance(trigger, IntervalTrigger):
        return ("interval", trigger.interval, str(trigger.timezone), trigger.jitter)
    return ("other", repr(trigger))


# --- the job functions (module level: the job store pickles references to them) -------


def _pipeline():
    # imported when a job runs, not when the scheduler is imported or tested
    return importlib.import_module("briefing.pipeline")


def _counts(result: Any) -> dict:
    """Numbers worth a ledger entry from a pipeline result (ints as they are, lists by length)."""
    values = vars(result) if hasattr(result, "__dict__") else {}
    return {
        k: (len(v) if isinstance(v, (list, tuple, dict)) else v)
        for k, v in values.items()
        if isinstance(v, (int, float, list, tuple, dict)) and not isinstance(v, bool)
    }


def _health(job: str, kind: str, status: str, seconds: float, counts: dict, error: str | None = None) -> None:
    level = logging.INFO if status in ("ok", "skipped", "queued") else logging.ERROR
    log.log(
        level,
        "run job=%s kind=%s status=%s duration=%.2fs counts=%s%s",
        job,
        kind,
        status,
        seconds,
        counts,
        f" error={error}" if error else "",
    )


def _notify(config: Config, subject: str, body: str) -> None:
    from .deliver import notify_operator

    try:
        notify_operator(config.settings, subject, body)
    except DeliveryError as exc:
        log.error("could not notify the operator (%s): %s", subject, exc)


def _done_reason(store: Store, job: str, day: date, statuses: tuple[str, ...] = ("ok", "queued")) -> str | None:
    """Why the daily run of (job, day) must not run again, or None."""
    delivery = store.delivery(job, day)
    if delivery and delivery["status"] == "sent":
        return f"the briefing for {day} was already sent"
    for row in store.runs(job=job, kind=RUN_DAILY, limit=100):
        if (row["counts"] or {}).get("date") == day.isoformat() and row["status"] in statuses:
            return f"the daily run for {day} already ended with status {row['status']}"
    return None


def run_daily_job(config_path: str, job_name: str) -> None:
    """Scheduled: build, then send, the briefing of the day — once per job and day."""
    config = load_config(config_path)
    job = config.job(job_name)
    with Store.open(config.settings.storage.url) as store:
        run_daily(config, job, store)
        check_misses(config, store)


def run_daily(config: Config, job: JobConfig, store: Store, now: datetime | None = None) -> str:
    """The body of the daily job; returns the status (ok, failed, skipped)."""
    now = now or datetime.now(UTC)
    day = briefing_day(job, now)
    scheduled = previous_fire_time(daily_trigger(job), now)
    lock = NamedLock(store, config.settings, f"{job.name}.{DAILY}")
    if not lock.acquire(timeout=0):
        log.info("%s: the daily run for %s is already running elsewhere; skipped", job.name, day)
        return "skipped"
    started = time.monotonic()
    counts: dict[str, Any] = {"date": day.isoformat(), "scheduled": scheduled.isoformat() if scheduled else None}
    try:
        reason = _done_reason(store, job.name, day)
        if reason:
            log.info("%s: %s; skipped", job.name, reason)
            return "skipped"
        if config.settings.executor.kind == "celery":
            return _enqueue_daily(config, job, store, day, counts)
        pipeline = _pipeline()
        with store.run(RUN_DAILY, job.name) as run:
            run.counts = counts
            built = pipeline.build(config, job.name, day)
            counts.update({f"build_{k}": v for k, v in _counts(built).items()})
            sent = pipeline.send(config, job.name, day)
            counts.update(delivery=getattr(sent, "status", None), message_id=getattr(sent, "message_id", None))
    except Exception as exc:  # a job boundary: report any failure, keep the daemon alive
        seconds = time.monotonic() - started
        hint = getattr(exc, "hint", None)
        _health(job.name, DAILY, "failed", seconds, counts, f"{type(exc).__name__}: {exc}")
        if not isinstance(exc, BriefingError):
            log.error("%s: unexpected error in the daily run", job.name, exc_info=True)
        _notify(
            config,
            f"{job.name}: the briefing for {day} failed",
            f"The daily run of {job.name} for {day} failed:\n\n{type(exc).__name__}: {exc}\n"
            + (f"hint: {hint}\n" if hint else "")
            + f"\nTo retry by hand: briefing build {job.name} --date {day} && briefing send {job.name} --date {day}\n",
        )
        return "failed"
    finally:
        lock.release()
    _health(job.name, DAILY, "ok", time.monotonic() - started, counts)
    return "ok"


def _enqueue_daily(config: Config, job: JobConfig, store: Store, day: date, counts: dict) -> str:
    """Celery: hand the day to the workers (the `daily` task builds and sends it once)."""
    from .distributed.executor import enqueue

    task_id = enqueue(config, "daily", job.name, day.isoformat())
    counts["task_id"] = task_id
    with store.run(RUN_DAILY, job.name) as run:
        run.counts = counts
        run.status = "queued"
    _health(job.name, DAILY, "queued", 0.0, counts)
    return "queued"


def _enqueue_collect(config: Config, job: JobConfig) -> None:
    """Celery: one `collect_feed` task per feed (seed folders are read by the build)."""
    from .distributed.executor import enqueue

    for feed in job.sources.feeds:
        enqueue(config, "collect_feed", job.name, feed.url)
    _health(job.name, COLLECT, "queued", 0.0, {"feeds": len(job.sources.feeds)})


def run_collect_job(config_path: str, job_name: str) -> None:
    """Scheduled: collect the job's sources (failures are logged, not mailed: it runs often)."""
    config = load_config(config_path)
    job = config.job(job_name)
    if config.settings.executor.kind == "celery":
        return _enqueue_collect(config, job)
    with Store.open(config.settings.storage.url) as store:
        lock = NamedLock(store, config.settings, f"{job.name}.{COLLECT}")
        if not lock.acquire(timeout=0):
            log.info("%s: a collect is already running; skipped", job.name)
            return
        started = time.monotonic()
        counts: dict[str, Any] = {}
        try:
            with store.run(RUN_COLLECT, job.name) as run:
                counts = _counts(_pipeline().collect(config, job.name))
                run.counts = counts
        except Exception as exc:  # a job boundary: log it, the next interval tries again
            _health(job.name, COLLECT, "failed", time.monotonic() - started, counts, f"{type(exc).__name__}: {exc}")
            if not isinstance(exc, BriefingError):
                log.error("%s: unexpected error in collect", job.name, exc_info=True)
            return
        finally:
            lock.release()
        _health(job.name, COLLECT, "ok", time.monotonic() - started, counts)


# --- missed runs ----------------------------------------------------------------------------


def _anchor(store: Store, job: str) -> datetime | None:
    """Since when the daily schedule of `job` is accounted for: its last finished daily
    run's fire time, or when the daemon first scheduled it. None: never scheduled."""
    times = []
    for row in store.runs(job=job, kind=RUN_DAILY, limit=20):
        if row["status"] not in ("running", "abandoned"):  # a run cut short by a crash accounts for nothing
            scheduled = (row["counts"] or {}).get("scheduled")
            times.append(datetime.fromisoformat(scheduled) if scheduled else row["started"])
    added = store.runs(job=job, kind=RUN_ADDED, limit=1)
    if added:
        times.append(added[0]["started"])
    return max(times) if times else None


def record_missed(config: Config, store: Store, job: JobConfig, scheduled: datetime) -> bool:
    """Record and report a missed daily run (once per job and date). True if recorded."""
    day = scheduled.astimezone(ZoneInfo(job.schedule.timezone)).date()
    lock = NamedLock(store, config.settings, f"{job.name}.{DAILY}")
    if not lock.acquire(timeout=0):
        return False  # a run is in progress: it is not missed
    try:
        if _done_reason(store, job.name, day, statuses=("ok", "queued", "failed", "missed")):
            return False
        counts = {"date": day.isoformat(), "scheduled": scheduled.isoformat()}
        with store.run(RUN_DAILY, job.name) as run:
            run.status = "missed"
            run.counts = counts
    finally:
        lock.release()
    _health(
        job.name,
        DAILY,
        "missed",
        0.0,
        counts,
        f"scheduled for {scheduled.isoformat()}, not run within {job.schedule.misfire_grace_seconds}s",
    )
    _notify(
        config,
        f"{job.name}: the briefing for {day} was missed",
        f"The daily run of {job.name} due at {scheduled.isoformat()} did not run within the grace of "
        f"{job.schedule.misfire_grace_seconds}s (daemon down, busy or crashed).\n\n"
        f"To run it by hand: briefing build {job.name} --date {day} && briefing send {job.name} --date {day}\n",
    )
    return True


def check_misses(config: Config, store: Store, now: datetime | None = None) -> list[tuple[str, date]]:
    """Record every daily fire time past its grace with no finished run; returns (job, date)s."""
    now = now or datetime.now(UTC)
    missed = []
    for job in config.jobs.values():
        anchor = _anchor(store, job.name)
        if anchor is None:
            continue  # never scheduled: nothing can have been missed yet
        grace = timedelta(seconds=job.schedule.misfire_grace_seconds)
        since = max(anchor, now - MISS_LOOKBACK)
        for fired in list(fire_times(daily_trigger(job), since, now - grace, limit=10)):
            if record_missed(config, store, job, fired):
                missed.append((job.name, fired.astimezone(ZoneInfo(job.schedule.timezone)).date()))
    return missed


# --- the daemon -------------------------------------------------------------------------------


def sync_jobs(scheduler: Any, config: Config, store: Store, triggers: TriggerFactory = default_trigger) -> None:
    """Make the persisted jobs match the config: add, update, remove. An unchanged trigger
    is kept as it is, with its next fire time, so a run due during a restart still happens."""
    wanted: dict[str, tuple[Callable, JobConfig, str]] = {}
    for job in config.jobs.values():
        wanted[f"{job.name}:{DAILY}"] = (run_daily_job, job, DAILY)
        wanted[f"{job.name}:{COLLECT}"] = (run_collect_job, job, COLLECT)
    for existing in scheduler.get_jobs():
        if existing.id not in wanted:
            scheduler.remove_job(existing.id)
            log.info("removed scheduled job %s: its job is no longer in the config", existing.id)
    for job_id, (func, job, kind) in wanted.items():
        trigger = triggers(job, kind)
        grace = job.schedule.misfire_grace_seconds
        if kind == COLLECT:
            grace = min(grace, job.collect.interval_minutes * 60)  # a later interval will collect anyway
        options = dict(
            func=func,
            args=(str(config.path), job.name),
            name=f"{job.display_title} ({kind})",
            misfire_grace_time=grace,
            coalesce=True,
            max_instances=1,
        )
        current = scheduler.get_job(job_id)
        if current is not None and _signature(current.trigger) == _signature(trigger):
            current.modify(**options)
            continue
        scheduler.add_job(id=job_id, trigger=trigger, replace_existing=True, **options)
        log.info("scheduled %s: %s", job_id, trigger)
        if kind == DAILY:
            with store.run(RUN_ADDED, job.name) as run:  # the start of accountability for misses
                run.counts = {"trigger": str(trigger)}


def _on_event(config: Config, store: Store, event: Any) -> None:
    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED

    name, _, kind = event.job_id.partition(":")
    if event.code == EVENT_JOB_MISSED:
        if kind == DAILY and name in config.jobs:
            record_missed(config, store, config.jobs[name], event.scheduled_run_time)
        else:
            log.warning("%s: run due at %s was missed (beyond its grace)", event.job_id, event.scheduled_run_time)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning(
            "%s: still running at its next fire time (%s); that fire is skipped", event.job_id, event.scheduled_run_time
        )
    elif event.code == EVENT_JOB_ERROR:
        # the job functions report their own failures; this is a failure before that (e.g. bad config)
        log.error("%s: could not run: %s\n%s", event.job_id, event.exception, event.traceback or "")
        if kind == DAILY:
            _notify(config, f"{name}: the daily run could not start", f"{event.exception}\n\n{event.traceback or ''}")


def _start_scheduler(config: Config, store: Store, triggers: TriggerFactory) -> Any:
    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    jobstore = SQLAlchemyJobStore(engine=make_engine(config.settings.storage.url), tablename=TABLE)
    scheduler = BackgroundScheduler(
        jobstores={"default": jobstore},
        executors={"default": ThreadPoolExecutor(4)},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=config.settings.timezone,
    )
    scheduler.add_listener(
        lambda event: _on_event(config, store, event), EVENT_JOB_MISSED | EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES
    )
    scheduler.start(paused=True)  # load the persisted jobs, but fire nothing before they are in sync
    try:
        sync_jobs(scheduler, config, store, triggers)
        check_misses(config, store)
    except BaseException:
        scheduler.shutdown(wait=False)
        raise
    scheduler.resume()
    for job in scheduler.get_jobs():
        log.info("job %s: next run %s", job.id, job.next_run_time)
    return scheduler


def _signal_handlers(flag: list[int]) -> Callable[[], None]:
    """SIGTERM/SIGINT set `flag` (only a list append: safe inside a signal handler)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {
        sig: signal.signal(sig, lambda signum, frame: flag.append(signum)) for sig in (signal.SIGTERM, signal.SIGINT)
    }
    return lambda: [signal.signal(sig, handler) for sig, handler in previous.items()]


def run_daemon(
    config_path: Path,
    *,
    stop: threading.Event | None = None,
    poll_seconds: float = 5.0,
    triggers: TriggerFactory | None = None,
) -> int:
    """Run the schedule until SIGTERM/SIGINT (or `stop`); returns the exit code.

    `triggers(job, kind)` replaces the triggers from the config (tests use seconds).
    """
    config = load_config(config_path)
    stop = stop or threading.Event()
    signals: list[int] = []
    restore = _signal_handlers(signals)
    store = Store.open(config.settings.storage.url)
    leader = NamedLock(store, config.settings, LEADER_LOCK)
    scheduler = None
    waiting_said = False
    next_poll = next_check = time.monotonic()
    log.info("daemon starting: %d job(s), database %s", len(config.jobs), store.engine.url.render_as_string())
    try:
        while not stop.is_set() and not signals:
            now = time.monotonic()
            if now >= next_poll:
                next_poll = now + poll_seconds
                if scheduler is None:
                    if leader.acquire(timeout=0):
                        log.info("leader: this daemon runs the schedule")
                        scheduler = _start_scheduler(config, store, triggers or default_trigger)
                        next_check = now + MISS_CHECK_SECONDS
                    elif not waiting_said:
                        log.info("standby: another daemon runs the schedule; polling every %.1fs", poll_seconds)
                        waiting_said = True
                elif not leader.alive():
                    log.error("lost the scheduler lock; stopping the schedule until it is ours again")
                    scheduler.shutdown(wait=True)
                    scheduler, waiting_said = None, False
                elif now >= next_check:
                    next_check = now + MISS_CHECK_SECONDS
                    try:
                        check_misses(config, store)
                    except (BriefingError, SQLAlchemyError) as exc:  # e.g. the database restarting
                        log.error("could not check for missed runs (will try again): %s", exc)
            stop.wait(min(0.25, poll_seconds))  # short waits: signals are only noticed between them
        if signals:
            log.info("received %s: stopping", signal.Signals(signals[0]).name)
    finally:
        if scheduler is not None:
            log.info("waiting for running jobs to finish")
            scheduler.shutdown(wait=True)
        leader.release()
        store.close()
        restore()
    log.info("daemon stopped cleanly")
    return 0


# --- `briefing jobs` ---------------------------------------------------------------------------


def _persisted_next_runs(store: Store) -> dict[str, datetime | None]:
    """Next fire times the daemon stored (APScheduler keeps them as epoch seconds)."""
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        if not sa.inspect(conn).has_table(TABLE):
            return {}
        rows = conn.execute(sa.text(f"SELECT id, next_run_time FROM {TABLE}"))
        return {r.id: datetime.fromtimestamp(r.next_run_time, UTC) if r.next_run_time else None for r in rows}


def _last_run(store: Store, job: str, scheduled: str, by_hand: str) -> dict | None:
    """The latest run of a job's daily (or collect) work: the scheduler's own ledger row, or
    a newer `build` (`collect`) run from the command line. A build inside a scheduled run
    (started while it ran) is part of it: the scheduled row, with the send, decides."""
    latest = store.runs(job=job, kind=scheduled, limit=1)
    direct = store.runs(job=job, kind=by_hand, limit=1)
    if not direct or not latest:
        return (latest or direct)[0] if (latest or direct) else None
    sched, hand = latest[0], direct[0]
    inside = sched["started"] <= hand["started"] and (sched["finished"] is None or hand["started"] <= sched["finished"])
    return sched if inside or hand["started"] < sched["started"] else hand


def job_table(config: Config, store: Store, now: datetime | None = None) -> list[dict]:
    """One row per scheduled job: name, kind, schedule, last run (ledger), next run.

    The daily next run is computed from the cron in the job's timezone; the collect one
    is what the running daemon stored, else a full interval after the last collect.
    """
    now = now or datetime.now(UTC)
    persisted = _persisted_next_runs(store)
    rows = []
    for job in config.jobs.values():
        tz = ZoneInfo(job.schedule.timezone)
        for kind, ledger_kind, by_hand in ((DAILY, RUN_DAILY, "build"), (COLLECT, RUN_COLLECT, "collect")):
            last = _last_run(store, job.name, ledger_kind, by_hand)
            if kind == DAILY:
                schedule = f"cron {job.schedule.cron} ({job.schedule.timezone})"
                next_run = daily_trigger(job).get_next_fire_time(None, now)
            else:
                schedule = f"every {job.collect.interval_minutes} min"
                step = timedelta(minutes=job.collect.interval_minutes)
                next_run = persisted.get(f"{job.name}:{COLLECT}") or (max(now, last["started"] + step) if last else now)
            rows.append(
                {
                    "name": job.name,
                    "kind": kind,
                    "schedule": schedule,
                    "timezone": job.schedule.timezone,
                    "last_run": last["started"].astimezone(tz) if last else None,
                    "last_status": last["status"] if last else None,
                    "last_date": ((last["counts"] or {}).get("date") if last else None),
                    "next_run": next_run.astimezone(tz) if next_run else None,
                }
            )
    return rows


def format_job_table(rows: list[dict]) -> str:
    """The rows of `job_table` as an aligned text table."""

    def when(value: datetime | None) -> str:
        return value.strftime("%Y-%m-%d %H:%M %Z") if value else "-"

    header = ("JOB", "KIND", "SCHEDULE", "LAST RUN", "STATUS", "NEXT RUN")
    lines = [header] + [
        (
            r["name"],
            r["kind"],
            r["schedule"],
            when(r["last_run"]),
            (r["last_status"] or "-") + (f" ({r['last_date']})" if r.get("last_date") else ""),
            when(r["next_run"]),
        )
        for r in rows
    ]
    if not rows:
        return "no jobs (add a file to jobs/)"
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines)
