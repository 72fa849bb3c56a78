"""The pipeline, in the order it runs: collect -> analyze -> compose -> render -> archive -> send.

The CLI and the scheduler both call these functions, so a scheduled run and a run by
hand are the same code path. Inputs are plain values (a loaded Config, a job name, a
date), so the steps can later be fanned out to workers.
"""

from __future__ import annotations

import json
import logging
import platform
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import metadata as importlib_metadata
from pathlib import Path
from zoneinfo import ZoneInfo

from .analyze import cache_key
from .analyze.batch import Task, analyze_many
from .config import Config, JobConfig, check_day
from .errors import BriefingError
from .models import Analysis, Article
from .schema import analysis_from_dict, analysis_to_dict
from .store import Store

log = logging.getLogger(__name__)


@dataclass
class CollectReport:
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or url, reason)
    feeds_ok: int = 0
    feeds_failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        feeds = (
            f"feeds: {self.feeds_ok} ok, {len(self.feeds_failed)} failed; "
            if (self.feeds_ok or self.feeds_failed)
            else ""
        )
        return (
            f"{feeds}articles: {self.new} new, {self.duplicate} duplicate, {self.updated} updated"
            f"{f', {len(self.skipped)} skipped' if self.skipped else ''}"
        )


@dataclass
class BuildResult:
    job: str
    date: date
    paths: dict[str, Path]
    articles: int
    stories: int
    seconds: float


class CollectFailed(BriefingError):
    """--strict collect: at least one feed failed."""

    hint = "see the failures listed above; run without --strict to carry on past them"


def open_store(config: Config) -> Store:
    return Store.open(config.settings.storage.url)


def job_day(job: JobConfig, day: date | None) -> date:
    """The briefing date: given (inside config.FIRST_DAY..LAST_DAY), or today in the job's timezone."""
    return check_day(day or datetime.now(ZoneInfo(job.schedule.timezone)).date())


# --- collect ----------------------------------------------------------------------


def collect(
    config: Config,
    job_name: str | None = None,
    *,
    feeds: bool = True,
    progress: Callable[[str, bool], None] | None = None,
) -> CollectReport:
    """Read the job's seed folders and feeds into the store, with a ledger entry.

    A failing feed does not stop the others: the run is recorded as "partial" and the
    report names each failure (the CLI's --strict turns that into exit 1)."""
    job = config.job(job_name)
    with open_store(config) as store, store.run("collect", job.name) as run:
        report = _collect(config, job, store, feeds=feeds, progress=progress)
        run.counts = {
            "new": report.new,
            "duplicate": report.duplicate,
            "updated": report.updated,
            "skipped": len(report.skipped),
            "feeds_ok": report.feeds_ok,
            "feeds_failed": len(report.feeds_failed),
        }
        if report.feeds_failed:
            run.status = "partial"
    log.info("collect %s: %s", job.name, report.summary())
    return report


def _collect(
    config: Config, job: JobConfig, store: Store, *, feeds: bool, progress: Callable[[str, bool], None] | None
) -> CollectReport:
    from .sources.seeds import read_seed_folders

    report = CollectReport()
    seeds = read_seed_folders(job.sources.seeds)
    report.skipped.extend((str(path), reason) for path, reason in seeds.skipped)
    for article in seeds.articles:
        outcome, _ = store.save_article(article)
        setattr(report, outcome, getattr(report, outcome) + 1)
    if feeds and job.sources.feeds:
        from .sources.feeds import collect_feeds

        result = collect_feeds(
            job.sources.feeds, store=store, settings=config.settings, collect=job.collect, progress=progress
        )
        report.new += result.new
        report.duplicate += result.duplicate
        report.updated += result.updated
        report.feeds_ok = result.feeds_ok
        report.feeds_failed = list(result.failures)
        report.warnings = list(result.warnings)
    return report


# --- analyze ----------------------------------------------------------------------


