"""Search terms for the archive's static search index.

The archive site searches in the reader's browser, so the query is folded by a small
script (`templates/site/search.js`) that must agree with this module. Both do the same
three things, and the tests run the script in a real browser against this code:

1. words are `tokens.words` (lower case; Arabic folded: no tashkeel or tatweel, alef,
   yeh, teh marbuta, waw and yeh hamza variants unified);
2. an Arabic word is also indexed without its proclitics: a conjunction (و ف), then a
   preposition (ب ك ل), then the article (ال), so «وبلينكن» is found by «بلينكن» and
   «والحكومة» by «حكومة»; the stem left must keep at least `MIN_STEM` letters;
3. a query word matches the term it is; only when it is no term are its stripped forms
   tried, so «بلينكن» does not also find every «لينكن».
"""

from __future__ import annotations

from briefing.text.script import starts_arabic
from briefing.text.tokens import words

MIN_STEM = 2
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"


def strip_proclitics(word: str) -> list[str]:
    """The forms of a folded Arabic word without its proclitics, longest first."""
    forms: list[str] = []
    rest, preposition = word, ""
    if rest[:1] and rest[0] in _CONJUNCTIONS and len(rest) - 1 >= MIN_STEM + 1:
        rest = rest[1:]
        forms.append(rest)
    if rest[:1] and rest[0] in _PREPOSITIONS and len(rest) - 1 >= MIN_STEM + 1:
        preposition, rest = rest[0], rest[1:]
        forms.append(rest)
    if rest.startswith("ال") and len(rest) - 2 >= MIN_STEM:
        forms.append(rest[2:])
    elif preposition == "ل" and rest.startswith("ل") and len(rest) - 1 >= MIN_STEM:
        forms.append(rest[1:])  # «للحكومة» is ل + الحكومة with the alef dropped
    return forms


def index_terms(text: str) -> set[str]:
    """Every term under which `text` is found."""
    terms: set[str] = set()
    for word in words(text, "und"):
        terms.add(word)
        if starts_arabic(word):
            terms.update(strip_proclitics(word))
    return terms


def query_terms(query: str) -> list[list[str]]:
    """For each query word, the forms of it that may match a term (any one will do)."""
    out = []
    for word in words(query, "und"):
        forms = [word]
        if starts_arabic(word):
            forms += strip_proclitics(word)
        out.append(forms)
    return out
