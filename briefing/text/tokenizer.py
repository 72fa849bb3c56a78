"""Tokens with character offsets: words (letters, digits, Arabic marks, inner apostrophes
and hyphens, "U.S.", "Mr.") and single punctuation marks, each with its [start, end) in the
text, and their grouping into the short sentences the taggers read (at . ! ? ؟ and line
breaks). The one tokenizer of the project: NER, actors and quotes cut their words from it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# A word (letters, digits, Arabic marks, inner apostrophes/hyphens/dots of "U.S."),
# or any other single non-space character.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|Prof|St|Jr|Sr|Gens?)\.(?=\s)"
    # An initial before a capitalised word ("P. Simmons", "George W. Bush") is one token
    # and ends no sentence.
    r"|[A-Z]\.(?=\s+[A-Z])"
    # Inner apostrophes and hyphens join ("O'Brien", "el-Mandeb"), but not the possessive
    # "'s" ("Lebanon's" -> "Lebanon", "'", "s"), so names do not carry it.
    r"|[\w\u064b-\u065f\u0670\u0640]+(?:(?:['’](?![sS]\b)|-)[\w\u064b-\u065f\u0670]+)*"
    r"|\S"
)
SENTENCE_END = {".", "!", "?", "؟", "\n"}


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with character offsets into `text`."""
    return list(_tokenize(text))


@lru_cache(maxsize=8)
def _tokenize(text: str) -> tuple[Token, ...]:
    # Cached: an article is tokenized once; key points, actors and quotes share it.
    new = tuple.__new__
    return tuple([new(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text)])


def split_token_sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Group tokens into sentences at . ! ? ؟ and at line breaks."""
    out: list[list[Token]] = []
    current: list[Token] = []
    prev_end = 0
    for tok in tokens:
        if current and "\n" in text[prev_end : tok.start]:
            out.append(current)
            current = []
        current.append(tok)
        prev_end = tok.end
        if tok.text in SENTENCE_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
