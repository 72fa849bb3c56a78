"""Who said what, one pattern at a time, on sentences written for these tests (how
Arabic and English news report speech), not taken from any evaluation set."""

from __future__ import annotations

import pytest

from briefing.analyze.actors.extract import extract_actors
from briefing.analyze.quotes.extract import extract_quotes

AR = (
    "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان يوم الأحد.\n"
    "وقال شكري في مؤتمر صحفي إن البلدين متفقان على ضرورة وقف التصعيد في المنطقة.\n"
    "وأضاف أن الاتصالات بين الجانبين ستستمر خلال الأيام المقبلة.\n"
    "وانتقد رئيس الوزراء العراقي حيدر العبادي الهجوم على المدينة، قائلا: «هذا العمل لن يمر دون عقاب من الدولة».\n"
    "وقال في كلمة له إن الحكومة ستعيد بناء كل ما دمرته الحرب.\n"
    "وأعلنت وزارة الصحة أن عدد الضحايا بلغ عشرين شخصا في الانفجار.\n"
    "وقالت الوزارة في بيان إن فرق الإسعاف ما زالت تعمل في الموقع.\n"
    "وقال المتحدث باسم الجيش العميد يحيى رسول إن القوات أحكمت سيطرتها على الحي.\n"
    "وقال المتحدث إن العمليات ستتواصل حتى تطهير المنطقة بالكامل.\n"
    "وقال لي أحد السكان إن الوضع ما زال صعبا للغاية في الحي.\n"
    "وقتل خمسة أشخاص على الأقل في القصف، بحسب المرصد السوري لحقوق الإنسان.\n"
    "وأشار الصفدي إلى أن الأردن يدعم كل جهد يؤدي إلى حل سياسي للأزمة.\n"
    "ونقلت وكالة الأنباء الرسمية عن وزير الداخلية عبد الله المحمد قوله إن الأجهزة الأمنية أحبطت مخططا لتفجير سيارة.\n"
    "وقال وزير الخارجية الأميركي مايك بومبيو في مؤتمر صحفي مشترك مع نظيره الأردني في عمان إن واشنطن ملتزمة بأمن المنطقة.\n"
)

EN = (
    "Floods hit the northern valley on Sunday, destroying hundreds of homes.\n"
    '"We will not back down," Governor Elena Marsh said, "and we will rebuild every town."\n'
    'Mayor Tomas Brandt said: "The water took everything from these families.\n'
    '"We need help from the capital before the winter comes."\n'
    'John Reyes, a farmer in the valley, lost his whole crop. "There is nothing left for us here," he said.\n'
    '"Prices will rise again this year," the central bank governor, Omar Haddad, said.\n'
    "The interior ministry spokesman, Ali Karimi, declined to give a figure. Later the spokesman said that 40 people were missing.\n"
    "Brandt told reporters that the evacuation would go on through the night.\n"
    '"It is the worst flood in fifty years," said Marsh.\n'
    '"We have never seen the river this high. Nobody here has."\n'
    'She added: "The army will arrive tomorrow."\n'
    "The plan, Brandt said, will cost about $40 million over five years.\n"
    "Reyes also said that the insurers had not called anyone back.\n"
    '"Who will pay for the new houses?" Reyes asked.\n'
    'Marsh called the delay "a failure of everyone in charge."\n'
    "The dam held through the night, according to the regional water authority.\n"
    "Reyes&apost;s neighbour, Nadia Flores, said the road to the town was still cut.\n"
    "Brandt said Monday the bridge would stay closed for a month.\n"
    "Independent engineers warn that the levee was built too low.\n"
    "A survey of the damaged homes found that the water had entered through the cellar.\n"
    "The plant will reopen in May, according to chief executive Dana Wells, who said the repairs were almost done.\n"
)


@pytest.fixture(scope="module")
def ar_quotes():
    return quotes_in(AR, "ar")


@pytest.fixture(scope="module")
def en_quotes():
    return quotes_in(EN, "en")


