"""Who said what: direct quotes («...», “...”, "...", '...') and reported speech
("قال X إن ...", "X said that ...", "according to X"), attributed to an actor of the
article, or to the role phrase the text uses when it names nobody ("متحدث عسكري أميركي").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.analyze.ner import tagger as ner
from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.english import english_quotes
from briefing.models import Actor, Quote

_PAIRS = [("«", "»"), ("“", "”"), ('"', '"'), ("'", "'"), ("‘", "’")]
_THAT_AR = {"ان", "بان", "انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم"}
_SPEAKER_TYPES = ("person", "organization", "group", "place")
_MAX_ROLE_WORDS = 6
# Words that end an unnamed speaker's phrase: when and where it was said ("مصدر أمني
# في تصريح", "مسؤول أمس") and to whom ("مصدر أمني لوكالة فرانس برس").
_ROLE_END_AR = {"في", "خلال", "عبر", "امس", "اليوم", "مساء", "صباح", "الاثنين", "الثلاثاء",
                "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "ل", "لـ"}
_TO_MEDIA_AR = ("لوكاله", "لصحيفه", "لقناه", "لموقع", "لشبكه", "لتلفزيون", "لاذاعه", "لوسائل",
                "لمراسل", "للصحفيين", "للصحافيين", "للصحافه", "للاعلام", "لرويترز", "لفرانس")


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    actor: Actor


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quoted passage of two words or more."""
    spans = []
    patterns = [(left, re.compile(re.escape(left) + r"([^" + re.escape(left + right) + r"\n]{3,}?)"
                                  + re.escape(right))) for left, right in _PAIRS]
    for para in re.finditer(r"[^\n]+", text):
        line, base = para.group(), para.start()
        for left, pattern in patterns:
            for m in pattern.finditer(line):
                if left == "'" and (m.start() > 0 and line[m.start() - 1].isalnum()):
                    continue  # an apostrophe ("Iran's"), not a quote
                inner = m.group(1).strip()
                if len(inner.split()) < 2:
                    continue
                spans.append((base + m.start(1), base + m.end(1)))
    spans.sort()
    out = []
    for s in spans:  # drop a span nested in an earlier one
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


class _Refs(list):
    """Mentions of the article's actors sorted by start, looked up by position (a long
    text has thousands: scanning them all for every cue grows with the square)."""

    def __init__(self, actors: list[Actor]) -> None:
        super().__init__(sorted((_Ref(m.start, m.end, a) for a in actors for m in a.mentions),
                                key=lambda r: r.start))
        self.starts = [r.start for r in self]
        self.people = sorted((r for r in self if r.actor.type == "person"), key=lambda r: r.end)
        self.people_ends = [r.end for r in self.people]
        self.last_person = next((r for r in reversed(self) if r.actor.type == "person"), None)

    def between(self, lo: int, hi: int) -> list[_Ref]:
        """Mentions starting in [lo, hi)."""
        a = bisect.bisect_left(self.starts, lo)
        return self[a:bisect.bisect_left(self.starts, hi, a)]

    def last_person_before(self, pos: int) -> _Ref | None:
        """The person mention ending last at or before `pos`."""
        k = bisect.bisect_right(self.people_ends, pos)
        return self.people[k - 1] if k else None


def _sentence_bounds(text: str, pos: int, quoted: list[tuple[int, int]],
                     starts: list[int]) -> tuple[int, int]:
    """Start and end of the sentence around `pos`, ignoring stops inside quotes
    (`starts`: the quotes' starts)."""

    def inside(i: int) -> bool:
        # A stop inside a quote or after an abbreviation ("Col.", "U.S.") ends nothing.
        # Quoted spans are sorted and disjoint: only the last one starting before counts.
        k = bisect.bisect_right(starts, i) - 1
        return (k >= 0 and i < quoted[k][1]) or (
            text[i] == "." and re.search(r"(?:^|[\s.])[A-Z][a-z]{0,3}$", text[max(0, i - 5):i]) is not None)

    start = pos
    while start > 0 and text[start - 1] != "\n" and not (text[start - 1] in ".!?؟" and not inside(start - 1)):
        start -= 1
    end = pos
    while end < len(text) and text[end] != "\n" and not (text[end] in ".!?؟" and not inside(end)):
        end += 1
    return start, end


@lru_cache(maxsize=4)
def _doc_tokens(text: str) -> tuple[list[ner.Token], list[int]]:
    tokens = ner.tokenize(text)
    return tokens, [t.start for t in tokens]


def _words(text: str, start: int, end: int) -> list[ner.Token]:
    """Tokens of text[start:end], cut from the article's tokens (not tokenized again)."""
    tokens, starts = _doc_tokens(text)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end, lo)
    return [t for t in tokens[lo:hi] if t.end <= end]


def _role_phrase(tokens: list[ner.Token], text: str) -> str | None:
    """The words naming an unnamed speaker, up to a comma or a particle."""
    kept = []
    for t in tokens:
        f = lex.fold(t.text)
        if t.text in {",", "،", ":", '"', "«", "“", "(", "."} or f in _THAT_AR or f == "that":
            break
        if kept and (f in _ROLE_END_AR or f.startswith(_TO_MEDIA_AR)):
            break
        kept.append(t)
        if len(kept) >= _MAX_ROLE_WORDS:
            break
    if not kept or all(not any(c.isalpha() for c in t.text) for t in kept):
        return None
    return text[kept[0].start:kept[-1].end]


