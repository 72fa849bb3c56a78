"""Arabic who-said-what, one pattern at a time, on sentences written for these tests from
how Arabic news reports speech (none taken from an evaluation set): the verbs and
participles of saying, a speaker after or before the verb, «بحسب / وفقا لـ», a speaker
left to the context, and the words that are never a speaker."""

from __future__ import annotations

import pytest

from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.quotes.arabic import verbs
from briefing.analyze.quotes.arabic.paragraphs import MAX_PARAGRAPHS, runs_over
from briefing.analyze.quotes.arabic.resolution import actor_like
from briefing.analyze.quotes.arabic.speaker import definite
from briefing.analyze.quotes.arabic.vocab import feminine, is_cue, is_participle, is_preposition, not_noun
from briefing.analyze.quotes.extract import extract_quotes


def quotes_of(text):
    actors = extract_actors(text, language="ar")
    quotes = extract_quotes(text, language="ar", actors=actors)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes, actors


def speaker_of(text, fragment):
    quotes, _ = quotes_of(text)
    hits = [q for q in quotes if fragment in q.text]
    assert hits, [(q.speaker, q.text) for q in quotes]
    return hits[0].speaker


def has_word(speaker, word):
    return speaker is not None and word in speaker.split()


# --- the verbs of saying, conjugated -------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["قال", "قالت", "قالوا", "قالا", "قالتا", "وأكدت", "فأضاف", "يؤكد", "تقول", "يقولون", "نفت", "نفوا", "ادعى"],
)
def test_forms_of_verbs_of_saying_are_cues(word):
    assert is_cue(word)


@pytest.mark.parametrize("word", ["قائلا", "مضيفة", "مشيرا", "موضحين", "متسائلا", "نافيا"])
def test_circumstantial_participles_are_cues_and_participles(word):
    assert is_cue(word) and is_participle(word)


@pytest.mark.parametrize("word", ["بين", "أبرز", "مذكرة", "لافتة", "متابعة", "مقرا", "مهددا", "يعتقد", "يتوقع"])
def test_words_that_only_look_like_saying_are_not_cues(word):
    # «بين» (between), «أبرز» (most prominent), «مذكرة» (memorandum), «لافتة» (a banner),
    # «متابعة» (follow-up), «مقرا»، «مهددا» (passive or noun), believing, «يُتوقع» (passive).
    assert not is_cue(word)


@pytest.mark.parametrize(
    "word, fem",
    [("قالت", True), ("أكدت", True), ("تقول", True), ("مضيفة", True), ("دعت", True), ("قال", False), ("تساءل", False)],
)
def test_agreement_comes_from_the_form(word, fem):
    # «تساءل» opens with ت but is masculine: agreement is read from the conjugation.
    assert feminine(word) is fem
    assert verbs.form(word) is not None


# --- never a speaker -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["في بيان", "لي", "له", "لها", "قائلا", "مضيفا إن", "أن الحكومة", "هو", "على حد قوله"])
def test_phrases_around_the_cue_are_never_speakers(name):
    assert not actor_like(name)


@pytest.mark.parametrize("name", ["علي الأحمد", "آن ليند", "متحدث عسكري", "وزارة الصحة", "بعض السكان"])
def test_people_bodies_and_described_speakers_are_speakers(name):
    # «علي» folds like the preposition «على», «آن» like «أن»: the letters decide.
    assert actor_like(name)


def test_preposition_and_name_told_apart_by_the_letter():
    assert is_preposition("على") and not is_preposition("علي")
    assert not_noun("أن") and not_noun("ان") and not not_noun("آن")


def test_definite_role_phrases():
    assert definite("وزير الخارجية") and definite("المتحدث باسم الجيش") and definite("رئيس الوزراء")
    assert definite("رئيس حزب الأمة")  # a construct is as definite as its last noun
    assert not definite("متحدث عسكري") and not definite("مسؤول أمني") and not definite("مسؤول في الوزارة")


def test_speaker_is_not_the_phrase_after_the_cue():
    text = (
        "وزار وزير الطاقة الكويتي خالد الرشيد محطة التحلية الجديدة صباح الاثنين.\n"
        "وقال في بيان إن المحطة ستغطي حاجة المدينة من المياه طوال الصيف.\n"
        "وأضاف لي خلال الجولة أن العمل في المرحلة الثانية سيبدأ في الخريف المقبل.\n"
        "وتابع قائلا: «لن نسمح بانقطاع المياه عن أي حي في المدينة».\n"
    )
    quotes, _ = quotes_of(text)
    assert quotes
    for q in quotes:
        assert has_word(q.speaker, "الرشيد"), (q.speaker, q.text)


