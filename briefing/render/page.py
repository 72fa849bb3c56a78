"""Render: Briefing -> JSON-ready dict -> HTML (Jinja2 templates) -> archival PDF.

Templates live in the top-level `templates/` folder; a user's `templates_dir` overrides
them file by file (a Jinja2 ChoiceLoader), so one can restyle `style.css` alone.

PDF decision (measured with WeasyPrint 70 on a 235-article ANT day and the tests'
fixtures, see benchmarks/ant_day.py): WeasyPrint takes one `pdf_variant`. We use
"pdf/a-3a": PDF/A-3 (attachments allowed, so the briefing JSON travels inside the
PDF) at conformance level A, which makes WeasyPrint write the structure tree
(`pdf_tags=True`, /MarkInfo, /StructTreeRoot, /Lang) that screen readers use. It is
the variant that gives both archival and tagged output; "pdf/ua-1" alone would drop
the PDF/A identification and the attachment relationship. We do not claim PDF/UA in
the XMP (no pdfuaid:part): WeasyPrint cannot emit both identifications in one
variant and we have no validator here to back the claim.
Reproducibility: dates come from the briefing (HTML `dcterms.created` meta and the
attachment's dates), font subsets are stamped with SOURCE_DATE_EPOCH (see
render_pdf), and the file identifier is the content hash WeasyPrint computes
(`pdf_identifier=True`), so the same inputs give byte-identical PDFs (tested).
"""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import sys
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from briefing.analyze.actors.rules import is_bare_head
from briefing.errors import RenderError
from briefing.models import Briefing, Story
from briefing.text.script import ARABIC_RANGES, direction
from briefing.urls import href, safe_link


