"""A story's best quotes: chosen by compose.quotes and shown under its points with the
speaker and the outlet (articles and quotes written for these tests)."""

from __future__ import annotations

import re

from briefing.analyze import analyze_text
from briefing.compose import compose_briefing
from briefing.compose.quotes import story_quotes
from briefing.models import Analysis, Quote
from briefing.render import briefing_dict, render_html

from .briefing_samples import DAY, article, job


def _with(art, quotes):
    return art, Analysis(art.id, art.language, (), (), tuple(quotes))


def _quote(art, fragment, speaker, speaker_id=None):
    start = art.text.index(fragment)
    return Quote(speaker, fragment, start, start + len(fragment), "said", speaker_id)


def test_best_quotes_named_long_from_different_outlets_once():
    a = article(
        "Reuters",
        "Talks",
        [
            "Envoy Lina Haddad said the talks would resume next week in Geneva.",
            "A delegate said the mood was calm.",
            "Haddad said both sides wanted a deal before the winter.",
        ],
        language="en",
    )
    b = article(
        "AP",
        "Talks resume",
        [
            "Envoy Lina Haddad said the talks would resume next week in Geneva.",
            "Omar Saleh said his team was ready to sign a first text on Monday.",
        ],
        language="en",
    )
    items = [
        _with(
            a,
            [
                _quote(a, "the talks would resume next week in Geneva", "Lina Haddad", "lina haddad"),
                _quote(a, "the mood was calm", "A delegate"),
                _quote(a, "both sides wanted a deal before the winter", "Lina Haddad", "lina haddad"),
                Quote(None, "nobody said this", 0, 5),
            ],
        ),
        _with(
            b,
            [
                _quote(b, "the talks would resume next week in Geneva", "Lina Haddad", "lina haddad"),
                _quote(b, "his team was ready to sign a first text on Monday", "Omar Saleh", "omar saleh"),
            ],
        ),
    ]
    chosen = story_quotes(items, limit=2)
    assert [(aid, q.speaker) for aid, q in chosen] == [(b.id, "Omar Saleh"), (a.id, "Lina Haddad")] or [
        (aid, q.speaker) for aid, q in chosen
    ] == [(a.id, "Lina Haddad"), (b.id, "Omar Saleh")]
    # The same statement from two outlets is shown once; a described speaker comes after named ones.
    three = story_quotes(items, limit=3)
    texts = [q.text for _, q in three]
    assert texts.count("the talks would resume next week in Geneva") == 1
    assert "the mood was calm" not in texts[:2]
    assert all(q.speaker for _, q in three)
    assert story_quotes([(a, None)]) == ()


def _real_briefing(language: str):
    """Two outlets' reports of one meeting, analysed for real (actors and quotes)."""
    arts = [
        article(
            "Petra",
            "الصفدي يلتقي شكري في عمان لبحث التهدئة",
            [
                "التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في عمان يوم الثلاثاء لبحث التهدئة.",
                "وقال الصفدي إن الأردن يدعم كل جهد يؤدي إلى وقف التصعيد في المنطقة.",
                "وبحث الوزيران سبل تعزيز التعاون بين البلدين.",
            ],
            minutes=10,
        ),
        article(
            "Ahram",
            "شكري والصفدي يبحثان التهدئة في عمان",
            [
                "بحث وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي في عمان يوم الثلاثاء جهود التهدئة.",
                "وأكد شكري أن البلدين متفقان على ضرورة وقف التصعيد وحماية المدنيين في المنطقة.",
                "وتناول اللقاء سبل تعزيز التعاون بين البلدين.",
            ],
            minutes=30,
        ),
    ]
    analyses = {a.id: analyze_text(a.text, title=a.title, language=a.language, article_id=a.id) for a in arts}
    return compose_briefing(job(language), DAY, arts, analyses, sources={}, timezone="Asia/Baghdad")


def test_briefing_shows_a_quote_with_speaker_and_outlet():
    briefing = _real_briefing("ar")
    story = next(st for s in briefing_dict(briefing)["sections"] for st in s["stories"] if st["quotes"])
    said = {q["speaker"]: q for q in story["quotes"]}
    assert set(said) == {"أيمن الصفدي", "سامح شكري"}  # two speakers from two outlets
    assert "الأردن يدعم كل جهد" in said["أيمن الصفدي"]["text"]
    assert said["سامح شكري"]["speaker_id"]  # the speaker's actor key
    index = {a["name"]: a for a in briefing_dict(briefing)["actors_index"]}
    assert [q["text"] for q in index["أيمن الصفدي"]["quotes"]] == [said["أيمن الصفدي"]["text"]]
    html = render_html(briefing)
    block = html.split('<ul class="quotes"', 1)[1].split("</ul>", 1)[0]
    item = next(i for i in re.findall(r"<li[^>]*>.*?</li>", block, re.S) if "الأردن يدعم" in i)
    assert re.search(r"<q>الأردن يدعم كل جهد.*</q>", item, re.S)
    assert '<span class="speaker"><bdi>أيمن الصفدي</bdi></span>' in item
    assert re.search(r'class="cite" href="https://petra\.example\.org/[^"]*"><bdi>Petra</bdi>', item)