def test_no_one_to_resolve_gives_no_quote():
    quotes, _ = quotes_of("وقال في كلمة له إن المشروع سيكتمل قبل نهاية العام المقبل.")
    assert quotes == []


# --- speaker after the verb, before it, and left to the context ----------------------


@pytest.mark.parametrize(
    "sentence, fragment, word",
    [
        ("وقال رئيس البلدية سمير الخطيب إن الطرق ستفتح أمام السيارات غدا صباحا.", "الطرق ستفتح", "الخطيب"),
        ("وأكدت وزيرة الصحة ليلى المنصوري أن المستشفيات استقبلت عشرات المصابين.", "المستشفيات استقبلت", "المنصوري"),
        ("وأوضح المهندس كريم السعدي أن الجسر صمم ليتحمل الزلازل القوية.", "الجسر صمم", "السعدي"),
        ("وحذر الطبيب نادر الحلبي من أن المرض قد ينتشر بسرعة في المخيمات.", "المرض قد ينتشر", "الحلبي"),
        ("وأشار النائب فادي الزعبي إلى أن البرلمان سيصوت على القانون الأسبوع المقبل.", "البرلمان سيصوت", "الزعبي"),
        ("ولفت الخبير الاقتصادي منير العلي إلى أن الأسعار سترتفع مع بداية الشتاء.", "الأسعار سترتفع", "العلي"),
        ("وشدد قائد الشرطة عمر الدباغ على أن الأمن مستتب في كل أنحاء المحافظة.", "الأمن مستتب", "الدباغ"),
        ("ونفى المتحدث باسم الشركة هاني العمري أن تكون الشركة قد سرحت أي موظف.", "تكون الشركة", "العمري"),
        ("واعتبر المحلل السياسي وليد الخوري أن الاتفاق يمثل خطوة مهمة نحو الاستقرار.", "الاتفاق يمثل", "الخوري"),
    ],
)
def test_verb_then_subject_then_speech(sentence, fragment, word):
    assert has_word(speaker_of(sentence, fragment), word)


def test_described_speaker_is_a_speaker():
    text = "وقال متحدث عسكري إن الدوريات ستتواصل على طول الحدود الشمالية."
    assert speaker_of(text, "الدوريات ستتواصل") == "متحدث عسكري"


