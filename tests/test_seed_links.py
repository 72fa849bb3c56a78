"""Symlinks and special files in seed folders: never followed out, never read blindly, always explained."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.sources.seeds import read_seed_folders

from .conftest import write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A seed folder with one good file, and a secret outside it."""
    seeds = tmp_path / "seeds"
    write(seeds / "good.txt", "Good headline\n\nA body sentence about the port.\n")
    write(seeds / "sub" / "inner.txt", "Inner headline\n\nA body sentence about the bridge.\n")
    write(tmp_path / "secret" / "passwd.txt", "root:x:0:0:root\n\nbin:x:1:1:bin\n")
    return seeds


def reasons(folder: Path, caplog) -> dict[str, str]:
    with caplog.at_level(logging.WARNING, logger="briefing.sources.seeds"):
        report = read_seed_folders([folder])
    skipped = {Path(p).name: r for p, r in report.skipped}
    for name, reason in skipped.items():  # every skip is logged with its reason
        assert any(name in m and reason in m for m in caplog.messages), (name, caplog.messages)
    return {"titles": sorted(a.title for a in report.articles), **skipped}


def test_link_out_of_the_folder_is_not_followed(folder: Path, caplog) -> None:
    (folder / "passwd.txt").symlink_to(folder.parent / "secret" / "passwd.txt")
    (folder / "system.txt").symlink_to("/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd")
    (folder / "up.md").symlink_to("../secret/passwd.txt")
    got = reasons(folder, caplog)
    assert got["titles"] == ["Good headline", "Inner headline"]
    for name in ("passwd.txt", "system.txt", "up.md"):
        assert got[name].startswith("link leads out of the seed folder"), got[name]


def test_link_inside_the_folder_is_read_once(folder: Path, caplog) -> None:
    (folder / "again.txt").symlink_to("sub/inner.txt")
    got = reasons(folder, caplog)
    # the link names a file of the folder: read as any other file (dedup sees the copy)
    assert got["titles"] == ["Good headline", "Inner headline", "Inner headline"]


def test_link_loop_and_dangling_link_are_skipped_with_reasons(folder: Path, caplog) -> None:
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    got = reasons(folder, caplog)
    assert got["titles"] == ["Good headline", "Inner headline"]
    for name in ("loop.txt", "a.md", "b.md"):
        assert got[name] == "link loop", got[name]
    assert got["gone.txt"] == "dangling link (its target does not exist)"


def test_devices_and_fifos_are_skipped_not_read(folder: Path, caplog) -> None:
    (folder / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    (folder / "null.md").symlink_to("/dev/null")
    os.mkfifo(folder / "pipe.txt")  # opening it would block forever
    got = reasons(folder, caplog)
    assert got["titles"] == ["Good headline", "Inner headline"]
    assert got["pipe.txt"] == "not a regular file (a FIFO)"
    assert got["zero.txt"].startswith("link leads out of the seed folder")
    assert got["null.md"].startswith("link leads out of the seed folder")


def test_device_inside_the_folder_tree_is_not_read(tmp_path: Path, caplog) -> None:
    """A seed folder that is itself under /dev-like places: the file type is checked, not only the path."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.mkfifo(seeds / "inbox.md")
    got = reasons(seeds, caplog)
    assert got == {"titles": [], "inbox.md": "not a regular file (a FIFO)"}


def test_linked_folders_are_not_walked(folder: Path, caplog) -> None:
    (folder / "etc").symlink_to("/etc")
    (folder / "mirror").symlink_to("sub")
    got = reasons(folder, caplog)
    assert got["titles"] == ["Good headline", "Inner headline"]
    assert got["etc"].startswith("link leads out of the seed folder")
    assert got["mirror"] == "link to a folder (not followed; its files are read where they are)"


def test_summarize_refuses_a_fifo(tmp_path: Path) -> None:
    """Opening a FIFO blocks until a writer comes: a real process, with a generous hang guard."""
    os.mkfifo(tmp_path / "pipe.txt")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "summarize", str(tmp_path / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "not a regular file (a FIFO)" in done.stderr, done.stderr