class LocalExecutor:
    """Analyses in this process, or on a local process pool when there are many (the default).

    The seam where a build hands out its analyses: `analyze(store, articles, job)` returns
    the analyses it could make, keyed by article id, cached in the store. `briefing.distributed`
    has the Celery one; this module never imports it."""

    kind = "local"

    def __init__(self, workers: int = 0):
        self.workers = workers

    def analyze(self, store: Store, articles: list[Article], job: JobConfig) -> dict[str, Analysis]:
        version = cache_key(job.summary.method, job.summary.points)
        tasks = [
            Task(
                a.text,
                title=a.title,
                language=a.language,
                method=job.summary.method,
                points=job.summary.points,
                article_id=a.id,
            )
            for a in articles
        ]
        results = {}
        for article, analysis in zip(articles, analyze_many(tasks, self.workers)):
            store.put_analysis(article.content_hash, version, analysis_to_dict(analysis))
            results[article.id] = analysis
        return results


def analyze_one(store: Store, article: Article, method: str, points: int | None) -> Analysis:
    """The analysis of one stored article, from the cache or made and cached now."""
    from .analyze import analyze_text

    version = cache_key(method, points)
    cached = store.get_analysis(article.content_hash, version)
    if cached is not None:
        return analysis_from_dict(cached)
    analysis = analyze_text(
        article.text,
        title=article.title,
        language=article.language,
        method=method,
        points=points,
        article_id=article.id,
    )
    store.put_analysis(article.content_hash, version, analysis_to_dict(analysis))
    return analysis


def analyze_articles(
    store: Store, articles: list[Article], job: JobConfig, workers: int = 0, executor=None
) -> dict[str, Analysis]:
    """Analyses of the articles, computed once per content hash and then cached; the new
    ones by `executor` (default: `workers` local processes, 0: one per CPU). An article
    the executor gave up on (see `briefing.store.work`) has no entry."""
    version = cache_key(job.summary.method, job.summary.points)
    results: dict[str, Analysis] = {}
    todo: list[Article] = []
    for article in articles:
        cached = store.get_analysis(article.content_hash, version)
        if cached is not None:
            results[article.id] = analysis_from_dict(cached)
        else:
            todo.append(article)
    if todo:
        results.update((executor or LocalExecutor(workers)).analyze(store, todo, job))
    return {a.id: results[a.id] for a in articles if a.id in results}


# --- build ------------------------------------------------------------------------


def day_window(job: JobConfig, day: date) -> tuple[datetime, datetime]:
    """[start, end) of a briefing: `window_hours` ending at midnight after `day`, job timezone."""
    end = datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(job.schedule.timezone))
    return end - timedelta(hours=job.window_hours), end