@pytest.mark.parametrize(
    ("text", "fragment", "word"),
    [
        pytest.param(
            "وقال وزير الزراعة المغربي حسن البقالي إن محصول القمح هذا العام سيكون وفيرا.\n"
            "وأشار إلى اتفاق مع مصر والأردن لتبادل الخبرات، وأضاف أن الصادرات ستزيد بنسبة كبيرة.\n",
            "الصادرات ستزيد",
            "البقالي",
            id="pronoun_subject_goes_to_the_previous_speaker_not_a_nearer_noun",
        ),
        pytest.param(
            "رئيس الاتحاد الرياضي مازن الشريف أكد أن البطولة ستقام في موعدها رغم الأمطار.",
            "البطولة ستقام",
            "الشريف",
            id="subject_before_the_verb",
        ),
        pytest.param(
            "وقال المتحدث باسم الدفاع المدني رامي الحسن إن فرق الإنقاذ انتشلت عشرة أشخاص.\n"
            "وقال المتحدث إن البحث سيستمر طوال الليل تحت الأنقاض.\n",
            "البحث سيستمر",
            "الحسن",
            id="bare_role_goes_to_its_holder",
        ),
        pytest.param(
            "استقبل وزير الخارجية التونسي نبيل العياري سفراء الدول الأوروبية في مكتبه.\n"
            "وقال وزير الخارجية إن بلاده ترحب بكل مبادرة تدعم الحوار في المنطقة.\n",
            "بلاده ترحب",
            "العياري",
            id="definite_role_phrase_goes_to_the_actor_introduced_with_it",
        ),
        pytest.param(
            "وانتقد رئيس نقابة المعلمين محمد الحداد القرار الجديد، مضيفا أن العمال لن يقبلوا بخفض الأجور.",
            "العمال لن يقبلوا",
            "الحداد",
            id="circumstantial_participle_speaks_for_the_subject",
        ),
        pytest.param(
            "الوضع في المدينة تحت السيطرة الكاملة الآن، قال قائد الشرطة سامر الحمدان.",
            "الوضع في المدينة",
            "الحمدان",
            id="statement_then_verb_and_speaker",
        ),
        pytest.param(
            "ونقلت وكالة الأنباء الرسمية عن وزير المالية سامي الأحمد قوله إن الميزانية ستعرض على البرلمان قريبا.",
            "الميزانية ستعرض",
            "الأحمد",
            id="reported_by_names_the_speaker_after_an",
        ),
        pytest.param(
            "وزار رئيس الوزراء العراقي حيدر العبادي مدينة البصرة يوم السبت.\n"
            "ونقلت وكالة الأنباء الرسمية عنه قوله إن المشاريع الجديدة ستوفر آلاف الوظائف للشباب.\n",
            "المشاريع الجديدة",
            "العبادي",
            id="reported_by_with_a_pronoun_goes_back_to_the_person",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
            "وتحدث عن «بداية مرحلة جديدة للزراعة في البلاد»، على حد تعبيره.\n",
            "بداية مرحلة جديدة",
            "العبادي",
            id="in_his_words_goes_back_to_the_speaker",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إننا سنعيد بناء كل المدارس التي دمرتها الحرب.",
            "سنعيد بناء",
            "العبادي",
            id="that_with_an_attached_pronoun_opens_the_reported_clause",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
            "وقال للصحفيين إن الدعم سيشمل البذور والأسمدة والوقود.\n",
            "الدعم سيشمل",
            "العبادي",
            id="addressee_without_a_subject_goes_back_to_the_speaker",
        ),
        pytest.param(
            "وقال يوم الأحد رئيس الوزراء العراقي حيدر العبادي إن الانتخابات ستجرى في موعدها المحدد.",
            "الانتخابات ستجرى",
            "العبادي",
            id="time_before_the_subject_is_skipped",
        ),
        pytest.param(
            "وتوقع وزير المالية المصري محمد معيط أن ينمو الاقتصاد بنسبة خمسة في المئة العام المقبل.",
            "ينمو الاقتصاد",
            "معيط",
            id="a_stated_forecast_is_reported_speech",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
            "وقال في بغداد إن الدعم سيشمل البذور والأسمدة والوقود.\n",
            "الدعم سيشمل",
            "العبادي",
            id="a_place_after_a_preposition_is_not_the_speaker",
        ),
        pytest.param(
            "ونسبت الصحيفة إلى رئيس الوزراء العراقي حيدر العبادي قوله إن الانتخابات لن تؤجل مهما حدث.",
            "الانتخابات لن تؤجل",
            "العبادي",
            id="attributed_to_with_ila",
        ),
        pytest.param(
            "وقال المتحدث باسم الجيش العراقي، العميد سعد معن، إن القوات استعادت السيطرة على الجسر.",
            "القوات استعادت",
            "معن",
            id="name_in_apposition_after_a_comma",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
            "وأضاف، في بيان نشره مكتبه، أن الدعم سيشمل البذور والأسمدة والوقود.\n",
            "الدعم سيشمل",
            "العبادي",
            id="parenthetical_between_commas_after_the_verb",
        ),
        pytest.param(
            "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
            "وقال من جهته وزير الخارجية الأردني أيمن الصفدي إن الأردن مستعد لتقديم المساعدة.\n",
            "الأردن مستعد",
            "الصفدي",
            id="for_his_part_before_the_subject",
        ),
        pytest.param(
            "شنت طائرات حربية غارات على مدينة إدلب يوم الأحد.\n"
            "وكان المرصد السوري لحقوق الإنسان قد أعلن أن القصف استهدف سوقا شعبية في المدينة.\n",
            "القصف استهدف",
            "المرصد",
            id="a_described_subject_before_the_verb_after_kana",
        ),
    ],
)
def test_the_speaker_of_a_quote_has_the_word(text, fragment, word):
    assert has_word(speaker_of(text, fragment), word)


def test_feminine_verb_without_subject_goes_back_to_the_ministry():
    text = (
        "وأعلنت وزارة التربية أن المدارس ستفتح أبوابها في الأسبوع الأول من أيلول.\n"
        "وقالت في بيان إن الكتب ستوزع على التلاميذ مجانا في كل المحافظات.\n"
    )
    speaker = speaker_of(text, "الكتب ستوزع")
    assert speaker is not None and "التربية" in speaker


# --- according to, statement first, a quote over two paragraphs ---------------------


@pytest.mark.parametrize(
    "sentence, fragment, word",
    [
        ("وارتفع عدد النازحين إلى ثلاثة آلاف شخص، بحسب منظمة الهلال الأحمر الليبي.", "عدد النازحين", "الأحمر"),
        ("وتضررت مئات المنازل في القرية، وفقا لما ذكرته وكالة الأنباء الأردنية.", "مئات المنازل", "الأردنية"),
        ("وأغلقت المدارس في ثلاث مدن، بحسب ما أفادت به وزارة التعليم السودانية.", "أغلقت المدارس", "التعليم"),
        ("وتراجعت الصادرات بنسبة عشرة في المئة، وفقا لبيان البنك المركزي المصري.", "تراجعت الصادرات", "المركزي"),
    ],
)
def test_according_to(sentence, fragment, word):
    speaker = speaker_of(sentence, fragment)
    assert speaker is not None and word in speaker


