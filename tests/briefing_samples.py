"""Articles and analyses for the compose, render, PDF and archive tests (written by us).

`event_articles()` is a small day: one event (talks in Baghdad) covered by three Arabic
outlets and two English ones, plus an unrelated Arabic sports story. `power_deal()` is
one made-up event reported once in Arabic and once in English (shared figures, written
with Arabic-Indic digits on one side), `unrelated_pair()` two different events in the two
languages that share only a country, a year and a figure. `synthetic_day(n)` makes n
articles about n/5 made-up events, for scale tests and benchmarks.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from briefing.config import JobConfig
from briefing.models import Actor, Analysis, Article, KeyPoint, Mention, content_hash

DAY = date(2024, 3, 12)
T0 = datetime(2024, 3, 12, 6, 0, tzinfo=UTC)


def article(
    source: str,
    title: str,
    sentences: list[str],
    *,
    language: str = "ar",
    minutes: int = 0,
    category: str | None = "middleEast",
    url: str | None = None,
) -> Article:
    text = " ".join(sentences)
    digest = content_hash(title, text)
    return Article(
        id=digest[:16],
        url=url or f"https://{source.lower()}.example.org/{digest[:8]}",
        source=source,
        title=title,
        text=text,
        language=language,
        published=T0 + timedelta(minutes=minutes),
        collected=T0 + timedelta(minutes=minutes),
        content_hash=digest,
        category=category,
    )


def analysis_of(art: Article, actors: list[tuple[str, str]] = (), points: int = 3) -> Analysis:
    """Key points = the first sentences (with true offsets); actors as given."""
    kps, start = [], 0
    for index, sentence in enumerate(art.text.split(". ") if art.language == "en" else art.text.split(". ")):
        if index >= points:
            break
        sentence = sentence if sentence.endswith(".") else sentence + "."
        begin = art.text.find(sentence.rstrip("."), start)
        end = begin + len(sentence.rstrip("."))
        kps.append(KeyPoint(index, begin, end, art.text[begin:end], 1.0 - index * 0.1))
        start = end
    acts = []
    for rank, (name, kind) in enumerate(actors):
        at = art.text.find(name)
        mentions = (Mention(name, at, at + len(name)),) if at >= 0 else ()
        acts.append(Actor(name=name, type=kind, mentions=mentions, salience=round(0.9 - 0.1 * rank, 2)))
    return Analysis(art.id, art.language, tuple(kps), tuple(acts), ())


def event_articles() -> tuple[list[Article], dict[str, Analysis]]:
    ar_actors = [("محمد شياع السوداني", "person"), ("بغداد", "place"), ("الأمم المتحدة", "organization")]
    en_actors = [("Mohammed Shia al-Sudani", "person"), ("Baghdad", "place"), ("United Nations", "organization")]
    items = [
        (
            article(
                "Alsumaria",
                "السوداني يستضيف محادثات الهدنة في بغداد",
                [
                    "استضاف رئيس الوزراء محمد شياع السوداني محادثات الهدنة في بغداد يوم الثلاثاء بحضور ممثلي الأمم المتحدة.",
                    "وقال السوداني إن المحادثات تهدف إلى وقف إطلاق النار خلال 72 ساعة.",
                    "وشارك في الجلسة الأولى وفد من BBC Media Action لمتابعة التغطية.",
                ],
                minutes=10,
            ),
            ar_actors,
        ),
        (
            article(
                "Rudaw",
                "محادثات الهدنة تبدأ في بغداد برعاية الأمم المتحدة",
                [
                    "استضاف رئيس الوزراء محمد شياع السوداني محادثات الهدنة في بغداد الثلاثاء بحضور ممثلي الأمم المتحدة.",
                    "وأكدت الأمم المتحدة أن الجولة الثانية من محادثات الهدنة ستعقد الأسبوع المقبل في بغداد.",
                    "وأفاد مراسلنا بأن 12 وفدا وصلوا إلى العاصمة.",
                ],
                minutes=25,
            ),
            ar_actors,
        ),
        (
            article(
                "Shafaq",
                "بغداد: انطلاق محادثات الهدنة",
                [
                    "انطلقت في بغداد محادثات الهدنة التي دعا إليها السوداني بحضور الأمم المتحدة.",
                    "وقال السوداني إن المحادثات تهدف إلى وقف إطلاق النار خلال 72 ساعة.",
                    "ولم يصدر أي تعليق من الأطراف الأخرى.",
                ],
                minutes=40,
            ),
            ar_actors,
        ),
        (
            article(
                "Reuters",
                "Iraq's Sudani hosts truce talks in Baghdad",
                [
                    "Iraqi Prime Minister Mohammed Shia al-Sudani hosted truce talks in Baghdad on Tuesday with United Nations envoys.",
                    "Sudani said the talks aimed at a ceasefire within 72 hours.",
                    "The United Nations said a second round of truce talks would be held next week in Baghdad.",
                ],
                language="en",
                minutes=30,
            ),
            en_actors,
        ),
        (
            article(
                "AP",
                "Truce talks open in Baghdad under UN auspices",
                [
                    "Truce talks opened in Baghdad on Tuesday, hosted by Prime Minister Mohammed Shia al-Sudani with United Nations envoys.",
                    "Sudani said the talks aimed at a ceasefire within 72 hours.",
                    "Delegations from 12 groups and 150 observers arrived in the capital for the truce talks, officials said.",
                ],
                language="en",
                minutes=50,
            ),
            en_actors,
        ),
        (
            article(
                "Kooora",
                "الزوراء يفوز على الشرطة في الدوري العراقي",
                [
                    "فاز فريق الزوراء على الشرطة بهدفين مقابل هدف في الدوري العراقي الممتاز مساء الثلاثاء.",
                    "وسجل هدفي الزوراء المهاجم مهند علي في الشوط الثاني.",
                    "وبهذا الفوز يتصدر الزوراء جدول الترتيب.",
                ],
                minutes=70,
                category="sport",
            ),
            [("الزوراء", "organization"), ("مهند علي", "person")],
        ),
    ]
    arts = [a for a, _ in items]
    return arts, {a.id: analysis_of(a, acts) for a, acts in items}


def power_deal(*, few_actors: bool = False) -> tuple[list[Article], dict[str, Analysis]]:
    """A grid deal in Arabic (Petra) and English (Reuters). With `few_actors` the analyses
    share one actor only, so the figures must carry the match."""
    ar = article(
        "Petra",
        "الأردن والعراق يوقعان اتفاقا بقيمة ٢٫٤ مليار دولار لربط شبكتي الكهرباء",
        [
            "وقع الأردن والعراق في بغداد يوم الثلاثاء اتفاقا بقيمة ٢٫٤ مليار دولار لربط شبكتي الكهرباء بين البلدين.",
            "وقال المتحدث باسم وزارة الطاقة ماجد الخصاونة إن الخط سينقل ١١٥٠ ميغاواط ويرفع حصة الطاقة المتجددة "
            "من 12 في المئة إلى ٣٥ بالمئة.",
            "وأضاف الخصاونة أن الخط يمتد 340 كيلومترا وسيبدأ العمل فيه قبل نهاية العام.",
        ],
        minutes=15,
        category="economy",
    )
    en = article(
        "Reuters",
        "Jordan and Iraq sign $2.4 billion deal to link power grids",
        [
            "Jordan and Iraq signed a $2.4 billion agreement in Baghdad on Tuesday to link their electricity grids.",
            "Energy ministry spokesman Majed al-Khasawneh said the line would carry 1,150 megawatts and raise the "
            "share of renewables from 12 percent to 35 percent.",
            "The first phase, worth $400 million, is due to be finished in 2026.",
        ],
        language="en",
        minutes=95,
        category="economy",
    )
    if few_actors:
        ar_actors = [("الأردن", "place"), ("وزارة الطاقة", "organization")]
        en_actors = [("Jordan", "place"), ("Energy ministry", "organization")]
    else:
        ar_actors = [("ماجد الخصاونة", "person"), ("الأردن", "place"), ("العراق", "place"), ("بغداد", "place")]
        en_actors = [("Majed al-Khasawneh", "person"), ("Jordan", "place"), ("Iraq", "place"), ("Baghdad", "place")]
    return [ar, en], {ar.id: analysis_of(ar, ar_actors), en.id: analysis_of(en, en_actors)}


def unrelated_pair() -> tuple[list[Article], dict[str, Analysis]]:
    """Two different events, one Arabic and one English, an hour apart, that share a
    country (Iraq), a year (2025), one figure (1.5 million) and small numbers."""
    ar = article(
        "Alsumaria",
        "العراق يعيد افتتاح مطار الموصل الدولي بعد إعادة إعماره",
        [
            "أعاد العراق افتتاح مطار الموصل الدولي يوم الثلاثاء بعد أعمال إعمار استمرت منذ عام 2025.",
            "وقال مدير المطار إن المطار سيستقبل 3 رحلات يوميا في البداية وإن طاقته تبلغ 1.5 مليون مسافر سنويا.",
            "وبلغت كلفة إعادة الإعمار 180 مليون دولار.",
        ],
        minutes=20,
    )
    en = article(
        "AP",
        "Iraq beats Oman 3-1 to reach the Gulf Cup final",
        [
            "Iraq beat Oman 3-1 in Basra on Tuesday to reach the final of the Gulf Cup, first held there in 2025.",
            "The federation said 1.5 million fans had followed the tournament in the stadiums and 62,000 attended the match.",
            "The final will be played on Friday.",
        ],
        language="en",
        minutes=80,
        category="sport",
    )
    return [ar, en], {
        ar.id: analysis_of(ar, [("العراق", "place"), ("مطار الموصل الدولي", "organization")]),
        en.id: analysis_of(en, [("Iraq", "place"), ("Oman", "place"), ("Basra", "place")]),
    }


def ten_source_story() -> tuple[list[Article], dict[str, Analysis]]:
    """One event reported by ten outlets (near-identical wording), and nothing else."""
    arts, analyses = [], {}
    for i in range(10):
        art = article(
            f"Outlet{i:02d}",
            f"البرلمان يقر موازنة عام 2024 بعد جلسة طويلة {'' if i % 2 else 'في بغداد'}",
            [
                "أقر مجلس النواب العراقي الموازنة العامة لعام 2024 بعد جلسة طويلة استمرت حتى منتصف الليل.",
                f"وقال رئيس اللجنة المالية إن الموازنة تبلغ {150 + i % 2} تريليون دينار.",
                f"وأشار مراسل الوكالة رقم {i} إلى أن التصويت جرى بالأغلبية.",
            ],
            minutes=5 * i,
        )
        arts.append(art)
        analyses[art.id] = analysis_of(art, [("مجلس النواب العراقي", "organization"), ("بغداد", "place")])
    return arts, analyses


_LATIN = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_ARABIC = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _word(rng: random.Random, arabic: bool) -> str:
    if arabic:
        return "".join(rng.choice(_ARABIC) for _ in range(rng.randint(4, 6)))
    return "".join(rng.choice(_LATIN) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))


def synthetic_day(n: int, seed: int = 7) -> tuple[list[Article], dict[str, Analysis]]:
    """n articles about n/5 made-up events, by 12 outlets, 70% Arabic."""
    rng = random.Random(seed)
    events = []
    for _ in range(max(1, n // 5)):
        arabic = rng.random() < 0.7
        events.append(
            {
                "arabic": arabic,
                "terms": [_word(rng, arabic) for _ in range(12)],
                "actors": [_word(rng, arabic).capitalize() for _ in range(3)],
            }
        )
    common_ar = [_word(rng, True) for _ in range(300)]
    common_en = [_word(rng, False) for _ in range(300)]
    arts, analyses = [], {}
    for _ in range(n):
        event = events[rng.randrange(len(events))]
        arabic = event["arabic"]
        common = common_ar if arabic else common_en

        def sentence(event: dict = event, common: list[str] = common) -> str:
            words = rng.sample(event["terms"], 4) + rng.sample(common, 8) + [rng.choice(event["actors"])]
            rng.shuffle(words)
            return " ".join(words) + "."

        title = " ".join(rng.sample(event["terms"], 3) + [event["actors"][0]])
        art = article(
            f"Outlet{rng.randrange(12):02d}",
            title,
            [sentence() for _ in range(8)],
            language="ar" if arabic else "en",
            minutes=rng.randrange(24 * 60 - 1),
            category=rng.choice(["middleEast", "internationalNews", "economy"]),
        )
        arts.append(art)
        analyses[art.id] = analysis_of(art, [(a, "person") for a in event["actors"]])
    return arts, analyses


def job(language: str = "ar", **extra) -> JobConfig:
    return JobConfig(
        name="daily", title="الموجز اليومي" if language == "ar" else "Daily briefing", language=language, **extra
    )