def _shipped_templates() -> Path:
    """templates/ beside the package in a checkout; share/briefing/templates in a wheel install."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    return checkout if checkout.is_dir() else Path(sys.prefix) / "share" / "briefing" / "templates"


TEMPLATES = _shipped_templates()
PDF_VARIANT = "pdf/a-3a"

LABELS = {
    "ar": {
        "contents": "المحتويات",
        "actors": "فهرس الفاعلين",
        "sources": "المصادر",
        "new": "جديد",
        "continuing": "متابعة",
        "empty": "لا توجد أخبار في هذا اليوم.",
        "stories": "قصص",
        "articles": "مقالات",
        "outlets": "مصادر",
        "more_sources": "مصادر أخرى",
        "who": "الفاعلون",
        "chart": "عدد القصص حسب المصدر",
        "page": "صفحة",
        "read": "المصدر",
        "appears_in": "يظهر في",
        "hijri": "هـ",
        "person": "شخص",
        "organization": "منظمة",
        "group": "جماعة",
        "place": "مكان",
        "comma": "، ",
        "page_of": "من",
        "people": "أشخاص",
        "bodies": "منظمات وجماعات",
        "places": "أماكن",
        "earlier": "سابقاً",
        "all_days": "كل أيام القصة",
        "archive": "الأرشيف",
        "search": "بحث",
        "actors_pages": "الفاعلون",
        "quotes": "أقوال",
    },
    "en": {
        "contents": "Contents",
        "actors": "Index of actors",
        "sources": "Sources",
        "new": "New",
        "continuing": "Continuing",
        "empty": "No news for this day.",
        "stories": "stories",
        "articles": "articles",
        "outlets": "sources",
        "more_sources": "more sources",
        "who": "Who",
        "chart": "Stories per source",
        "page": "Page",
        "read": "source",
        "appears_in": "appears in",
        "hijri": "AH",
        "person": "person",
        "organization": "organization",
        "group": "group",
        "place": "place",
        "comma": ", ",
        "page_of": "of",
        "people": "People",
        "bodies": "Organisations and groups",
        "places": "Places",
        "earlier": "Earlier",
        "all_days": "Every day of this story",
        "archive": "Archive",
        "search": "Search",
        "actors_pages": "Actors",
        "quotes": "Quotes",
    },
}


# --- the JSON form ------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def _story_dict(story: Story) -> dict:
    return {
        "id": story.id,
        "title": story.title,
        "language": story.language,
        "status": story.status,
        "score": story.score,
        "sources": list(story.sources),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "url": safe_link(a.url),
                "source": a.source,
                "published": _iso(a.published),
                "language": a.language,
            }
            for a in story.articles
        ],
        "key_points": [
            {
                "article_id": aid,
                "text": kp.text,
                "sentence_index": kp.sentence_index,
                "start": kp.start,
                "end": kp.end,
                "score": round(kp.score, 4),
            }
            for aid, kp in story.key_points
        ],
        "actors": [
            {"name": a.name, "type": a.type, "role": a.role, "salience": round(a.salience, 4)} for a in story.actors
        ],
        "quotes": [
            {
                "article_id": aid,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "text": q.text,
                "start": q.start,
                "end": q.end,
            }
            for aid, q in story.quotes
        ],
    }


def briefing_dict(briefing: Briefing) -> dict:
    """The briefing as plain JSON data (archived as <job>-<date>.json and attached to the PDF)."""
    sections = [
        {"name": s.name, "title": s.title, "stories": [_story_dict(st) for st in s.stories]} for s in briefing.sections
    ]
    index: dict[str, dict] = {}
    for section in sections:
        for story in section["stories"]:
            for actor in story["actors"]:
                if actor["type"] == "group" and is_bare_head(actor["name"]):
                    continue  # "الجيش" of one story is not the army of the next
                entry = index.setdefault(
                    actor["name"],
                    {"name": actor["name"], "type": actor["type"], "role": actor.get("role"), "stories": []},
                )
                entry["role"] = entry["role"] or actor.get("role")
                if story["id"] not in entry["stories"]:
                    entry["stories"].append(story["id"])
            for quote in story["quotes"]:  # who said what, for the actor pages
                entry = index.get(quote["speaker"])
                if entry is not None:
                    entry.setdefault("quotes", []).append({"story": story["id"], "text": quote["text"]})
    actors_index = sorted(index.values(), key=lambda e: (-len(e["stories"]), e["name"]))
    return {
        "job": briefing.job,
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "timezone": briefing.timezone,
        "language": briefing.language,
        "sections": sections,
        "actors_index": actors_index,
        "stats": dict(briefing.stats),
    }


# --- helpers the templates use -----------------------------------------------------------

_ARABIC_RUN = re.compile(f"[{ARABIC_RANGES}](?:[{ARABIC_RANGES}\\s]*[{ARABIC_RANGES}])?")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f0-9](?:[A-Za-z\u00c0-\u024f0-9 .,'’&:/%+\-]*[A-Za-z\u00c0-\u024f0-9%])?")


def isolate(text: str | None, language: str | None) -> str:
    """Escape `text` and wrap runs written in the other direction in <bdi>.

    In a right-to-left block, Latin names and numbers are isolated; in a left-to-right
    block, Arabic names are. Without it "BBC, 3" or a Latin name at the end of an Arabic
    line can be reordered by the bidi algorithm.
    """
    if not text:
        return ""
    pattern = _LATIN_RUN if direction(language) == "rtl" else _ARABIC_RUN
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html_lib.escape(text[last : match.start()]))
        out.append(f"<bdi>{html_lib.escape(match.group())}</bdi>")
        last = match.end()
    out.append(html_lib.escape(text[last:]))
    return "".join(out)


def dates(day: date, language: str) -> dict[str, str]:
    """The Gregorian date in the briefing's language, and the Hijri date for Arabic."""
    from babel.dates import format_date

    locale = language if language in LABELS else "en"
    result = {"gregorian": format_date(day, format="full", locale=locale), "hijri": ""}
    if language == "ar":
        try:
            from hijridate import Gregorian

            hijri = Gregorian(day.year, day.month, day.day).to_hijri()
            result["hijri"] = f"{hijri.day} {hijri.month_name('ar')} {hijri.year} {hijri.notation('ar')}"
        except (ImportError, OverflowError, ValueError):
            pass  # outside the Umm al-Qura table: show the Gregorian date only
    return result


def chart_svg(items: list[tuple[str, int]], *, title: str, rtl: bool) -> str:
    """A small bar chart: one SVG bar per row, labels and counts as HTML text.

    Labels stay in HTML because WeasyPrint's SVG text does no Arabic shaping or bidi
    (an Arabic label came out as reversed, unjoined letters)."""
    items = items[:8]
    if not items:
        return ""
    width, height = 220, 12
    top = max(n for _, n in items) or 1
    rows = []
    for label, count in items:
        length = max(2, round(width * count / top))
        x = width - length if rtl else 0  # bars grow away from the label column
        rows.append(
            f'<tr><td class="chart-label"><bdi>{html_lib.escape(label[:40])}</bdi></td>'
            f'<td class="chart-bar"><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-hidden="true"><rect x="{x}" y="0" width="{length}" '
            f'height="{height}" fill="#2f6f8f"/></svg></td><td class="chart-count">{count}</td></tr>'
        )
    return f'<table class="chart" role="img" aria-label="{html_lib.escape(title)}">{"".join(rows)}</table>'


