"""English quotes, precision first: a quote gets a speaker when its sentence names one,
or when a pronoun or a bare role ("he said", "the spokesman said") points back to an
actor named earlier in the article; otherwise it is left out (a wrong speaker is worse
than none). Sentences and tokens are the article's parse (`briefing.text.parsed`), split
and tokenized once by the text layer."""

from __future__ import annotations

import re

from briefing.analyze.quotes.english_clauses import (
    appositive,
    clause_follows,
    first_speaker,
    lead_in,
    listener,
    next_paragraph_quote,
    phrasal,
    quote_before,
    subject,
    told_listener,
    trim,
)
from briefing.analyze.quotes.english_cues import (
    ACTS,
    BARE,
    CLAUSE_OPENERS,
    CLOSE,
    CUES,
    FINITE,
    JOINERS,
    LISTENER_VERBS,
    NEXT_VERBS,
    OPEN,
    PARTICIPLES,
    SUBJECT_PRONOUNS,
    THAT_ONLY,
    TOLD,
    WHEN,
)
from briefing.analyze.quotes.english_phrases import ADVERB as _ADVERB
from briefing.analyze.quotes.english_phrases import after_cue as _after_cue
from briefing.analyze.quotes.english_phrases import phrase as _phrase
from briefing.analyze.quotes.english_sentences import colon_intro, join_exclamations, opening_subject
from briefing.analyze.quotes.english_speakers import Doc as _Doc
from briefing.models import Quote
from briefing.text.parsed import Parsed

# "WASHINGTON (Reuters) - ", "(CNN) -- ", "LONDON, England (CNN) -- ": where the story starts.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z/.,' -]*[A-Z](?:\s*\([^)]*\))?|(?:[A-Z][\w.' -]{0,40},?\s*)?\([A-Z][\w.' -]{0,30}\))\s+[-—–]+\s+"
)


def _body(doc: _Doc, begin: int, end: int) -> tuple[int, int] | None:
    """The reported clause from `begin`, cut before a next verb ("..., but added that")."""
    seg = doc.text[begin:end]
    m = re.search(r",\s+(" + "|".join(sorted(PARTICIPLES)) + r")\b", seg)
    if m and doc.quote_at(begin + m.start()) is None:
        seg = seg[: m.start()]
    for m in re.finditer(r"([,\"”]?)\s+(and|but)\s+(\w+)", seg):
        if (
            (m.group(1) or m.group(2) == "but")
            and m.group(3).lower() in NEXT_VERBS
            and doc.quote_at(begin + m.start() + 1) is None
        ):
            seg = seg[: m.start() + (1 if m.group()[0] in '"”' else 0)]
            break
    stripped = seg.rstrip(" ,;:.")
    if seg.endswith(('."', ".”")):
        stripped = seg
    lead = len(stripped) - len(stripped.lstrip())
    s, e = begin + lead, begin + len(stripped)
    if len(doc.text[s:e].split()) < 4:
        return None
    return s, e


