"""Configuration: `config.yaml` (global) and `jobs/*.yaml` (one briefing each).

pydantic models with `extra="forbid"` hold every default in one place. Relative paths
are resolved against the directory of the file that names them, secrets come from
environment variables, and every problem is reported as `file: field: message`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .errors import ConfigError, UsageError

DEFAULT_CONFIG = "config.yaml"
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")  # used with fullmatch: no trailing newline
DATABASES = ("sqlite", "postgresql", "postgresql+psycopg")
# Briefing dates: wide enough for any archive, narrow enough that date arithmetic and
# epoch timestamps (the scheduler's) never overflow.
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2999, 12, 31)
_JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def _base_dir(info: ValidationInfo) -> Path:
    return Path((info.context or {}).get("base_dir", "."))


def _resolve(value: Path, info: ValidationInfo) -> Path:
    value = Path(os.path.expanduser(str(value)))
    return value if value.is_absolute() else (_base_dir(info) / value).resolve()


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {value!r} (use an IANA name such as Asia/Baghdad)") from None
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


def _check_one_line(value: str | None) -> str | None:
    """Text that may end up in a mail header: no line breaks, no control characters."""
    if value is not None and any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise ValueError("must be one line (no line breaks or control characters)")
    return value


def _check_language(value: str | None) -> str | None:
    from .text.language import language_code

    if value is None:
        return None
    code = language_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not a known language code (use ISO 639, e.g. ar or en)")
    return code


def check_day(day: date) -> date:
    """A briefing date inside [FIRST_DAY, LAST_DAY], else UsageError (exit 2)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(
            f"{day.isoformat()} is out of range: a briefing date is between "
            f"{FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}"
        )
    return day


def check_cron(value: str) -> str:
    """A 5-field crontab expression that APScheduler accepts."""
    fields = value.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields, got {len(fields)}")
    from apscheduler.triggers.cron import CronTrigger  # only when validating

    try:
        CronTrigger.from_crontab(value, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"invalid cron expression {value!r}: {exc}") from None
    return value


# --- config.yaml -----------------------------------------------------------------


class StorageConfig(Model):
    url: str = "sqlite:///out/briefing.db"

    @field_validator("url")
    @classmethod
    def _resolve_sqlite(cls, value: str, info: ValidationInfo) -> str:
        """A relative SQLite path is relative to config.yaml, not to the working directory."""
        prefix = "sqlite:///"
        scheme = re.match(r"^([a-z0-9+]+)://", value)
        if not scheme:
            raise ValueError(f"{value!r} is not a database URL (e.g. sqlite:///out/briefing.db)")
        if scheme.group(1) not in DATABASES:
            raise ValueError(
                f"unsupported database {scheme.group(1)!r} (use sqlite:///PATH or postgresql://USER@HOST/DB)"
            )
        if value.startswith(prefix) and value != "sqlite:///:memory:":
            path = Path(value[len(prefix) :])
            if not path.is_absolute():
                return prefix + str((_base_dir(info) / path).resolve())
        return value


