"""Stories that are one event: no chaining, points that stay on the story, story actors.

Our own made-up articles. Each test would fail with clustering that joins an article to a
story through any one member, or with points taken from each article in turn.
"""

from __future__ import annotations

from briefing.compose import compose_briefing

from .briefing_samples import DAY, analysis_of, article, job

FLOOD = [("سد وادي الريم", "organization"), ("بلدة الحمراء", "place"), ("سالم الكعبي", "person")]
CHESS = [("بطولة الشارقة للشطرنج", "organization"), ("ماهر الجبوري", "person"), ("الشارقة", "place")]


def _stories(briefing):
    return [story for section in briefing.sections for story in section.stories]


def _flood(source: str, minutes: int, extra: str = "") -> tuple:
    return article(
        source,
        f"انهيار جزئي في سد وادي الريم يغمر بلدة الحمراء {extra}".strip(),
        [
            "غمرت مياه سد وادي الريم منازل بلدة الحمراء فجر الأحد بعد انهيار جزء من جداره الشمالي.",
            "وقال رئيس البلدية سالم الكعبي إن فرق الإنقاذ أجلت مئات العائلات من الأحياء المنخفضة.",
            "وأضاف الكعبي أن مهندسين يفحصون الجدار المتصدع خشية انهيار أوسع.",
        ],
        minutes=minutes,
    ), FLOOD


def _chess(source: str, minutes: int, extra: str = "") -> tuple:
    return article(
        source,
        f"ماهر الجبوري يتوج بلقب بطولة الشارقة للشطرنج {extra}".strip(),
        [
            "توج الأستاذ الكبير ماهر الجبوري بلقب بطولة الشارقة للشطرنج بعد تعادله في الجولة الأخيرة.",
            "وجمع الجبوري سبع نقاط ونصف النقطة متقدما على منافسيه في الترتيب العام للبطولة.",
            "وشارك في البطولة لاعبون من عشرين بلدا على مدى تسعة أيام في الشارقة.",
        ],
        minutes=minutes,
    ), CHESS


def _bridge() -> tuple:
    """A round-up that tells both events: it shares words and actors with each of them."""
    return article(
        "Roundup",
        "حصاد الأحد: سد وادي الريم وبطولة الشارقة للشطرنج",
        [
            "غمرت مياه سد وادي الريم منازل بلدة الحمراء بعد انهيار جزء من جداره وأجلت فرق الإنقاذ العائلات.",
            "وفي الشارقة توج ماهر الجبوري بلقب بطولة الشارقة للشطرنج بعد الجولة الأخيرة.",
            "وقال سالم الكعبي إن الجدار يفحص.",
        ],
        minutes=50,
    ), FLOOD[:2] + CHESS[:2]


def _day(items):
    arts = [a for a, _ in items]
    return arts, {a.id: analysis_of(a, actors) for a, actors in items}


def test_a_chain_through_one_article_does_not_join_two_events():
    # flood reports -- a round-up of both -- chess reports: the round-up is close to each
    # side, but the two sides share nothing specific, so no story holds both.
    items = [
        _flood("Alpha", 0),
        _flood("Beta", 20, "الشمالي"),
        _bridge(),
        _chess("Gamma", 70),
        _chess("Delta", 90, "الدولية"),
    ]
    arts, analyses = _day(items)
    flood = {a.id for a, _ in items[:2]}
    chess = {a.id for a, _ in items[3:]}
    stories = _stories(compose_briefing(job(max_stories=50), DAY, arts, analyses, sources={}, timezone="UTC"))
    for story in stories:
        ids = {a.id for a in story.articles}
        assert not (ids & flood and ids & chess), [s.title for s in stories]
    groups = sorted(sorted(a.source for a in s.articles) for s in stories)
    assert ["Alpha", "Beta"] in [g[:2] for g in groups if "Alpha" in g]  # each side still one story
    assert any({"Delta", "Gamma"} <= set(g) for g in groups)


