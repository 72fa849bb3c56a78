"""The `briefing` command line: a thin layer over `briefing.pipeline`.

Exit codes: 0 ok, 1 failure at run time, 2 bad config or bad arguments.
Errors are printed in one place (`main`) as `error: ...` with a `hint: ...`.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import BriefingError, ConfigError, UsageError

log = logging.getLogger("briefing")


def _config_path(given: str | None) -> str | None:
    """--config after the subcommand, or else before it (the group's option)."""
    before = (click.get_current_context().find_root().obj or {}).get("config_path")
    if given and before and Path(given).resolve() != Path(before).resolve():
        raise UsageError(f"--config is given twice, as {before} and {given}; give it once")
    return given or before


def _config(path: str | None, *, archive: bool = True):
    from .config import load_config

    return load_config(_config_path(path), archive=archive)


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    from .config import check_day

    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    try:
        return check_day(day)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None


CONFIG_HELP = "Path of config.yaml (default: ./config.yaml or $BRIEFING_CONFIG); before or after the command."
config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help=CONFIG_HELP)
date_option = click.option(
    "--date",
    "day",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Briefing date (default: today in the job's timezone).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@config_option
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool, debug: bool, config_path: str | None) -> None:
    """Daily news briefings in Arabic and English: collect, summarise, render, archive, email."""
    # Our own progress at INFO; other libraries (fontTools, WeasyPrint) only from -vv on.
    logging.basicConfig(
        level=logging.DEBUG if verbose >= 2 else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    own = logging.WARNING if quiet else (logging.INFO if verbose < 2 else logging.DEBUG)
    logging.getLogger("briefing").setLevel(own)
    ctx.obj = {"debug": debug, "config_path": config_path}


@cli.command()
@click.argument("job", required=False)
@date_option
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object naming the files written.")
@click.option("--no-collect", is_flag=True, help="Build from what is stored; read no seeds or feeds.")
@click.option("--no-feeds", is_flag=True, help="Read seed folders but fetch no feeds.")
def build(
    job: str | None, day: date | None, config_path: str | None, as_json: bool, no_collect: bool, no_feeds: bool
) -> None:
    """Build the briefing of JOB for a day and archive its HTML, PDF and JSON."""
    from .pipeline import build as run_build

    config = _config(config_path)
    result = run_build(config, job, day, collect_first=not no_collect, feeds=not no_feeds, executor=_executor(config))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "job": result.job,
                    "date": result.date.isoformat(),
                    "articles": result.articles,
                    "stories": result.stories,
                    **{k: str(v) for k, v in result.paths.items()},
                },
                ensure_ascii=False,
            )
        )
    else:
        for kind in ("html", "pdf", "json", "manifest"):
            if kind in result.paths:
                click.echo(str(result.paths[kind]))


@cli.command()
@click.argument("job", required=False)
@config_option
@click.option("--strict", is_flag=True, help="Exit 1 if any feed fails (for CI).")
@click.option("--no-feeds", is_flag=True, help="Read seed folders only.")
def collect(job: str | None, config_path: str | None, strict: bool, no_feeds: bool) -> None:
    """Collect articles from the job's seed folders and feeds."""
    from .pipeline import collect as run_collect

    config = _config(config_path)
    feeds = [] if no_feeds else config.job(job).sources.feeds
    if feeds and sys.stderr.isatty():
        with click.progressbar(length=len(feeds), label="feeds", file=sys.stderr) as bar:
            report = run_collect(config, job, feeds=True, progress=lambda url, ok: bar.update(1))
    else:
        report = run_collect(config, job, feeds=not no_feeds)
    for url, reason in report.feeds_failed:
        click.echo(f"failed: {url}: {reason}", err=True)
    for url, reason in report.warnings:
        click.echo(f"warning: {url}: {reason}", err=True)
    for path, reason in report.skipped:
        click.echo(f"skipped: {path}: {reason}", err=True)
    click.echo(report.summary())
    if strict and report.feeds_failed:
        from .pipeline import CollectFailed

        raise CollectFailed(f"{len(report.feeds_failed)} feed(s) failed (--strict)")


