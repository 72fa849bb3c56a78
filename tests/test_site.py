"""The archive site in a real browser: search in Arabic and English, actor pages with
quotes, stories continuing across days, right-to-left layout; screenshots of each page."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from briefing import pipeline
from briefing.archive import build_site
from briefing.archive.site import load_days
from briefing.config import load_config
from briefing.text.search import query_terms

from .browser import need_browser, serving, start_browser, wait_for
from .conftest import write

DAY1, DAY2 = date(2026, 11, 10), date(2026, 11, 11)

# Our own articles: the same visit reported on two days, in Arabic (with clitics and
# hamza) and in English, and one unrelated story.
SEEDS = {
    "ar-visit-1.md": (
        "زيارة بلينكن إلى أنقرة لبحث الملف السوري",
        DAY1,
        "وكالة المثال",
        """
        وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى أنقرة اليوم في زيارة تستمر يومين لبحث الملف السوري مع المسؤولين الأتراك.

        واستقبل وزير الخارجية التركي هاكان فيدان ضيفه في مطار أنقرة، ثم عقد الوزيران جلسة مباحثات مغلقة تناولت الحدود السورية وملف اللاجئين.

        وقال بلينكن في مؤتمر صحفي إن "الحل في سوريا لن يكون إلا سياسيا، ونحن ملتزمون بدعم المسار الأممي".

        ومن المقرر أن يلتقي وبلينكن الرئيس التركي غدا قبل أن يتوجه إلى بروكسل.""",
    ),
    "ar-visit-2.md": (
        "بلينكن يلتقي الرئيس التركي في أنقرة ويبحث الملف السوري",
        DAY2,
        "وكالة المثال",
        """
        التقى وزير الخارجية الأمريكي أنتوني بلينكن الرئيس التركي في أنقرة اليوم في ختام زيارته لبحث الملف السوري.

        وقال بلينكن للصحفيين إن "تركيا شريك لا غنى عنه في أي تسوية سورية".

        وأضاف وزير الخارجية التركي هاكان فيدان أن بلاده تريد ضمانات بشأن الحدود السورية قبل أي اتفاق.

        ويتوجه بلينكن بعد أنقرة إلى بروكسل لحضور اجتماع وزاري.""",
    ),
    "en-visit-1.md": (
        "Blinken arrives in Ankara for talks on Syria",
        DAY1,
        "Example Wire",
        """
        ANKARA - U.S. Secretary of State Antony Blinken arrived in Ankara on Tuesday for two days of talks on Syria with Turkish officials.

        Turkish Foreign Minister Hakan Fidan met Blinken at the airport, and the two ministers held closed-door talks on the Syrian border and refugees.

        "There is no military solution in Syria," Blinken told reporters after the meeting.

        Blinken is due to meet the Turkish president on Wednesday before flying to Brussels.""",
    ),
    "en-harvest.md": (
        "Wheat harvest in Morocco falls short after dry winter",
        DAY1,
        "Example Wire",
        """
        RABAT - Morocco's wheat harvest will fall well short of last year's after a dry winter, the agriculture ministry said on Tuesday.

        The ministry expects about 3.1 million tonnes of cereals, against 5.5 million tonnes a year earlier, and said imports would make up the difference.

        Farmers in the Saiss plain said rain came too late for most of the crop.""",
    ),
}


def _seed(folder: Path, name: str, title: str, day: date, source: str, body: str) -> None:
    write(
        folder / name,
        f"""
        ---
        title: {title}
        date: {day.isoformat()}T08:00:00Z
        source: {source}
        url: https://news.example/{name.removesuffix(".md")}
        ---
        """
        + body.strip("\n")
        + "\n",
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Two days built from our own seeds through the real pipeline: out/ is the site."""
    root = tmp_path_factory.mktemp("site")
    write(
        root / "config.yaml",
        """
        timezone: UTC
        output_dir: out
        storage: {url: "sqlite:///out/briefing.db"}
        jobs_dir: jobs
    """,
    )
    write(
        root / "jobs" / "daily.yaml",
        """
        name: daily
        title: "الموجز اليومي"
        language: ar
        schedule: {cron: "0 6 * * *", timezone: "UTC"}
        sources: {seeds: [../seeds]}
    """,
    )
    for name, (title, day, source, body) in SEEDS.items():
        _seed(root / "seeds", name, title, day, source, body)
    config = load_config(root / "config.yaml")
    pipeline.build(config, "daily", DAY1, feeds=False)
    pipeline.build(config, "daily", DAY2, collect_first=False)
    return root / "out"


