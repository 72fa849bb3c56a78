"""Seed folders: text, Markdown with front matter, HTML; bad files skipped with a reason."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from briefing.sources.seeds import read_seed_folders
from briefing.store import Store

from .conftest import shared_path, write

ARABIC = """
    محادثات جديدة حول المياه في مسقط

    قال وزير المياه إن الاجتماع «بنّاء ومثمر»، وأضاف أن اللجان ستجتمع مجدداً.

    وأكد المتحدث أن التمويل جاهز.
"""


def test_text_seed_headline_and_body(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", ARABIC)
    [article] = read_seed_folders([tmp_path / "s"]).articles
    assert article.title == "محادثات جديدة حول المياه في مسقط"
    assert article.text.startswith("قال وزير المياه") and "\n\nوأكد المتحدث" in article.text
    assert article.language == "ar" and article.source == "s" and article.published is None


def test_markdown_front_matter(tmp_path: Path) -> None:
    write(
        tmp_path / "s" / "b.md",
        """
        ---
        title: Ministers agree on a water fund
        date: 2026-11-27T10:00:00+04:00
        source: Example Wire
        url: https://example.org/en/water
        ---
        MUSCAT - Ministers agreed on Thursday to set up a joint fund.

        "This is a first step," the spokesman said.
    """,
    )
    [article] = read_seed_folders([tmp_path / "s"]).articles
    assert (article.title, article.source, article.url) == (
        "Ministers agree on a water fund",
        "Example Wire",
        "https://example.org/en/water",
    )
    assert article.published == datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    assert article.text.startswith("MUSCAT - Ministers") and article.language == "en"


def test_markdown_without_front_matter_uses_first_line(tmp_path: Path) -> None:
    write(tmp_path / "s" / "c.md", "# Floods close roads in Basra\n\nHeavy rain flooded streets on Monday.\n")
    [article] = read_seed_folders([tmp_path / "s"]).articles
    assert article.title == "Floods close roads in Basra"


def test_html_seed(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {i} of the election report, with turnout figures and a statement.</p>" for i in range(6)
    )
    write(
        tmp_path / "s" / "d.html",
        f"""
        <html><head><title>Lebanon votes in municipal by-elections</title>
        <script>track()</script></head>
        <body><article><h1>Lebanon votes in municipal by-elections</h1>{body}</article></body></html>
    """,
    )
    report = read_seed_folders([tmp_path / "s"])
    [article] = report.articles
    assert article.title == "Lebanon votes in municipal by-elections"
    assert "Paragraph 3 of the election report" in article.text and "track()" not in article.text


def test_bad_files_are_skipped_with_reasons(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "s"
    write(folder / "good.txt", "Headline\n\nA body sentence.\n")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00 zip bytes")
    (folder / "latin1.txt").write_bytes("Caf\xe9 news\n\nbody".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"x" * 2000)
    write(folder / "empty.md", "---\ntitle: Only a title\n---\n")
    write(folder / "broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    write(folder / "notes.csv", "ignored,because,suffix\n")
    report = read_seed_folders([folder, tmp_path / "missing"], max_bytes=1000)
    assert [a.title for a in report.articles] == ["Headline"]
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert reasons["binary.txt"] == "binary file (contains NUL bytes)"
    assert reasons["latin1.txt"].startswith("not UTF-8 text")
    assert reasons["huge.txt"] == "too large (2,000 bytes, limit 1,000)"
    assert reasons["empty.md"] == "no headline or no body text"
    assert reasons["broken.md"].startswith("front matter is not valid YAML")
    assert reasons["missing"] == "seed folder does not exist"
    assert "notes.csv" not in reasons


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "s" / "locked.txt", "Headline\n\nbody\n")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    report = read_seed_folders([tmp_path / "s"])
    assert report.articles == [] and report.skipped[0][1] == "cannot read: Permission denied"


def test_unicode_is_normalised(tmp_path: Path) -> None:
    # "é" as e + combining accent, a zero-width space and CRLF line ends
    write(tmp_path / "s" / "n.txt", "Cafe\u0301 talks\r\n\r\nA\u200b body.\r\n")
    [article] = read_seed_folders([tmp_path / "s"]).articles
    assert article.title == "Caf\u00e9 talks" and article.text == "A body."


def test_seen_file_is_not_stored_again(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", ARABIC)
    with Store.open(f"sqlite:///{tmp_path}/db.sqlite") as store:
        outcomes = [store.save_article(a)[0] for _ in range(2) for a in read_seed_folders([tmp_path / "s"]).articles]
        assert outcomes == ["new", "duplicate"] and store.count_articles() == 1


def test_shared_arabic_seed_reads() -> None:
    folder = shared_path("seeds")
    [article] = read_seed_folders([folder]).articles
    assert article.title == "قصف متبادل بين قوات أميركية وميليشيات إيرانية في سوريا"
    assert article.language == "ar" and "بلينكن" in article.text