def test_according_to_unnamed_sources_is_no_quote():
    quotes, _ = quotes_of("وقتل ثلاثة جنود في الهجوم على نقطة التفتيش، بحسب مصادر أمنية.")
    assert quotes == []


def test_quote_running_over_the_next_paragraph_keeps_its_speaker():
    text = (
        "وقال رئيس اللجنة الأولمبية طارق السامرائي: «استعدادات الفريق بدأت منذ أشهر طويلة.\n"
        "«ونحن واثقون من أن الرياضيين سيحققون نتائج طيبة في الدورة المقبلة».\n"
    )
    quotes, _ = quotes_of(text)
    assert len(quotes) >= 2
    assert all(has_word(q.speaker, "السامرائي") for q in quotes), [(q.speaker, q.text) for q in quotes]


def test_quotes_carry_the_speakers_actor_id():
    text = "وقال رئيس البلدية سمير الخطيب إن الطرق ستفتح أمام السيارات غدا صباحا."
    quotes, actors = quotes_of(text)
    assert quotes and quotes[0].speaker in {a.name for a in actors}
    assert quotes[0].speaker_id


def test_his_saying_is_masculine_her_saying_feminine():
    assert not feminine("قوله") and feminine("قولها")


def test_editorial_aside_is_nobodys_speech():
    text = (
        "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
        "ويذكر أن العراق يستورد معظم حاجته من القمح منذ سنوات طويلة.\n"
        "ويشار إلى أن الأمطار كانت قليلة جدا في الشتاء الماضي.\n"
    )
    quotes, _ = quotes_of(text)
    assert [q for q in quotes if "يستورد" in q.text or "الأمطار" in q.text] == []
    assert any(has_word(q.speaker, "العبادي") for q in quotes)


def test_subject_after_the_addressee():
    text = "وقال لرويترز مسؤول أمني رفيع إن الحدود ستبقى مغلقة حتى نهاية الأسبوع."
    assert speaker_of(text, "الحدود ستبقى") == "مسؤول أمني رفيع"


def test_believing_is_not_saying():
    assert not is_cue("يعتقد") and not is_cue("اعتقد") and not is_cue("يتوقع")


@pytest.mark.parametrize(
    "sentence",
    [
        "وقالت مصادر مطلعة إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.",
        "وذكرت تقارير إعلامية أن الحكومة تدرس رفع أسعار الوقود مجددا.",
    ],
)
def test_unnamed_sources_and_reports_are_not_speakers(sentence):
    quotes, _ = quotes_of(sentence)
    assert quotes == []


def test_a_statement_speaks_for_whoever_issued_it():
    text = "وقال بيان صادر عن وزارة الخارجية المصرية إن القاهرة ترحب بوقف إطلاق النار في غزة."
    speaker = speaker_of(text, "القاهرة ترحب")
    assert speaker is not None and "الخارجية" in speaker and not speaker.startswith("بيان")


def test_a_country_as_subject_speaks_for_its_government():
    text = "وقالت روسيا إن العقوبات الجديدة لن تغير موقفها من الأزمة في أوكرانيا."
    assert speaker_of(text, "العقوبات الجديدة") == "روسيا"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("روسيا أكدت أن العقوبات الجديدة لن تغير موقفها من الأزمة.", "روسيا"),
        ("وكانت إيران قد أعلنت أن المفاوضات ستستأنف الشهر المقبل في فيينا.", "إيران"),
    ],
)
def test_a_country_as_topic_before_the_verb(sentence, speaker):
    quotes, _ = quotes_of(sentence)
    assert [q.speaker for q in quotes] == [speaker]


def test_a_place_after_a_preposition_is_no_topic():
    quotes, _ = quotes_of("وفي بغداد، أكد أن المفاوضات ستستأنف الشهر المقبل في فيينا.")
    assert quotes == []


def test_two_commas_are_not_an_apposition():
    text = (
        "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستدعم المزارعين في الموسم المقبل.\n"
        "وقال المتحدث باسم الحكومة، في حضور الوزير، وفي مؤتمر صحفي مع سعد معن، إن الدعم سيبدأ قريبا.\n"
    )
    quotes, _ = quotes_of(text)
    assert not any(has_word(q.speaker, "معن") for q in quotes if "الدعم سيبدأ" in q.text)


