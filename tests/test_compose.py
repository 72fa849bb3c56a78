"""Composition: stories across sources and languages, ranking, sections, new/continuing."""

from __future__ import annotations

from briefing.compose import actor_key, actor_keys, compose_briefing, story_key
from briefing.compose.numbers import numbers
from briefing.config import SectionConfig
from briefing.models import Actor

from .briefing_samples import DAY, event_articles, job, power_deal, synthetic_day, ten_source_story, unrelated_pair


def _stories(briefing):
    return [story for section in briefing.sections for story in section.stories]


def test_same_event_across_outlets_and_languages_is_one_story():
    arts, analyses = event_articles()
    briefing = compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="Asia/Baghdad")
    stories = _stories(briefing)
    assert len(stories) == 2
    top = stories[0]
    assert set(top.sources) == {"Alsumaria", "Rudaw", "Shafaq", "Reuters", "AP"}
    assert top.language == "ar"  # the lead article is in the job's language
    assert stories[1].sources == ("Kooora",)
    assert top.score > stories[1].score


def test_near_identical_key_points_appear_once():
    arts, analyses = event_articles()
    top = _stories(compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC"))[0]
    texts = [kp.text for _, kp in top.key_points]
    # "وقال السوداني إن المحادثات تهدف..." is in two Arabic reports; "استضاف..." too.
    assert sum("تهدف إلى وقف إطلاق النار" in t for t in texts) == 1
    assert sum(t.startswith("استضاف رئيس الوزراء") for t in texts) == 1
    assert len(texts) <= job().summary.points
    for article_id, kp in top.key_points:  # offsets trace back to the article
        art = next(a for a in top.articles if a.id == article_id)
        assert art.text[kp.start : kp.end] == kp.text


def test_story_with_ten_sources_and_syndication():
    arts, analyses = ten_source_story()
    extra = {arts[0].id: [("Outlet00", None), ("Mirror", "https://mirror.example.org/x")]}
    briefing = compose_briefing(job(), DAY, arts, analyses, sources=extra, timezone="UTC")
    stories = _stories(briefing)
    assert len(stories) == 1
    assert len(stories[0].articles) == 10
    assert len(stories[0].sources) == 11 and "Mirror" in stories[0].sources
    assert briefing.stats["multi_source_stories"] == 1


def test_empty_day():
    briefing = compose_briefing(job(), DAY, [], {}, sources={}, timezone="UTC")
    assert briefing.sections == () and briefing.stats["articles"] == 0


def test_sections_from_config_and_other():
    arts, analyses = event_articles()
    sections = [
        SectionConfig(name="sport", title="رياضة", categories=["sport"]),
        SectionConfig(name="en", title="English", languages=["en"]),
    ]
    briefing = compose_briefing(job(sections=sections), DAY, arts, analyses, sources={}, timezone="UTC")
    names = [s.name for s in briefing.sections]
    assert names == ["sport", "other"]
    assert briefing.sections[1].title == "أخبار أخرى"
    keyword = [SectionConfig(name="iraq", title="العراق", keywords=["بغداد"])]
    briefing = compose_briefing(job(sections=keyword), DAY, arts, analyses, sources={}, timezone="UTC")
    assert [s.name for s in briefing.sections] == ["iraq", "other"]


def test_default_section_title_in_job_language():
    arts, analyses = event_articles()
    briefing = compose_briefing(job("en"), DAY, arts, analyses, sources={}, timezone="UTC")
    assert [(s.name, s.title) for s in briefing.sections] == [("main", "Top stories")]
    assert _stories(briefing)[0].language == "en"  # English lead for an English job


def test_new_and_continuing_against_previous_keys():
    arts, analyses = event_articles()
    first = compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC")
    keys = {story_key(s) for s in _stories(first)}
    assert all(s.status == "new" for s in _stories(first))
    # Next day: only the Rudaw report (other wording, same event) and a new story.
    again = [a for a in arts if a.source in ("Rudaw", "Kooora")]
    second = compose_briefing(job(), DAY, again, analyses, sources={}, previous_story_keys=keys, timezone="UTC")
    status = {s.sources[0]: s.status for s in _stories(second)}
    assert status == {"Rudaw": "continuing", "Kooora": "continuing"}
    unrelated, unrelated_analyses = ten_source_story()
    third = compose_briefing(
        job(), DAY, unrelated, unrelated_analyses, sources={}, previous_story_keys=keys, timezone="UTC"
    )
    assert [s.status for s in _stories(third)] == ["new"]


def test_same_input_same_briefing():
    arts, analyses = event_articles()
    one = compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC")
    two = compose_briefing(job(), DAY, list(reversed(arts)), analyses, sources={}, timezone="UTC")
    assert one == two


def test_500_article_day_is_grouped():
    arts, analyses = synthetic_day(500)
    # How long this takes is measured in benchmarks/bench_build.py, not asserted here.
    briefing = compose_briefing(job(max_stories=500), DAY, arts, analyses, sources={}, timezone="UTC")
    stories = _stories(briefing)
    assert briefing.stats["articles"] == 500
    # 100 made-up events: clustering should find roughly that many stories.
    assert 80 <= briefing.stats["stories"] <= 130, briefing.stats
    assert sum(len(s.articles) for s in stories) == 500


# --- across scripts and languages ----------------------------------------------------


def _keys(name, kind="person"):
    return actor_keys(Actor(name=name, type=kind, mentions=()))


def test_actor_keys_meet_across_scripts():
    assert _keys("ماجد الخصاونة") & _keys("Majed al-Khasawneh")
    # The surname alone is too short a skeleton; the whole name is not, whatever the type.
    assert _keys("زياد بن عمر الهادي") & _keys("Ziad bin Omar al-Hadi", "organization")
    assert not _keys("زياد بن عمر الهادي") & _keys("Ziad bin Omar al-Masri")
    assert actor_key("MUSCAT") == actor_key("مسقط")
    assert actor_key("الأردن") == actor_key("Jordan") != actor_key("Iraq")


def test_figures_are_normalised_across_languages():
    assert numbers("بقيمة ٢٫٤ مليار دولار") == numbers("a $2.4 billion deal") == {"2400000000"}
    assert numbers("من 12 في المئة إلى ٣٥ بالمئة") == numbers("from 12 percent to 35%") == {"12%", "35%"}
    assert numbers("1,150 megawatts") == numbers("١١٥٠ ميغاواط") == {"1150"}
    assert numbers("۳٫۵ ملايين") == numbers("3.5 million") == {"3500000"}
    # Years and small counts alone tell no event apart; they still count as facts.
    assert numbers("in 2025, 3 flights on Nov. 25-26") == set()
    assert numbers("3 flights in 2025", every=True) == {"3", "2025"}
    assert numbers("يومي 25 و26 نوفمبر", every=True) == {"25", "26"}  # "و" leads, "F16" does not count
    assert numbers("F16 jets", every=True) == set()


def test_english_story_names_actors_in_english():
    arts, analyses = event_articles()
    for language, sudani, baghdad in (
        ("en", "Mohammed Shia al-Sudani", "Baghdad"),
        ("ar", "محمد شياع السوداني", "بغداد"),
    ):
        top = _stories(compose_briefing(job(language), DAY, arts, analyses, sources={}, timezone="UTC"))[0]
        names = [a.name for a in top.actors]
        assert sudani in names and baghdad in names, names
        assert len(names) == 3  # Sudani, Baghdad and the UN: one actor each, both scripts merged


def test_same_event_in_arabic_and_english_is_one_story():
    for few_actors in (False, True):  # with one shared actor only, the figures carry it
        arts, analyses = power_deal(few_actors=few_actors)
        stories = _stories(compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC"))
        assert len(stories) == 1, few_actors
        assert stories[0].sources == ("Petra", "Reuters")


def test_different_events_in_arabic_and_english_stay_apart():
    arts, analyses = unrelated_pair()
    stories = _stories(compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC"))
    assert len(stories) == 2
    # Together with the other samples: the Baghdad talks, the match, the grid deal, the airport, the cup.
    more = [event_articles(), power_deal(), unrelated_pair()]
    arts = [a for batch, _ in more for a in batch]
    analyses = {k: v for _, batch in more for k, v in batch.items()}
    stories = _stories(compose_briefing(job(), DAY, arts, analyses, sources={}, timezone="UTC"))
    assert sorted(len(s.articles) for s in stories) == [1, 1, 1, 2, 5]


def test_bilingual_story_reads_in_the_briefing_language():
    arts, analyses = power_deal()
    ar, en = arts
    story = _stories(compose_briefing(job("ar"), DAY, arts, analyses, sources={}, timezone="UTC"))[0]
    assert story.title == ar.title and story.language == "ar"
    assert story.sources == ("Petra", "Reuters")
    points = [(article_id, kp.text) for article_id, kp in story.key_points]
    # The Arabic report in full, then only the English point with a figure it lacks ($400 million).
    assert [a for a, _ in points] == [ar.id, ar.id, ar.id, en.id]
    assert points[3][1].startswith("The first phase, worth $400 million")

    story = _stories(compose_briefing(job("en"), DAY, arts, analyses, sources={}, timezone="UTC"))[0]
    assert story.title == en.title and story.language == "en"
    assert story.sources == ("Reuters", "Petra")
    points = [(article_id, kp.text) for article_id, kp in story.key_points]
    assert [a for a, _ in points] == [en.id, en.id, en.id, ar.id]
    assert "340 كيلومترا" in points[3][1]  # the line's length only the Arabic report gives
    assert [a.name for a in story.actors][:1] == ["Majed al-Khasawneh"]


def test_a_merged_actor_takes_the_role_written_in_the_story_language():
    from briefing.compose.actors import merge_story_actors
    from briefing.models import Actor, Mention

    english = Actor(
        name="Salim bin Hamad Al-Rawahi",
        type="person",
        mentions=(Mention("Al-Rawahi", 0, 9),),
        role="official spokesman",
        salience=3.0,
    )
    arabic = Actor(
        name="سالم بن حمد الرواحي",
        type="person",
        mentions=(Mention("الرواحي", 0, 7),),
        role="المتحدث الرسمي باسم الاجتماع",
        salience=2.0,
    )
    # The English report leads the story, but the briefing is in Arabic.
    merged = merge_story_actors([[english], [arabic]], ["en", "ar"], "ar")
    assert len(merged) == 1
    assert merged[0].name == "سالم بن حمد الرواحي"
    assert merged[0].role == "المتحدث الرسمي باسم الاجتماع"
    merged = merge_story_actors([[english], [arabic]], ["en", "ar"], "en")
    assert merged[0].role == "official spokesman"


def test_names_known_beyond_the_tagger_meet_across_languages():
    from briefing.compose.actors import actor_key

    assert actor_key("البنك الدولي") == actor_key("World Bank")
    assert actor_key("حلب") == actor_key("Aleppo")
    assert actor_key("الأونروا") == actor_key("UNRWA")
    assert actor_key("البنك الدولي") != actor_key("البنك المركزي الأوروبي")


def test_an_article_whose_analysis_failed_for_good_does_not_stop_the_day():
    """A poison article (its analysis failed every attempt) has no analysis: the day is
    still composed, and its story has no points rather than a crash."""
    from .briefing_samples import article

    arts, analyses = event_articles()
    lost = article(
        "Wire",
        "Chess final ends in a draw",
        ["The chess final ended in a draw.", "Both players agreed."],
        language="en",
    )
    briefing = compose_briefing(job(), DAY, [*arts, lost], analyses, sources={}, timezone="Asia/Baghdad")
    stories = _stories(briefing)
    [alone] = [s for s in stories if lost in s.articles]
    assert alone.articles == (lost,) and alone.key_points == ()