def quotes_in(text, language, actors=None):
    """The quotes found in text (with the actors found in it unless given), each checked to
    stand at its offsets; the English tests share it."""
    if actors is None:
        actors = extract_actors(text, language=language)
    quotes = extract_quotes(text, language=language, actors=actors)
    for q in quotes:
        assert text[q.start : q.end] == q.text  # offsets index the text
    return quotes


def speaker_of(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote with {fragment!r}: {[q.text for q in quotes]}"
    return hits[0].speaker


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("البلدين متفقان", "سامح شكري"),  # قال X في مؤتمر صحفي إن
        ("الاتصالات بين الجانبين", "سامح شكري"),  # وأضاف أن: the previous speaker
        ("هذا العمل لن يمر", "حيدر العبادي"),  # ...، قائلا: «...»: the sentence's subject
        ("الحكومة ستعيد بناء", "حيدر العبادي"),  # وقال في كلمة له إن: not «في كلمة له»
        ("عدد الضحايا بلغ", "وزارة الصحة"),  # أعلنت X أن
        ("فرق الإسعاف", "وزارة الصحة"),  # «الوزارة»: the body named before
        ("العمليات ستتواصل", "يحيى"),  # «المتحدث»: the holder of the role
        ("الوضع ما زال صعبا", "أحد السكان"),  # «لي» is the listener; a described speaker
        ("وقتل خمسة أشخاص", "المرصد السوري لحقوق الإنسان"),  # بحسب X
        ("الأردن يدعم كل جهد", "أيمن الصفدي"),  # أشار إلى أن
        ("الأجهزة الأمنية أحبطت", "عبد الله المحمد"),  # نقلت الوكالة عن X قوله
        ("واشنطن ملتزمة", "مايك بومبيو"),  # a long phrase between the speaker and إن
    ],
)
def test_arabic_patterns(ar_quotes, fragment, speaker):
    assert speaker_of(ar_quotes, fragment) == speaker


def test_arabic_speaker_is_never_a_phrase_around_the_cue(ar_quotes):
    for q in ar_quotes:
        first = q.speaker.split()[0]
        assert first not in {"في", "لي", "له", "قائلا", "خلال", "إن", "أن"}, q


def test_arabic_names_in_quotation_marks_are_not_quotes():
    text = (
        "وقال المتحدث باسم الحكومة علي الدباغ لـ«سكاي نيوز عربية» إن الانتخابات ستجري في موعدها المحدد.\n"
        "وأكد القيادي في حركة «حماس» إسماعيل رضوان أن الحركة لن تتخلى عن سلاحها تحت أي ظرف.\n"
        'وقالت صحيفة "الشرق الأوسط" إن المفاوضات بين الطرفين وصلت إلى طريق مسدود.\n'
    )
    quotes = quotes_in(text, "ar")
    assert "علي الدباغ" in speaker_of(quotes, "الانتخابات ستجري")  # the outlet is the listener
    assert speaker_of(quotes, "الحركة لن تتخلى") == "إسماعيل رضوان"  # a described speaker's name
    assert speaker_of(quotes, "المفاوضات بين الطرفين") == 'صحيفة "الشرق الأوسط"'
    assert not [q for q in quotes if q.text in {"سكاي نيوز عربية", "الشرق الأوسط"}]


def test_arabic_cue_and_colon_closing_the_paragraph_before_the_quote():
    text = (
        "افتتح الرئيس اللبناني ميشال عون المؤتمر في بيروت.\n"
        "وقال عون في كلمته خلال الافتتاح:\n"
        "«لبنان لن يكون ساحة لصراعات الآخرين بعد اليوم».\n"
    )
    assert speaker_of(quotes_in(text, "ar"), "لبنان لن يكون ساحة") == "ميشال عون"


def test_arabic_speech_after_a_colon_without_marks():
    text = "وقال وزير الداخلية العراقي قاسم الأعرجي: الوضع الأمني في العاصمة تحت السيطرة الكاملة."
    quotes = quotes_in(text, "ar")
    assert speaker_of(quotes, "الوضع الأمني في العاصمة") == "قاسم الأعرجي"


