"""The archive as a static site under out/: the index by month, search, actor pages and
story threads. Everything is built from the archived briefing JSON files alone, so the
site can be rebuilt from out/ and served by any static web server."""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from briefing.archive.layout import DAY_FILE
from briefing.atomic import write_atomic

log = logging.getLogger(__name__)

ASSETS = "assets"


@dataclass(frozen=True)
class Day:
    """One archived briefing: its JSON and where its files are, relative to out/."""

    job: str
    date: str
    data: dict
    folder: str  # "2018/05/08"

    def href(self, kind: str) -> str:
        return f"{self.folder}/{self.job}-{self.date}.{kind}"

    @property
    def stories(self) -> list[dict]:
        return [story for section in self.data.get("sections") or [] for story in section.get("stories") or []]


def load_days(output_dir: Path) -> list[Day]:
    """Every archived briefing under `output_dir`, oldest first; unreadable files are
    skipped with the reason logged."""
    days = []
    for path in sorted(Path(output_dir).glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*.json")):
        match = DAY_FILE.match(path.name)
        if not match or not path.name.endswith(".json"):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("archive site: skipped %s: %s", path, exc)
            continue
        if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
            log.warning("archive site: skipped %s: not a briefing", path)
            continue
        folder = path.parent.relative_to(output_dir).as_posix()
        days.append(Day(match.group("job"), match.group("date"), data, folder))
    days.sort(key=lambda d: (d.date, d.job))
    return days


def build_site(output_dir: Path, *, templates_dir: Path | None = None) -> dict[str, int]:
    """Write index.html, search.html and its index, actors/ and stories/ under `output_dir`."""
    from briefing.archive import actors as actor_pages
    from briefing.archive.searchindex import search_index
    from briefing.fonts import copy_fonts

    output_dir = Path(output_dir)
    days = load_days(output_dir)
    language = _site_language(days)
    copy_fonts(output_dir / ASSETS / "fonts")
    render = _writer(output_dir, templates_dir, language)

    months: dict[str, list[dict]] = defaultdict(list)
    for day in reversed(days):
        stats = day.data.get("stats") or {}
        months[day.date[:7]].append(
            {
                "job": day.job,
                "title": day.data.get("title") or day.job,
                "date": day.date,
                "stories": stats.get("shown", len(day.stories)),
                "articles": stats.get("articles"),
                "html": day.href("html"),
                "pdf": day.href("pdf"),
                "language": day.data.get("language") or language,
            }
        )
    render("index.html", "site/index.html.j2", months=sorted(months.items(), reverse=True))

    index = search_index(days)
    _write(
        output_dir / "search-index.json", json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    )
    render("search.html", "site/search.html.j2")

    actors = actor_pages.collect(days)
    render("actors/index.html", "site/actors.html.j2", actors=actors.listing())
    for actor in actors.pages():
        render(f"actors/{actor.slug}.html", "site/actor.html.j2", actor=actor, companions=actors.companions(actor))
        for alias in actor.other_slugs:
            render(f"actors/{alias}.html", "site/moved.html.j2", target=f"{actor.slug}.html", actor_name=actor.name)

    threads: dict[str, list[tuple[Day, dict]]] = defaultdict(list)
    for day in days:
        for story in day.stories:
            threads[story.get("thread") or f"{day.date}-{story['id']}"].append((day, story))
    for slug, appearances in threads.items():
        render(f"stories/{slug}.html", "site/thread.html.j2", appearances=appearances, slug=slug)
    return {
        "days": len(days),
        "actors": len(actors.by_slug),
        "threads": len(threads),
        "index_terms": len(index["terms"]),
    }


def _write(path: Path, data: bytes) -> None:
    """Write a page of the site unless it already holds `data` (most pages do not change
    from one day to the next); no fsync, since the site is rebuilt from the archive."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data, durable=False)


def _site_language(days: list[Day]) -> str:
    counts = Counter(day.data.get("language") or "en" for day in days)
    return counts.most_common(1)[0][0] if counts else "en"


def _writer(output_dir: Path, templates_dir: Path | None, language: str):
    from briefing.render import site_renderer

    page = site_renderer(language, templates_dir)

    def render(name: str, template: str, **context) -> None:
        _write(output_dir / name, page(template, root="../" * name.count("/"), **context).encode("utf-8"))

    return render