def english_quotes(text: str, refs, quoted: list[tuple[int, int]], parsed: Parsed) -> list[Quote]:
    """Direct quotes with a plain attribution, "X said (that) ...", "..., X said" and
    "according to X" (X a person or a body, never a place). `refs` carry the article's
    tokens; `parsed` is `text` split into sentences by the text layer (which keeps
    quotations whole and knows abbreviations)."""
    quoted = [q for q in quoted if len(text[q[0] : q[1]].split()) >= 2]
    sents = [(s.start, s.end) for s in parsed.sentences]
    doc = _Doc(text, refs, quoted, [ss for ss, _ in sents])
    sents = join_exclamations(doc, sents)
    out: list[Quote] = []
    direct: dict[tuple[int, int], Quote] = {}
    prev_sent: tuple[int, int] | None = None
    for ss, se in sents:
        m = _DATELINE.match(text, ss)
        body_start = m.end() if m else ss
        toks = doc.words(ss, se)
        if toks and toks[-1].text in {".", "!", "?"}:
            toks = toks[:-1]
        last_speaker = None

        def emit(speaker, span, cue, is_direct=False):
            q = Quote(speaker, text[span[0] : span[1]], span[0], span[1], cue)
            out.append(q)
            doc.spoke.append(q)
            if is_direct:
                direct[span] = q

        for k, tok in enumerate(toks):
            lw = tok.text.lower()
            if doc.quote_at(tok.start) is not None:
                continue
            if lw == "according" and k + 1 < len(toks) and toks[k + 1].text.lower() == "to":
                rest = toks[k + 2 :]
                stop = next((i for i, t in enumerate(rest) if t.text in {",", ";"}), len(rest))
                speaker = _phrase(doc, rest[:stop])
                if speaker is None:
                    continue
                if k > 0 and toks[k - 1].text == ",":
                    span = _body(doc, body_start, toks[k - 1].start)
                    if span is None and stop < len(rest) and rest[stop].text == "," and len(rest) - stop > 3:
                        # "The plan, according to Lopez, would cost ...": the sentence around the aside.
                        span = _body(doc, body_start, se)
                elif k == 0 or tok.start <= body_start:
                    span = _body(doc, rest[stop].end, se) if stop < len(rest) else None
                elif toks[k - 1].text in CLOSE and doc.quote_at(toks[k - 1].start - 1) is not None:
                    # '"...," according to X.': the quote before, when it opens the sentence
                    q = doc.quote_at(toks[k - 1].start - 1)
                    if q is not None and lead_in(doc, body_start, q[0]):
                        emit(speaker, trim(text, q), "according to", True)
                    continue
                else:
                    span = None
                if span and not any(
                    t.text.lower() in CUES and doc.quote_at(t.start) is None for t in doc.words(span[0], span[1])
                ):
                    # (not '"...," he said, according to X': that speech has its speaker)
                    emit(speaker, span, "according to")
                continue
            if lw in ACTS and k and toks[k - 1].text not in {","} | CLOSE:
                # 'Smith called the move "reckless and dangerous."': the quoted words
                # a verb of judging or urging puts in the subject's mouth.
                after = toks[k + 1 :]
                qpos = next(
                    (i for i, t in enumerate(after[:8]) if t.text in OPEN and doc.quote_at(t.end) is not None), None
                )
                if qpos is not None and not any(
                    t.text in {";", ":", "."} or t.text.lower() in CUES | ACTS for t in after[:qpos]
                ):
                    speaker, _ = subject(doc, toks, k, ss, last_speaker)
                    if speaker is not None:
                        emit(speaker, trim(text, doc.quote_at(after[qpos].end)), tok.text, True)
                continue
            heard = 0
            if lw in LISTENER_VERBS and k + 1 < len(toks):
                rest = toks[k + 1 :]
                heard = listener(doc, rest, [t.text.lower() for t in rest])
            if (
                lw in THAT_ONLY
                and k
                and k + 1 + heard < len(toks)
                and toks[k + 1 + heard].text.lower() == "that"
                and toks[k - 1].text not in {","} | CLOSE
            ):
                # "The autopsy found that ...", "Experts believe that ...", "She assured
                # reporters that ...": only with "that".
                speaker, _ = subject(doc, toks, k, ss, last_speaker)
                span = _body(doc, toks[k + 1 + heard].end, se) if speaker is not None else None
                if span:
                    emit(speaker, span, tok.text)
                continue
            verb = phrasal(toks, k)
            if verb is not None:
                # "Smith pointed out that ...", "made it clear that", "expressed hope that".
                speaker, _ = subject(doc, toks, verb, ss, last_speaker)
                span = _body(doc, toks[k + 1].end, se) if speaker is not None else None
                if span:
                    emit(speaker, span, toks[verb].text)
                continue
            if lw in PARTICIPLES and k and toks[k - 1].text in {",", "and"}:
                # "..., adding that ...", '..., saying: "..."': more speech of the
                # sentence's speaker.
                speaker = last_speaker or first_speaker(doc, toks, k, ss) or opening_subject(doc, toks[:k])
                if speaker is None:
                    continue
                after = toks[k + 1 :]
                np_start = tok.start
            elif lw == "saying" and k > 2 and [t.text.lower() for t in toks[k - 2 : k]] == ["quoted", "as"]:
                # "Smith was quoted as saying (that) ...": the subject of "was quoted".
                j = k - 2
                while j > 1 and toks[j - 1].text.lower() in {
                    "was",
                    "is",
                    "were",
                    "been",
                    "has",
                    "have",
                    "had",
                    "widely",
                }:
                    j -= 1
                speaker = subject(doc, toks, j, ss, last_speaker)[0]
                if speaker is None:
                    continue
                np_start = tok.start
            elif lw not in CUES:
                continue
            else:
                speaker = None
            prev = toks[k - 1] if k else None
            after = toks[k + 1 :]
            if speaker is not None:
                pass
            elif prev is None or prev.text == "," or prev.text in CLOSE:
                # "..., said X." / '"...," said X.'
                speaker = _after_cue(doc, after) if lw not in TOLD else None  # never "told X": X listens
                if speaker is None and prev is not None and prev.text == ",":
                    speaker, np_start = appositive(doc, toks, k)
                    if speaker is None:
                        continue
                elif speaker is None or prev is None:
                    continue
                else:
                    q = doc.quote_at(prev.start - 1) if prev.text in CLOSE else None
                    if q is not None and lead_in(doc, body_start, q[0]):
                        emit(speaker, trim(text, q), tok.text, True)
                    elif prev.text == "," and doc.quote_at(prev.start) is None:
                        span = _body(doc, body_start, prev.start)
                        if span:
                            emit(speaker, span, tok.text)
                    last_speaker = speaker
                    continue
            else:
                speaker, np_start = subject(doc, toks, k, ss, last_speaker)
                q = quote_before(doc, body_start, np_start) if speaker is not None else None
                if q is not None:  # '"...," Guterres told the Security Council.'
                    emit(speaker, trim(text, q), tok.text, True)
                    last_speaker = speaker
                    continue
            if speaker is None:
                continue
            last_speaker = speaker
            # What follows the cue.
            lows = [t.text.lower() for t in after]
            qpos = next(
                (i for i, t in enumerate(after[:6]) if t.text in OPEN and doc.quote_at(t.end) is not None), None
            )
            that = next((i for i, w in enumerate(lows[:9]) if w == "that"), None)
            if that is None and (lw in TOLD or (lows and lows[0] in _ADVERB | WHEN | {"to"})):
                # "told CNN's Jake Tapper on 'State of the Union' that ...", "said in a
                # statement released by his office on Monday that ...": a longer way to "that".
                far = next((i for i, w in enumerate(lows[:16]) if w in {"that", ",", ";"} or w in FINITE), None)
                that = far if far is not None and lows[far] == "that" else None
            colon = next(
                (i for i, w in enumerate(lows) if w in {":", ",", ";"} or (w in CUES and w not in {"posted"})), None
            )
            if (
                qpos is None
                and colon is not None
                and (lows[colon] == ":" or (lows[colon] == "," and not set(lows[:colon]) & (FINITE | SUBJECT_PRONOUNS)))
                and colon + 1 < len(after)
                and after[colon + 1].text in OPEN
                and doc.quote_at(after[colon + 1].end) is not None
                and (lows[colon] == ":" or text[after[colon + 1].end : after[colon + 1].end + 1].isupper())
                and that is None
            ):
                # 'Smith said in a statement posted on its website: "..."', or a comma
                # before a quote that opens with a capital ('..., on Monday night, "We ...'
                qpos = colon + 1
            if (
                qpos is not None
                and (that is None or that > qpos)
                and (qpos == 0 or after[qpos - 1].text in {":", ","})
                and not any(t.text in {",", ";"} for t in after[: max(qpos - 1, 0)])
            ):
                q = doc.quote_at(after[qpos].end)
                if lw not in TOLD or qpos > 0:
                    emit(speaker, trim(text, q), tok.text, True)
                continue
            if that is not None and (
                that == 0
                or (lw in TOLD | LISTENER_VERBS and "," not in lows[:that])
                or (lows[0] in _ADVERB | WHEN | {"to"} and not set(lows[:that]) & {",", ";", "and", "but"})
            ):
                span = _body(doc, after[that].end, se)
                if span:
                    emit(speaker, span, tok.text)
                continue
            n = listener(doc, after, lows) if lw in TOLD else 0
            heard = n or (told_listener(lows) if lw in TOLD else 0)
            if heard and len(after) > heard + 3 and (lows[heard] in CLAUSE_OPENERS or clause_follows(lows[heard:])):
                # "told reporters the talks had failed", "told the Associated Press the
                # plan ...": the clause after the listener.
                span = _body(doc, after[heard].start, se)
                if span:
                    emit(speaker, span, tok.text)
                continue
            if lows[-1:] == [":"] and not set(lows[:-1]) & (FINITE | CUES | {"that", ";", ":"}):
                # 'Smith said in a statement:' closing its paragraph, the quote in the next.
                q = next_paragraph_quote(doc, se)
                if q is not None:
                    emit(speaker, trim(text, q), tok.text, True)
                continue
            told_tail = (
                (n > 0 or (lw in TOLD and 0 < len(after) <= 10 and text[body_start:np_start].rstrip().endswith(",")))
                and after[-1].end >= se - 1
                and not set(lows) & (FINITE | SUBJECT_PRONOUNS | {"that", ",", ";", ":", "and", "but"})
            )  # "..., Hale told CNN (on Sunday)."
            quantity = lows[:2] in (["at", "least"], ["at", "most"])  # "said at least 40 ...": no adverbial
            if (
                told_tail
                or not after
                or (lows[0] in _ADVERB | WHEN and not quantity)
                or after[0].text in {",", ";", ":"}
            ):
                # "..., industry officials said (on Wednesday)," -> the clause before.
                i = 0
                while i < len(after) and (
                    lows[i] in _ADVERB | WHEN
                    or after[i].text[:1].isupper()
                    or lows[i] in {"a", "statement", "week", "month"}
                ):
                    i += 1
                if (
                    i < len(after)
                    and (lows[0] in _ADVERB or told_tail)
                    and after[-1].end >= se - 1
                    and not set(lows) & (FINITE | SUBJECT_PRONOUNS | {"that", ",", ";", ":", "and", "but"})
                ):
                    i = len(after)  # "..., X said in an interview with CNN.": a tail of adverbials
                if i < len(after) and after[i].text not in {",", ";"}:
                    if lw in BARE and i and (lows[i] in CLAUSE_OPENERS or clause_follows(lows[i:])):
                        span = _body(doc, after[i].start, se)  # "said Monday the talks had failed"
                        if span:
                            emit(speaker, span, tok.text)
                    continue
                before = text[body_start:np_start].rstrip()
                if (
                    before.endswith(",")
                    and doc.quote_at(np_start - 2) is None
                    and i < len(after)
                    and after[i].text == ","
                    and len(after) - i > 3
                    and body_start < np_start
                    and len(doc.words(body_start, np_start)) <= 8
                    and lows[i + 1] not in JOINERS
                    and not any(t.text.lower() in CUES for t in doc.words(body_start, np_start))
                ):
                    # "The plan, Keller said, will cost ...": the sentence around the aside.
                    span = _body(doc, body_start, se)
                    if span:
                        emit(speaker, span, tok.text)
                elif before.endswith(",") and doc.quote_at(np_start - 2) is None:
                    span = _body(doc, body_start, body_start + len(before) - 1)
                    if span:
                        emit(speaker, span, tok.text)
                elif before.endswith(tuple(CLOSE)):
                    q = doc.quote_at(body_start + len(before) - 2)
                    if q is not None and lead_in(doc, body_start, q[0]):
                        emit(speaker, trim(text, q), tok.text, True)
                continue
            if lw in BARE and after[0].text not in OPEN and lows[0] not in {"and", "but", "as"}:
                span = _body(doc, after[0].start, se)
                if span:
                    emit(speaker, span, tok.text)
            elif lw not in TOLD and clause_follows(lows):
                # "She argued the plan was flawed": a clause (a subject pronoun, or an
                # auxiliary soon after), not a noun object ("announced the closure").
                span = _body(doc, after[0].start, se)
                if span:
                    emit(speaker, span, tok.text)
        # A quote that is a whole sentence right after an attributed quote: same speaker.
        for qs, qe in quoted:
            if (
                ss < qs < se
                and (qs, qe) not in direct
                and prev_sent is not None
                and text[ss:qs].strip() in OPEN
                and text[qe:se].strip(" .") in CLOSE
            ):
                earlier = [q for span, q in direct.items() if prev_sent[0] <= span[0] < prev_sent[1]]
                if earlier and "\n" not in text[prev_sent[1] : ss]:
                    emit(earlier[-1].speaker, trim(text, (qs, qe)), earlier[-1].cue, True)
            colon = colon_intro(doc, toks, ss, qs) if ss < qs < se and (qs, qe) not in direct else None
            if colon is not None:
                emit(colon, trim(text, (qs, qe)), ":", True)
        prev_sent = (ss, se)
    return out