@cli.command()
@click.argument("job", required=False)
@date_option
@config_option
@click.option("--force", is_flag=True, help="Send again even if this day was already sent.")
def send(job: str | None, day: date | None, config_path: str | None, force: bool) -> None:
    """Email the archived briefing of JOB for a day."""
    from .pipeline import send as run_send

    result = run_send(_config(config_path), job, day, force=force)
    if result.status == "skipped":
        click.echo(f"not sent: {result.reason}")
    else:
        click.echo(f"sent to {len(result.recipients)} recipient(s), Message-ID {result.message_id}")


@cli.command()
@config_option
def run(config_path: str | None) -> None:
    """Run the scheduler daemon (builds, sends and collects on schedule)."""
    from .scheduler import run_daemon

    config = _config(config_path)  # validate before starting
    code = run_daemon(config.path)
    if code:
        raise SystemExit(code)


@cli.command()
@config_option
def jobs(config_path: str | None) -> None:
    """List jobs: schedule, last run and result, next run."""
    from .pipeline import open_store
    from .scheduler import format_job_table, job_table

    config = _config(config_path)
    with open_store(config) as store:
        click.echo(format_job_table(job_table(config, store)))
        if config.settings.executor.kind == "celery":
            from .distributed.status import collect_status, format_status

            click.echo("")
            click.echo(format_status(collect_status(config, store)))


def _executor(config):
    """The executor a build hands its analyses to: None (local) unless celery is configured."""
    if config.settings.executor.kind != "celery":
        return None
    from .distributed.executor import CeleryExecutor

    return CeleryExecutor(config)


def _celery_config(config_path: str | None):
    config = _config(config_path)
    if config.settings.executor.kind != "celery":
        raise ConfigError(
            f"{config.path}: executor.kind: is {config.settings.executor.kind!r}; this command needs celery",
            hint="set executor: {kind: celery, broker_url: ...} in config.yaml",
        )
    return config


@cli.command()
@config_option
@click.option(
    "--concurrency", type=click.IntRange(1, 256), default=None, help="Worker processes (default: one per CPU)."
)
@click.option(
    "--queues",
    default=None,
    metavar="Q1,Q2",
    help="Queues to consume (default: executor.queue and executor.queue.build).",
)
@click.option("--name", default=None, help="Worker node name (default: briefing-<pid>@<host>).")
@click.option("--loglevel", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), default="INFO", show_default=True)
def worker(
    config_path: str | None, concurrency: int | None, queues: str | None, name: str | None, loglevel: str
) -> None:
    """Start a Celery worker that collects, analyses, builds and sends (executor: celery)."""
    import os

    config = _celery_config(config_path)
    os.environ["BRIEFING_CONFIG"] = str(config.path)  # for the worker's child processes
    from .distributed.app import configure
    from .distributed.app import queues as default_queues

    app = configure(config)
    argv = [
        "worker",
        f"--loglevel={loglevel}",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        "-Q",
        queues or ",".join(default_queues(config)),
        "-n",
        name or f"briefing-{os.getpid()}@%h",
    ]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    app.worker_main(argv)


@cli.command()
@config_option
def status(config_path: str | None) -> None:
    """Queue depth, live workers and runs in flight (executor: celery)."""
    from .distributed.status import collect_status, format_status
    from .pipeline import open_store

    config = _celery_config(config_path)
    with open_store(config) as store:
        click.echo(format_status(collect_status(config, store)))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--input", "input_path", type=click.Path(dir_okay=False), help="Batch input, JSON Lines.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False), help="Batch output, JSON Lines.")
