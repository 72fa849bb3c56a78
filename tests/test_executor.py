"""The executor setting and the store's bookkeeping for distributed work (no broker needed):
claims of (kind, job, date) and counted analysis attempts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from briefing.cli import main
from briefing.store import work

from .conftest import write

DAY = date(2024, 3, 12)


def test_claims_let_one_task_do_a_day_and_its_redelivery_carry_on(any_store):
    assert work.claim(any_store, "build", "desk", DAY, "task-1") == work.Claim(True, "new")
    assert work.claim(any_store, "build", "desk", DAY, "task-2") == work.Claim(False, "held by task task-1")
    assert work.claim(any_store, "build", "desk", DAY, "task-1") == work.Claim(True, "redelivered")
    assert work.claim(any_store, "send", "desk", DAY, "task-2").granted  # another kind, its own row
    work.finish_claim(any_store, "build", "desk", DAY, "task-1", "done")
    assert work.claim(any_store, "build", "desk", DAY, "task-1") == work.Claim(False, "done")
    work.finish_claim(any_store, "send", "desk", DAY, "task-2", "failed", "SMTP down")
    assert work.claim(any_store, "send", "desk", DAY, "task-3") == work.Claim(True, "retaken")
    rows = {(r["kind"], r["status"], r["task_id"]) for r in work.claims_of(any_store)}
    assert rows == {("build", "done", "task-1"), ("send", "running", "task-3")}


def test_analysis_attempts_are_counted_and_failures_kept_with_their_reason(any_store):
    assert [work.start_attempt(any_store, "h1", "v", "a1") for _ in range(3)] == [1, 2, 3]
    work.end_attempt(any_store, "h1", "v", "failed", "attempt 3: RuntimeError: boom")
    assert work.start_attempt(any_store, "h2", "v", "a2") == 1
    work.end_attempt(any_store, "h2", "v", "ok")
    assert work.failed_analyses(any_store, ["h1", "h2", "h3"], "v") == {"h1": "attempt 3: RuntimeError: boom"}
    assert work.failed_analyses(any_store, ["h1"], "other-version") == {}
    assert [r["article_id"] for r in work.failures(any_store)] == ["a1"]


def test_config_celery_needs_postgresql_and_a_broker(tmp_path, capsys):
    write(tmp_path / "jobs" / "desk.yaml", "name: desk\n")
    write(
        tmp_path / "config.yaml",
        """
        storage: {url: "sqlite:///out/briefing.db"}
        executor: {kind: celery, broker_url: "amqp://guest:guest@127.0.0.1:5672//"}
    """,
    )
    assert main(["jobs", "--config", str(tmp_path / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert "executor: kind celery needs storage.url on PostgreSQL" in err and "not sqlite" in err
    write(
        tmp_path / "config.yaml",
        """
        storage: {url: "postgresql://postgres@127.0.0.1:5432/test"}
        executor: {kind: celery}
    """,
    )
    assert main(["jobs", "--config", str(tmp_path / "config.yaml")]) == 2
    assert "executor: kind celery needs broker_url" in capsys.readouterr().err
    write(tmp_path / "config.yaml", 'storage: {url: "sqlite:///out/briefing.db"}\n')
    assert main(["worker", "--config", str(tmp_path / "config.yaml")]) == 2
    assert "executor.kind: is 'local'" in capsys.readouterr().err