def test_arabic_according_to_and_quoting():
    text = (
        "وارتفع عدد القتلى في الزلزال إلى أربعين شخصا، نقلا عن وزارة الصحة التركية.\n"
        "وتضررت مئات المنازل في القرى المجاورة، وفق منظمة الصحة العالمية."
    )
    quotes = quotes_in(text, "ar")
    assert "وزارة الصحة" in speaker_of(quotes, "وارتفع عدد القتلى")
    assert "منظمة الصحة العالمية" in speaker_of(quotes, "وتضررت مئات المنازل")


def test_arabic_quote_over_two_paragraphs():
    text = (
        "وقال رئيس البرلمان محمد الحلبوسي في كلمته: «إن المرحلة المقبلة تتطلب تعاون الجميع\n"
        "«ولن نسمح بعودة الفوضى إلى شوارع مدننا»."
    )
    quotes = quotes_in(text, "ar")
    assert speaker_of(quotes, "المرحلة المقبلة تتطلب") == "محمد الحلبوسي"
    assert speaker_of(quotes, "لن نسمح بعودة الفوضى") == "محمد الحلبوسي"


def test_arabic_nobody_to_resolve_gives_no_quote():
    # A subjectless cue with no earlier actor: no speaker, so no quote (precision first).
    assert quotes_in("وأضاف أن العمل سيستمر حتى نهاية الشهر المقبل.", "ar") == []


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("We will not back down", "Elena Marsh"),
        ("and we will rebuild every town", "Elena Marsh"),  # split by "X said,"
        ("The water took everything", "Tomas Brandt"),  # a quote over two paragraphs ...
        ("We need help from the capital", "Tomas Brandt"),  # ... continued
        ("There is nothing left", "John Reyes"),  # "he said": the person named before
        ("Prices will rise again", "Omar Haddad"),  # '"...," the governor, NAME, said.'
        ("40 people were missing", "Ali Karimi"),  # "the spokesman": the holder of the role
        ("the evacuation would go on", "Tomas Brandt"),  # told reporters that
        ("It is the worst flood", "Elena Marsh"),  # '"...," said X.'
        ("We have never seen the river", "Elena Marsh"),  # a quote paragraph going on
        ("The army will arrive", "Elena Marsh"),  # "She added:"
        ("will cost about $40 million", "Tomas Brandt"),  # "The plan, X said, will ..."
        ("the insurers had not called", "John Reyes"),  # "X also said that"
        ("Who will pay for the new houses?", "John Reyes"),  # '"...?" X asked.'
        ("a failure of everyone in charge", "Elena Marsh"),  # 'X called the delay "..."'
        ("The dam held through the night", "regional water authority"),  # according to X
        ("the bridge would stay closed", "Tomas Brandt"),  # "said Monday the ..."
        ("the levee was built too low", "engineers"),  # "experts warn that"
        ("the water had entered through the cellar", "survey"),  # "the survey found that"
        ("The plant will reopen in May", "Dana Wells"),  # according to X
        ("the repairs were almost done", "Dana Wells"),  # "..., X, who said ..."
        ("the road to the town was still cut", "Nadia Flores"),  # "&apost;" ends no clause
    ],
)
def test_english_patterns(en_quotes, fragment, speaker):
    assert speaker in speaker_of(en_quotes, fragment)


def test_english_clause_without_that_but_no_noun_object():
    text = (
        "Maria Lopez argued the new tax would hurt small shops most.\n"
        "The company announced the closure of its plant in Ohio on Friday.\n"
        '"It\'s over," Lopez said.'
    )
    quotes = quotes_in(text, "en")
    assert {(q.speaker, q.text) for q in quotes} == {
        ("Maria Lopez", "the new tax would hurt small shops most"),  # a clause: reported speech
        ("Maria Lopez", "It's over"),  # a two-word quote is a quote
    }  # "announced the closure ..." has a noun object: no speech


def test_english_bare_role_with_no_holder_gives_no_quote():
    text = "The spokesman said that the talks would resume after the holiday."
    assert quotes_in(text, "en") == []