def _view(data: dict) -> dict:
    """What the templates need beyond the JSON: labels, dates, the chart, the appendix."""
    language = data["language"]
    labels = LABELS.get(language, LABELS["en"])
    stories = [st for s in data["sections"] for st in s["stories"]]
    by_source: dict[str, list[dict]] = defaultdict(list)
    per_source: dict[str, int] = defaultdict(int)
    for story in stories:
        for name in story["sources"]:
            per_source[name] += 1
        for article in story["articles"]:
            by_source[article["source"]].append({**article, "story": story["id"]})
    titles = {st["id"]: st["title"] for st in stories}
    langs = {st["id"]: st["language"] for st in stories}
    chart_items = sorted(per_source.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "labels": labels,
        "dir": direction(language),
        "dates": dates(date.fromisoformat(data["date"]), language),
        "chart": chart_svg(chart_items, title=labels["chart"], rtl=direction(language) == "rtl"),
        "appendix": sorted(by_source.items()),
        "story_titles": titles,
        "story_numbers": {st["id"]: number for number, st in enumerate(stories, start=1)},
        "index_groups": _index_groups(data["actors_index"]),
        "story_languages": langs,
        "article_urls": {a["id"]: a for st in stories for a in st["articles"]},
        "created": f"{data['date']}T00:00:00Z",
    }


def _index_groups(actors_index: list[dict]) -> list[tuple[str, list[dict]]]:
    """The actors index by kind (people, then organisations and groups, then places),
    most-covered first within each, at most 60 per kind so the index stays an index."""
    kinds = {"person": "people", "organization": "bodies", "group": "bodies", "place": "places"}
    groups: dict[str, list[dict]] = {"people": [], "bodies": [], "places": []}
    for actor in actors_index:
        groups[kinds.get(actor["type"], "bodies")].append(actor)
    return [(kind, entries[:60]) for kind, entries in groups.items() if entries]


def _escapes(name: str | None) -> bool:
    """HTML-escape every template but the plain-text ones (`*.txt.j2`)."""
    return not (name or "").endswith(".txt.j2")


def environment(templates_dir: Path | None):
    import jinja2

    loaders = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_escapes,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["isolate"] = lambda text, language: jinja2.utils.markupsafe.Markup(isolate(text, language))
    env.filters["dir"] = direction
    env.filters["actor_slug"] = _actor_slug
    env.filters["href"] = href  # every template href goes through it: http(s) or in-archive only
    return env


def _actor_slug(name: str) -> str:
    from briefing.compose.actors import actor_slug

    return actor_slug(name)


def render_html(
    briefing: Briefing, *, templates_dir: Path | None = None, data: dict | None = None, site: bool = False
) -> str:
    """The briefing as one HTML page. `site=True` is the page archived under out/: it
    links actors to their pages and stories to their threads, and takes its fonts from
    out/assets/. Otherwise (the PDF) it is self-contained, with file:// fonts."""
    import jinja2

    from briefing.fonts import font_face_css

    data = data if data is not None else briefing_dict(briefing)
    root = "../../../"  # out/YYYY/MM/DD/ -> out/
    view = {**_view(data), "site": site, "root": root}
    try:
        template = environment(templates_dir).get_template("briefing.html.j2")
        return template.render(b=data, v=view, font_faces=font_face_css(f"{root}assets/fonts/" if site else None))
    except jinja2.TemplateError as exc:
        where = f" ({exc.filename}:{exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"template error{where}: {exc.message or exc}") from None


# --- PDF -------------------------------------------------------------------------------

_CREATED = re.compile(r'<meta name="dcterms.created" content="([^"]+)"')


def render_pdf(html: str, *, attachment: bytes, attachment_name: str, base_url: str | None = None) -> bytes:
    """An archival PDF (PDF/A-3a, tagged) of `html` with `attachment` embedded."""
    import weasyprint

    match = _CREATED.search(html)
    when = datetime.fromisoformat(match.group(1).replace("Z", "+00:00")) if match else datetime(2000, 1, 1, tzinfo=UTC)
    when = when.astimezone(UTC).replace(tzinfo=None)  # weasyprint formats it as ...Z
    # fontTools stamps each font subset's `head.modified` with the current time unless
    # SOURCE_DATE_EPOCH is set: pin it to the briefing date for the length of the call
    # (an epoch the caller already set wins).
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if saved is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(when.replace(tzinfo=UTC).timestamp()))
    try:
        document = weasyprint.HTML(string=html, base_url=base_url or str(TEMPLATES))
        data = weasyprint.Attachment(
            file_obj=io.BytesIO(attachment),
            name=attachment_name,
            description="briefing data (JSON)",
            created=when,
            modified=when,
            relationship="Source",
        )
        return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[data], pdf_identifier=True)
    except (OSError, ValueError, AssertionError) as exc:
        raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from None
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