def test_a_body_a_nationality_makes_particular_and_a_report_speak_as_described():
    text = (
        "شنت طائرات حربية غارات على مدينة إدلب يوم الأحد.\n"
        "في حين اعتبرت الخارجية التركية أن القصف يهدد اتفاق خفض التصعيد.\n"
        "وأشار التقرير إلى أن أكثر من مليون مدني قد يضطرون إلى النزوح.\n"
    )
    assert has_word(speaker_of(text, "القصف يهدد"), "التركية")
    assert has_word(speaker_of(text, "أكثر من مليون"), "التقرير")


def test_the_spokesman_without_a_holder_stays_unnamed():
    text = "شنت طائرات حربية غارات على مدينة إدلب يوم الأحد.\nوقال المتحدث إن القصف يهدد اتفاق خفض التصعيد.\n"
    quotes, _ = quotes_of(text)
    assert not [q for q in quotes if "القصف يهدد" in q.text]


# --- a direct quote over several paragraphs ------------------------------------------
# Arabic news opens the mark in the first paragraph and closes it only at the end of the
# last; the paragraphs in between have no mark and no verb of saying of their own.


def test_a_quote_over_paragraphs_goes_on_the_speaker_named_before_it():
    text = (
        "وقال وزير الصحة خالد العمري في مؤتمر صحفي: «نحن نعمل على توسيع المستشفيات في كل المحافظات.\n"
        "وقلت للنواب إن الإصلاح لن يتوقف مهما كانت الصعوبات.\n"
        "ولن نسمح بأي تأخير في توزيع اللقاحات على المواطنين».\n"
        "وأضاف أن الوزارة ستنشر تقريرا أسبوعيا عن الحملة.\n"
    )
    quotes, _ = quotes_of(text)
    pieces = {q.text: q.speaker for q in quotes}
    assert "وقلت للنواب إن الإصلاح لن يتوقف مهما كانت الصعوبات" in pieces
    assert "ولن نسمح بأي تأخير في توزيع اللقاحات على المواطنين" in pieces
    assert all(has_word(s, "العمري") for s in pieces.values())
    # the verb inside the quote reports nothing of its own
    assert not [q for q in quotes if q.text.startswith("الإصلاح لن يتوقف")]


def test_a_quote_over_paragraphs_goes_on_the_speaker_named_after_it():
    text = (
        "«الحكومة ماضية في خطتها لإصلاح الاقتصاد رغم كل الصعوبات.\n"
        "والمواطن سيلمس النتائج في الأشهر القليلة المقبلة»، قال رئيس الوزراء سمير الحداد في كلمة أمام البرلمان.\n"
    )
    quotes, _ = quotes_of(text)
    first = [q for q in quotes if q.text.startswith("الحكومة ماضية")]
    assert first and has_word(first[0].speaker, "الحداد")
    assert has_word(speaker_of(text, "والمواطن سيلمس"), "الحداد")


def test_a_new_quote_with_its_own_marks_is_not_a_continuation():
    text = (
        "وقال وزير المالية سامي النجار: «الموازنة الجديدة تركز على دعم الأسر الفقيرة\n"
        "وأضاف رئيس البرلمان حسن الزين: «لن نقر الموازنة قبل مناقشتها بندا بندا».\n"
    )
    assert runs_over(text) == []
    assert has_word(speaker_of(text, "لن نقر الموازنة"), "الزين")


def test_a_mark_left_open_and_never_closed_makes_no_quote_over_paragraphs():
    text = (
        'وقال المتحدث باسم الجيش إن "القوات سيطرت على المنطقة بالكامل.\n'
        "وعادت الحياة إلى طبيعتها في الأسواق.\n"
        "وفتحت المدارس أبوابها يوم السبت.\n"
    )
    assert runs_over(text) == []


def test_a_quote_over_paragraphs_is_cut_into_one_piece_per_paragraph():
    text = "قال: «الجملة الأولى من الكلام.\n\nالجملة الثانية من الكلام.\nالجملة الأخيرة من الكلام». ثم غادر."
    (run,) = runs_over(text)
    assert [text[s:e] for s, e in run] == [
        "الجملة الأولى من الكلام.",
        "الجملة الثانية من الكلام.",
        "الجملة الأخيرة من الكلام",
    ]
    too_long = "قال: «بداية الكلام هنا.\n" + "سطر آخر من الكلام.\n" * (MAX_PARAGRAPHS + 1) + "نهاية الكلام هنا»."
    assert runs_over(too_long) == []