@click.option("--method", default="default", show_default=True, help="Key-point method.")
@click.option("--points", type=click.IntRange(1, 100), help="Number of key points (default: by length).")
@click.option("--lang", help="Language of the texts (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON records instead of text.")
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=None,
    help="Processes for a batch (0: one per CPU; default: `workers` of --config, else 0).",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1, 10_000_000),
    default=200_000,
    show_default=True,
    help="Longest text of a batch record; a longer one gets an error record.",
)
@config_option
def summarize(
    files: tuple[str, ...],
    input_path: str | None,
    output_path: str | None,
    method: str,
    points: int | None,
    lang: str | None,
    as_json: bool,
    workers: int | None,
    max_chars: int,
    config_path: str | None,
) -> None:
    """Key points, actors and quotes of FILES, or of a JSONL batch (--input/--output).

    Needs no config; with --config, the file is checked and its `workers` used."""
    from . import summarize as summ

    if _config_path(config_path):
        settings = _config(config_path, archive=False).settings
        workers = settings.workers if workers is None else workers
    workers = workers or 0
    summ.check_method(method)
    if input_path or output_path:
        if files or not (input_path and output_path):
            raise UsageError("batch mode needs both --input and --output, and no FILE arguments")
        counts = summ.run_batch(
            Path(input_path),
            Path(output_path),
            method=method,
            points=points,
            lang=lang,
            workers=workers,
            max_chars=max_chars,
        )
        click.echo(f"{counts['records']} records, {counts['errors']} errors -> {output_path}", err=True)
        return
    if not files:
        raise UsageError("give FILE arguments, or --input IN.jsonl --output OUT.jsonl")
    for path in files:  # all of them before the first is analysed
        if not Path(path).exists():
            raise UsageError(f"{path}: file does not exist", hint="check the FILE arguments")
    for path in files:
        click.echo(summ.summarize_file(Path(path), method=method, points=points, lang=lang, as_json=as_json))


@cli.group()
def archive() -> None:
    """Browse and search archived briefings."""


@archive.command("list")
@click.argument("job", required=False)
@config_option
def archive_list(job: str | None, config_path: str | None) -> None:
    """List archived briefings, newest first."""
    from .archive import list_archive
    from .pipeline import open_store

    with open_store(_config(config_path)) as store:
        rows = list_archive(store, job)
    if not rows:
        click.echo("no briefings archived yet")
    for row in rows:
        click.echo(
            f"{row['date']}  {row['job']:<12} {row['stories'] or 0:>3} stories  "
            f"{row['articles'] or 0:>4} articles  {row['paths'].get('pdf', '')}"
        )


@archive.command("show")
@click.argument("job", required=False)
@date_option
@config_option
def archive_show(job: str | None, day: date | None, config_path: str | None) -> None:
    """Show the files and manifest of one archived briefing."""
    from .pipeline import job_day, open_store

    config = _config(config_path)
    job_config = config.job(job)
    day = job_day(job_config, day)
    with open_store(config) as store:
        row = store.briefing(job_config.name, day)
    if row is None:
        raise BriefingError(
            f"no briefing of {job_config.name} for {day}", hint="`briefing archive list` shows what exists"
        )
    for kind, path in sorted(row["paths"].items()):
        click.echo(f"{kind:<9} {path}")
    click.echo(json.dumps(row.get("stats") or {}, ensure_ascii=False, sort_keys=True))


