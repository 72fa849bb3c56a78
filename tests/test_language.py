"""Offline language detection."""

from briefing.text.language import detect_language, detect_paragraph_languages


def test_arabic():
    assert detect_language("أعلنت وزارة الصحة اليوم عن إجراءات جديدة لمواجهة الوباء.") == "ar"


def test_english():
    assert detect_language("The minister said on Tuesday that the talks would continue.") == "en"


def test_french_and_spanish():
    assert detect_language("Le ministre a dit que les négociations vont continuer dans la capitale.") == "fr"
    assert detect_language("El ministro dijo que las negociaciones van a continuar en la capital.") == "es"


def test_german():
    assert detect_language("Der Minister sagte, dass die Gespräche nicht fortgesetzt werden.") == "de"


def test_other_scripts():
    assert detect_language("Министр заявил, что переговоры продолжатся.") == "ru"
    assert detect_language("وزیر گفت که گفتگوها ادامه پیدا می‌کند و چیزی تغییر نکرده است.") == "fa"


def test_undetermined():
    assert detect_language("") == "und"
    assert detect_language("12345 !!! 3.5") == "und"


def test_mostly_arabic_with_english_names():
    text = "قال مدير شركة Apple إن الشركة ستطلق هاتفا جديدا في سبتمبر المقبل."
    assert detect_language(text) == "ar"


def test_per_paragraph():
    text = "قال الوزير إن المحادثات مستمرة.\nThe minister said the talks would go on and on.\n"
    spans = detect_paragraph_languages(text)
    assert [s.language for s in spans] == ["ar", "en"]
    assert text[spans[1].start : spans[1].end].startswith("The minister")