@pytest.fixture(scope="module")
def browser():
    need_browser()
    driver = start_browser()
    yield driver
    driver.quit()


def shots_dir(tmp_path_factory) -> Path:
    """Where screenshots go: $BRIEFING_SCREENSHOTS if set (to look at them), else a temp folder."""
    folder = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def search(driver, base: str, text: str) -> list[dict]:
    driver.get(f"{base}search.html?q={quote(text)}")
    wait_for(driver, "document.body.dataset.searched")
    return driver.execute_script(
        "return [...document.querySelectorAll('#results li')].map(li => ({href: li.querySelector('a').href,"
        " title: li.querySelector('a').textContent, dir: li.dir}))"
    )


def test_arabic_search_finds_words_with_clitics_and_hamza_variants(site, browser):
    with serving(site) as base:
        hits = search(browser, base, "بلينكن")
        assert hits and all("/2026/11/1" in h["href"] for h in hits)
        days = {h["href"].split("/daily-")[1][:10] for h in hits}
        assert days == {"2026-11-10", "2026-11-11"}
        # «انقره» without hamza or teh marbuta finds «أنقرة»; «وبلينكن» finds «بلينكن»
        assert {h["href"] for h in search(browser, base, "انقره")} >= {
            h["href"] for h in hits if "/2026/11/11/" in h["href"]
        }
        assert search(browser, base, "وبلينكن")
        assert browser.find_element("id", "q").get_attribute("value") == "وبلينكن"  # the query stays in the URL
        assert search(browser, base, "زلزال") == []
        assert browser.find_element("id", "status").text == "لا نتائج."


def test_english_search_and_a_result_opens_the_story_in_its_day(site, browser):
    with serving(site) as base:
        hits = search(browser, base, "wheat harvest")
        assert (
            len(hits) == 1 and hits[0]["dir"] == "ltr" and "/2026/11/10/daily-2026-11-10.html#story-" in hits[0]["href"]
        )
        browser.find_element("css selector", "#results li a").click()
        story_id = hits[0]["href"].split("#")[1]
        wait_for(browser, f"document.getElementById('{story_id}') !== null")
        assert "Wheat" in browser.find_element("id", story_id).text


def test_browser_and_python_agree_on_what_a_query_finds(site, browser):
    """The query folding of search.js is the one of briefing/text/search.py."""
    index = json.loads((site / "search-index.json").read_text(encoding="utf-8"))

    def expected(word: str) -> set[int]:
        docs: set[int] | None = None
        for forms in query_terms(word):
            usable = [forms[0]] if forms[0] in index["terms"] else forms[1:]
            found = set().union(*(set(index["terms"].get(f, [])) for f in usable))
            docs = found if docs is None else docs & found
        return docs or set()

    with serving(site) as base:
        for word in ["أنقرة", "وأنقرة", "للحدود", "بالملف", "الرئيس", "Blinken’s talks", "SYRIA", "إِلى", "فيدان"]:
            assert len(search(browser, base, word)) == len(expected(word)), word


def test_actor_page_lists_days_quotes_roles_and_companions(site, browser, tmp_path_factory):
    days = load_days(site)
    [blinken] = [
        p
        for p in (site / "actors").glob("*.html")
        if "<h1" in (text := p.read_text(encoding="utf-8")) and "بلينكن</bdi></h1>" in text
    ]
    with serving(site) as base:
        browser.get(f"{base}actors/{blinken.name}")
        page = browser.find_element("tag name", "main").text
        assert "2026-11-10" in page and "2026-11-11" in page
        assert "فيدان" in page  # appears with him most often
        browser.get(f"{base}actors/index.html")
        names = [e.text for e in browser.find_elements("css selector", "#kind-person li a")]
        assert sum("Blinken" in n or "بلينكن" in n for n in names) == 1  # one page for both scripts
    assert len(days) == 2


