"""Only http(s) links reach a reader: hostile feeds and seeds, checked at collection and at render."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.render import TEMPLATES, render_mail
from briefing.store import Store
from briefing.urls import check_link, href, local_href

from .conftest import write
from .feedserver import FeedServer, LocalOnly
from .smtpserver import smtp_server

HOSTILE = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "//evil.example/x",
    "///evil.example/x",
    "http:evil.example",
    "http:/evil.example",
    "https://",
    "http:\\\\evil.example",
    "http://ex\u202eample.org/",
    "http://exa mple.org/",
    "file:///etc/passwd",
    "mailto:someone@example.org",
    "http://[broken/",
]
SAFE = [
    ("https://news.example/a?b=1#c", "https://news.example/a?b=1#c"),
    ("HTTP://News.Example/x", "http://News.Example/x"),
    ("  https://news.example/x\n", "https://news.example/x"),
    ("http://127.0.0.1:8080/ar/خبر", "http://127.0.0.1:8080/ar/خبر"),
]


@pytest.mark.parametrize("value", HOSTILE)
def test_check_link_refuses_everything_but_absolute_http(value):
    checked = check_link(value)
    assert checked.url is None and checked.reason
    assert href(value) == ""


@pytest.mark.parametrize("value, expected", SAFE)
def test_check_link_keeps_http_and_https(value, expected):
    assert check_link(value).url == expected and check_link(value).reason is None


def test_no_link_is_no_reason_and_non_text_is_refused():
    assert check_link(None).reason is None and check_link("").reason is None
    assert check_link({"href": "x"}).reason == "not text but dict"


def test_local_links_inside_the_archive():
    for ok in ("#story-ab12", "#section-world news", "2026/03/09/daily-2026-03-09.pdf"):
        assert local_href(ok) == ok
    for bad in (
        "javascript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:x",
        "//evil.example/",
        "/etc/passwd",
        "data:text/html,x",
        "a:b/c",
        "",
    ):
        assert local_href(bad) is None, bad


def test_every_template_href_goes_through_the_filter():
    """A new template link that skips the `href` filter fails here."""
    for path in sorted(TEMPLATES.rglob("*.j2")):
        source = path.read_text(encoding="utf-8")
        filtered = set(re.findall(r"\{% set (\w+) = [^%]*\| href(?:\(local=True\))? %\}", source))
        attrs = re.findall(r"href=\"([^\"]*)\"", source)
        for attr in attrs:
            through = re.fullmatch(r"\{\{ .*\| href(\(local=True\))? \}\}", attr)
            named = re.fullmatch(r"\{\{ (\w+) \}\}", attr)
            assert through or (named and named.group(1) in filtered), f'{path.name}: href="{attr}"'


def test_site_pages_keep_only_local_links(tmp_path: Path):
    from briefing.archive import build_site

    story = {
        "id": "javascript:alert(1)",
        "title": "t",
        "language": "en",
        "sources": ["Wire"],
        "articles": [{"id": "a", "source": "Wire", "url": "javascript:alert(2)", "title": "t", "language": "en"}],
        "key_points": [{"article_id": "a", "text": "A point."}],
        "actors": [{"name": "Oman", "type": "place"}],
    }
    data = {
        "job": "daily",
        "date": "2026-03-09",
        "title": "t",
        "language": "en",
        "sections": [{"name": "main", "title": "Main", "stories": [story]}],
    }
    (tmp_path / "2026" / "03" / "09").mkdir(parents=True)
    (tmp_path / "2026" / "03" / "09" / "daily-2026-03-09.json").write_text(json.dumps(data), encoding="utf-8")
    build_site(tmp_path)
    for page in tmp_path.rglob("*.html"):
        for link in hrefs(page.read_text(encoding="utf-8")):
            assert not re.match(r"(?i)\s*(javascript|data|vbscript):|//", link), (page, link)


# --- end to end: hostile feeds and seeds, served and read for real ---------------------------


def hrefs(html: str) -> list[str]:
    return re.findall(r"href=\"([^\"]*)\"", html)


def assert_only_safe(links: list[str], where: str) -> None:
    for link in links:
        plain = link.replace("&amp;", "&")
        if plain.startswith("#") or plain == "":
            continue
        if local_href(plain) == plain and not urlsplit(plain).scheme and not plain.startswith("//"):
            continue  # a page of the archive site ("../../../actors/x.html")
        assert urlsplit(plain).scheme in ("http", "https") and check_link(plain).url == plain, (
            f"{where}: unsafe link {link!r}"
        )


def pdf_uris(path: Path) -> list[str]:
    uris = []
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get_object().get("/URI") is not None:
                uris.append(str(action.get_object()["/URI"]))
    return uris


SUBJECTS = [
    "water wells",
    "a new bridge",
    "school repairs",
    "the bus fleet",
    "grain silos",
    "solar farms",
    "street lights",
    "a hospital wing",
    "flood walls",
    "the fish market",
    "park benches",
    "a rail spur",
]
VERBS = ["approved", "delayed", "cancelled", "doubled", "questioned", "praised", "audited"]


def paragraph(n: int, topic: str) -> str:
    """A full-length body (no page fetch needed), different enough per entry not to be a duplicate."""
    first, second = SUBJECTS[n % len(SUBJECTS)], SUBJECTS[(n * 5 + 3) % len(SUBJECTS)]
    verb = VERBS[n % len(VERBS)]
    return (
        f"{topic} officials {verb} a plan for {first} on day {n}. "
        f"Residents of {topic} have waited {n + 3} years for {second}. "
        f"The governor of {topic} said {first} would cost {n * 7 + 11} million dinars. "
        f"Critics in {topic} asked why {second} came after {first}, and the council set a vote for week {n + 2}."
    )


def rss_feed(base: str, now: datetime) -> str:
    items = [
        (f"Rss story {i} about {t}", link, paragraph(i, t))
        for i, (t, link) in enumerate(
            [
                ("Basra", "javascript:alert('rss')"),
                ("Mosul", "JAVASCRIPT:alert(1)"),
                ("Erbil", " java&#x09;script:alert(1)"),
                ("Najaf", "data:text/html;base64,PHNjcmlwdD4="),
                ("Kirkuk", "&#x20;&#x0A;javascript:alert(1)"),
                ("Karbala", f"{base}/good/rss-ok"),
            ]
        )
    ]
    stamp = format_datetime(now)
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>g-{i}</guid>"
        f"<description>{text}</description><pubDate>{stamp}</pubDate></item>"
        for i, (t, link, text) in enumerate(items)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Rss Wire</title>{body}</channel></rss>'


def atom_feed(base: str, now: datetime) -> str:
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    entries = "".join(
        f"<entry><title>Atom story {i} about {t}</title><id>urn:a:{i}</id><updated>{stamp}</updated>"
        f'<link rel="alternate" href="{link}"/><content type="text">{paragraph(i + 10, t)}</content></entry>'
        for i, (t, link) in enumerate(
            [
                ("Dohuk", "JaVaScRiPt:alert(1)"),
                ("Samarra", "DATA:text/html,x"),
                ("Tikrit", "vbscript:msgbox(1)"),
                ("Hilla", f"{base}/good/atom-ok"),
            ]
        )
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom Wire</title><id>urn:a</id><updated>{stamp}</updated>{entries}</feed>"
    )


def json_feed(base: str, now: datetime) -> str:
    items = [
        {
            "id": f"j{i}",
            "title": f"Json story {i} about {t}",
            "url": link,
            "content_text": paragraph(i + 20, t),
            "date_published": now.isoformat(),
        }
        for i, (t, link) in enumerate(
            [
                ("Amarah", "javascript:alert(1)"),
                ("Kut", "\tjavascript:x"),
                ("Ramadi", {"evil": "object"}),
                ("Fallujah", f"{base}/good/json-ok"),
            ]
        )
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Json Wire", "items": items})


HOSTILE_SEEDS = {
    "s1.md": "javascript:alert('seed')",
    "s2.md": "JAVASCRIPT:alert(1)",
    "s3.md": "' javascript:alert(1)'",
    "s4.md": "data:text/html;base64,PHNjcmlwdD4=",
    "s5.md": '"java\\tscript:alert(1)"',
    "s6.md": "//evil.example/x",
    "s7.md": "https://seed.example/ok",
}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_hostile_links_never_reach_html_pdf_index_or_mail(project: Path, capsys, monkeypatch, caplog):
    guard = LocalOnly()
    monkeypatch.setattr(socket, "getaddrinfo", guard.getaddrinfo)
    now = datetime.now(UTC).replace(microsecond=0)
    for n, (name, url) in enumerate(HOSTILE_SEEDS.items()):
        topic = ["Nasiriyah", "Diwaniyah", "Kufa", "Zakho", "Sinjar", "Baqubah", "Halabja"][n]
        write(
            project / "seeds" / name,
            f"---\ntitle: Seed story {n} about {topic}\nurl: {url}\n---\n{paragraph(n + 30, topic)}\n",
        )
    with FeedServer() as server, smtp_server() as (smtp, handler):
        base = server.url("")
        feeds = {
            "/rss.xml": (rss_feed(base, now), "application/rss+xml"),
            "/atom.xml": (atom_feed(base, now), "application/atom+xml"),
            "/feed.json": (json_feed(base, now), "application/feed+json"),
        }
        for path, (body, kind) in feeds.items():
            server.add(path, body, content_type=kind)
        write(
            project / "config.yaml",
            f"""
            timezone: UTC
            output_dir: out
            storage: {{url: "sqlite:///out/briefing.db"}}
            jobs_dir: jobs
            smtp: {{host: 127.0.0.1, port: {smtp.port}, sender: "briefing@example.org", retries: 0}}
        """,
        )
        feed_lines = "\n".join(
            f'        - {{url: "{server.url(p)}", language: en, timeout: 5, fulltext: false}}' for p in feeds
        )
        write(
            project / "jobs" / "daily.yaml",
            f"""
            name: daily
            title: Daily
            language: en
            schedule: {{cron: "0 6 * * *", timezone: UTC}}
            sources:
              seeds: [../seeds]
              feeds:
{feed_lines}
            recipients: {{to: ["team@example.org"]}}
        """.replace("\n            ", "\n"),
        )
        config = str(project / "config.yaml")
        code, out, err = run(["collect", "--config", config], capsys)
        assert code == 0, err
        # each refused feed link is reported with its reason; the articles are kept
        assert err.count("warning: ") == err.count("link of entry") == 5 + 3 + 3, err
        assert "scheme 'javascript' is not allowed" in err and "not text but dict" in err
        assert "21 new" in out, out
        seed_reasons = [r.getMessage() for r in caplog.records if "url dropped" in r.getMessage()]
        assert len(seed_reasons) == 6 and any("s6.md" in m and "not an absolute" in m for m in seed_reasons)
        code, out, err = run(["build", "--config", config, "--json"], capsys)
        assert code == 0, err
        result = json.loads(out)
        code, out, err = run(["send", "--config", config], capsys)
        assert code == 0, err

    html = Path(result["html"]).read_text(encoding="utf-8")
    for topic in ("Basra", "Dohuk", "Amarah", "Nasiriyah", "Hilla"):
        assert topic in html  # hostile entries kept, without their links
    links = hrefs(html)
    assert f"{base}/good/rss-ok" in links and f"{base}/good/atom-ok" in links and "https://seed.example/ok" in links
    assert_only_safe(links, "archived HTML")
    assert not re.search(r"(?i)javascript|data:text|vbscript|evil\.example", html)

    uris = pdf_uris(Path(result["pdf"]))
    assert f"{base}/good/json-ok" in uris  # the PDF does carry links: the check below means something
    assert all(check_link(u).url == u and u.startswith(("http://", "https://")) for u in uris), uris

    data = json.loads(Path(result["json"]).read_text(encoding="utf-8"))
    urls = [a["url"] for s in data["sections"] for st in s["stories"] for a in st["articles"]]
    assert all(u is None or check_link(u).url == u for u in urls) and None in urls

    index = hrefs((project / "out" / "index.html").read_text(encoding="utf-8"))
    assert index and all(local_href(link) == link for link in index), index

    [mail] = handler.received
    parts = {p.get_content_type(): p.get_content() for p in mail.message.walk() if p.get_content_maintype() == "text"}
    mail_links = hrefs(parts["text/html"])
    assert "https://seed.example/ok" in mail_links
    assert_only_safe(mail_links, "mail HTML")
    assert not re.search(r"(?i)javascript|vbscript|evil\.example", parts["text/html"] + parts["text/plain"])
    assert guard.refused == []

    with Store.open(load_config(config).settings.storage.url) as store:
        stored = store.articles_between(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    assert len(stored) == 21 and sum(a.url is None for a in stored) == 17


def test_a_link_stored_before_the_rule_is_dropped_at_render(tmp_path: Path):
    """Render does not trust the store: an old row with a javascript: URL gets no link."""
    from briefing.compose import compose_briefing
    from briefing.config import JobConfig
    from briefing.render import render_html, render_pdf

    from .briefing_samples import DAY, analysis_of, article

    good = article(
        "Wire",
        "Talks resume in Muscat",
        ["The talks resumed on Tuesday.", "Both sides came."],
        language="en",
        url="https://wire.example/talks",
    )
    bad = article(
        "Other",
        "Floods in Basra",
        ["Rain flooded Basra.", "Schools closed."],
        language="en",
        url="JAVASCRIPT:alert(document.cookie)",
    )
    data_url = article(
        "Third",
        "Port reopens in Umm Qasr",
        ["The port reopened.", "Ships came."],
        language="en",
        url="data:text/html;base64,PHNjcmlwdD4=",
    )
    arts = [good, bad, data_url]
    job = JobConfig(name="daily", title="Daily", language="en")
    briefing = compose_briefing(job, DAY, arts, {a.id: analysis_of(a) for a in arts}, sources={}, timezone="UTC")
    html = render_html(briefing)
    assert "https://wire.example/talks" in hrefs(html) and "Floods in Basra" in html
    assert not re.search(r"(?i)javascript|data:text", html)
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(render_pdf(html, attachment=b"{}", attachment_name="b.json"))
    assert pdf_uris(pdf) and all(u.startswith("https://wire.example") for u in pdf_uris(pdf))


def test_mail_html_drops_unsafe_links_of_an_old_archive():
    """An archive written before the link rule still goes out without its unsafe links."""
    urls = [
        "JAVASCRIPT:alert(1)",
        " java\tscript:alert(2)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "https://ok.example/a?x=1&y=2",
        "//evil.example/",
    ]
    story = {
        "id": "s1",
        "title": "t",
        "language": "en",
        "sources": ["Wire"],
        "articles": [
            {"id": f"a{n}", "source": f"Wire {n}", "url": url, "title": "t", "language": "en"}
            for n, url in enumerate(urls)
        ],
        "key_points": [{"article_id": f"a{n}", "text": f"Point {n}."} for n in range(len(urls))],
    }
    html, text = render_mail(
        {
            "job": "daily",
            "date": "2026-03-09",
            "title": "t",
            "language": "en",
            "sections": [{"name": "main", "title": "Main", "stories": [story]}],
        }
    )
    assert hrefs(html) == ["https://ok.example/a?x=1&amp;y=2"]
    assert not re.search(r"(?i)script:|data:text|evil\.example", html)
    for n in range(len(urls)):
        assert f"Point {n}." in html and f"Wire {n}" in html
