"""Key points: registry, offsets, order, length controls, edge cases, no NLTK."""

import pytest

from briefing.analyze.keypoints.select import METHODS, get_method, key_points, sentences_for

ARTICLE_AR = """انقطاع الكهرباء في العاصمة
أعلنت وزارة الكهرباء، مساء الأحد، أن انقطاع التيار الكهربائي الذي ضرب العاصمة سببه عطل في محطة التحويل الرئيسية.
وقال المتحدث باسم الوزارة إن فرق الصيانة تعمل على إصلاح العطل، وإن التيار سيعود خلال ساعات.
وأضاف: «نعتذر للمواطنين عن الإزعاج. سنعوض المتضررين».
مقالات ذات صلة
وشهدت العاصمة خلال الصيف الماضي انقطاعات متكررة في الكهرباء بسبب ارتفاع الاستهلاك.
ويطالب سكان العاصمة الحكومة منذ سنوات بتحديث شبكة الكهرباء القديمة.
"""

ARTICLE_EN = """Power cut hits the capital
The electricity ministry said on Sunday that the power cut across the capital was caused by a fault at the main transformer station.
Mr. Hassan, a ministry spokesman, said repair crews were working on the fault and power would be back within hours.
"We apologise to residents. We will compensate those affected," he said.
Read more: last summer's outages
The capital suffered repeated power cuts last summer as demand for electricity soared.
Residents have asked the government for years to replace the old electricity grid.
"""


@pytest.mark.parametrize("text,lang", [(ARTICLE_AR, "ar"), (ARTICLE_EN, "en")])
@pytest.mark.parametrize("method", [m for m in METHODS if METHODS[m].enabled])
def test_offsets_trace_back_and_order(text, lang, method):
    points = key_points(text, title="", language=lang, method=method, points=3)
    assert 1 <= len(points) <= 3
    for point in points:
        assert text[point.start : point.end] == point.text
    assert [p.sentence_index for p in points] == sorted(p.sentence_index for p in points)
    indexes = {s.index: s for s in sentences_for(text, lang)}
    for point in points:
        assert indexes[point.sentence_index].start == point.start


def test_default_skips_headline_lines():
    for text in (ARTICLE_AR, ARTICLE_EN):
        texts = [p.text for p in key_points(text, points=4)]
        assert "مقالات ذات صلة" not in texts
        assert not any(t.startswith(("Read more", "Power cut hits")) for t in texts)
        assert not any(t.startswith("انقطاع الكهرباء في العاصمة") for t in texts)


def test_points_ratio_and_word_budget():
    assert len(key_points(ARTICLE_EN, points=2)) == 2
    assert len(key_points(ARTICLE_EN, points=0)) == 0
    total = len(sentences_for(ARTICLE_EN, "en"))
    assert len(key_points(ARTICLE_EN, ratio=0.5)) == round(0.5 * total)
    budget = key_points(ARTICLE_EN, max_words=40)
    assert budget and sum(len(p.text.split()) for p in budget) <= 40
    assert 3 <= len(key_points(ARTICLE_EN)) <= 5


def test_language_is_detected_when_not_given():
    assert key_points(ARTICLE_AR, points=2) == key_points(ARTICLE_AR, language="ar", points=2)


def test_empty_and_one_word():
    assert key_points("") == []
    assert key_points("   \n ") == []
    one = key_points("مرحبا")
    assert [(p.text, p.start, p.end) for p in one] == [("مرحبا", 0, 5)]


def test_huge_text_gives_its_points():
    text = (ARTICLE_EN + "\n") * 2000 + (ARTICLE_AR + "\n") * 2000  # about 2 MB
    assert len(text) > 1_900_000
    points = key_points(text, points=5)  # pytest-timeout guards against a blow-up
    assert len(points) == 5
    for point in points:
        assert text[point.start : point.end] == point.text


def test_unknown_method_names_the_choices():
    with pytest.raises(ValueError) as error:
        key_points("Some text here.", method="nope")
    assert "lexrank" in str(error.value) and "default" in str(error.value)


def test_disabled_method_says_what_to_install():
    from briefing.analyze.keypoints.select import Method

    method = Method("x", "needs a missing module", lambda d, c: [], ("no_such_module_here",))
    assert not method.enabled
    assert "pip install no_such_module_here" in method.disabled_message()
    assert get_method("lead").enabled


def test_runs_without_nltk_data(tmp_path, monkeypatch):
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    for method in ("default", "lexrank", "luhn"):
        if METHODS[method].enabled:
            assert key_points(ARTICLE_EN, method=method, points=2)


