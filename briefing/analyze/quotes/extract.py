"""Who said what: direct quotes («...», “...”, "...", '...') and reported speech
("قال X إن ...", "X said that ...", "according to X"), attributed to an actor of the
article, or to the role phrase the text uses when it names nobody ("متحدث عسكري أميركي").
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes import arabic as ar
from briefing.analyze.quotes.english import english_quotes
from briefing.analyze.quotes.english_text import runs_into, surnames_are_people, title_in_marks
from briefing.analyze.quotes.marks import unclosed_mark
from briefing.models import Actor, Quote
from briefing.text.parsed import Parsed, parse
from briefing.text.script import count_arabic, has_arabic
from briefing.text.tokenizer import Token

_PAIRS = [("«", "»"), ("“", "”"), ('"', '"'), ("'", "'"), ("‘", "’")]
_THAT_AR = ar.THAT - {"فان"}
# Asked of nearly every token of an Arabic article: cached per word (it reads the word
# and fixed lists only).
_is_cue = lru_cache(maxsize=100_000)(ar.is_cue)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quoted passage of two words or more. Not the
    sentence splitter's quotations (`text.segment`, which only keeps them whole): these
    are passages of speech, with single quotes, no nesting and open-ended paragraphs."""
    spans = []
    patterns = [
        (left, re.compile(re.escape(left) + r"([^" + re.escape(left + right) + r"\n]{3,}?)" + re.escape(right)))
        for left, right in _PAIRS
    ]
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
        spans += _open_ended(text, line, base)
    spans.sort()
    out = []
    for s in spans:  # drop a span nested in an earlier one
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def _open_ended(text: str, line: str, base: int) -> list[tuple[int, int]]:
    """A quote that runs on into the next paragraph: its opening mark is not closed in
    this line, and the next line opens with a quotation mark (the convention for a quote
    over several paragraphs). The span runs to the end of the line."""
    rest = text[base + len(line) :].lstrip()
    if not rest or rest[0] not in '«“"':
        return []
    opener = unclosed_mark(line)
    if opener is None:
        return []
    inner = line[opener + 1 :].rstrip()
    if len(inner.split()) < 3:
        return []
    return [(base + opener + 1, base + opener + 1 + len(inner))]


