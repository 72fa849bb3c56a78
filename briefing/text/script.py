"""Scripts and directions: which characters are Arabic script, which languages are
written right to left. The one definition every other module asks (tokens, search, NER,
actors, evaluation, the archive index, rendering).
"""

from __future__ import annotations

import re

# The Arabic blocks of Unicode: Arabic, Arabic Supplement, Arabic Extended-A, and the
# presentation forms A and B (old encodings and some PDFs produce those).
ARABIC_RANGES = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
ARABIC_CHAR = re.compile(f"[{ARABIC_RANGES}]")

# Languages written right to left (ISO 639-1): Arabic, Persian, Hebrew, Urdu, Pashto,
# Kurdish (Sorani), Yiddish, Dhivehi, Sindhi, Uyghur.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ku", "yi", "dv", "sd", "ug"})


def is_arabic_char(ch: str) -> bool:
    """Whether the one character `ch` is in an Arabic block (letters, marks, digits,
    punctuation such as «،» and «؟»)."""
    return ARABIC_CHAR.match(ch) is not None


def is_arabic_letter(ch: str) -> bool:
    """Whether `ch` is one of the Arabic letters hamza to yeh (U+0621-U+064A): no marks,
    digits or punctuation; "" is not."""
    return bool(ch) and "\u0621" <= ch <= "\u064a"


def has_arabic(text: str) -> bool:
    """Whether any character of `text` is Arabic script."""
    return ARABIC_CHAR.search(text) is not None


def starts_arabic(text: str) -> bool:
    """Whether `text` begins with an Arabic-script character."""
    return ARABIC_CHAR.match(text) is not None


def count_arabic(text: str) -> int:
    """How many characters of `text` are Arabic script."""
    return len(ARABIC_CHAR.findall(text))


def direction(language: str | None) -> str:
    """ "rtl" for a language written right to left ("ar", "fa-IR", "ur_PK"), else "ltr"."""
    return "rtl" if (language or "")[:2].lower() in RTL_LANGUAGES else "ltr"