def test_actor_page_shows_each_quote_with_its_sentence_and_outlet(tmp_path, browser):
    day = tmp_path / "2026" / "11" / "10"
    day.mkdir(parents=True)
    story = {
        "id": "s1",
        "title": "زيارة بلينكن إلى أنقرة",
        "language": "ar",
        "sources": ["وكالة المثال"],
        "articles": [
            {"id": "a1", "source": "وكالة المثال", "url": "https://news.example/1", "title": "t", "language": "ar"}
        ],
        "key_points": [{"article_id": "a1", "text": "وصل بلينكن إلى أنقرة."}],
        "actors": [{"name": "أنتوني بلينكن", "type": "person", "role": "وزير الخارجية الأمريكي"}],
        "quotes": [
            {
                "speaker": "أنتوني بلينكن",
                "text": "الحل في سوريا لن يكون إلا سياسيا",
                "source": "وكالة المثال",
                "article_id": "a1",
            }
        ],
    }
    data = {
        "job": "daily",
        "title": "الموجز",
        "date": "2026-11-10",
        "language": "ar",
        "sections": [{"name": "main", "title": "أهم الأخبار", "stories": [story]}],
    }
    (day / "daily-2026-11-10.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    build_site(tmp_path)
    [page] = [p for p in (tmp_path / "actors").glob("*.html") if p.name != "index.html"]
    with serving(tmp_path) as base:
        browser.get(f"{base}actors/{page.name}")
        quote_block = browser.find_element("css selector", ".quotes .quote")
        assert "الحل في سوريا لن يكون إلا سياسيا" in quote_block.text and "وكالة المثال" in quote_block.text
        assert "وزير الخارجية الأمريكي" in browser.find_element("css selector", ".roles").text


def test_continuing_story_links_to_its_earlier_day_and_its_thread(site, browser):
    day2 = load_days(site)[1]
    continuing = [s for s in day2.stories if s.get("previous")]
    assert continuing, "the second day's visit continues the first day's story"
    story = continuing[0]
    with serving(site) as base:
        browser.get(f"{base}{day2.href('html')}")
        article = browser.find_element("id", f"story-{story['id']}")
        article.find_element("css selector", "a.earlier").click()
        wait_for(browser, "location.pathname.endsWith('daily-2026-11-10.html')")
        assert browser.execute_script("return location.hash") == f"#story-{story['previous']['id']}"
        assert browser.find_element("id", f"story-{story['previous']['id']}")
        browser.get(f"{base}{day2.href('html')}")
        browser.find_element("id", f"story-{story['id']}").find_element("css selector", "a.thread-link").click()
        wait_for(browser, "location.pathname.includes('/stories/')")
        days = [e.text for e in browser.find_elements("css selector", ".thread-day time")]
        assert days == ["2026-11-10", "2026-11-11"]


def test_layout_is_right_to_left_and_fits_a_phone(site, browser, tmp_path_factory):
    folder = shots_dir(tmp_path_factory)
    day1 = load_days(site)[0]
    actor = sorted(p.name for p in (site / "actors").glob("*.html") if p.name != "index.html")[0]
    pages = {
        "index": "index.html",
        "day": day1.href("html"),
        "search": f"search.html?q={quote('بلينكن')}",
        "actors": "actors/index.html",
        "actor": f"actors/{actor}",
        "thread": next(p.relative_to(site).as_posix() for p in sorted((site / "stories").glob("*.html"))),
    }
    with serving(site) as base:
        for name, path in pages.items():
            browser.get(base + path)
            if name == "search":
                wait_for(browser, "document.body.dataset.searched")
            assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl", name
            browser.save_screenshot(str(folder / f"site-{name}.png"))
        # the first link of the bar sits at the right edge in a right-to-left page
        browser.get(base + "index.html")
        left, width = browser.execute_script(
            "const r = document.querySelector('.site-nav a').getBoundingClientRect();"
            "return [r.left, document.documentElement.clientWidth];"
        )
        assert left > width / 2
        # an English story inside the Arabic day reads left to right
        browser.get(base + day1.href("html"))
        directions = browser.execute_script(
            "return [...document.querySelectorAll('article.story')].map(a => [a.lang, getComputedStyle(a).direction])"
        )
        assert ["en", "ltr"] in directions and ["ar", "rtl"] in directions
        phone = start_browser(width=390, height=844)
        try:
            for name in ("index", "actor", "search"):
                phone.get(base + pages[name])
                overflow = phone.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 1, name
                phone.save_screenshot(str(folder / f"site-{name}-phone.png"))
        finally:
            phone.quit()


# --- three real days of Arabic news ----------------------------------------------------

ANT_DAYS = [date(2018, 5, 8), date(2018, 5, 9), date(2018, 5, 10)]
ANT_PER_DAY = 25  # the first articles of each day: enough for shared events, quick to build
# Building three real days (analysis, PDFs) takes ~30 s on an idle machine and several minutes
# under two CPU hogs: the hang guard for the tests that build them is wider than the default.
BUILDS_DAYS = pytest.mark.timeout(1200)


def _ant_articles(path: Path) -> dict[date, list]:
    import gzip
    from datetime import UTC
    from email.utils import parsedate_to_datetime

    from briefing.sources import make_article

    found: dict[date, list] = {day: [] for day in ANT_DAYS}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            try:
                published = parsedate_to_datetime(record["published"]).astimezone(UTC)
            except (TypeError, ValueError, KeyError):
                continue
            day = published.date()
            if day in found and len(found[day]) < ANT_PER_DAY and record.get("text", "").strip():
                found[day].append(
                    make_article(
                        title=record["title"],
                        text=record["text"],
                        source=record["source"],
                        url=record.get("url"),
                        published=published,
                        language="ar",
                        category=record.get("category"),
                        collected=published,
                    )
                )
    return found


@pytest.fixture(scope="module")
def ant_site(tmp_path_factory) -> Path:
    """Three consecutive ANT days archived back to back (built from ../shared, never copied)."""
    from briefing.store import Store

    from .conftest import shared_path

    source = shared_path("eval", "ant-news.jsonl.gz")
    root = tmp_path_factory.mktemp("ant")
    write(
        root / "config.yaml",
        """
        timezone: UTC
        output_dir: out
        storage: {url: "sqlite:///out/briefing.db"}
        jobs_dir: jobs
    """,
    )
    write(
        root / "jobs" / "ant.yaml",
        """
        name: ant
        title: "الموجز اليومي"
        language: ar
        schedule: {cron: "0 6 * * *", timezone: "UTC"}
        sources: {seeds: [../seeds]}
    """,
    )
    (root / "seeds").mkdir()
    config = load_config(root / "config.yaml")
    with Store.open(config.settings.storage.url) as store:
        for articles in _ant_articles(source).values():
            for article in articles:
                store.save_article(article)
    for day in ANT_DAYS:
        pipeline.build(config, "ant", day, collect_first=False)
    return root / "out"


@pytest.mark.slow
@BUILDS_DAYS
def test_three_real_days_make_a_site_whose_search_finds_each_day(ant_site, browser, tmp_path_factory):
    days = load_days(ant_site)
    assert [d.date for d in days] == [d.isoformat() for d in ANT_DAYS]
    index = json.loads((ant_site / "search-index.json").read_text(encoding="utf-8"))
    with serving(ant_site) as base:
        browser.get(base + "index.html")
        links = [e.get_attribute("href") for e in browser.find_elements("css selector", ".day-link")]
        assert [link.split("/ant-")[1][:10] for link in links] == [d.isoformat() for d in reversed(ANT_DAYS)]
        for day in days:
            # the rarest word of the day's first story title: the search must list that story
            story = day.stories[0]
            words = [w for forms in query_terms(story["title"]) for w in forms[:1] if len(w) > 3]
            word = min(words, key=lambda w: (len(index["terms"].get(w, [])), w))
            hits = search(browser, base, word)
            assert f"{day.href('html')}#story-{story['id']}" in {h["href"].removeprefix(base) for h in hits}, word
        browser.save_screenshot(str(shots_dir(tmp_path_factory) / "site-ant-search.png"))
        top = max(
            (p for p in (ant_site / "actors").glob("*.html") if p.name != "index.html"),
            key=lambda p: p.read_text(encoding="utf-8").count("<time"),
        )
        browser.get(f"{base}actors/{top.name}")
        assert len(browser.find_elements("css selector", ".timeline li")) >= 2
        browser.save_screenshot(str(shots_dir(tmp_path_factory) / "site-ant-actor.png"))


@pytest.mark.slow
@BUILDS_DAYS
def test_mail_of_a_real_day_renders_right_to_left_without_styles_or_resources(ant_site, browser, tmp_path):
    import re

    from briefing.render import render_mail
    from briefing.render.mail import HTML_LIMIT

    day = load_days(ant_site)[1]
    html, text = render_mail(day.data)
    assert len(html.encode("utf-8")) <= HTML_LIMIT and "<style" not in html
    assert not re.search(r"<(link|img|script|iframe)\b|url\(", html)
    page = tmp_path / "mail.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.execute_script("return getComputedStyle(document.querySelector('.wrap')).direction") == "rtl"
    shown = len(browser.find_elements("css selector", ".story"))
    assert shown >= 1 and all(s["title"] in text for s in day.stories)  # the text part has every story
    browser.save_screenshot(str(tmp_path / "mail.png"))
