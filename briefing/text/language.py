"""Offline language detection: script counts, then stop-word profiles for Latin script.

No model files and no downloads: Arabic, Cyrillic, Greek, Hebrew and CJK are told apart
by the script of their letters; Latin-script languages by how many of their most
frequent function words a text uses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from briefing.text.script import is_arabic_char

UNDETERMINED = "und"

# The most frequent function words; short lists on purpose: they must be distinctive.
_PROFILES: dict[str, str] = {
    "en": "the of and to in is that for it was on with as by he at from his her are be this "
    "have has had not but they their which were will would said an or who been its",
    "fr": "le la les de des du et est un une en dans que qui pour pas sur au aux par avec "
    "ce cette il elle ils sont été plus ont mais son sa ses leur",
    "es": "el la los las de del y en que un una por para con no es se su sus al lo como "
    "más pero fue ha son está este esta entre",
    "de": "der die das und ist nicht ein eine den dem des zu mit auf für von sich im auch "
    "es wird wurde sind bei nach aus wie",
    "it": "il lo la gli le di del della e che un una per con non è sono nel nella al alla "
    "da dei delle anche come più ma",
    "pt": "o os a as de do da dos das e que um uma para com não em no na por se é foi são mais mas ao como pelo pela",
    "nl": "de het een en van in is dat op te zijn voor met die niet aan er ook als bij door was werd worden naar",
    "tr": "ve bir bu da de için ile olarak olan gibi daha çok ama en ne değil var kadar sonra",
}

_WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPHS = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in _PROFILES.items()}


@lru_cache(maxsize=8192)
def _script(ch: str) -> str | None:
    """A coarse script name for one letter, or None for non-letters (cached: asked for
    every character of a sample, and articles use a few hundred distinct ones)."""
    code = ord(ch)
    if is_arabic_char(ch):
        return "arabic"
    if ch.isalpha():
        if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            return "latin"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if 0x0370 <= code <= 0x03FF:
            return "greek"
        if 0x0590 <= code <= 0x05FF:
            return "hebrew"
        if 0x3040 <= code <= 0x30FF:
            return "kana"
        if 0xAC00 <= code <= 0xD7AF:
            return "hangul"
        if 0x4E00 <= code <= 0x9FFF:
            return "han"
        return "other"
    return None


_PERSIAN_LETTERS = frozenset("پچژگکی")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the main language of `text`, or "und" when unsure."""
    counts: dict[str, int] = {}
    persian = 0
    # A sample is enough and keeps 2 MB articles cheap.
    sample = text[:4000]
    # Each distinct character once, with its count, in the order of first appearance (so
    # scripts are met in the same order as character by character, which decides ties).
    for ch, n in Counter(sample).items():
        script = _script(ch)
        if script:
            counts[script] = counts.get(script, 0) + n
            if ch in _PERSIAN_LETTERS:
                persian += n
    if not counts:
        return UNDETERMINED
    script, count = max(counts.items(), key=lambda kv: kv[1])
    if script == "arabic":
        # Persian letters in quantity mean Persian (or Urdu), not Arabic.
        return "fa" if persian > 0.05 * count else "ar"
    if script == "latin":
        return _latin_language(sample)
    if script == "han":
        return "ja" if counts.get("kana", 0) > 0.1 * count else "zh"
    return {"cyrillic": "ru", "greek": "el", "hebrew": "he", "kana": "ja", "hangul": "ko"}.get(script, UNDETERMINED)


def _latin_language(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return UNDETERMINED
    profiles = _profiles()
    hits = {lang: sum(1 for w in words if w in stops) for lang, stops in profiles.items()}
    lang, best = max(hits.items(), key=lambda kv: kv[1])
    # A few hits in a long text are noise (names, a quoted phrase), not a language.
    if best == 0 or (len(words) >= 20 and best < 0.05 * len(words)):
        return UNDETERMINED
    return lang


@dataclass(frozen=True)
class LanguageSpan:
    start: int
    end: int
    language: str


def detect_paragraph_languages(text: str) -> list[LanguageSpan]:
    """Language of each non-empty line of `text` (for articles that mix languages).

    Short lines with no clear evidence take the language of the whole text.
    """
    overall = detect_language(text)
    spans: list[LanguageSpan] = []
    for match in _PARAGRAPHS.finditer(text):
        if not match.group().strip():
            continue
        lang = detect_language(match.group())
        if lang == UNDETERMINED:
            lang = overall
        spans.append(LanguageSpan(match.start(), match.end(), lang))
    return spans


_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def _known_codes() -> frozenset[str]:
    """ISO 639 codes that CLDR (through Babel) has a name for: 'ar', 'en', 'fa', 'tlh', ..."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if isinstance(code, str) and "_" not in code)


def language_code(tag: object) -> str | None:
    """The ISO 639 code of a language tag ('ar', 'AR', 'ar-IQ', 'en_GB' give 'ar', 'ar',
    'ar', 'en'), or None when it names no known language ('klingon', 'xx')."""
    match = _TAG.fullmatch(str(tag).strip())
    if not match:
        return None
    code = match.group(1).lower()
    return code if code in _known_codes() else None
