"""An article parsed once: its sentences (`segment`) and its tokens with offsets
(`tokenizer`), which key points, actors and quotes all read instead of splitting and
tokenizing the text again."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.models import Sentence
from briefing.text.segment import split_sentences
from briefing.text.tokenizer import Token, split_token_sentences, tokenize


@dataclass(frozen=True)
class Parsed:
    """`text` split into `sentences` (in `language`) and cut into `tokens`; every offset
    indexes `text`. `token_sentences` groups the tokens into the short sentences the
    taggers read (at . ! ? ؟ and line breaks)."""

    text: str
    language: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    token_sentences: tuple[tuple[Token, ...], ...] = field(repr=False)


def parse(text: str, language: str) -> Parsed:
    """Split and tokenize `text` once."""
    tokens = tokenize(text)
    return Parsed(
        text=text,
        language=language,
        sentences=tuple(split_sentences(text, language)),
        tokens=tuple(tokens),
        token_sentences=tuple(tuple(s) for s in split_token_sentences(text, tokens)),
    )
