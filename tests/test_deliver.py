"""Email delivery against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.deliver import notify_operator, send_briefing
from briefing.errors import DeliveryError
from briefing.render.mail import HTML_LIMIT, render_mail
from briefing.store import Store

from .smtpserver import Handler, free_port, self_signed_cert, smtp_server, write_config

DAY = date(2026, 3, 9)
TITLE = "الموجز اليومي"
PDF = b"%PDF-1.7\n% fabricated for the test \xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def story(n: int, filler: str = "") -> dict:
    return {
        "id": f"s{n}",
        "title": f"خبر رقم {n}",
        "language": "ar",
        "sources": ["وكالة", "BBC"],
        "articles": [
            {
                "id": f"a{n}",
                "source": "BBC" if n % 2 else "وكالة",
                "url": f"https://news.example/{n}",
                "title": f"خبر رقم {n}",
                "language": "ar",
            }
        ],
        "key_points": [{"article_id": f"a{n}", "text": f"النقطة الأولى للخبر {n}. {filler}".strip()}],
        "actors": [{"name": "مسقط", "type": "place", "role": None}],
    }


def briefing_json(stories: list[dict], language: str = "ar") -> dict:
    return {
        "job": "daily",
        "title": TITLE,
        "date": DAY.isoformat(),
        "language": language,
        "sections": [{"name": "main", "title": "أهم الأخبار", "stories": stories}],
    }


def archive(store: Store, folder: Path, *, data: dict | None = None, with_json: bool = True) -> dict:
    """Fabricate what `briefing build` would have archived for DAY."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "html": folder / "daily-2026-03-09.html",
        "pdf": folder / "daily-2026-03-09.pdf",
        "json": folder / "daily-2026-03-09.json",
    }
    paths["html"].write_text("<!DOCTYPE html><html><body>the archived page</body></html>", encoding="utf-8")
    paths["pdf"].write_bytes(PDF)
    data = data or briefing_json([story(1), story(2)])
    paths["json"].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stored = {k: str(v) for k, v in paths.items() if with_json or k != "json"}
    store.record_briefing("daily", DAY, paths=stored, stats={}, article_ids=[], story_keys=[])
    return stored


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Returns make(smtp=..., **settings) -> (config, store) with an archived briefing."""
    opened: list[Store] = []

    def make(smtp: dict, data: dict | None = None, with_json: bool = True, **settings):
        path = write_config(
            tmp_path,
            settings={"smtp": smtp, **settings},
            jobs={
                "daily": {
                    "title": TITLE,
                    "language": "ar",
                    "schedule": {"cron": "0 6 * * *", "timezone": "Asia/Baghdad"},
                    "recipients": {
                        "to": ["team@example.org", "chief@example.org"],
                        "cc": ["desk@example.org"],
                        "bcc": ["archive@example.org"],
                    },
                }
            },
        )
        config = load_config(path)
        store = Store.open(config.settings.storage.url)
        opened.append(store)
        archive(store, tmp_path / "out" / "2026" / "03" / "09", data=data, with_json=with_json)
        return config, store

    yield make
    for store in opened:
        store.close()


def plain(port: int, **extra) -> dict:
    return {"host": "127.0.0.1", "port": port, "sender": "briefing@news.example.org", "timeout": 30, **extra}


def test_message_structure_headers_and_rtl(setup):
    with smtp_server() as (server, handler):
        config, store = setup(plain(server.port))
        result = send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)

    assert result.status == "sent" and result.attempts == 1
    [got] = handler.received
    assert sorted(got.rcpt_tos) == sorted(
        ["team@example.org", "chief@example.org", "desk@example.org", "archive@example.org"]
    )
    msg = got.message
    # structure: mixed{ alternative{ plain, html }, pdf }
    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = msg.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html"]
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "daily-2026-03-09.pdf"
    assert attachment.get_content() == PDF == Path(store.briefing("daily", DAY)["paths"]["pdf"]).read_bytes()

    text, html = (p.get_content() for p in alternative.get_payload())
    assert "النقطة الأولى للخبر 1." in text and "أهم الأخبار" in text and "BBC" in text
    assert '<html lang="ar" dir="rtl">' in html
    assert 'dir="rtl" lang="ar"' in html  # repeated on a wrapper: webmail drops <html> attributes
    assert "<style" not in html and "@font-face" not in html and "<script" not in html
    assert re.search(r'<h3 style="[^"]+">خبر رقم 2</h3>', html)  # styles inlined into the elements
    assert '<a class="cite" href="https://news.example/1" style="' in html

    # headers
    raw_subject = re.search(rb"(?m)^Subject: (.*(?:\r\n[ \t].*)*)", got.data).group(1)
    assert raw_subject.isascii() and b"=?utf-8?" in raw_subject  # RFC 2047 on the wire
    assert str(make_header(decode_header(msg["Subject"]))) == f"{TITLE} — 2026-03-09"
    assert msg["Message-ID"] == result.message_id and result.message_id.endswith("@news.example.org>")
    assert msg["Date"] and msg["Date"].datetime.utcoffset().total_seconds() == 3 * 3600  # Asia/Baghdad
    assert msg["To"] == "team@example.org, chief@example.org" and msg["Cc"] == "desk@example.org"
    assert "archive@example.org" not in got.data.decode("utf-8", "replace")  # bcc: envelope only
    assert msg["From"].addresses[0].display_name == TITLE

    row = store.delivery("daily", DAY)
    assert row["status"] == "sent" and row["message_id"] == result.message_id and row["attempts"] == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # the smtps server is all TLS
@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "smtps"])
def test_tls_and_auth_with_password_from_environment(setup, tmp_path, monkeypatch, implicit_tls):
    cert = self_signed_cert(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))  # trust the test certificate
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret-word")
    with smtp_server(cert=cert, implicit_tls=implicit_tls, users={"robot": "s3cret-word"}) as (server, handler):
        tls = {"ssl": True} if implicit_tls else {"starttls": True}
        config, store = setup(plain(server.port, username="robot", password_env="TEST_SMTP_PASSWORD", **tls))
        result = send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)
    assert result.status == "sent"
    assert [r.login for r in handler.received] == ["robot"]


def test_wrong_password_is_a_permanent_failure(setup, tmp_path, monkeypatch):
    cert = self_signed_cert(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
    with smtp_server(cert=cert, users={"robot": "right"}) as (server, handler):
        config, store = setup(
            plain(server.port, username="robot", starttls=True, password_env="TEST_SMTP_PASSWORD", retries=3)
        )
        with pytest.raises(DeliveryError, match="535"):
            send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)
    row = store.delivery("daily", DAY)
    assert row["status"] == "failed" and row["attempts"] == 1 and "535" in row["error"]


def test_untrusted_certificate_is_a_permanent_failure(setup, tmp_path, monkeypatch):
    cert = self_signed_cert(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-ca.pem"))  # the test cert is not trusted
    with smtp_server(cert=cert) as (server, handler):
        config, store = setup(plain(server.port, starttls=True, retries=3))
        with pytest.raises(DeliveryError, match="permanent failure: SSLCertVerificationError"):
            send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)
    assert handler.received == [] and store.delivery("daily", DAY)["attempts"] == 1


def test_missing_password_variable_fails_with_hint(setup, monkeypatch):
    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    config, store = setup(plain(free_port(), username="robot", password_env="NO_SUCH_PASSWORD"))
    with pytest.raises(DeliveryError, match="NO_SUCH_PASSWORD") as caught:
        send_briefing(config.settings, config.job("daily"), DAY, store=store)
    assert "export NO_SUCH_PASSWORD" in caught.value.hint
    assert store.delivery("daily", DAY)["status"] == "failed"


def test_server_down_is_retried_with_backoff_then_recorded(setup):
    config, store = setup(plain(free_port(), retries=3))  # nothing listens there
    started = time.monotonic()
    with pytest.raises(DeliveryError, match="gave up after 4 attempts"):
        send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.05)
    assert time.monotonic() - started >= 0.05 + 0.1 + 0.2  # 3 waits, doubling
    row = store.delivery("daily", DAY)
    assert row["status"] == "failed" and row["attempts"] == 4 and "ConnectionRefusedError" in row["error"]


def test_temporary_reply_is_retried(setup):
    with smtp_server(Handler(replies=["451 4.3.0 try again later"])) as (server, handler):
        config, store = setup(plain(server.port, retries=2))
        result = send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)
    assert result.status == "sent" and result.attempts == 2 and len(handler.received) == 1


def test_permanent_reply_fails_at_once(setup):
    with smtp_server(Handler(replies=["554 5.7.1 rejected"])) as (server, handler):
        config, store = setup(plain(server.port, retries=3))
        with pytest.raises(DeliveryError, match="permanent failure: 554"):
            send_briefing(config.settings, config.job("daily"), DAY, store=store, backoff=0.01)
    assert handler.attempts == 1
    assert store.delivery("daily", DAY)["attempts"] == 1


def test_second_send_is_refused_unless_forced(setup):
    with smtp_server() as (server, handler):
        config, store = setup(plain(server.port))
        job = config.job("daily")
        first = send_briefing(config.settings, job, DAY, store=store)
        again = send_briefing(config.settings, job, DAY, store=store)
        assert again.status == "skipped" and "already sent" in again.reason
        assert again.message_id == first.message_id and len(handler.received) == 1
        forced = send_briefing(config.settings, job, DAY, store=store, force=True)
    assert forced.status == "sent" and forced.message_id != first.message_id
    assert len(handler.received) == 2
    assert store.delivery("daily", DAY)["message_id"] == forced.message_id


def test_no_archived_briefing_says_build_first(setup):
    config, store = setup(plain(free_port()))
    with pytest.raises(DeliveryError, match="no briefing archived") as caught:
        send_briefing(config.settings, config.job("daily"), date(2026, 3, 10), store=store)
    assert "briefing build" in caught.value.hint


def test_large_day_is_mailed_with_fewer_stories_not_cut_html(setup):
    filler = "نص طويل يملأ الخبر. " * 60  # ~2 KB of UTF-8 per story
    data = briefing_json([story(n, filler) for n in range(1, 41)])
    with smtp_server() as (server, handler):
        config, store = setup(plain(server.port), data=data)
        send_briefing(config.settings, config.job("daily"), DAY, store=store)
    alternative, attachment = handler.received[0].message.get_payload()
    text, html = (p.get_content() for p in alternative.get_payload())
    assert len(html.encode("utf-8")) <= HTML_LIMIT
    assert ">خبر رقم 1<" in html and ">خبر رقم 40<" not in html
    assert html.count('<div class="story"') == html.count("النقطة الأولى للخبر")  # whole stories only
    assert "الموجز الكامل في ملف PDF المرفق" in html
    assert "خبر رقم 40" in text  # the text part has every story
    assert attachment.get_content() == PDF


def test_forty_story_day_fits_the_budget_without_trimming_and_reads_in_a_terminal():
    data = briefing_json(
        [story(n, "Ministers met in Muscat on Thursday and agreed a fund.") for n in range(1, 41)], language="en"
    )
    html, text = render_mail(data)
    assert len(html.encode("utf-8")) < HTML_LIMIT and html.count('<div class="story"') == 40
    assert '<html lang="en" dir="ltr">' in html and "<style" not in html
    assert not re.search(r"<(link|img|script|iframe)\b|url\(", html)  # nothing is fetched by the reader
    lines = text.splitlines()
    assert lines[0] == f"{TITLE} — 2026-03-09"
    at = lines.index("* خبر رقم 1")
    assert lines[at + 1 : at + 3] == [
        "  - النقطة الأولى للخبر 1. Ministers met in Muscat on Thursday and agreed a",
        "    fund. (BBC)",
    ]
    assert "<" not in text and "&amp;" not in text and "&#" not in text
    assert max(len(line) for line in lines) <= 80


def test_notify_operator(tmp_path):
    with smtp_server() as (server, handler):
        path = write_config(tmp_path, settings={"smtp": plain(server.port), "operator_email": "ops@example.org"})
        settings = load_config(path).settings
        assert notify_operator(settings, "daily missed", "الموجز لم يُرسل") is True
    [got] = handler.received
    assert got.rcpt_tos == ["ops@example.org"]
    assert got.message["Subject"] == "[briefing] daily missed"
    assert got.message.get_content_type() == "text/plain" and "الموجز لم يُرسل" in got.message.get_content()
    unset = load_config(write_config(tmp_path / "b", settings={"smtp": plain(server.port)})).settings
    assert notify_operator(unset, "x", "y") is False