def build(
    config: Config,
    job_name: str | None = None,
    day: date | None = None,
    *,
    collect_first: bool = True,
    feeds: bool = True,
    executor=None,
) -> BuildResult:
    """Collect, analyse, compose, render and archive one job's briefing for one day.

    `executor` makes the analyses (default: `LocalExecutor`; see `briefing.distributed`)."""
    job = config.job(job_name)

    from . import archive
    from .compose import compose_briefing, story_key
    from .locks import job_lock
    from .render import briefing_dict, render_html, render_pdf

    day = job_day(job, day)
    started = clock.perf_counter()
    laps = _Laps()
    lap, timings = laps.lap, laps.timings

    with open_store(config) as store, job_lock(store, config.settings, f"build-{job.name}"):
        with store.run("build", job.name) as run:
            if collect_first:
                _collect(config, job, store, feeds=feeds, progress=None)
            lap("collect")
            start, end = day_window(job, day)
            articles = store.articles_between(start, end)
            analyses = analyze_articles(store, articles, job, config.settings.workers, executor)
            lap("analyze")
            previous = store.previous_briefing(job.name, day)
            briefing = compose_briefing(
                job,
                day,
                articles,
                analyses,
                sources=store.sources_of([a.id for a in articles]),
                previous_story_keys=set((previous or {}).get("story_keys") or ()),
                timezone=job.schedule.timezone,
            )
            stories = [s for section in briefing.sections for s in section.stories]
            lap("compose")
            name = f"{job.name}-{day.isoformat()}"
            data = briefing_dict(briefing)
            for story, story_json in zip(stories, (st for s in data["sections"] for st in s["stories"])):
                story_json["key"] = story_key(story)
            archive.link_threads(data, archive.read_briefing(((previous or {}).get("paths") or {}).get("json")))
            json_bytes = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
            templates = config.settings.templates_dir
            html = render_html(briefing, templates_dir=templates, data=data, site=True)
            pdf = render_pdf(
                render_html(briefing, templates_dir=templates, data=data),
                attachment=json_bytes,
                attachment_name=f"{name}.json",
            )
            lap("render")
            manifest = _manifest(config, job, day, articles, timings)
            paths = archive.write_briefing(
                config.settings.output_dir,
                job.name,
                day,
                {"html": html.encode("utf-8"), "pdf": pdf, "json": json_bytes},
                manifest,
            )
            store.record_briefing(
                job.name,
                day,
                paths={k: str(v) for k, v in paths.items()},
                stats=dict(briefing.stats),
                article_ids=[a.id for a in articles],
                story_keys=[story_key(s) for s in stories],
            )
            archive.index_briefing(store, job.name, day, data)
            if config.settings.retention_days:
                archive.apply_retention(store, config.settings.output_dir, config.settings.retention_days, day)
            archive.build_site(config.settings.output_dir, templates_dir=templates)
            lap("archive")
            run.counts = {"articles": len(articles), "stories": len(stories), "date": day.isoformat(), **timings}
    seconds = clock.perf_counter() - started
    log.info("build %s %s: %d articles, %d stories, %.1fs", job.name, day, len(articles), len(stories), seconds)
    return BuildResult(
        job=job.name, date=day, paths=paths, articles=len(articles), stories=len(stories), seconds=seconds
    )


class _Laps:
    """Seconds spent in each stage, for the manifest and the ledger."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = clock.perf_counter()

    def lap(self, name: str) -> None:
        now_ = clock.perf_counter()
        self.timings[name] = round(now_ - self._last, 3)
        self._last = now_


def _manifest(config: Config, job: JobConfig, day: date, articles: list[Article], timings: dict[str, float]) -> dict:
    versions = {}
    for package in ("briefing", "sumy", "weasyprint", "feedparser", "trafilatura", "jinja2", "sqlalchemy"):
        try:
            versions[package] = importlib_metadata.version(package)
        except importlib_metadata.PackageNotFoundError:
            versions[package] = None
    versions["python"] = platform.python_version()
    return {
        "job": job.name,
        "date": day.isoformat(),
        "timezone": job.schedule.timezone,
        "config_sha256": config.digest,
        "summary": {"method": job.summary.method, "points": job.summary.points},
        "inputs": [{"id": a.id, "sha256": a.content_hash, "source": a.source, "url": a.url} for a in articles],
        "versions": versions,
        "timings_seconds": timings,
    }


# --- send -------------------------------------------------------------------------


def send(config: Config, job_name: str | None = None, day: date | None = None, *, force: bool = False):
    """Email the archived briefing of a day (once per job and day unless forced).

    A job without recipients is archive-only: nothing is sent, and that is no failure."""
    from .deliver import DeliveryResult, send_briefing

    job = config.job(job_name)
    day = job_day(job, day)
    with open_store(config) as store, store.run("send", job.name) as run:
        if job.recipients.none:
            reason = f"{job.name} is archive-only (no recipients); the briefing is in the archive"
            log.info("%s: not sent for %s: %s", job.name, day, reason)
            result = DeliveryResult("skipped", None, [], 0, None, reason)
        else:
            result = send_briefing(config.settings, job, day, store=store, force=force)
        run.counts = {"date": day.isoformat(), "status": result.status, "recipients": len(result.recipients)}
        run.status = "ok" if result.status == "sent" else result.status
    return result