def test_scores_are_numbers():
    for point in key_points(ARTICLE_AR, points=3):
        assert isinstance(point.score, float)


def test_learned_model_matches_its_features():
    from briefing.analyze.keypoints.newsrank import FEATURES, model

    params = model()
    assert list(params["features"]) == list(FEATURES)
    assert len(params["weights"]) == len(FEATURES)
    assert params["redundancy"] >= 0


def test_default_does_not_repeat_itself():
    line = "The electricity ministry said the power cut was caused by a fault at the station."
    text = "\n".join([line, line, ARTICLE_EN.splitlines()[2], ARTICLE_EN.splitlines()[6]])
    texts = [p.text for p in key_points(text, language="en", points=2)]
    assert texts.count(line) == 1


def test_arabic_light_stem_matches_forms_of_one_word():
    from briefing.text.tokens import light_stem_ar, match_stems

    assert light_stem_ar("الحكومه") == light_stem_ar("حكومه") == light_stem_ar("والحكومه")
    assert light_stem_ar("وزير") == light_stem_ar("الوزير") == "وزير"
    assert light_stem_ar("ولد") == "ولد"  # too short to lose a letter
    assert "في" not in match_stems("اجتمع الوزراء في القاهرة", "ar")
    assert match_stems("The ministers said", "en") == ["minist"]


def test_a_dateline_is_not_part_of_the_key_point():
    from briefing.analyze.keypoints.select import dateline_end, key_points

    text = (
        "بيروت (رويترز) - قال رئيس الوزراء اللبناني إن الحكومة ستجتمع غدا لبحث الموازنة العامة.\n\n"
        "وأضاف أن صندوق النقد الدولي سيرسل بعثة إلى بيروت الأسبوع المقبل لاستئناف المحادثات."
    )
    points = key_points(text, points=1, language="ar")
    assert points[0].text.startswith("قال رئيس الوزراء")
    assert text[points[0].start : points[0].end] == points[0].text
    for line in (
        "القاهرة (أ ف ب) - أعلنت وزارة الصحة المصرية الثلاثاء عن حالات جديدة",
        "دبي - العربية.نت: أعلنت السلطات عن خطة جديدة للنقل",
        "MUSCAT, Nov 27 (Example Wire) - Talks resumed in the Omani capital today.",
        "(CNN) -- The president said on Monday that the deal would hold.",
    ):
        assert dateline_end(line) > 0, line
    # Brackets and dashes inside a sentence are not datelines.
    for line in (
        "قال الوزير (في تصريح) - إن المحادثات ستستمر طويلا",
        "The UN (United Nations) said talks would resume soon.",
        "He said - after a pause - that it is: over now and done.",
        "Hamas - the group that runs Gaza - said it would not.",
    ):
        assert dateline_end(line) == 0, line


def test_first_sentence_opening_with_a_place_and_a_dash():
    from briefing.analyze.keypoints.select import dateline_end, key_points

    text = (
        "مسقط - اختتم الاجتماع الوزاري أعماله في العاصمة العمانية أمس بإقرار صندوق مشترك.\n\n"
        "حماس - وهي الحركة التي تدير القطاع - قالت إنها ستدرس المقترح المصري الجديد."
    )
    points = key_points(text, points=2, language="ar")
    assert points[0].text.startswith("اختتم الاجتماع")
    assert text[points[0].start : points[0].end] == points[0].text
    assert points[1].text.startswith("حماس")  # not a dateline: not the first sentence, not a place
    assert dateline_end("BEIRUT - Lebanon's parliament met on Monday to vote.", first=True) == 9
    assert dateline_end("Hamas - the group that runs Gaza - said it would not.", first=True) == 0


def test_lede_budget_is_the_first_sentences_share_of_the_summary():
    from briefing.analyze.keypoints.newsrank import FEATURES, ranking_inputs
    from briefing.analyze.keypoints.select import Document

    sentences = tuple(sentences_for(ARTICLE_EN, "en"))
    column = FEATURES.index("lede_budget")
    for count in (1, 2, 4):
        _, candidates, x, _ = ranking_inputs(Document(ARTICLE_EN, "", "en", sentences), count)
        assert x[0, column] == pytest.approx(1 / count)
        assert not x[1:, column].any()


@pytest.mark.parametrize("text,lang", [(ARTICLE_AR, "ar"), (ARTICLE_EN, "en")])
def test_a_one_point_summary_of_a_report_is_its_lede(text, lang):
    (point,) = key_points(text, language=lang, points=1)
    assert point.text == text.splitlines()[1]
