"""A damaged SQLite file: one clear error naming the file and what to do, exit 1, never a
raw SQL error or "unexpected ... report it" (issue 13, defect 9)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.errors import StoreError
from briefing.models import Article
from briefing.store import Store

from .conftest import write


def garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def assert_clear_error(code: int, err: str, db: Path) -> None:
    assert code == 1, err
    assert f"error: {db}: the database is damaged or is not a SQLite database" in err, err
    assert "hint: stop briefing, move the file away" in err and "restore it from a backup" in err
    assert "archived briefings" in err and "not affected" in err
    for raw in ("unexpected", "report it", "sqlalche.me", "SELECT", "PRAGMA", "Traceback"):
        assert raw not in err, (raw, err)


@pytest.fixture
def archived(project: Path) -> Path:
    """An archived file under out/ that must survive whatever the commands do."""
    return write(project / "out" / "2026" / "03" / "09" / "daily-2026-03-09.html", "<p>kept</p>\n")


@pytest.mark.parametrize(
    "command", [["jobs"], ["build"], ["collect"], ["send"], ["archive", "list"], ["archive", "search", "water"]]
)
def test_garbage_file_gives_a_clear_error(project: Path, archived: Path, capsys, command: list[str]) -> None:
    db = project / "out" / "briefing.db"
    db.write_bytes(garbage(64 * 1024, seed=1))
    code = main([*command, "--config", str(project / "config.yaml")])
    assert_clear_error(code, capsys.readouterr().err, db)
    assert archived.read_text(encoding="utf-8") == "<p>kept</p>\n"
    assert db.read_bytes() == garbage(64 * 1024, seed=1)  # left as it was, for whoever repairs it


def test_garbage_after_a_valid_header_in_a_real_process(project: Path, archived: Path) -> None:
    db = project / "out" / "briefing.db"
    db.write_bytes(b"SQLite format 3\x00" + garbage(16 * 1024, seed=2))
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "jobs", "--config", str(project / "config.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_clear_error(done.returncode, done.stderr, db)
    assert done.stdout == ""


def test_damaged_pages_of_a_real_database(project: Path, archived: Path, capsys) -> None:
    """A database that worked, then had every page after the first overwritten."""
    url = load_config(project / "config.yaml").settings.storage.url
    with Store.open(url) as store:
        for i in range(200):
            text = f"Body of article {i}. " * 40
            store.save_article(
                Article(
                    id=f"{i:016x}",
                    url=None,
                    source="s",
                    title=f"Title {i}",
                    text=text,
                    language="en",
                    published=None,
                    collected=_now(),
                    content_hash=f"{i:064x}",
                )
            )
    db = Path(url.removeprefix("sqlite:///"))
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    data = db.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    db.write_bytes(data[:page] + garbage(len(data) - page, seed=3))
    code = main(["archive", "list", "--config", str(project / "config.yaml")])
    assert_clear_error(code, capsys.readouterr().err, db)


def test_store_open_raises_store_error(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(garbage(4096, seed=4))
    with pytest.raises(StoreError) as info:
        Store.open(f"sqlite:///{db}")
    assert str(db) in str(info.value) and info.value.exit_code == 1


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
