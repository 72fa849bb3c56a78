"""Sentence segmentation for Arabic and English news, with offsets into the text.

Rules, in short: every line is a paragraph and no sentence crosses a line (headline
lines without final punctuation are sentences of their own), except in hard-wrapped
text (lines cut at a fixed width), whose lines are joined back into paragraphs; a sentence ends at
. ! ? ؟ … followed by space or end of line; the Arabic comma never ends one; quotations
(«…», “…”, "…") are kept whole; abbreviations, initials, decimals and numbered items
do not end one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from briefing.models import Sentence
from briefing.text.script import is_arabic_letter

_TERMINATORS = re.compile(r"[.!?؟…۔]+")
_CLOSERS = "\"'”’»)]}›"
_FINAL = tuple(".!?؟…۔:\"'”’»)")
_LINE = re.compile(r"[^\n]+")

# Abbreviations after which a period never ends a sentence (titles, months, "No. 5").
_NEVER_END = frozenset(
    """
mr mrs ms dr prof st sr jr gen sen rep gov lt col sgt capt maj cmdr adm rev hon pres
jan feb mar apr jun jul aug sep sept oct nov dec tue tues thu thurs fri
vol fig figs approx dept vs v cf al eds pp p mt ft ave blvd rd
""".split()
)
# Abbreviations that may end a sentence; they do only when a typical opener follows.
_MAY_END = frozenset("inc ltd co corp plc llc bros etc".split())
# Words that commonly open an English sentence; used after ambiguous abbreviations.
_OPENERS = frozenset(
    """
the a an he she it they we i you his her its their our this that these those there
but and so yet however in on at for after before when while if as also some many
most one two mr mrs ms dr officials police authorities according
""".split()
)
_TOKEN_BEFORE = re.compile(r"([\w.\-']+)$")
_WORD_AFTER = re.compile(r"\s*[\"'“‘«(]*\s*([\w'’-]+)")


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Sentences of `text` in order; `text[s.start:s.end] == s.text` for each."""
    return list(_split_sentences(text, language))


