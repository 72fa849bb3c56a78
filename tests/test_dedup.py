"""Canonical URLs, SimHash fingerprints and the near-duplicate threshold."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from briefing.sources import make_article
from briefing.sources.dedup import (
    CANDIDATE_BITS,
    MIN_SIMILARITY,
    Deduplicator,
    canonical_url,
    hamming,
    simhash,
    similarity,
    to_signed,
)
from briefing.store import Store, articles

# Two reports of the same decision, written independently (same topic, different articles).
RATES_A = """The central bank raised its main interest rate by half a percentage point on Thursday,
the third increase this year, as policymakers tried to cool inflation that has stayed above
seven percent for most of the spring. Governor Layla Hassan told reporters in the capital that
the committee had voted six to one for the move and that further increases could not be ruled
out if food and fuel prices kept climbing. Business groups warned that higher borrowing costs
would hurt small manufacturers, who already face a shortage of imported parts. The currency
gained slightly against the dollar after the announcement, and government bond yields rose.
Economists had expected a smaller step of a quarter point."""

RATES_A_EDITED = """The central bank raised its key interest rate by half a percentage point on Thursday,
the third increase this year, as policymakers tried to cool inflation that has stayed above
seven percent for most of the spring. Governor Layla Hassan told journalists in the capital that
the committee had voted six to one for the move and that further increases could not be ruled
out if food and fuel prices kept climbing. Business groups warned that higher borrowing costs
would hurt small manufacturers, who already face a shortage of imported parts. The currency
gained slightly against the dollar after the announcement, and government bond yields rose.
Economists had expected a smaller step of a quarter point. (Reporting by Example Wire)"""

RATES_B = """Borrowing is getting more expensive again. On Thursday the central bank lifted its
benchmark rate by fifty basis points, surprising analysts who had forecast a quarter-point
rise. It is the third hike of the year. Inflation has been running above seven percent since
March, driven by food and fuel, and the governor, Layla Hassan, said the bank would do what
it takes to bring it down. One member of the rate committee dissented. Shopkeepers and
small factory owners said they feared a slowdown, with loans for equipment now costing more.
Markets reacted calmly: the currency firmed a little and bond yields edged up."""

# Arabic: the edited copy changes a few words and writes hamza and taa marbuta differently.
AR_A = """أعلنت وزارة الصحة يوم الأحد عن افتتاح مستشفى جديد في مدينة البصرة بسعة مئتي سرير،
في خطوة قالت إنها ستخفف الضغط على المستشفيات القائمة في جنوب البلاد. وقال وزير الصحة في
مؤتمر صحفي إن المستشفى يضم أقساما للطوارئ والأطفال وأمراض القلب، وإن الكوادر الطبية
تلقت تدريبا خاصا خلال الأشهر الماضية. وأضاف أن الحكومة تخطط لافتتاح مستشفيين آخرين في
محافظتي ميسان وذي قار قبل نهاية العام المقبل. ورحب سكان المدينة بالمشروع لكنهم طالبوا
بتوفير الأدوية بشكل منتظم وتحسين رواتب الأطباء."""

AR_A_EDITED = """اعلنت وزارة الصحه يوم الاحد عن افتتاح مستشفى جديد في مدينة البصرة بسعة مئتي سرير،
في خطوة قالت انها ستخفف الضغط على المستشفيات الموجودة في جنوب البلاد. وقال وزير الصحة في
مؤتمر صحفي ان المستشفى يضم اقساما للطوارئ والاطفال وامراض القلب، وان الكوادر الطبية
تلقت تدريبا خاصا خلال الأشهر الماضية. وأضاف أن الحكومة تخطط لافتتاح مستشفيين آخرين في
محافظتي ميسان وذي قار قبل نهاية العام المقبل. ورحب سكان المدينة بالمشروع لكنهم طالبوا
بتوفير الأدوية بشكل منتظم وتحسين رواتب الأطباء. (وكالة الأنباء)"""

AR_B = """افتتح في البصرة مستشفى حكومي جديد بعد سنوات من التأخير في البناء. المستشفى الذي
يتسع لمئتي مريض سيستقبل الحالات الطارئة ومرضى القلب والأطفال بحسب ما أعلنته وزارة الصحة
يوم الأحد. ويشكو أهالي المحافظة منذ مدة طويلة من نقص الأسرة والأدوية في المستشفيات
القديمة، ويقول أطباء إن الرواتب المتأخرة دفعت كثيرين منهم إلى الهجرة. الوزير وعد
بمستشفيات أخرى في ميسان وذي قار، لكن نوابا عن المحافظة شككوا في الجدول الزمني."""


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://Example.ORG/News/Story/?utm_source=rss&utm_medium=feed#top", "https://example.org/News/Story"),
        ("http://example.org:80/a?b=2&a=1&fbclid=XYZ&gclid=1&mc_cid=3&ref=home", "http://example.org/a?a=1&b=2"),
        ("https://example.org:8443/", "https://example.org:8443/"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/item?id=7&UTM_campaign=x", "https://example.org/item?id=7"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_empty():
    assert canonical_url(None) is None
    assert canonical_url("  ") is None


def test_fingerprint_fits_signed_bigint():
    for text in (RATES_A, RATES_B, AR_A, AR_B):
        fp = simhash(text)
        assert fp is not None and -(2**63) <= fp < 2**63
    assert to_signed(2**64 - 1) == -1
    assert hamming(-1, 2**64 - 1) == 0


def test_short_text_has_no_fingerprint():
    assert simhash("Rates rise again") is None


def _edited(text: str, changes: int, rng: random.Random) -> str:
    """`text` with `changes` words replaced: a copy-editor's touch."""
    words = text.split(" ")
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(["new", "said", "main", "عاجل", "قال"])
    return " ".join(words)