class SmtpConfig(Model):
    host: str = "localhost"
    port: int = Field(25, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str = "BRIEFING_SMTP_PASSWORD"
    sender: str = "briefing@example.org"
    timeout: float = Field(30.0, gt=0)  # seconds for each network step
    retries: int = Field(3, ge=0, le=10)
    deadline: float = Field(60.0, gt=0, le=3600)  # seconds for the whole delivery, retries included

    _sender = field_validator("sender")(classmethod(lambda cls, v: _check_email(v)))

    @model_validator(mode="after")
    def _one_tls_mode(self) -> SmtpConfig:
        if self.starttls and self.ssl:
            raise ValueError("starttls and ssl are exclusive: choose one")
        return self

    def password(self) -> str | None:
        """The SMTP password, read from the environment variable the config names."""
        return os.environ.get(self.password_env) or None


class ExecutorConfig(Model):
    """Where pipeline steps run: here (`local`) or on Celery workers (`celery`)."""

    kind: Literal["local", "celery"] = "local"
    broker_url: str | None = None  # e.g. amqp://guest:guest@127.0.0.1:5672// or redis://127.0.0.1:6379/0
    result_backend: str | None = None  # optional: tasks report through the store, not through results
    queue: str = Field("briefing", pattern=r"^[A-Za-z0-9_.:-]{1,100}$")  # builds and sends use `<queue>.build`
    max_attempts: int = Field(4, ge=1, le=20)  # starts of one analysis before it is recorded as failed
    retry_backoff: float = Field(2.0, gt=0, le=3600)  # seconds before the first retry, doubled each time
    wait_seconds: float = Field(3600.0, gt=0)  # how long a build waits for its analyses

    @model_validator(mode="after")
    def _broker(self) -> ExecutorConfig:
        if self.kind == "celery" and not self.broker_url:
            raise ValueError("kind celery needs broker_url (e.g. amqp://guest:guest@127.0.0.1:5672//)")
        return self


class Settings(Model):
    """Global settings from config.yaml."""

    timezone: str = "UTC"
    output_dir: Path = Path("out")
    jobs_dir: Path = Path("jobs")
    templates_dir: Path | None = None
    storage: StorageConfig = Field(default_factory=dict)
    smtp: SmtpConfig = Field(default_factory=dict)
    retention_days: int | None = Field(None, ge=1)
    operator_email: str | None = None
    user_agent: str = "briefing/0.1 (+https://example.org/briefing)"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    workers: int = Field(0, ge=0, le=64)  # processes analysing articles; 0: one per CPU
    executor: ExecutorConfig = Field(default_factory=dict)

    @field_validator("executor")
    @classmethod
    def _celery_needs_postgresql(cls, value: ExecutorConfig, info: ValidationInfo) -> ExecutorConfig:
        storage = info.data.get("storage")
        if value.kind == "celery" and storage is not None and not storage.url.startswith("postgresql"):
            raise ValueError(
                f"kind celery needs storage.url on PostgreSQL (workers on several machines share "
                f"one database), not {storage.url.split(':', 1)[0]}"
            )
        return value

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_timezone(v)))
    _agent = field_validator("user_agent")(classmethod(lambda cls, v: _check_one_line(v)))  # an HTTP header

    @field_validator("output_dir", "jobs_dir", "templates_dir")
    @classmethod
    def _paths(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        return None if value is None else _resolve(value, info)

    @field_validator("operator_email")
    @classmethod
    def _operator(cls, value: str | None) -> str | None:
        return None if value is None else _check_email(value)


# --- jobs/*.yaml -----------------------------------------------------------------


class ScheduleConfig(Model):
    cron: str = "0 6 * * *"
    timezone: str = "UTC"
    misfire_grace_seconds: int = Field(3600, ge=1)

    _cron = field_validator("cron")(classmethod(lambda cls, v: check_cron(v)))
    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_timezone(v)))


class CollectConfig(Model):
    interval_minutes: int = Field(30, ge=1, le=24 * 60)
    concurrency: int = Field(8, ge=1, le=64)
    per_host: int = Field(2, ge=1, le=16)


class FeedConfig(Model):
    url: str
    name: str | None = None
    language: str | None = None
    category: str | None = None
    include: list[str] = []
    exclude: list[str] = []
    fulltext: bool | Literal["auto"] = "auto"  # true: always fetch the page; auto: for teasers
    timeout: float = Field(20.0, gt=0, le=300)

    _language = field_validator("language")(classmethod(lambda cls, v: _check_language(v)))

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @field_validator("include", "exclude")
    @classmethod
    def _patterns(cls, values: list[str]) -> list[str]:
        for pattern in values:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None
        return values


def _seed_folder(value: Path, info: ValidationInfo) -> Path:
    """A seed folder must exist when the config is loaded: a missing one is far more often a
    typo than a folder yet to come (create it empty to fill it later)."""
    folder = _resolve(value, info)
    if not folder.exists():
        raise ValueError(f"folder {folder} does not exist")
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    return folder


class SourcesConfig(Model):
    seeds: list[Annotated[Path, AfterValidator(_seed_folder)]] = []
    feeds: list[FeedConfig] = []


class SectionConfig(Model):
    name: str
    title: str | None = None
    categories: list[str] = []
    keywords: list[str] = []
    languages: list[str] = []

    _languages = field_validator("languages")(classmethod(lambda cls, v: [_check_language(x) for x in v]))


class RecipientsConfig(Model):
    to: list[str] = []
    cc: list[str] = []
    bcc: list[str] = []

    @field_validator("to", "cc", "bcc")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        return [_check_email(v) for v in values]

    @model_validator(mode="after")
    def _bcc_not_alone(self) -> RecipientsConfig:
        if self.bcc and not (self.to or self.cc):
            raise ValueError("bcc needs an address in to or cc; for an archive-only job leave all three empty")
        return self

    @property
    def none(self) -> bool:
        """No recipients at all: the job is archive-only (built and archived, never mailed)."""
        return not (self.to or self.cc or self.bcc)


class SummaryConfig(Model):
    method: str = "default"
    points: int = Field(4, ge=1, le=20)

    @field_validator("method")
    @classmethod
    def _known(cls, value: str) -> str:
        known = ("default", "lead", "lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic")
        if value not in known:
            raise ValueError(f"unknown method {value!r}; choose one of: {', '.join(known)}")
        return value


