"""HTML rendering: the JSON form, direction and language on every block, bdi, overrides."""

from __future__ import annotations

import json
import re

from briefing.compose import compose_briefing
from briefing.render import briefing_dict, chart_svg, dates, isolate, render_html

from .briefing_samples import DAY, event_articles, job, power_deal


def _briefing(language="ar", *, bilingual=False, **extra):
    arts, analyses = event_articles()
    if bilingual:  # a story whose English report adds a figure the Arabic one lacks
        more, more_analyses = power_deal()
        arts, analyses = arts + more, {**analyses, **more_analyses}
    return compose_briefing(job(language, **extra), DAY, arts, analyses, sources={}, timezone="Asia/Baghdad")


def test_briefing_dict_is_json_and_complete():
    data = briefing_dict(_briefing())
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["job"] == "daily" and data["date"] == "2024-03-12" and data["language"] == "ar"
    story = data["sections"][0]["stories"][0]
    assert set(story) >= {"id", "title", "language", "status", "score", "sources", "articles", "key_points", "actors"}
    assert set(story["key_points"][0]) == {"article_id", "text", "sentence_index", "start", "end", "score"}
    assert set(story["articles"][0]) == {"id", "title", "url", "source", "published", "language"}
    names = {a["name"] for a in data["actors_index"]}
    assert "بغداد" in names or "Baghdad" in names


def test_rtl_document_and_mixed_direction_blocks():
    html = render_html(_briefing(bilingual=True))
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    # English key points inside the Arabic briefing carry their own lang and dir.
    assert re.search(r'<li lang="en" dir="ltr" data-article="[0-9a-f]{16}"', html)
    assert re.search(
        r'<li lang="ar" dir="rtl" data-article="[0-9a-f]{16}" data-sentence="\d+" data-start="\d+" data-end="\d+"', html
    )
    # A Latin name inside an Arabic sentence is isolated.
    assert "<bdi>BBC Media Action</bdi>" in html or "<bdi>12</bdi>" in html
    # Every story and section says its language and direction.
    for tag in re.findall(r"<(?:article|section)[^>]*>", html):
        assert 'lang="' in tag and 'dir="' in tag, tag
    # Key points link to their source article.
    assert 'class="cite" href="https://reuters.example.org/' in html or 'href="https://rudaw.example.org/' in html
    # Hijri date with an Arabic month name on the cover of an Arabic briefing.
    assert "رمضان" in html or "شعبان" in html


def test_english_briefing_isolates_arabic_names():
    html = render_html(_briefing("en"))
    assert '<html lang="en" dir="ltr">' in html
    assert "<bdi>الزوراء</bdi>" in html  # an Arabic name in an English block is isolated
    # The same person in two scripts is one actor, named as the lead (English) article names him.
    who = html.split('class="actors"', 1)[1].split("</p>", 1)[0]
    assert "Mohammed Shia al-Sudani" in who and "محمد شياع السوداني" not in who
    assert "Top stories" in html and "هـ" not in html.split("<body", 1)[1].split("</header>")[0]


def test_isolate_escapes_and_wraps():
    assert isolate("قال <BBC> إن 3 وفود", "ar") == "قال &lt;<bdi>BBC</bdi>&gt; إن <bdi>3</bdi> وفود"
    assert isolate("Sudani (السوداني) said", "en") == "Sudani (<bdi>السوداني</bdi>) said"


def test_empty_day_says_so_in_the_job_language():
    arts_empty = compose_briefing(job("ar"), DAY, [], {}, sources={}, timezone="UTC")
    assert "لا توجد أخبار في هذا اليوم." in render_html(arts_empty)
    english = compose_briefing(job("en"), DAY, [], {}, sources={}, timezone="UTC")
    assert "No news for this day." in render_html(english)


def test_dates_and_chart():
    assert dates(DAY, "ar")["hijri"].endswith("هـ")
    assert "1445" in dates(DAY, "ar")["hijri"]
    chart = chart_svg([("روداو", 3), ("AP", 1)], title="t", rtl=True)
    assert chart.count("<svg") == 2 and chart.count("<rect") == 2
    assert "<bdi>روداو</bdi>" in chart  # labels are HTML text, so Arabic is shaped
    assert 'x="0" y="0" width="220"' in chart and 'x="147" y="0" width="73"' in chart  # RTL bars end at the right


def test_user_templates_override_by_file_name(tmp_path):
    (tmp_path / "style.css").write_text("body { color: #abcdef; }", encoding="utf-8")
    html = render_html(_briefing(), templates_dir=tmp_path)
    assert "#abcdef" in html and "bookmark-level" in html  # print.css still the shipped one


def test_sections_order_and_other_title():
    from briefing.config import SectionConfig

    html = render_html(_briefing(sections=[SectionConfig(name="sport", title="رياضة", categories=["sport"])]))
    assert html.index('id="section-sport"') < html.index('id="section-other"')
    assert "أخبار أخرى" in html


def test_no_space_before_citations():
    """WeasyPrint mis-breaks a right-to-left line when a space precedes the citation
    (seen in a real briefing: one word alone on a line); the template leaves none."""
    html = render_html(_briefing())
    assert 'class="cite"' in html
    assert not re.search(r'\s<(a|span) class="cite"', html)
    assert not re.search(r'data-end="\d+">\s', html)


def test_actors_index_groups_by_kind_with_roles_and_story_numbers():
    html = render_html(_briefing())
    index = html.split('id="actors"', 1)[1]
    assert '<h3 class="index-kind">' in index
    # every story is numbered in its heading, and the index links to those numbers
    numbers = re.findall(r'<span class="story-num"><bdi>(\d+)</bdi></span>', html.split('id="actors"', 1)[0])
    assert numbers and sorted(set(numbers), key=int) == [str(i) for i in range(1, len(set(numbers)) + 1)]
    assert re.search(r'<a href="#story-[0-9a-f]+" title="[^"]+"><bdi>\d+</bdi></a>', index)
    # name and role are one isolated text run (WeasyPrint applies bidi per inline box)
    assert re.search(r"<bdi>&#x2068;[^<]+&#x2069;</bdi>", index)


def test_a_bare_army_is_listed_in_its_stories_but_not_in_the_index():
    from dataclasses import replace

    from briefing.models import Actor, Mention

    arts, analyses = event_articles()
    army = Actor(name="الجيش", type="group", mentions=(Mention("الجيش", 0, 5),), salience=5.0)
    analyses = {k: replace(a, actors=(*a.actors, army)) for k, a in analyses.items()}
    data = briefing_dict(compose_briefing(job("ar"), DAY, arts, analyses, sources={}, timezone="Asia/Baghdad"))
    stories = [st for sec in data["sections"] for st in sec["stories"]]
    assert len(stories) >= 2 and all(any(a["name"] == "الجيش" for a in st["actors"]) for st in stories)
    assert "الجيش" not in {a["name"] for a in data["actors_index"]}
    assert data["actors_index"]  # the named actors are still there
