"""The archive: layout, manifest, atomic writes, index.html, full-text search, retention."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing import archive, atomic
from briefing.atomic import write_atomic
from briefing.compose import compose_briefing, story_key
from briefing.render import briefing_dict
from briefing.store import Store

from .briefing_samples import DAY, event_articles, job, ten_source_story


@pytest.fixture
def store(any_store):
    return any_store


def _archive(out: Path, store: Store, day: date, arts_and_analyses=None) -> dict:
    arts, analyses = arts_and_analyses or event_articles()
    briefing = compose_briefing(job(), day, arts, analyses, sources={}, timezone="UTC")
    data = briefing_dict(briefing)
    files = {"html": b"<html></html>", "pdf": b"%PDF-1.7", "json": json.dumps(data).encode()}
    paths = archive.write_briefing(out, "daily", day, files, {"config_hash": "abc", "inputs": [a.id for a in arts]})
    store.record_briefing(
        "daily",
        day,
        paths={k: str(v) for k, v in paths.items()},
        stats=briefing.stats,
        article_ids=[a.id for a in arts],
        story_keys=[story_key(s) for sec in briefing.sections for s in sec.stories],
    )
    archive.index_briefing(store, "daily", day, data)
    return paths


def test_layout_manifest_and_atomic_writes(tmp_path):
    files = {"html": b"<html>", "pdf": b"%PDF", "json": b"{}"}
    paths = archive.write_briefing(tmp_path, "daily", DAY, files, {"config_hash": "abc"})
    folder = tmp_path / "2024" / "03" / "12"
    assert paths["html"] == folder / "daily-2024-03-12.html"
    assert paths["pdf"].read_bytes() == b"%PDF" and paths["json"].read_bytes() == b"{}"
    archive.write_briefing(tmp_path, "evening", DAY, {"json": b"[]"}, {"config_hash": "def"})
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["briefings"]["daily"]["config_hash"] == "abc"
    assert manifest["briefings"]["daily"]["files"]["pdf"] == "daily-2024-03-12.pdf"
    assert manifest["briefings"]["evening"]["files"] == {"json": "evening-2024-03-12.json"}
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    write_atomic(target, b"old")

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_index_lists_every_briefing(tmp_path, store):
    for offset in range(3):
        _archive(tmp_path, store, DAY - timedelta(days=offset))
    counts = archive.build_site(tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert counts["days"] == 3
    for offset in range(3):
        day = DAY - timedelta(days=offset)
        assert f'href="{day:%Y/%m/%d}/daily-{day}.pdf"' in html and f'href="{day:%Y/%m/%d}/daily-{day}.html"' in html
    assert html.index("2024-03-12") < html.index("2024-03-10")
    rows = archive.list_archive(store)
    assert [r["date"] for r in rows] == ["2024-03-12", "2024-03-11", "2024-03-10"]
    assert archive.show(store, "daily", DAY)["date"] == "2024-03-12"


def test_search_key_points_and_actors(tmp_path, store):
    _archive(tmp_path, store, DAY)
    _archive(tmp_path, store, DAY - timedelta(days=1), ten_source_story())
    hits = archive.search(store, "الهدنة")
    assert hits and all(h["date"] == "2024-03-12" for h in hits)
    # Hamza and clitics: "الموازنه" (folded) finds "الموازنة"; stems match.
    assert {h["date"] for h in archive.search(store, "الموازنه")} == {"2024-03-11"}
    assert archive.search(store, "بغداد", job="daily")
    assert not archive.search(store, "بغداد", job="other")
    actors = [h for h in archive.search(store, "السوداني") if h["kind"] == "actor"]
    assert actors and actors[0]["text"] == "محمد شياع السوداني"
    assert archive.search(store, "ceasefire") or archive.search(store, "truce")
    assert archive.search(store, "هدنة غير موجودة كلمة") == []
    assert len(archive.search(store, "بغداد", limit=2)) == 2
    # Re-indexing a day replaces its rows.
    before = len(archive.search(store, "بغداد", limit=100))
    _archive(tmp_path, store, DAY)
    assert len(archive.search(store, "بغداد", limit=100)) == before


def test_retention_removes_old_days_files_and_rows(tmp_path, store):
    for offset in (0, 10, 40):
        _archive(tmp_path, store, DAY - timedelta(days=offset))
    stray = archive.day_dir(tmp_path, DAY - timedelta(days=90))
    stray.mkdir(parents=True)
    (stray / "daily-2023-12-13.pdf").write_bytes(b"%PDF")
    (stray / "notes.txt").write_text("keep me")
    removed = archive.apply_retention(store, tmp_path, 30, DAY)
    assert removed == [("daily", DAY - timedelta(days=40))]
    assert [r["date"] for r in archive.list_archive(store)] == ["2024-03-12", "2024-03-02"]
    assert not archive.day_dir(tmp_path, DAY - timedelta(days=40)).exists()
    assert archive.day_dir(tmp_path, DAY - timedelta(days=10)).exists()
    assert not (stray / "daily-2023-12-13.pdf").exists() and (stray / "notes.txt").exists()
    assert {h["date"] for h in archive.search(store, "بغداد", limit=100)} <= {"2024-03-12", "2024-03-02"}
    assert archive.apply_retention(store, tmp_path, None, DAY) == []
