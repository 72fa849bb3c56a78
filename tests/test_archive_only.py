"""A job without recipients is archive-only: it builds and archives with status ok, and
delivery is skipped with an info line, not a failure (issue 13, defect 11)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import scheduler
from briefing.cli import main
from briefing.config import load_config
from briefing.store import Store

from .conftest import write
from .smtpserver import smtp_server

SEED = """
    Floods close roads across southern Iraq

    BASRA - Heavy rain flooded streets across southern Iraq on Thursday, closing main roads and schools.
"""


@pytest.fixture
def archive_only(project: Path):
    """The project with a job that names no recipients, and a real SMTP server that must stay idle."""
    write(project / "seeds" / "floods.txt", SEED)
    write(
        project / "jobs" / "daily.yaml",
        """
        name: daily
        title: Archive only
        schedule: {cron: "0 6 * * *", timezone: UTC}
        sources: {seeds: [../seeds]}
    """,
    )
    with smtp_server() as (controller, handler):
        write(
            project / "config.yaml",
            f"""
            output_dir: out
            smtp: {{host: 127.0.0.1, port: {controller.port}, retries: 0}}
        """,
        )
        yield project / "config.yaml", handler


def test_cli_build_and_send_of_an_archive_only_job(archive_only, capsys, caplog) -> None:
    config, handler = archive_only
    assert main(["build", "--config", str(config), "--date", "2026-03-09"]) == 0
    capsys.readouterr()
    with caplog.at_level(logging.INFO, logger="briefing"):
        code = main(["send", "--config", str(config), "--date", "2026-03-09"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == "not sent: daily is archive-only (no recipients); the briefing is in the archive\n"
    assert "daily is archive-only (no recipients)" in caplog.text
    assert handler.received == []
    with Store.open(load_config(config).settings.storage.url) as store:
        statuses = {r["kind"]: r["status"] for r in store.runs()}
        assert statuses == {"build": "ok", "send": "skipped"}
        assert store.briefing("daily", datetime(2026, 3, 9).date())["paths"]["pdf"]
        assert store.delivery("daily", datetime(2026, 3, 9).date()) is None  # nothing claims it was mailed


def test_scheduled_daily_run_of_an_archive_only_job_is_ok(archive_only) -> None:
    config_path, handler = archive_only
    config = load_config(config_path)
    with Store.open(config.settings.storage.url) as store:
        status = scheduler.run_daily(config, config.job("daily"), store, now=datetime(2026, 3, 9, 6, 1, tzinfo=UTC))
        assert status == "ok"
        [daily] = store.runs(kind=scheduler.RUN_DAILY)
        assert daily["status"] == "ok" and daily["counts"]["delivery"] == "skipped"
        assert daily["counts"]["date"] == "2026-03-09"
    assert handler.received == []
