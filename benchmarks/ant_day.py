"""Build one real day of the ANT corpus into a briefing and look at it.

    .venv/bin/python benchmarks/ant_day.py [--date 2018-05-08] [--out /tmp/ant-briefing] [--png 4]

Reads ../shared/eval/ant-news.jsonl.gz (never copied into the repository), analyses each
article with briefing.analyze.analyze_text, composes, renders HTML and PDF, archives them, and writes the first pages as
PNG so a person can look at them. Prints where everything went and the timings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from datetime import UTC, date
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANT = SHARED / "eval" / "ant-news.jsonl.gz"

SECTIONS = [
    {"name": "middle-east", "title": "الشرق الأوسط", "categories": ["middleEast"]},
    {"name": "world", "title": "العالم", "categories": ["internationalNews"]},
    {"name": "economy", "title": "اقتصاد", "categories": ["economy"]},
    {"name": "tech", "title": "تكنولوجيا وثقافة", "categories": ["technology", "culture"]},
    {"name": "sport", "title": "رياضة", "categories": ["sport"]},
]


def load_day(day: date | None = None, *, limit: int | None = None, path: Path = ANT) -> list:
    """The ANT articles published on `day` (UTC), or the first `limit` ones of any day."""
    from briefing.sources import make_article

    found = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            try:
                published = parsedate_to_datetime(record["published"]).astimezone(UTC)
            except (TypeError, ValueError):
                continue
            if day is not None and published.date() != day:
                continue
            found.append(
                make_article(
                    title=record["title"],
                    text=record["text"],
                    source=record["source"],
                    url=record.get("url"),
                    published=published,
                    language=record.get("lang") or "ar",
                    category=record.get("category"),
                    collected=published,
                )
            )
            if limit and len(found) >= limit:
                break
    return found


def analyse(articles: list, points: int = 4) -> dict:
    """Analyses keyed by article id, as the pipeline makes them."""
    from briefing.analyze import analyze_text

    return {
        a.id: analyze_text(a.text, title=a.title, language=a.language, points=points, article_id=a.id) for a in articles
    }


def job_config(**extra):
    from briefing.config import JobConfig

    return JobConfig(name="ant", title="الموجز اليومي", language="ar", sections=SECTIONS, **extra)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", default="2018-05-08")
    parser.add_argument("--out", default="/tmp/ant-briefing")
    parser.add_argument("--png", type=int, default=4, help="pages to write as PNG")
    args = parser.parse_args(argv)
    if not ANT.exists():
        print(f"{ANT} not found: nothing to do", file=sys.stderr)
        return 0
    from briefing import archive, compose, render

    day = date.fromisoformat(args.date)
    t0 = time.perf_counter()
    articles = load_day(day)
    t1 = time.perf_counter()
    analyses = analyse(articles)
    t2 = time.perf_counter()
    briefing = compose.compose_briefing(job_config(), day, articles, analyses, sources={}, timezone="Asia/Baghdad")
    t3 = time.perf_counter()
    data = render.briefing_dict(briefing)
    html = render.render_html(briefing)
    t4 = time.perf_counter()
    attachment = json.dumps(data, ensure_ascii=False, indent=1).encode()
    pdf = render.render_pdf(html, attachment=attachment, attachment_name=f"ant-{day}.json")
    t5 = time.perf_counter()
    out = Path(args.out)
    paths = archive.write_briefing(
        out, "ant", day, {"html": html.encode(), "pdf": pdf, "json": attachment}, {"articles": len(articles)}
    )
    archive.build_site(out)
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pngs = []
    for index in range(min(args.png, len(document))):
        png = out / f"page-{index + 1}.png"
        document[index].render(scale=1.4).to_pil().save(png)
        pngs.append(str(png))
    print(
        json.dumps(
            {
                "articles": len(articles),
                "analyser": "analyze_text",
                "stats": briefing.stats,
                "pages": len(document),
                "pdf_bytes": len(pdf),
                "seconds": {
                    "load": round(t1 - t0, 2),
                    "analyse": round(t2 - t1, 2),
                    "compose": round(t3 - t2, 2),
                    "html": round(t4 - t3, 2),
                    "pdf": round(t5 - t4, 2),
                },
                "paths": {k: str(v) for k, v in paths.items()},
                "png": pngs,
                "top": [
                    (s["title"], s["sources"], len(s["articles"])) for sec in data["sections"] for s in sec["stories"]
                ][:12],
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
