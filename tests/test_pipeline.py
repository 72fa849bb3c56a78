"""The whole pipeline as a user runs it: build, collect, send, jobs and archive commands."""

from __future__ import annotations

import json
import socket
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.locks import job_lock
from briefing.store import Store

from .conftest import write
from .feedserver import FeedServer, LocalOnly
from .smtpserver import smtp_server

FIXTURE_FEEDS = Path(__file__).parent / "fixtures" / "feeds"

AR_SEED = """
    وزراء المياه يتفقون على صندوق مشترك في مسقط

    مسقط - اتفق وزراء المياه في دول الخليج يوم الخميس على إنشاء صندوق مشترك بقيمة 3.5 مليار دولار لتمويل مشاريع التحلية.

    وقال المتحدث باسم الاجتماع سالم الرواحي إن الصندوق "خطوة أولى نحو أمن مائي مستدام في المنطقة".

    وأضاف أن الدول الأعضاء ستقدم خططها التفصيلية خلال ستة أشهر، على أن تبدأ المشاريع الأولى العام المقبل.
"""
EN_SEED = """
    Floods close roads across southern Iraq

    BASRA - Heavy rain flooded streets across southern Iraq on Thursday, closing main roads and schools.

    "We have opened two shelters and more are ready," the provincial governor said in a statement.

    Forecasters expect more rain over the weekend, and the civil defence has asked residents to stay indoors.
"""


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded(project: Path) -> Path:
    write(project / "seeds" / "water.txt", AR_SEED)
    write(project / "seeds" / "floods.txt", EN_SEED)
    return project / "config.yaml"


def today_in(timezone: str) -> str:
    return datetime.now(ZoneInfo(timezone)).date().isoformat()


@pytest.mark.slow
def test_build_writes_archive_and_pdf_holds_the_news(seeded: Path, capsys) -> None:
    code, out, err = run(["build", "--config", str(seeded), "--json"], capsys)
    assert code == 0, err
    result = json.loads(out)
    day = today_in("Asia/Baghdad")
    folder = seeded.parent / "out" / day[:4] / day[5:7] / day[8:]
    assert result["articles"] == 2 and result["date"] == day
    for kind in ("html", "pdf", "json"):
        assert Path(result[kind]) == folder / f"daily-{day}.{kind}"
    assert Path(result["manifest"]) == folder / "manifest.json"

    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(Path(result["pdf"])).pages)
    assert "مسقط" in text and "صندوق" in text and "Floods close roads" in text

    html = Path(result["html"]).read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html and 'lang="en" dir="ltr"' in html

    manifest = json.loads(Path(result["manifest"]).read_text(encoding="utf-8"))
    entry = manifest["briefings"]["daily"]
    with Store.open(load_config(seeded).settings.storage.url) as store:
        stored = {
            a.content_hash
            for a in store.articles_between(
                datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")), datetime(2100, 1, 1, tzinfo=ZoneInfo("UTC"))
            )
        }
    assert {i["sha256"] for i in entry["inputs"]} == stored and len(stored) == 2
    assert entry["config_sha256"] == load_config(seeded).digest
    assert entry["versions"]["weasyprint"] and entry["versions"]["sumy"]
    index = (seeded.parent / "out" / "index.html").read_text(encoding="utf-8")
    assert f"daily-{day}.pdf" in index

    # Building again is safe: same files, nothing stored twice, both runs in the ledger.
    code, out2, _ = run(["build", "--config", str(seeded), "--json"], capsys)
    assert code == 0 and json.loads(out2)["articles"] == 2
    with Store.open(load_config(seeded).settings.storage.url) as store:
        assert store.count_articles() == 2
        builds = store.runs(job="daily", kind="build")
        assert [r["status"] for r in builds] == ["ok", "ok"] and builds[0]["counts"]["stories"] == 2


@pytest.mark.slow
def test_build_for_an_empty_day_says_so(seeded: Path, capsys) -> None:
    code, out, err = run(["build", "--config", str(seeded), "--date", "2001-01-01", "--json"], capsys)
    assert code == 0, err
    result = json.loads(out)
    assert result["articles"] == 0
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(Path(result["pdf"])).pages)
    assert "لا توجد أخبار" in text


def test_second_build_while_one_runs_is_refused(seeded: Path, capsys) -> None:
    config = load_config(seeded)
    with Store.open(config.settings.storage.url) as store, job_lock(store, config.settings, "build-daily"):
        code, _, err = run(["build", "--config", str(seeded)], capsys)
    assert code == 1 and "another run holds the lock" in err and "hint:" in err


def test_collect_reports_feeds_and_strict_fails(project: Path, capsys, monkeypatch) -> None:
    guard = LocalOnly()
    monkeypatch.setattr(socket, "getaddrinfo", guard.getaddrinfo)
    with FeedServer() as server:
        good = server.add("/iraq.xml", (FIXTURE_FEEDS / "iraq-ar.xml").read_bytes(), content_type="application/rss+xml")
        missing = server.url("/missing.xml")
        write(
            project / "jobs" / "daily.yaml",
            f"""
            name: daily
            sources:
              seeds: [../seeds]
              feeds:
                - {{url: "{good}", name: Iraq Wire, language: ar, timeout: 20}}
                - {{url: "{missing}", name: Gone, timeout: 20}}
        """,
        )
        config = str(project / "config.yaml")
        code, out, err = run(["collect", "--config", config], capsys)
        assert code == 0, err
        assert "feeds: 1 ok, 1 failed" in out and "new" in out
        assert f"failed: {missing}" in err
        code, out, err = run(["collect", "--config", config, "--strict"], capsys)
        assert code == 1 and "1 feed(s) failed (--strict)" in err
        assert ", 0 new" in out or "articles: 0 new" in out  # the second run stored nothing new
    assert guard.refused == [] or all(host.endswith(".example") for host in guard.refused)


@pytest.mark.slow
def test_send_jobs_and_archive_commands(seeded: Path, capsys, monkeypatch) -> None:
    with smtp_server() as (controller, handler):
        write(
            seeded,
            f"""
            output_dir: out
            storage: {{url: "sqlite:///out/briefing.db"}}
            smtp: {{host: 127.0.0.1, port: {controller.port}, sender: "briefing@example.org", retries: 0}}
        """,
        )
        config = str(seeded)
        assert run(["build", "--config", config], capsys)[0] == 0
        code, out, err = run(["send", "--config", config], capsys)
        assert code == 0 and "sent to 1 recipient(s)" in out, err
        code, out, _ = run(["send", "--config", config], capsys)
        assert code == 0 and out.startswith("not sent:") and "None" not in out
        assert run(["send", "--config", config, "--force"], capsys)[0] == 0
        assert len(handler.received) == 2
        message = handler.received[0].message
        assert "الموجز اليومي" in message["Subject"] and handler.received[0].rcpt_tos == ["team@example.org"]

    code, out, _ = run(["jobs", "--config", config], capsys)
    assert code == 0 and "daily" in out and "0 6 * * *" in out
    code, out, _ = run(["archive", "list", "--config", config], capsys)
    assert code == 0 and today_in("Asia/Baghdad") in out
    code, out, _ = run(["archive", "search", "مسقط", "--config", config], capsys)
    assert code == 0 and "مسقط" in out and "no matches" not in out
    code, out, _ = run(["archive", "search", "zzzunlikelyword", "--config", config], capsys)
    assert code == 0 and "no matches" in out