@archive.command("search")
@click.argument("text")
@click.option("--job", default=None, help="Only this job's briefings.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@config_option
def archive_search(text: str, job: str | None, limit: int, config_path: str | None) -> None:
    """Full-text search over archived key points and actors."""
    from . import archive as archive_module
    from .pipeline import open_store

    with open_store(_config(config_path)) as store:
        hits = archive_module.search(store, text, job=job, limit=limit)
    if not hits:
        click.echo("no matches")
    for hit in hits:
        click.echo(f"{hit['date']}  {hit['job']:<10} [{hit['kind']}] {hit['text']}")


def _check_given_config(config_path: str | None) -> None:
    """`eval` reads no config, but one given with --config is still checked (not silently ignored)."""
    if _config_path(config_path):
        _config(config_path, archive=False)


@archive.command("site")
@config_option
def archive_site(config_path: str | None) -> None:
    """Rebuild the archive site (index, search, actor and story pages) from out/."""
    from .archive import build_site

    settings = _config(config_path).settings
    counts = build_site(settings.output_dir, templates_dir=settings.templates_dir)
    click.echo(
        f"{settings.output_dir / 'index.html'}: {counts['days']} briefings, {counts['actors']} actors, "
        f"{counts['threads']} stories"
    )


@cli.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
def serve(config_path: str | None, host: str, port: int) -> None:
    """Serve the archive site in out/ over HTTP (any static web server will do as well)."""
    from .archive.serve import serve_forever

    serve_forever(_config(config_path).settings.output_dir, host, port)


@cli.group("eval")
def evaluate() -> None:
    """Measure key points (ROUGE), actors (CoNLL F1), quotes (who said what) and stories (B-cubed)."""


@evaluate.command("summaries")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--method", "methods", multiple=True, help="Methods to compare (default: all).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N documents.")
@config_option
def eval_summaries(data: str, methods: tuple[str, ...], limit: int | None, config_path: str | None) -> None:
    """ROUGE-1/2/L F1 of each key-point method on DATA (.jsonl or .jsonl.gz)."""
    _check_given_config(config_path)
    from .evaluate.summaries import evaluate as run_eval
    from .evaluate.summaries import format_table

    click.echo(format_table(run_eval(Path(data), methods=list(methods) or None, limit=limit)))


@evaluate.command("actors")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--split",
    type=click.Choice(["dev", "all"]),
    default="dev",
    show_default=True,
    help="dev: the last sixth of the file (held out from training).",
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Directory of Arabic models to score instead of the shipped ones.",
)
@click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    help="Language of DATA (default: detected). English scores the whole file twice: "
    "the tagger alone, and `summarize` with each sentence a record.",
)
@click.option(
    "--records",
    type=click.Choice(["article", "sentence"]),
    default="article",
    show_default=True,
    help="article: ten sentences to a text (the file's documents if marked); sentence: one each.",
)
@click.option("--losses", is_flag=True, help="Also list where the pipeline drops the tagger's correct mentions.")
@config_option
def eval_actors(
    data: str, split: str, model_dir: str | None, lang: str | None, records: str, losses: bool, config_path: str | None
) -> None:
    """PERS/ORG/LOC F1 on a CoNLL file: the tagger's and the pipeline's (summarize actors) side by side."""
    _check_given_config(config_path)
    from .analyze.ner import tagger as ner
    from .evaluate.ner import evaluate_conll, format_scores, guess_language, read_conll

    if (lang or guess_language(read_conll(Path(data))[:200])) == "en":
        from .evaluate.actors_pipeline import evaluate_english, format_english

        click.echo(format_english(evaluate_english(Path(data))))
        return
    if model_dir:
        ner.use_models(Path(model_dir))
    result = evaluate_conll(Path(data), split=split, records=records, losses=losses)
    click.echo(format_scores(result))


@evaluate.command("quotes")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--half",
    type=click.Choice(["A", "B"], case_sensitive=False),
    help="Only the articles of one half, split by a hash of their id.",
)
@click.option("--drop-unattributed", is_flag=True, help="Score only quotes that have a speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@config_option
def eval_quotes(
    data: str, gold: str, half: str | None, drop_unattributed: bool, as_json: bool, config_path: str | None
) -> None:
    """Spans and who-said-what P/R/F1 of quotes on DATA (.jsonl) against GOLD (.json)."""
    _check_given_config(config_path)
    from .evaluate.quotes import evaluate as run_eval
    from .evaluate.quotes import format_scores

    scores = run_eval(Path(data), Path(gold), half=half, drop_unattributed=drop_unattributed)
    click.echo(json.dumps(scores, ensure_ascii=False) if as_json else format_scores(scores))


@evaluate.command("stories")
@click.argument("briefing_json", metavar="BRIEFING.json", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold", metavar="GOLD.json", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@config_option
def eval_stories(briefing_json: str, gold: str, as_json: bool, config_path: str | None) -> None:
    """B-cubed P/R/F1 of a briefing's stories against gold {url: label}, and top-10 purity."""
    _check_given_config(config_path)
    from dataclasses import asdict

    from .evaluate.stories import evaluate as run_eval
    from .evaluate.stories import format_scores

    scores = run_eval(Path(briefing_json), Path(gold))
    click.echo(json.dumps(asdict(scores), ensure_ascii=False) if as_json else format_scores(scores))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising SystemExit."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="briefing", standalone_mode=False)
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:  # bad arguments: click says which (exit 2)
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except BriefingError as exc:
        _report(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a bug: one line, not a traceback, unless --debug
        if debug:
            raise
        log.debug("unexpected error", exc_info=True)
        click.echo(f"error: unexpected {type(exc).__name__}: {exc}", err=True)
        click.echo("hint: run again with --debug for the traceback, and report it", err=True)
        return 1


def _report(exc: BriefingError) -> None:
    lines = exc.problems if isinstance(exc, ConfigError) else [exc.message]
    for line in lines:
        click.echo(f"error: {line}", err=True)
    if exc.hint:
        click.echo(f"hint: {exc.hint}", err=True)
