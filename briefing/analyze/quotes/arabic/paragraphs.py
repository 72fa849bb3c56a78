"""A direct quote over several paragraphs, as Arabic news writes it: the quotation mark
opens in the first paragraph («وقال الوزير: «...») and closes only at the end of the last
one; the paragraphs in between carry no mark and no verb of saying of their own. Each
paragraph is a piece of the quote (as the English quotes over paragraphs are), all said
by the speaker named before the opening mark, or else by the one named after the closing
mark («...»، قال الوزير).
"""

from __future__ import annotations

import dataclasses

from briefing.analyze.quotes.marks import unclosed_mark
from briefing.models import Quote

_MARKS = '«»“”"'
_CLOSER = {"«": "»", "“": "”", '"': '"'}
MAX_PARAGRAPHS = 4  # a quote runs over a few paragraphs, not over an article
_MIN_WORDS = 2


def _closes(line: str, mark: str) -> int | None:
    """Where `line` closes a quote opened before it: its first quotation mark is the
    closing one (for straight marks, an odd number of them)."""
    first = next((i for i, ch in enumerate(line) if ch in _MARKS), None)
    if first is None or line[first] != _CLOSER[mark]:
        return None
    if mark == '"' and line.count('"') % 2 == 0:
        return None
    return first


def runs_over(text: str) -> list[list[tuple[int, int]]]:
    """The quotes that run over paragraphs, each as the (start, end) of its pieces, one
    piece per paragraph (without the marks and the paragraph breaks)."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    runs = []
    k = 0
    while k < len(lines):
        base, line = lines[k]
        opener = unclosed_mark(line)
        if opener is None or len(line[opener + 1 :].split()) < _MIN_WORDS:
            k += 1
            continue
        mark = line[opener]
        pieces = [(base + opener + 1, base + len(line.rstrip()))]
        j = k + 1
        closed = False
        while j < len(lines) and j - k <= MAX_PARAGRAPHS:
            b, nxt = lines[j]
            if not nxt.strip():
                j += 1
                continue
            stop = _closes(nxt, mark)
            if stop is not None:
                lead = len(nxt) - len(nxt.lstrip())
                if len(nxt[lead:stop].split()) >= _MIN_WORDS:
                    pieces.append((b + lead, b + len(nxt[:stop].rstrip())))
                    closed = True
                break
            if any(ch in _MARKS for ch in nxt):
                break  # another quote, or the English convention («...\n«...»)
            lead = len(nxt) - len(nxt.lstrip())
            pieces.append((b + lead, b + len(nxt.rstrip())))
            j += 1
        if closed and len(pieces) > 1:
            runs.append(pieces)
            k = j + 1
        else:
            k += 1
    return runs


def _said(quotes: list[Quote], span: tuple[int, int]) -> Quote | None:
    """The attributed quote found over `span`, if any."""
    return next((q for q in quotes if q.speaker and q.start < span[1] and span[0] < q.end), None)


def run_speakers(runs: list[list[tuple[int, int]]], quotes: list[Quote], text: str) -> list[Quote]:
    """Every piece of a quote over paragraphs said by the speaker of its first piece (the
    one the verb before the opening mark names), or else of its last (a verb after the
    closing mark)."""
    out = list(quotes)
    for pieces in runs:
        voice = _said(out, pieces[0]) or _said(out, pieces[-1])
        if voice is None:
            continue
        for span in pieces:
            out = [q for q in out if not (span[0] <= q.start and q.end <= span[1])]
            body = text[span[0] : span[1]].rstrip(" ,،.")
            out.append(dataclasses.replace(voice, text=body, start=span[0], end=span[0] + len(body), speaker_id=None))
    return sorted(out, key=lambda q: q.start)