@lru_cache(maxsize=8)
def _split_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    # Cached (sentences are frozen): an article is split once, however many analysers ask.
    sentences: list[Sentence] = []
    paragraph = 0
    for block_start, block_end in _paragraphs(text):
        spans = _split_line(text[block_start:block_end], language)
        if not spans:
            continue
        for start, end in spans:
            start += block_start
            end += block_start
            sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))
        paragraph += 1
    return tuple(sentences)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: a line, or joined lines of hard-wrapped text."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    if not _hard_wrapped([text[a:b].strip() for a, b in lines]):
        return lines
    blocks: list[tuple[int, int]] = []
    start = None
    for i, (a, b) in enumerate(lines):
        start = a if start is None else start
        last = i == len(lines) - 1
        # A blank line or a line ending a sentence closes the paragraph.
        if last or text[a:b].rstrip().endswith(_FINAL) or "\n\n" in text[b : lines[i + 1][0] + 1]:
            blocks.append((start, b))
            start = None
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether most lines stop mid-sentence at about the same width (under 120)."""
    if len(lines) < 4:
        return False
    open_lines = [line for line in lines[:-1] if not line.endswith(_FINAL)]
    if len(open_lines) < 0.5 * (len(lines) - 1):
        return False
    widths = sorted(len(line) for line in lines)
    width = widths[int(0.9 * (len(widths) - 1))]
    open_widths = sorted(len(line) for line in open_lines)
    # Headline lines are short and ragged; wrapped lines sit close to one width.
    return width <= 120 and open_widths[len(open_widths) // 2] >= 0.6 * width


def _split_line(line: str, language: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of one line, whitespace trimmed."""
    quotes = _QuoteIndex(_quote_spans(line))
    cuts: list[int] = []
    letters = False  # a letter since the last cut: each character is looked at once
    scanned = 0
    for match in _TERMINATORS.finditer(line):
        end = match.end()
        while end < len(line) and line[end] in _CLOSERS:
            end += 1
        if quotes.inside(match.start(), end):
            continue
        if not _is_boundary(line, match, end, language):
            continue
        # A boundary needs some letters before it ("1." alone is a list number).
        if not letters:
            letters = any(ch.isalpha() for ch in line[scanned : match.start()])
            scanned = max(scanned, match.start())
        if not letters:
            continue
        cuts.append(end)
        letters, scanned = False, end
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(line)]:
        span = _trim(line, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _trim(line: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_QUOTE_PAIRS = (("«", re.compile("[«»]")), ("“", re.compile("[“”]")))  # opener, its marks
_STRAIGHT = re.compile('"')


def _quote_spans(line: str) -> list[tuple[int, int]]:
    """(open, close) positions of quotations; curly and guillemet pairs may nest."""
    spans: list[tuple[int, int]] = []
    for opener, marks in _QUOTE_PAIRS:
        if opener not in line:
            continue  # closers alone pair with nothing
        stack: list[int] = []
        for m in marks.finditer(line):
            if m.group() == opener:
                stack.append(m.start())
            elif stack:
                spans.append((stack.pop(), m.start()))
    # Straight quotes do not say which way they face: pair them in order, and drop
    # an odd one out rather than let it swallow the rest of the paragraph.
    straight = [m.start() for m in _STRAIGHT.finditer(line)] if '"' in line else []
    for k in range(0, len(straight) - 1, 2):
        spans.append((straight[k], straight[k + 1]))
    return spans


class _QuoteIndex:
    """Quotations sorted by where they open, with the furthest close so far: whether a
    terminator is inside one costs a bisection, not a pass over every quotation (a long
    text has thousands of both)."""

    def __init__(self, quotes: list[tuple[int, int]]) -> None:
        quotes = sorted(quotes)
        self.opens = [open_ for open_, _ in quotes]
        self.furthest = list(itertools.accumulate((close for _, close in quotes), max))

    def inside(self, start: int, end: int) -> bool:
        # A terminator right before the closing quote ends the sentence after the quote
        # (`He said "we won." Then...`), so only a quote that closes after `end` counts.
        k = bisect.bisect_left(self.opens, start) - 1  # the quotes opening before `start`
        return k >= 0 and self.furthest[k] >= end


def _is_boundary(line: str, match: re.Match, end: int, language: str) -> bool:
    """Whether the terminator `match` (closers through `end`) ends a sentence."""
    after = line[end : end + 1]
    marks = match.group()
    if after and not after.isspace():
        # "3.5", "e.g.x", "site.com": no boundary; but Arabic text often omits the
        # space after a full stop ("ذلك.وقال").
        return is_arabic_letter(after) and is_arabic_letter(line[match.start() - 1 : match.start()])
    if end >= len(line):
        return True
    next_word = _next_word(line, end)
    if next_word and next_word[0].islower() and next_word[0].isascii():
        # A lower-case Latin word does not start a sentence ("approx. five", "... and").
        return False
    if marks != ".":
        return True
    token = _token_before(line, match.start())
    if not token:
        return True
    bare = token.lower().strip(".'-")
    if bare in _NEVER_END or (bare in ("no", "nos") and next_word[:1].isdigit()):
        return False
    if len(bare) == 1 and token[-1].isupper():
        return False  # an initial: "J. K. Rowling"
    if "." in token.strip(".") or bare in _MAY_END:
        # "U.S." or "Inc." end a sentence only when an opener follows.
        return (next_word or "").lower() in _OPENERS
    return True


def _token_before(line: str, pos: int) -> str:
    # Look back a little only: abbreviations are short, and lines can be long.
    found = _TOKEN_BEFORE.search(line, max(0, pos - 40), pos)
    return found.group(1) if found else ""


def _next_word(line: str, pos: int) -> str:
    found = _WORD_AFTER.match(line, pos)
    return found.group(1) if found else ""
