"""Word tokens, Snowball stems and stop words, plus a sumy tokenizer that needs no NLTK.

Arabic tokens are folded (`fold_arabic`) before anything else, so diacritics, tatweel
and hamza variants never split one word into several or make a summarizer drop it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from briefing.text.normalize import fold_arabic
from briefing.text.script import has_arabic
from briefing.text.segment import split_sentences

# Letters and digits, with inner apostrophes ("don't"); hyphens split ("al-Assad").
# English day and month names: capitalised, yet never a name or a speaker.
CALENDAR_EN = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_SNOWBALL = {
    "ar": "arabic",
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "tr": "turkish",
    "ru": "russian",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "el": "greek",
}
_SUMY_STOPWORDS = {
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
    "cs": "czech",
    "sk": "slovak",
    "pl": "polish",
    "el": "greek",
    "he": "hebrew",
    "sv": "swedish",
    "uk": "ukrainian",
    "zh": "chinese",
    "ja": "japanese",
    "ko": "korean",
}


def words(text: str, language: str) -> list[str]:
    """Lower-case word tokens of `text`; Arabic-script words are folded."""
    if language == "ar" or has_arabic(text):
        # Fold first: tashkeel are combining marks, not word characters, and would
        # otherwise cut words in pieces.
        return [t.lower() for t in _WORD.findall(fold_arabic(text))]
    return [t.lower().replace("’", "'") for t in _WORD.findall(text)]


@lru_cache(maxsize=32)
def _stemmer(language: str):
    import Stemmer  # PyStemmer: C Snowball stemmers, no data files

    name = _SNOWBALL.get(language)
    return Stemmer.Stemmer(name) if name else None


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Snowball stem of a (lower-case, folded) word; the word itself if no stemmer."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    stemmed = stemmer.stemWord(word)
    # Snowball's Arabic stemmer puts hamza forms back; fold again so stems match.
    return fold_arabic(stemmed) if language == "ar" else stemmed


@lru_cache(maxsize=32)
def stop_words(language: str) -> frozenset[str]:
    """Stop words of `language` (folded for Arabic); empty for unknown languages."""
    if language in ("ar", "en"):
        raw = resources.files("briefing").joinpath("data", f"stopwords-{language}.txt")
        lines = raw.read_text(encoding="utf-8").splitlines()
        found = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
        if language == "ar":
            found = {fold_arabic(w) for w in found}
        return frozenset(found)
    name = _SUMY_STOPWORDS.get(language)
    if name is None:
        return frozenset()
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(name))


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the words of `text` that are not stop words, numbers or single letters."""
    stops = stop_words(language)
    return [stem(w, language) for w in words(text, language) if w not in stops and len(w) > 1 and not w.isdigit()]


class SumyTokenizer:
    """A sumy tokenizer (`to_sentences`, `to_words`, `language`) built on our pipeline.

    sumy's own Tokenizer needs NLTK's punkt data; this one needs nothing.
    """

    def __init__(self, language: str):
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence, self.language))


def sumy_stemmer(language: str):
    """A callable stemmer for sumy summarizers."""

    def _stem(word: str) -> str:
        return stem(word, language)

    return _stem


def sumy_document(sentences, language: str, title: str = ""):
    """A sumy ObjectDocumentModel built from our sentences (one sumy Sentence each).

    Returns (document, index_of) where index_of maps id(sumy sentence) to our index,
    so sumy's choices trace back to offsets. The title, if any, is a heading.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer(language)
    index_of: dict[int, int] = {}
    paragraphs = []
    group: list = []
    current = None
    if title.strip():
        group.append(SumySentence(title, tokenizer, is_heading=True))
    for sentence in sentences:
        if current is not None and sentence.paragraph != current and group:
            paragraphs.append(Paragraph(group))
            group = []
        current = sentence.paragraph
        item = SumySentence(sentence.text, tokenizer)
        index_of[id(item)] = sentence.index
        group.append(item)
    if group:
        paragraphs.append(Paragraph(group))
    return ObjectDocumentModel(paragraphs), index_of


# Arabic light stemming for matching words across sentences. Snowball's Arabic stemmer
# is inconsistent ("الحكومه" -> "حكومه" but "حكومه" -> "حكوم"; "وزير" -> "زير"), so
# sentences about the same thing look less alike than they are. These rules strip only
# the commonest clitics and endings and keep at least three letters of stem.
_AR_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_AR_SUFFIXES = ("هما", "كما", "ها", "هم", "كم", "نا", "ات", "ون", "ين", "ان", "ية", "يه", "ه", "ة", "ي")
_AR_MIN_STEM = 3
# The suffixes by their last letter, each group in the order above (the first that fits
# wins), so a word is compared only with the suffixes it may end in.
_AR_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(x for x in _AR_SUFFIXES if x[-1] == last) for last in {x[-1] for x in _AR_SUFFIXES}
}


@lru_cache(maxsize=200_000)
def light_stem_ar(word: str) -> str:
    """A folded Arabic word without its article, conjunction and common suffixes."""
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _AR_MIN_STEM:
            word = word[len(prefix) :]
            break
    else:
        # A bare conjunction or preposition: only when a long enough word remains.
        if word[:1] in "وفبلك" and len(word) - 1 > _AR_MIN_STEM:
            word = word[1:]
    for suffix in _AR_SUFFIXES_BY_LAST.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= _AR_MIN_STEM:
            return word[: -len(suffix)]
    return word


def match_stems(text: str, language: str) -> list[str]:
    """Like `content_stems`, but Arabic words get `light_stem_ar`: for similarity only."""
    if language != "ar":
        return content_stems(text, language)
    return [term for term in map(_arabic_match_term, words(text, language)) if term]


@lru_cache(maxsize=200_000)
def _arabic_match_term(word: str) -> str:
    """The match stem of one word of Arabic text; "" for stop words, digits, letters."""
    stops = stop_words("ar")
    if word in stops or len(word) < 2 or word.isdigit():
        return ""
    if not has_arabic(word[0]):
        return stem(word, "en")  # Latin names and acronyms inside Arabic text
    term = light_stem_ar(word)
    return "" if term in stops else term