class JobConfig(Model):
    """One briefing: what it collects, when it runs, how it reads, who receives it."""

    name: str
    title: str | None = None
    language: str = "ar"
    schedule: ScheduleConfig = Field(default_factory=dict)
    collect: CollectConfig = Field(default_factory=dict)
    sources: SourcesConfig = Field(default_factory=dict)
    sections: list[SectionConfig] = []
    recipients: RecipientsConfig = Field(default_factory=dict)
    summary: SummaryConfig = Field(default_factory=dict)
    window_hours: int = Field(24, ge=1, le=24 * 14)
    max_stories: int = Field(40, ge=1, le=500)

    _title = field_validator("title")(classmethod(lambda cls, v: _check_one_line(v)))
    _language = field_validator("language")(classmethod(lambda cls, v: _check_language(v)))

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _JOB_NAME.match(value):
            raise ValueError(f"{value!r}: use letters, digits, '-' and '_' only (it names files)")
        return value

    @property
    def display_title(self) -> str:
        return self.title or self.name


@dataclass(frozen=True)
class Config:
    """Everything a run needs: global settings, the jobs, and where they came from."""

    path: Path
    settings: Settings
    jobs: dict[str, JobConfig]
    job_files: dict[str, Path]
    digest: str  # sha256 of the config files' bytes, for the archive manifest

    def job(self, name: str | None) -> JobConfig:
        """The named job; with no name, the only job (or the one called `daily`)."""
        if name is None:
            if len(self.jobs) == 1:
                return next(iter(self.jobs.values()))
            if "daily" in self.jobs:
                return self.jobs["daily"]
            raise ConfigError(
                f"{self.path}: several jobs ({', '.join(sorted(self.jobs))}); name one",
                hint="run `briefing jobs` to list them",
            )
        if name not in self.jobs:
            known = ", ".join(sorted(self.jobs)) or "none"
            raise ConfigError(
                f"{self.settings.jobs_dir}: no job named {name!r} (known: {known})",
                hint="each file in jobs/ defines one job by its `name`",
            )
        return self.jobs[name]


# --- loading ---------------------------------------------------------------------


def _read_yaml(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found", hint="pass --config PATH or run from the project folder") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: {where}YAML syntax error: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top, got {type(data).__name__}")
    return data, raw


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]" if parts else f"[{item}]"]
        else:
            parts.append(str(item))
    return ".".join(parts) or "(top level)"


def _message(error: dict) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown key (remove it or check its spelling)"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else kind


def _validate(model: type[Model], data: dict, path: Path) -> Any:
    try:
        return model.model_validate(data, context={"base_dir": path.parent.resolve()})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            problems.append(f"{path}: {_field_path(loc)}: {_message(error)}")
        raise ConfigError(problems) from None


def _folder_problem(folder: Path) -> str | None:
    """Why files cannot be written in `folder`, or None (it is created when missing)."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot create folder {folder}: {exc.strerror or exc}"
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".briefing-probe-"):
            pass
    except OSError as exc:
        return f"cannot write in folder {folder}: {exc.strerror or exc}"
    return None


def _check_writable(settings: Settings, path: Path) -> None:
    """The archive folder and the SQLite database's folder must be writable: found now,
    not as a failure at the end of a build."""
    problems = []
    problem = _folder_problem(settings.output_dir)
    if problem:
        problems.append(f"{path}: output_dir: {problem}")
    url = settings.storage.url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        problem = _folder_problem(Path(url[len("sqlite:///") :]).parent)
        if problem:
            problems.append(f"{path}: storage.url: {problem}")
    if problems:
        raise ConfigError(problems)


def load_config(path: str | Path | None = None, *, archive: bool = True) -> Config:
    """Read and validate config.yaml and every job file it points to.

    With `archive` (every command but `summarize`), also check that the archive folder
    and the SQLite database's folder can be created and written."""
    path = Path(path or os.environ.get("BRIEFING_CONFIG") or DEFAULT_CONFIG)
    data, raw = _read_yaml(path)
    settings: Settings = _validate(Settings, data, path)
    if archive:
        _check_writable(settings, path)
    digest = hashlib.sha256(raw)

    jobs: dict[str, JobConfig] = {}
    files: dict[str, Path] = {}
    problems: list[str] = []
    if not settings.jobs_dir.is_dir():
        raise ConfigError(f"{path}: jobs_dir: folder {settings.jobs_dir} does not exist")
    for job_path in sorted(settings.jobs_dir.glob("*.y*ml")):
        try:
            job_data, job_raw = _read_yaml(job_path)
            job: JobConfig = _validate(JobConfig, job_data, job_path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        if job.name in jobs:
            problems.append(f"{job_path}: name: job {job.name!r} is also defined in {files[job.name]}")
            continue
        jobs[job.name] = job
        files[job.name] = job_path
        digest.update(job_raw)
    if problems:
        raise ConfigError(problems)
    return Config(path=path.resolve(), settings=settings, jobs=jobs, job_files=files, digest=digest.hexdigest())