def test_thresholds_separate_edits_from_other_articles():
    """Justifies CANDIDATE_BITS and MIN_SIMILARITY (see dedup.py)."""
    rng = random.Random(5)
    light = [(RATES_A, RATES_A_EDITED), (AR_A, AR_A_EDITED)]
    light += [
        (text, _edited(text, changes, rng)) for text in (RATES_A, AR_A) for changes in (1, 2, 4) for _ in range(25)
    ]  # up to one word in twenty
    for original, copy in light:
        assert hamming(simhash(original), simhash(copy)) <= CANDIDATE_BITS - 4
        assert similarity(original, copy) >= MIN_SIMILARITY + 0.15
    heavier = [(text, _edited(text, 8, rng)) for text in (RATES_A, AR_A) for _ in range(25)]
    for original, copy in heavier:  # one word in ten: still caught, at the edge
        assert hamming(simhash(original), simhash(copy)) <= CANDIDATE_BITS
        assert similarity(original, copy) >= MIN_SIMILARITY
    for one, other in [(RATES_A, RATES_B), (AR_A, AR_B), (RATES_A, AR_A), (RATES_B, AR_B)]:
        assert hamming(simhash(one), simhash(other)) >= CANDIDATE_BITS + 6
        assert similarity(one, other) < 0.1


def _article(text, source, url, title="Central bank raises rates"):
    return make_article(title=title, text=text, source=source, url=url, published=datetime(2024, 5, 2, 9, tzinfo=UTC))