def test_points_stay_on_the_story():
    off_topic = "وفي خبر منفصل افتتحت وزارة الزراعة معرضا للتمور في العاصمة بمشاركة مئة مزارع."
    third = article(
        "Gamma",
        "فرق الإنقاذ تواصل إجلاء سكان بلدة الحمراء بعد انهيار سد وادي الريم",
        [
            off_topic,
            "وتواصل فرق الإنقاذ إجلاء العائلات من بلدة الحمراء بعد انهيار جزء من جدار سد وادي الريم.",
            "وقال سالم الكعبي إن المياه غمرت مئات المنازل.",
        ],
        minutes=40,
    )
    items = [_flood("Alpha", 0), _flood("Beta", 20, "الشمالي"), (third, FLOOD)]
    arts, analyses = _day(items)
    stories = _stories(compose_briefing(job(max_stories=50), DAY, arts, analyses, sources={}, timezone="UTC"))
    assert len(stories) == 1
    texts = [kp.text for _, kp in stories[0].key_points]
    assert off_topic.rstrip(".") not in [t.rstrip(".") for t in texts]
    assert any("سد وادي الريم" in t for t in texts)
    assert len(texts) == job().summary.points


def test_story_actors_are_named_by_several_articles_or_its_points():
    # Each report names the dam and the town; only one names a passing visitor, in a
    # sentence that is no point of the story.
    items = []
    for source, minutes in (("Alpha", 0), ("Beta", 20), ("Gamma", 40)):
        art, _ = _flood(source, minutes, "" if source == "Alpha" else source)
        items.append((art, FLOOD[:2] + ([("سالم الكعبي", "person")] if source != "Gamma" else [])))
    visitor = article(
        "Delta",
        "انهيار سد وادي الريم يغمر بلدة الحمراء ويجبر العائلات على الرحيل",
        [
            "غمرت مياه سد وادي الريم منازل بلدة الحمراء بعد انهيار جزء من جداره الشمالي فجر الأحد.",
            "وأجلت فرق الإنقاذ مئات العائلات من بلدة الحمراء.",
            "وصادف وجود الرحالة نادر القيسي في المنطقة خلال رحلته الطويلة عبر البلاد.",
        ],
        minutes=60,
    )
    items.append((visitor, FLOOD[:2] + [("نادر القيسي", "person")]))
    arts, analyses = _day(items)
    # the visitor's sentence is the third: analysis_of gives two key points per article here
    analyses = {a.id: analysis_of(a, actors, points=2) for a, actors in items}
    stories = _stories(compose_briefing(job(max_stories=50), DAY, arts, analyses, sources={}, timezone="UTC"))
    assert len(stories) == 1
    names = [a.name for a in stories[0].actors]
    assert "سد وادي الريم" in names and "بلدة الحمراء" in names and "سالم الكعبي" in names
    assert "نادر القيسي" not in names


def test_only_the_shown_stories_are_made_and_they_are_the_best_ranked():
    """A briefing that shows a few stories makes only the groups that can rank among them,
    and shows exactly the stories a briefing of every story ranks first."""
    from unittest import mock

    from briefing.compose import stories as module

    from .briefing_samples import synthetic_day

    articles, analyses = synthetic_day(120)
    everything = compose_briefing(job(max_stories=500), DAY, articles, analyses, sources={}, timezone="UTC")
    ranked = sorted(_stories(everything), key=lambda s: (-s.score, s.id))
    made = mock.Mock(wraps=module._make_story)
    with mock.patch.object(module, "_make_story", made):
        few = compose_briefing(job(max_stories=5), DAY, articles, analyses, sources={}, timezone="UTC")
    shown = sorted(_stories(few), key=lambda s: (-s.score, s.id))
    assert [(s.id, s.score, s.key_points) for s in shown] == [(s.id, s.score, s.key_points) for s in ranked[:5]]
    assert few.stats["stories"] == everything.stats["stories"] == len(ranked) > 5
    assert 5 <= made.call_count < len(ranked)


def test_articles_further_apart_than_the_window_are_never_candidates():
    from datetime import timedelta

    from briefing.compose.cluster import Doc, candidate_pairs

    from .briefing_samples import T0

    def doc(index: int, hours: float) -> Doc:
        words = {"فيضان": 0.8, "سد": 0.6}
        return Doc(index, "ar", words, words, words, ("سالم الكعبي",), T0 + timedelta(hours=hours))

    assert candidate_pairs([doc(0, 0), doc(1, 10), doc(2, 40)], window_hours=36) == {(0, 1), (1, 2)}
    assert candidate_pairs([doc(0, 0), doc(1, 10), doc(2, 40)], window_hours=60) == {(0, 1), (0, 2), (1, 2)}