def _speaker_after_cue(cue_end: int, stop: int, refs: _Refs, text: str,
                       clause_start: int) -> str | None:
    """Arabic order (cue, speaker, speech): the actor right after the cue, the person a
    title introduces, the clause's subject when the cue is followed by the speech
    itself ("وقالت إنها"), or else the role phrase."""
    window = _words(text, cue_end, stop)
    if window and lex.fold(window[0].text) in _THAT_AR or not window or text[cue_end:stop].strip() == "":
        before = refs.between(clause_start, cue_end)
        named = [r for r in before if r.actor.type != "place"] or before
        return named[0].actor.name if named else None
    inside = refs.between(window[0].start, stop)
    if inside and inside[0].start <= window[0].start + 1:
        return inside[0].actor.name
    if lex.in_set(window[0].text, lex.titles()):
        people = [r for r in inside if r.actor.type == "person"]
        if people:
            return people[0].actor.name
    return _role_phrase(window, text)


def _find_cue(tokens: list[ner.Token], last: bool = True) -> ner.Token | None:
    cues = [t for t in tokens if lex.is_cue(t.text)]
    if not cues:
        return None
    return cues[-1] if last else cues[0]


def extract_quotes(text: str, *, language: str, actors: list[Actor]) -> list[Quote]:
    """Direct and reported speech in `text`, in text order; offsets index `text`."""
    if not text:
        return []
    arabic = language == "ar" or (language != "en" and sum(map(lex.is_arabic, text[:500])) > 50)
    refs = _Refs(actors)
    names = {lex.fold(m.text) for a in actors for m in a.mentions}
    quoted = [q for q in _quoted_spans(text) if lex.fold(text[q[0]:q[1]].strip()) not in names]
    if not arabic:
        return _dedupe(english_quotes(text, refs, quoted))
    quotes: list[Quote] = []
    starts = [s for s, _ in quoted]
    for qs, qe in quoted:
        s_start, s_end = _sentence_bounds(text, qs, quoted, starts)
        before = _words(text, s_start, qs - 1)
        after = _words(text, qe + 1, s_end)
        speaker, cue = None, None
        cue_tok = _find_cue(before)
        if cue_tok is not None:  # «قال X: "..."»
            cue = cue_tok.text
            speaker = _speaker_after_cue(cue_tok.end, qs - 1, refs, text, s_start)
        else:  # «"..."، قال X»
            cue_tok = _find_cue(after[:6], last=False)
            if cue_tok is not None:
                cue = cue_tok.text
                speaker = _speaker_after_cue(cue_tok.end, s_end, refs, text, qe + 1)
        if speaker is None and cue is None:
            continue  # a title or a scare quote, not speech
        quotes.append(Quote(speaker=speaker, text=text[qs:qe], start=qs, end=qe, cue=cue))
    quotes += _reported(text, refs, quoted)
    return _dedupe(quotes)


def _reported(text: str, refs: _Refs, quoted: list[tuple[int, int]]) -> list[Quote]:
    """Arabic reported speech, "قال X إن ...", up to the sentence end."""
    out = []
    tokens = _doc_tokens(text)[0]
    starts = [s for s, _ in quoted]
    ends = [e for _, e in quoted]

    def in_quote(pos: int) -> bool:
        # Quoted spans are sorted and disjoint: only the last one starting before counts.
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    for sent in ner.split_token_sentences(text, tokens):
        s_start, s_end = sent[0].start, sent[-1].end
        if sent[-1].text in ".!?؟":
            s_end = sent[-1].start
        for k, tok in enumerate(sent):
            if in_quote(tok.start):
                continue
            if lex.is_cue(tok.text):
                for j in range(k + 1, min(k + 14, len(sent))):
                    f = lex.fold(sent[j].text)
                    if sent[j].text in {'"', "«", "“"} or in_quote(sent[j].start):
                        break
                    if f in _THAT_AR:
                        begin = sent[j].start if f not in {"ان", "بان"} else sent[j].end
                        body = text[begin:s_end].strip()
                        if len(body.split()) >= 3:
                            start = text.index(body, begin)
                            speaker = _speaker_after_cue(tok.end, sent[j].start, refs, text, s_start)
                            out.append(Quote(speaker, body, start, start + len(body), tok.text))
                        break
    return out


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per passage: a passage inside a longer one of the same speaker goes."""
    quotes = sorted(quotes, key=lambda q: (q.start, -(q.end - q.start)))
    out: list[Quote] = []
    # Every kept quote starts at or before the next one, so it contains it when it ends
    # no earlier: the furthest end, overall and per speaker, is all that is needed.
    furthest = -1
    by_speaker: dict[str | None, int] = {}
    for q in quotes:
        if (furthest if q.speaker is None else by_speaker.get(q.speaker, -1)) >= q.end:
            continue
        out.append(q)
        furthest = max(furthest, q.end)
        by_speaker[q.speaker] = max(by_speaker.get(q.speaker, -1), q.end)
    return out