def test_deduplicator_records_both_sources(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/t.db") as store:
        dedup = Deduplicator(store)
        first = dedup.save(_article(RATES_A, "Wire", "https://wire.example/rates"))
        exact = dedup.save(_article(RATES_A, "Daily", "https://daily.example/economy/rates"))
        edited = dedup.save(_article(RATES_A_EDITED, "Herald", "https://herald.example/rates?utm_source=x"))
        other = dedup.save(_article(RATES_B, "Times", "https://times.example/rates"))
        assert first[0] == "new"
        assert exact == ("duplicate", first[1])
        assert edited == ("duplicate", first[1])
        assert other[0] == "new"
        sources = [s for s, _ in store.sources_of([first[1]])[first[1]]]
        assert sources == ["Wire", "Daily", "Herald"]
        assert store.count_articles() == 2


def test_corrected_page_updates_instead_of_duplicating(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/t.db") as store:
        dedup = Deduplicator(store)
        outcome, first = dedup.save(_article(RATES_A, "Wire", "https://wire.example/rates"))
        outcome2, second = dedup.save(_article(RATES_A_EDITED, "Wire", "https://wire.example/rates#x"))
        assert (outcome, outcome2, second) == ("new", "updated", first)
        assert "(Reporting by Example Wire)" in store.get_article(first).text


def test_fingerprints_survive_the_store(tmp_path):
    """A fresh run (new Deduplicator) still finds yesterday's near-duplicate."""
    with Store.open(f"sqlite:///{tmp_path}/t.db") as store:
        title = "مستشفى جديد"
        _, first = Deduplicator(store).save(_article(AR_A, "وكالة", "https://a.example/1", title=title))
        outcome, dup = Deduplicator(store).save(_article(AR_A_EDITED, "صحيفة", "https://b.example/2", title=title))
        assert (outcome, dup) == ("duplicate", first)


def _scenario():
    """(article, by_url) covering every outcome, against stored rows and within one batch."""
    wire = "https://wire.example/rates"
    return [
        (_article(RATES_A, "Wire", wire), True),  # new
        (_article(RATES_A, "Daily", "https://daily.example/rates"), True),  # same hash: duplicate
        (_article(RATES_A_EDITED, "Herald", "https://herald.example/r"), True),  # near-duplicate
        (_article(RATES_A_EDITED, "Wire", wire + "?utm_source=x"), True),  # same page, corrected: updated
        (_article(RATES_B, "Times", "https://times.example/rates"), True),  # stored already
        (_article(RATES_B + " Updated.", "Times", "https://times.example/rates"), True),  # updated
        (_article(AR_A, "Podcast", "https://pod.example/", title="حلقة"), False),  # link is no id: new
        (make_article(title="Ep 2", text=AR_B, source="Podcast", url="https://pod.example/", guid="g2"), False),
        (
            make_article(title="Ep 2", text=AR_B + " تحديث", source="Podcast", url="https://pod.example/", guid="g2"),
            False,
        ),  # same GUID and source: updated
        (_article(RATES_A, "Daily", "https://daily.example/rates"), True),  # source already recorded
    ]


def _state(store):
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                articles.c.id,
                articles.c.content_hash,
                articles.c.canonical_url,
                articles.c.guid,
                articles.c.source,
                articles.c.title,
                articles.c.text,
                articles.c.fingerprint,
            ).order_by(articles.c.id)
        ).all()
    ids = [r.id for r in rows]
    return rows, {i: [s for s, _ in v] for i, v in store.sources_of(ids).items()}


@pytest.mark.parametrize("sizes", [(10,), (3, 4, 3), (1,) * 10])
def test_batched_saves_match_one_by_one(tmp_path, sizes):
    items = _scenario()
    stored_first = [(_article(RATES_B, "Times", "https://times.example/rates"), True)]
    with Store.open(f"sqlite:///{tmp_path}/one.db") as one, Store.open(f"sqlite:///{tmp_path}/many.db") as many:
        single, batched = Deduplicator(one), Deduplicator(many)
        for article, by_url in stored_first:  # a stored article the batch must find
            single.save(article, by_url=by_url)
            batched.save(article, by_url=by_url)
        expected = [single.save(a, by_url=b) for a, b in items]
        got, start = [], 0
        for size in sizes:
            got += batched.save_many(items[start : start + size])
            start += size
        assert got == expected
        assert [o for o, _ in expected] == [
            "new",
            "duplicate",
            "duplicate",
            "updated",
            "duplicate",
            "updated",
            "new",
            "new",
            "updated",
            "duplicate",
        ]
        assert _state(many) == _state(one)
        assert sorted(batched.index.ids) == sorted(single.index.ids)


def test_batch_that_raises_writes_nothing(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/t.db") as store:
        with pytest.raises(RuntimeError), store.article_batch([], []) as batch:
            batch.save(_article(RATES_A, "Wire", "https://wire.example/rates"))
            raise RuntimeError("stop")
        assert store.count_articles() == 0