def _sentence_bounds(text: str, pos: int, quoted: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    """Start and end of the sentence around `pos`, ignoring stops inside quotes
    (`starts`: the quotes' starts). Not the parse's sentences: a stop with no space after
    it ends a sentence here, and the quotes are this finder's spans."""

    def inside(i: int) -> bool:
        # A stop inside a quote or after an abbreviation ("Col.", "U.S.") ends nothing.
        # Quoted spans are sorted and disjoint: only the last one starting before counts.
        k = bisect.bisect_right(starts, i) - 1
        return (k >= 0 and i < quoted[k][1]) or (
            text[i] == "." and re.search(r"(?:^|[\s.])[A-Z][a-z]{0,3}$", text[max(0, i - 5) : i]) is not None
        )

    start = pos
    while start > 0 and text[start - 1] != "\n" and not (text[start - 1] in ".!?؟" and not inside(start - 1)):
        start -= 1
    end = pos
    while end < len(text) and text[end] != "\n" and not (text[end] in ".!?؟" and not inside(end)):
        end += 1
    return start, end


def extract_quotes(text: str, *, language: str, actors: list[Actor], parsed: Parsed | None = None) -> list[Quote]:
    """Direct and reported speech in `text`, in text order; offsets index `text`.
    `parsed` (`text.parsed`, as `analyze_text` hands it on): the text's tokens and
    sentences, which both languages read; parsed here when not given."""
    if not text:
        return []
    raw, text = text, _plain(text)
    if raw is not text:
        return [
            dataclasses.replace(q, text=raw[q.start : q.end], speaker=re.sub(r" +[’\u02bc]", "’", q.speaker))
            for q in extract_quotes(text, language=language, actors=actors)
        ]
    if parsed is None or parsed.text != text:
        parsed = parse(text, language)  # a direct call, or entities replaced by `_plain`
    # Mostly Arabic: over 50 Arabic-script characters in the first 500 (a count, not the
    # share of letters that actors/extract `_arabic_text` asks; both count with text.script).
    arabic = language == "ar" or (language != "en" and count_arabic(text[:500]) > 50)
    names = {lex.fold(m.text) for a in actors for m in a.mentions}
    runs = ar.runs_over(text) if arabic else []
    spans = sorted(_quoted_spans(text) + [span for run in runs for span in run])
    named = {
        q
        for q in spans
        if lex.fold(text[q[0] : q[1]].strip()) in names or _name_in_marks(text, q) or title_in_marks(text, q)
    }
    quoted = [q for q in spans if q not in named]
    if not arabic:
        refs = ar.Refs(surnames_are_people(actors), text, parsed.tokens)
        found = _follow_on(text, quoted, _dedupe(english_quotes(text, refs, quoted, parsed)), refs)
        return _with_ids(runs_into(text, quoted, found), actors)
    refs = ar.Refs(actors, text, parsed.tokens)
    found = _direct_ar(text, refs, quoted) + _reported(text, refs, quoted, parsed.token_sentences, named)
    ar.resolve(found, refs)
    # Precision first: a quote whose speaker nobody can tell is left out.
    quotes = [
        Quote(speaker=f.speaker.name, text=text[f.start : f.end], start=f.start, end=f.end, cue=f.cue)
        for f in found
        if f.speaker is not None and not _unnamed_source(f.speaker.name)
    ]
    quotes = ar.run_speakers(runs, _dedupe(quotes), text)
    return _with_ids(_follow_on(text, quoted, quotes, refs), actors)


_FOLLOW_PARAGRAPHS = 3  # how far an unattributed quote paragraph looks back for its voice
_ENTITY_APOSTROPHE = re.compile(r"&(?:apost?|#0*39|#x0*27);")


def _plain(text: str) -> str:
    """`text` with apostrophes written as entities ("don&apos;t", some corpora's
    "&apost;") turned into spaces and an apostrophe of the same length, so offsets hold and
    the entity's ";" ends no clause. The same string when there is none."""
    if "&" not in text or not _ENTITY_APOSTROPHE.search(text):
        return text
    return _ENTITY_APOSTROPHE.sub(lambda m: " " * (len(m.group()) - 1) + _LETTER_APOSTROPHE, text)


# The apostrophe that stands for an entity: a letter (U+02BC), so "Lopez     ʼs office"
# is a name and a word, not a closing quotation mark ("’") that ends the subject's phrase.
_LETTER_APOSTROPHE = "\u02bc"


_SPLIT = re.compile(r"[,.،]?\s*[\"”’»]\s*[,،]?\s*([^\"“”«»\n]{1,80}?)\s*[,،:]\s*[\"“‘«]")
_OPENERS = "«“‘\"'"


_NAME_BEFORE = {"ل", "لـ", "عن", "في", "ب", "مع", "من"}


def _name_in_marks(text: str, span: tuple[int, int]) -> bool:
    """A name in quotation marks rather than a quote: a few words right after a
    preposition or a word such as حركة، صحيفة، قناة («لـ"سكاي نيوز عربية"», «حركة "حماس"»)."""
    inner = text[span[0] : span[1]].strip()
    if len(inner.split()) > 4 or not has_arabic(inner):
        return False
    before = text[max(0, span[0] - 30) : span[0] - 1].rstrip()
    word = before.split()[-1] if before.split() else ""
    if word.endswith("لـ") or lex.fold(word) in _NAME_BEFORE or (word in {"ل", "لـ"}):
        return True
    return bool(word) and (
        lex.in_set(word, lex.org_heads())
        or lex.in_set(word, lex.group_heads())
        or ar.bare(word) in {"حركه", "حزب", "جماعه", "تنظيم", "عمليه", "مجله", "برنامج"}
    )


def _cue_between(refs: ar.Refs, start: int, end: int, quoted: list[tuple[int, int]] = ()) -> bool:
    """Is a verb of saying among the article's words in text[start:end], leaving out the
    words inside `quoted` passages?"""
    return any(_is_cue(t.text) for t in refs.words(start, end) if not any(s <= t.start < e for s, e in quoted))


def _follow_on(text: str, quoted: list[tuple[int, int]], quotes: list[Quote], refs: ar.Refs) -> list[Quote]:
    """Quoted pieces with no attribution of their own that continue an attributed quote:
    the second half of a quote split by its attribution ('"...," she said, "..."'), and
    a paragraph that is one quotation right after the paragraph of an attributed quote
    (a quote over several paragraphs, or the same speaker going on). `refs`: the
    article's actors and words."""
    actors = refs.actors
    out = sorted(quotes, key=lambda q: q.start)
    for span in quoted:
        if any(q.start < span[1] and span[0] < q.end for q in out):
            continue
        prev = max((q for q in out if q.end <= span[0]), key=lambda q: q.end, default=None)
        if prev is None:
            continue
        gap = text[prev.end : span[0]]
        line_start = text.rfind("\n", 0, span[0]) + 1
        line_end = text.find("\n", span[1])
        line_end = len(text) if line_end < 0 else line_end
        if "\n" not in gap:
            m = _SPLIT.fullmatch(gap)
            split = (
                m
                and text[prev.start - 1 : prev.start] in _OPENERS
                and _cue_between(refs, prev.end + m.start(1), prev.end + m.end(1))
            )
            if not split and not (
                _whole_sentence(text, span, line_start, line_end) and not _cue_between(refs, prev.end, span[0])
            ):
                continue  # a whole-sentence quote later in the paragraph goes on the same voice
        elif not _whole_sentence(text, span, line_start, line_end):
            continue
        elif text[prev.end : line_start].count("\n") != 1 or text.rfind("\n", 0, prev.start) != text.rfind(
            "\n", 0, line_start - 1
        ):
            # Further on, a quote paragraph still goes on the last voice when nobody else
            # is named and no other verb of saying comes in between (a few paragraphs only).
            after_prev = text.find("\n", prev.end) + 1  # the paragraphs after the previous quote's
            between = [
                m
                for a in actors
                if a.name != prev.speaker and a.type in {"person", "organization", "group"}
                for m in a.mentions
                if after_prev <= m.start < span[0]
            ]
            if (
                text[prev.end : line_start].count("\n") > _FOLLOW_PARAGRAPHS
                or between
                or _cue_between(refs, after_prev, line_start, quoted)
            ):
                continue
        q = Quote(
            prev.speaker,
            text[span[0] : span[1]].rstrip(" ,"),
            span[0],
            span[0] + len(text[span[0] : span[1]].rstrip(" ,")),
            prev.cue,
        )
        out.append(q)
        out.sort(key=lambda q: q.start)
    return out


def _whole_sentence(text: str, span: tuple[int, int], line_start: int, line_end: int) -> bool:
    """Is the quoted span a sentence of its own (or the rest of its paragraph): nothing
    but a quotation mark before it since the last sentence end, and a full stop inside
    the marks (or the paragraph's end) after it? Four words at least."""
    before = text[line_start : span[0]].rstrip()
    if not before or before[-1] not in _OPENERS:
        return False
    lead = before[:-1].rstrip()
    if lead and lead[-1] not in '.!?؟"”»':
        return False
    inner = text[span[0] : span[1]].rstrip()
    tail = text[span[1] : line_end].strip(" .,،!?؟\"'»”’")
    ends = inner[-1:] in {".", "!", "?", "؟"} or tail == ""
    return ends and len(inner.split()) >= 4


def _unnamed_source(speaker: str) -> bool:
    """ "مصادر مطلعة", "مصدر أمني": unnamed sources, whom the guide does not count as speakers."""
    return ar.bare(speaker.split()[0]) in {"مصدر", "مصادر"}


def _with_ids(quotes: list[Quote], actors: list[Actor]) -> list[Quote]:
    """Each quote with the key of its speaker's actor (None for a described speaker)."""
    from briefing.compose.actors import actor_key

    names = {a.name for a in actors}
    return [dataclasses.replace(q, speaker_id=actor_key(q.speaker)) if q.speaker in names else q for q in quotes]


def _direct_ar(text: str, refs: ar.Refs, quoted: list[tuple[int, int]]) -> list[ar.Found]:
    out = []
    starts = [s for s, _ in quoted]
    for qs, qe in quoted:
        s_start, s_end = _sentence_bounds(text, qs, quoted, starts)
        before = refs.words(s_start, qs - 1)
        after = refs.words(qe + 1, s_end)
        cues = [t for t in before if _is_cue(t.text)]
        if cues:  # «قال X: "..."»
            cue, stop, clause = cues[-1], qs - 1, s_start
        else:  # «"..."، قال X»
            cue = next((t for t in after[:6] if _is_cue(t.text)), None)
            stop, clause = s_end, qe + 1
            if cue is None and not text[s_start : qs - 1].strip():
                # «وقال الوزير في كلمته:» closing the paragraph before, the quote after.
                prev_end = text.rfind("\n", 0, s_start)
                line_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
                if prev_end > 0 and text[line_start:prev_end].rstrip().endswith(":"):
                    cues = [t for t in refs.words(line_start, prev_end) if _is_cue(t.text)]
                    if cues:
                        cue, stop, s_start = cues[-1], prev_end - 1, line_start
            if cue is None:
                continue  # a title or a scare quote, not speech
        speaker, context = ar.speaker_after_cue(cue, stop, refs, text)
        out.append(
            ar.Found(qs, qe, cue.text, cue.start, clause if cues else s_start, speaker, context, ar.feminine(cue.text))
        )
    return out


def _reported(
    text: str,
    refs: ar.Refs,
    quoted: list[tuple[int, int]],
    sentences: tuple[tuple[Token, ...], ...],
    named: set[tuple[int, int]] = frozenset(),
) -> list[ar.Found]:
    """Arabic reported speech, "قال X إن ...", up to the sentence end (`sentences`: the
    text's tokens grouped into sentences, `Parsed.token_sentences`)."""
    out = []
    starts = [s for s, _ in quoted]
    ends = [e for _, e in quoted]

    def in_quote(pos: int) -> bool:
        # Quoted spans are sorted and disjoint: only the last one starting before counts.
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    for sent in map(list, sentences):
        s_start, s_end = sent[0].start, sent[-1].end
        if sent[-1].text in ".!?؟":
            s_end = sent[-1].start
        for k, tok in enumerate(sent):
            if in_quote(tok.start) or not _is_cue(tok.text):
                continue
            for j in range(k + 1, min(k + 25, len(sent))):
                f = lex.fold(sent[j].text)
                if in_quote(sent[j].start):
                    break
                if sent[j].text in {'"', "«", "“", "»", "”"}:
                    if any(a - 1 <= sent[j].start <= b for a, b in named) or not in_quote(sent[j].end):
                        continue  # a name in quotation marks: «لـ"سكاي نيوز عربية" إن»
                    break
                if j > k + 1 and _is_cue(sent[j].text):
                    break  # the next cue's speech
                if (
                    sent[j].text == ":"
                    and j + 1 < len(sent)
                    and sent[j + 1].text not in {'"', "«", "“"}
                    and not in_quote(sent[j + 1].start)
                    and lex.fold(sent[j + 1].text) not in _THAT_AR
                ):
                    # «وقال الوزير: الوضع تحت السيطرة»: speech after a colon, without marks.
                    body = text[sent[j].end : s_end].strip()
                    if len(body.split()) >= 4:
                        start = text.index(body, sent[j].end)
                        speaker, context = ar.speaker_after_cue(tok, sent[j].start, refs, text)
                        out.append(
                            ar.Found(
                                start,
                                start + len(body),
                                tok.text,
                                tok.start,
                                s_start,
                                speaker,
                                context,
                                ar.feminine(tok.text),
                            )
                        )
                    break
                if f in _THAT_AR:
                    begin = sent[j].start if f not in {"ان", "بان"} else sent[j].end
                    body = text[begin:s_end].strip()
                    if len(body.split()) >= 3:
                        start = text.index(body, begin)
                        speaker, context = ar.speaker_after_cue(tok, sent[j].start, refs, text)
                        out.append(
                            ar.Found(
                                start,
                                start + len(body),
                                tok.text,
                                tok.start,
                                s_start,
                                speaker,
                                context,
                                ar.feminine(tok.text),
                            )
                        )
                    break
        out += ar.according_to(sent, text, refs, in_quote) + ar.trailing_cue(sent, text, refs, in_quote)
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
