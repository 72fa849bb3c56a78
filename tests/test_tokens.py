"""Word tokens, stems, stop words and the NLTK-free sumy tokenizer."""

from briefing.text.segment import split_sentences
from briefing.text.tokens import SumyTokenizer, content_stems, stem, stop_words, sumy_document, words


def test_arabic_words_are_folded_so_diacritics_never_split_words():
    assert words("قالَ الوزيرُ إنّ الحكومـــة", "ar") == ["قال", "الوزير", "ان", "الحكومه"]


def test_english_words_lower_case_keep_contractions():
    assert words("The U.S. didn't say 3.5%", "en") == ["the", "u", "s", "didn't", "say", "3", "5"]


def test_stems():
    assert stem("running", "en") == "run"
    # Folded words stem alike whatever their diacritics or hamza forms.
    assert stem(words("الحُكومَة", "ar")[0], "ar") == stem(words("الحكومة", "ar")[0], "ar")
    assert stem("المدارس", "ar") == "مدارس"
    assert stem("word", "xx") == "word"  # no stemmer: the word itself


def test_stop_words():
    assert "the" in stop_words("en")
    assert "في" in stop_words("ar")
    assert "ان" in stop_words("ar")  # folded: "أن" and "إن" both match
    assert "le" in stop_words("fr")  # sumy's list
    assert stop_words("xx") == frozenset()


def test_content_stems_drop_stop_words_and_numbers():
    assert content_stems("The ministers said 42 things", "en") == ["minist", "thing"]
    assert "في" not in content_stems("اجتمع الوزراء في القاهرة", "ar")


def test_sumy_tokenizer_needs_no_nltk(tmp_path, monkeypatch):
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    tokenizer = SumyTokenizer("en")
    assert tokenizer.language == "en"
    assert tokenizer.to_sentences("Mr. Smith left. He came back.") == ("Mr. Smith left.", "He came back.")
    assert tokenizer.to_words("He came back.") == ("he", "came", "back")


def test_sumy_document_maps_back_to_our_sentences():
    text = "العنوان\nقال الوزير، في بيان، إن المحادثات مستمرة. وأضاف أنها مفيدة.\nانتهى الاجتماع."
    sentences = split_sentences(text, "ar")
    document, index_of = sumy_document(sentences, "ar", title="عنوان")
    assert len(document.sentences) == len(sentences)
    assert len(document.headings) == 1
    assert [index_of[id(s)] for s in document.sentences] == [s.index for s in sentences]
    assert len(document.paragraphs) == 3
