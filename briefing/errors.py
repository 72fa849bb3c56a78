"""The exceptions `briefing` raises on purpose, each with a fix-it hint.

They are caught in one place (`cli.main`), printed as `error: ...` plus `hint: ...`,
and turned into the exit code the class names: 2 for bad config or arguments,
1 for failures at run time.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: a failure we expected and can explain."""

    exit_code = 1
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self)


class ConfigError(BriefingError):
    """A configuration file is missing, unreadable or invalid.

    `problems` holds one line per problem, each naming the file and the field.
    """

    exit_code = 2
    hint = "fix the file named above; `briefing --help` lists the options"

    def __init__(self, problems: list[str] | str, *, hint: str | None = None):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems), hint=hint)


class UsageError(BriefingError):
    """Bad command-line arguments (exit code 2)."""

    exit_code = 2


class StoreError(BriefingError):
    """The database cannot be opened or written."""

    hint = "check storage.url in config.yaml and that the database is reachable"


class BuildLockedError(BriefingError):
    """Another build of the same job holds the lock."""

    hint = "wait for the other run to finish, or remove a stale lock file if no run is active"


class SourceError(BriefingError):
    """A source (seed folder, feed) cannot be read at all."""


class RenderError(BriefingError):
    """HTML or PDF rendering failed."""

    hint = "check templates_dir in config.yaml, or remove it to use the shipped templates"


class DeliveryError(BriefingError):
    """The briefing could not be emailed."""

    hint = "check the smtp section of config.yaml and the password environment variable"
