"""English quotes, precision first: a quote gets a speaker when its sentence names one,
or when a pronoun or a bare role ("he said", "the spokesman said") points back to an
actor named earlier in the article; otherwise it is left out (a wrong speaker is worse
than none). Sentences come from the text layer (`briefing.text.segment`)."""

from __future__ import annotations

import re

from briefing.analyze.ner import tagger as ner
from briefing.analyze.quotes.english_speakers import ADVERB as _ADVERB
from briefing.analyze.quotes.english_speakers import SPEAKER_OK as _SPEAKER_OK
from briefing.analyze.quotes.english_speakers import VERBISH as _VERBISH
from briefing.analyze.quotes.english_speakers import Doc as _Doc
from briefing.analyze.quotes.english_speakers import after_cue as _after_cue
from briefing.analyze.quotes.english_speakers import phrase as _phrase
from briefing.models import Quote
from briefing.text.segment import split_sentences

CUES = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "noted",
    "warned",
    "insisted",
    "argued",
    "stressed",
    "acknowledged",
    "confirmed",
    "announced",
    "explained",
    "claimed",
    "cautioned",
}
# More verbs of saying, in the past and the present ("Smith wrote on Twitter: ...").
CUES |= {
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "recalled",
    "recalls",
    "continued",
    "continues",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "testified",
    "asked",
    "asks",
    "answered",
    "responded",
    "replied",
    "remarked",
    "observed",
    "declared",
    "predicted",
    "predicts",
    "suggested",
    "suggests",
    "agreed",
    "promised",
    "explains",
    "notes",
    "warns",
    "insists",
    "argues",
    "states",
    "reported",
    "reports",
    "explained",
    "emphasized",
    "emphasised",
    "maintained",
    "maintains",
    "contended",
    "recounted",
    "joked",
    "complained",
    "lamented",
    "acknowledges",
    "confirms",
    "announces",
    "tweets",
}
# Verbs that say how something was said ('"...," he quipped.').
CUES |= {
    "quipped",
    "reasoned",
    "mused",
    "boasted",
    "pleaded",
    "elaborated",
    "clarified",
    "retorted",
    "shouted",
    "yelled",
    "whispered",
    "exclaimed",
    "wondered",
    "interjected",
    "grumbled",
    "scoffed",
    "sighed",
    "texted",
    "emailed",
    "wrote",
    "pleads",
    "muses",
    "boasts",
}
# Verbs of judging, urging or promising: they put quoted words in the subject's mouth
# ('called the move "reckless"'), but take no reported clause of their own here.
_ACTS = {
    "called",
    "calls",
    "described",
    "describes",
    "dubbed",
    "termed",
    "labeled",
    "labelled",
    "branded",
    "praised",
    "praises",
    "dismissed",
    "dismisses",
    "denounced",
    "condemned",
    "blasted",
    "slammed",
    "criticized",
    "criticised",
    "hailed",
    "vowed",
    "vows",
    "pledged",
    "urged",
    "urges",
    "accused",
    "accuses",
    "thanked",
    "questioned",
    "mocked",
    "characterized",
    "characterised",
    "likened",
    "lauded",
    "decried",
    "lamented",
    "recalled",
    "quipped",
    "cited",
    "referred",
    "promised",
    "welcomed",
    "defended",
    "rejected",
} - CUES
# Base and plural forms ("experts warn that"), and denials with a clause.
CUES |= {
    "warn",
    "note",
    "claim",
    "argue",
    "insist",
    "acknowledge",
    "explain",
    "stress",
    "contend",
    "allege",
    "alleges",
    "alleged",
    "denied",
    "denies",
    "deny",
    "disclosed",
    "revealed",
    "reveals",
    "confirm",
    "announce",
    "tell",
    "add",
    "emphasize",
    "emphasise",
    "predict",
}
# Verbs that report a finding, not speech: a statement only with "that" right after.
_THAT_ONLY = {
    "found",
    "finds",
    "concluded",
    "concludes",
    "showed",
    "shows",
    "indicated",
    "indicates",
    "determined",
    "estimated",
    "estimates",
    "stated",
    # Verbs of saying, promising or holding a view that report a statement with "that".
    "reiterated",
    "reiterates",
    "underlined",
    "underscored",
    "highlighted",
    "assured",
    "vowed",
    "vows",
    "pledged",
    "promised",
    "promises",
    "demanded",
    "ruled",
    "decided",
    "charged",
    "countered",
    "hinted",
    "signaled",
    "signalled",
    "believes",
    "believe",
    "believed",
    "thinks",
    "think",
    "thought",
    "hopes",
    "hoped",
    "fears",
    "feared",
    "expects",
    "expected",
    "feels",
    "felt",
    "urged",
    "accepted",
    "conceded",
    "informed",
    "reminded",
    "assumed",
    "speculated",
    "projected",
    "forecast",
    "cautions",
    "wrote",
    "told",
} - CUES
# Participles that go on with the same speaker's words ("..., adding that ...").
PARTICIPLES = {
    "adding",
    "saying",
    "noting",
    "warning",
    "stressing",
    "explaining",
    "insisting",
    "arguing",
    "claiming",
    "asserting",
    "declaring",
    "emphasizing",
    "emphasising",
    "writing",
}
_BARE = {"said", "says", "say", "added", "adds"}  # may take a clause without "that"
_TOLD = {"told", "tells"}
_NEXT_VERBS = CUES | {
    "urged",
    "called",
    "welcomed",
    "rejected",
    "promised",
    "pledged",
    "vowed",
    "denied",
    "asked",
    "criticised",
    "criticized",
}
_WHEN = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "also",
}
_CLAUSE_OPENERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "its",
    "there",
    "this",
    "these",
    "those",
    "that",
    "our",
    "no",
    "some",
    "all",
    "more",
    "most",
}
_JOINERS = {
    "although",
    "though",
    "but",
    "and",
    "as",
    "while",
    "because",
    "after",
    "before",
    "when",
    "which",
    "who",
    "saying",
    "adding",
    "noting",
    "warning",
    "citing",
    "since",
    "so",
    "even",
}
# Adverbs and auxiliaries between a subject and its verb of saying.
_BEFORE_CUE = {
    "also",
    "later",
    "then",
    "previously",
    "repeatedly",
    "once",
    "has",
    "have",
    "had",
    "would",
    "will",
    "publicly",
    "further",
    "earlier",
    "recently",
    "again",
    "reportedly",
    "only",
    "just",
    "first",
    "initially",
    "finally",
    "separately",
    "subsequently",
    "privately",
    "herself",
    "himself",
    "already",
    "always",
    "often",
    "never",
}
_CLOSE = {'"', "”", "’", "'", "»"}
_OPEN = {'"', "“", "‘", "'", "«"}
_DATELINE = re.compile(r"[A-Z][A-Z/.,' -]*[A-Z](?:\s*\([^)]*\))?\s+[-—–]+\s+")


def _text_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, from the text layer's splitter (which keeps
    quotations whole and knows abbreviations)."""
    return [(s.start, s.end) for s in split_sentences(text, "en")]


def _body(doc: _Doc, begin: int, end: int) -> tuple[int, int] | None:
    """The reported clause from `begin`, cut before a next verb ("..., but added that")."""
    seg = doc.text[begin:end]
    m = re.search(r",\s+(" + "|".join(sorted(PARTICIPLES)) + r")\b", seg)
    if m and doc.quote_at(begin + m.start()) is None:
        seg = seg[: m.start()]
    for m in re.finditer(r"([,\"”]?)\s+(and|but)\s+(\w+)", seg):
        if (
            (m.group(1) or m.group(2) == "but")
            and m.group(3).lower() in _NEXT_VERBS
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


def english_quotes(text: str, refs, quoted: list[tuple[int, int]]) -> list[Quote]:
    """Direct quotes with a plain attribution, "X said (that) ...", "..., X said" and
    "according to X" (X a person or a body, never a place)."""
    quoted = [q for q in quoted if len(text[q[0] : q[1]].split()) >= 2]
    doc = _Doc(text, refs, quoted)
    out: list[Quote] = []
    direct: dict[tuple[int, int], Quote] = {}
    sents = _text_sentences(text)
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
                elif k == 0 or tok.start <= body_start:
                    span = _body(doc, rest[stop].end, se) if stop < len(rest) else None
                else:
                    span = None
                if span:
                    emit(speaker, span, "according to")
                continue
            if lw in _ACTS and k and toks[k - 1].text not in {","} | _CLOSE:
                # 'Smith called the move "reckless and dangerous."': the quoted words
                # a verb of judging or urging puts in the subject's mouth.
                after = toks[k + 1 :]
                qpos = next(
                    (i for i, t in enumerate(after[:8]) if t.text in _OPEN and doc.quote_at(t.end) is not None), None
                )
                if qpos is not None and not any(
                    t.text in {";", ":", "."} or t.text.lower() in CUES | _ACTS for t in after[:qpos]
                ):
                    speaker, _ = _subject(doc, toks, k, ss, last_speaker)
                    if speaker is not None:
                        emit(speaker, _trim(text, doc.quote_at(after[qpos].end)), tok.text, True)
                continue
            if (
                lw in _THAT_ONLY
                and k
                and k + 1 < len(toks)
                and toks[k + 1].text.lower() == "that"
                and toks[k - 1].text not in {","} | _CLOSE
            ):
                # "The autopsy found that ...", "Experts believe that ...": only with "that".
                speaker, _ = _subject(doc, toks, k, ss, last_speaker)
                span = _body(doc, toks[k + 1].end, se) if speaker is not None else None
                if span:
                    emit(speaker, span, tok.text)
                continue
            verb = _phrasal(toks, k)
            if verb is not None:
                # "Smith pointed out that ...", "made it clear that", "expressed hope that".
                speaker, _ = _subject(doc, toks, verb, ss, last_speaker)
                span = _body(doc, toks[k + 1].end, se) if speaker is not None else None
                if span:
                    emit(speaker, span, toks[verb].text)
                continue
            if lw in PARTICIPLES and k and toks[k - 1].text in {",", "and"}:
                # "..., adding that ...", '..., saying: "..."': more speech of the
                # sentence's speaker.
                speaker = last_speaker or _first_speaker(doc, toks, k, ss)
                if speaker is None:
                    continue
                after = toks[k + 1 :]
                np_start = tok.start
            elif lw not in CUES:
                continue
            else:
                speaker = None
            prev = toks[k - 1] if k else None
            after = toks[k + 1 :]
            if speaker is not None:
                pass
            elif prev is None or prev.text == "," or prev.text in _CLOSE:
                # "..., said X." / '"...," said X.'
                speaker = _after_cue(doc, after)
                if speaker is None and prev is not None and prev.text == ",":
                    speaker, np_start = _appositive(doc, toks, k)
                    if speaker is None:
                        continue
                elif speaker is None or prev is None:
                    continue
                else:
                    q = doc.quote_at(prev.start - 1) if prev.text in _CLOSE else None
                    if q is not None and doc.words(ss, q[0] - 1) == []:
                        emit(speaker, _trim(text, q), tok.text, True)
                    elif prev.text == "," and doc.quote_at(prev.start) is None:
                        span = _body(doc, body_start, prev.start)
                        if span:
                            emit(speaker, span, tok.text)
                    last_speaker = speaker
                    continue
            else:
                speaker, np_start = _subject(doc, toks, k, ss, last_speaker)
                q = _quote_before(doc, ss, np_start) if speaker is not None else None
                if q is not None:  # '"...," Guterres told the Security Council.'
                    emit(speaker, _trim(text, q), tok.text, True)
                    last_speaker = speaker
                    continue
            if speaker is None:
                continue
            last_speaker = speaker
            # What follows the cue.
            lows = [t.text.lower() for t in after]
            qpos = next(
                (i for i, t in enumerate(after[:6]) if t.text in _OPEN and doc.quote_at(t.end) is not None), None
            )
            that = next((i for i, w in enumerate(lows[:9]) if w == "that"), None)
            colon = next(
                (i for i, w in enumerate(lows) if w in {":", ",", ";"} or (w in CUES and w not in {"posted"})), None
            )
            if (
                qpos is None
                and colon is not None
                and lows[colon] == ":"
                and colon + 1 < len(after)
                and after[colon + 1].text in _OPEN
                and doc.quote_at(after[colon + 1].end) is not None
                and that is None
            ):
                # 'Smith said in a statement posted on its website: "..."'
                qpos = colon + 1
            if (
                qpos is not None
                and (that is None or that > qpos)
                and (qpos == 0 or after[qpos - 1].text in {":", ","})
                and not any(t.text in {",", ";"} for t in after[: max(qpos - 1, 0)])
            ):
                q = doc.quote_at(after[qpos].end)
                if lw not in _TOLD or qpos > 0:
                    emit(speaker, _trim(text, q), tok.text, True)
                continue
            if that is not None and (
                that == 0
                or (lw in _TOLD and "," not in lows[:that])
                or (lows[0] in _ADVERB | _WHEN and not set(lows[:that]) & {",", ";", "and", "but"})
            ):
                span = _body(doc, after[that].end, se)
                if span:
                    emit(speaker, span, tok.text)
                continue
            n = _listener(doc, after, lows) if lw in _TOLD else 0
            if n and len(after) > n + 3 and (lows[n] in _CLAUSE_OPENERS or _clause_follows(lows[n:])):
                # "told reporters the talks had failed", "told the Associated Press the
                # plan ...": the clause after the listener.
                span = _body(doc, after[n].start, se)
                if span:
                    emit(speaker, span, tok.text)
                continue
            if lows == [":"] or (lows[-1:] == [":"] and all(w in _ADVERB | _WHEN or w[:1].isupper() for w in lows[:-1])):
                # 'Smith said in a statement:' closing its paragraph, the quote in the next.
                q = _next_paragraph_quote(doc, se)
                if q is not None:
                    emit(speaker, _trim(text, q), tok.text, True)
                continue
            if not after or (lows[0] in _ADVERB | _WHEN or after[0].text in {",", ";", ":"}):
                # "..., industry officials said (on Wednesday)," -> the clause before.
                i = 0
                while i < len(after) and (
                    lows[i] in _ADVERB | _WHEN
                    or after[i].text[:1].isupper()
                    or lows[i] in {"a", "statement", "week", "month"}
                ):
                    i += 1
                if i < len(after) and after[i].text not in {",", ";"}:
                    if lw in _BARE and i and (lows[i] in _CLAUSE_OPENERS or _clause_follows(lows[i:])):
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
                    and lows[i + 1] not in _JOINERS
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
                elif before.endswith(tuple(_CLOSE)):
                    q = doc.quote_at(body_start + len(before) - 2)
                    if q is not None and doc.words(ss, q[0] - 1) == []:
                        emit(speaker, _trim(text, q), tok.text, True)
                continue
            if lw in _BARE and after[0].text not in _OPEN and lows[0] not in {"and", "but", "as"}:
                span = _body(doc, after[0].start, se)
                if span:
                    emit(speaker, span, tok.text)
            elif lw not in _TOLD and _clause_follows(lows):
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
                and text[ss:qs].strip() in _OPEN
                and text[qe:se].strip(" .") in _CLOSE
            ):
                earlier = [q for span, q in direct.items() if prev_sent[0] <= span[0] < prev_sent[1]]
                if earlier and "\n" not in text[prev_sent[1] : ss]:
                    emit(earlier[-1].speaker, _trim(text, (qs, qe)), earlier[-1].cue, True)
        prev_sent = (ss, se)
    return out


_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "there"}
_FINITE = {
    "is",
    "are",
    "was",
    "were",
    "had",
    "has",
    "have",
    "will",
    "would",
    "could",
    "can",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "won't",
    "wasn't",
    "isn't",
    "weren't",
    "hadn't",
    "didn't",
    "doesn't",
    "wouldn't",
    "couldn't",
}


def _clause_follows(lows: list[str]) -> bool:
    """Do the words after a verb of saying open a clause rather than a noun object?"""
    if not lows or lows[0] in {",", ";", ":", "and", "but", "as", "to", "that"}:
        return False
    if lows[0] in _SUBJECT_PRONOUNS:
        return True
    head = lows[:6]
    stop = next((i for i, w in enumerate(head) if w in {",", ";", "to", "of", "for", "with"}), len(head))
    return any(w in _FINITE for w in head[1:stop])


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quote's span without a trailing comma or spaces."""
    s, e = span
    while e > s and text[e - 1] in " ,":
        e -= 1
    return s, e


def _subject(doc: _Doc, toks: list[ner.Token], k: int, ss: int, last_speaker: str | None) -> tuple[str | None, int]:
    """The speaker before the cue toks[k] and where its phrase starts."""
    while k > 1 and toks[k - 1].text.lower() in _BEFORE_CUE:
        k -= 1  # "Smith also said", "she has repeatedly said"
    prev = toks[k - 1]
    lw = prev.text.lower()
    if lw in {"and", "but"}:
        if last_speaker is not None:
            return last_speaker, prev.start
        # "Obama met the leaders ... and said": the sentence's first actor, outside quotes.
        first = next(
            (
                r
                for r in doc.refs
                if ss <= r.start < prev.start and r.actor.type in _SPEAKER_OK and doc.quote_at(r.start) is None
            ),
            None,
        )
        if first is not None and not any(t.text in {";", ":"} for t in doc.words(first.end, prev.start)):
            return first.actor.name, first.start
        # "Shipowners welcomed ... but said": a short sentence-initial subject.
        verb = next(
            (i for i, t in enumerate(toks[:k]) if t.text.lower().endswith("ed") or t.text.lower() in _VERBISH), None
        )
        if verb and verb <= 4:
            return _phrase(doc, toks[:verb]), toks[0].start
        return None, prev.start
    if lw in {"he", "she"}:
        person = doc.pronoun_person(prev.start)
        return (person.actor.name if person else None), prev.start
    if lw == "who" and k > 2 and toks[k - 2].text == ",":
        # "..., Dana Wells, who said the plant would reopen": the phrase before the comma.
        j = k - 3
        while j >= 0 and toks[j].text not in {",", ";", ":", "("} | _CLOSE | _OPEN:
            j -= 1
        phrase = toks[j + 1 : k - 2]
        return (_phrase(doc, phrase) if phrase else None), prev.start
    if lw == "it" and (k < 2 or toks[k - 2].text in {",", ";", ":"} | _CLOSE):
        # "It said", '"...," it said': the body named last (a report is rarely the subject
        # of a verb of saying at the start of a clause).
        return doc.last_body(prev.start), prev.start
    if lw == "they" and (k < 2 or toks[k - 2].text in {",", ";", ":"} | _CLOSE):
        return doc.last_plural_speaker(prev.start), prev.start
    if lw in {"it", "they", "we", "i", "you", "who", "which", "that"}:
        return None, prev.start
    # Clause start: after the last comma, semicolon, colon or quote before the cue.
    j = k - 1
    while (
        j >= 0
        and (toks[j].text not in {",", ";", ":", "("} | _CLOSE | _OPEN or _apostrophe(toks, j))
        and doc.quote_at(toks[j].start) is None
    ):
        j -= 1
    phrase = toks[j + 1 : k]
    speaker = _phrase(doc, phrase)
    start = phrase[0].start if phrase else prev.start
    if speaker is not None and j >= 0 and toks[j].text == "," and phrase and phrase[0].text.lower() in {"who", "which"}:
        speaker = None
    return speaker, start


_LISTENERS = {"reporters", "journalists", "lawmakers", "parliament", "me", "us", "him", "her", "them", "congress"}


def _listener(doc: _Doc, after: list[ner.Token], lows: list[str]) -> int:
    """How many words after "told" name the listener: a word such as "reporters", an
    actor ("the Associated Press"), or a capitalised name; 0 when it is none of these."""
    if not after or doc.quote_at(after[0].start) is not None:
        return 0
    i = 1 if lows[0] == "the" and len(after) > 1 else 0
    r = doc.by_start.get(after[i].start)
    if r is not None:
        n = next((j + 1 for j, t in enumerate(after) if t.end >= r.end), 0)
        while n < len(after) and lows[n] in {"'s", "’s"} | {"s"} and after[n].text[:1] in "'’s":
            n += 1
        return n
    if i == 0 and lows[0] in _LISTENERS:
        return 1
    n = i
    while n < len(after) and after[n].text[:1].isupper() and lows[n] not in _SUBJECT_PRONOUNS:
        n += 1
    return n if n > i else 0


def _next_paragraph_quote(doc: _Doc, end: int) -> tuple[int, int] | None:
    """The quote that opens the paragraph after the one ending at `end`."""
    nl = doc.text.find("\n", end)
    if nl < 0 or doc.text[end:nl].strip(" :"):
        return None
    rest = doc.text[nl:]
    lead = len(rest) - len(rest.lstrip())
    pos = nl + lead
    if pos >= len(doc.text) or doc.text[pos] not in _OPEN:
        return None
    q = doc.quote_at(pos + 1)
    return q if q is not None and q[0] == pos + 1 else None


_PHRASAL = {
    "out": {"pointed", "points", "point"},
    "clear": {"made", "makes", "make"},
    "hope": {"expressed", "voiced"},
    "concern": {"expressed", "voiced", "raised"},
    "concerns": {"expressed", "voiced", "raised"},
    "confidence": {"expressed"},
    "fears": {"expressed", "voiced", "raised"},
    "doubts": {"expressed", "voiced", "raised"},
}


def _phrasal(toks: list[ner.Token], k: int) -> int | None:
    """Where the verb is when toks[k] ends a phrase of saying ("pointed out", "made
    (it) clear", "expressed hope") and "that" follows; None otherwise."""
    verbs = _PHRASAL.get(toks[k].text.lower())
    if verbs is None or k + 1 >= len(toks) or toks[k + 1].text.lower() != "that" or k < 2:
        return None
    for j in (k - 1, k - 2):
        if toks[j].text.lower() in verbs and toks[j - 1].text not in {","} | _CLOSE:
            return j if j == k - 1 or toks[k - 1].text.lower() == "it" else None
    return None


def _first_speaker(doc: _Doc, toks: list[ner.Token], k: int, ss: int) -> str | None:
    """The actor that opens the sentence before toks[k] (its subject), outside quotes."""
    first = next(
        (r for r in doc.refs if ss <= r.start < toks[k].start and doc.quote_at(r.start) is None),
        None,
    )
    if first is None or first.actor.type not in _SPEAKER_OK:
        return None
    lead = doc.words(ss, first.start)
    if len(lead) > 3 or any(t.text in {",", ";", ":"} for t in lead):
        return None
    return first.actor.name


def _apostrophe(toks: list[ner.Token], j: int) -> bool:
    """Is toks[j] the apostrophe inside a word ("Egypt's"), not a quote mark?"""
    return (
        toks[j].text in {"'", "’"}
        and 0 < j < len(toks) - 1
        and toks[j - 1].end == toks[j].start
        and toks[j].end == toks[j + 1].start
        and toks[j + 1].text.lower() in {"s", "t", "d", "ll", "re", "ve"}
    )


def _quote_before(doc: _Doc, ss: int, np_start: int) -> tuple[int, int] | None:
    """'"...," Mikati told reporters': the quote that opens the sentence right before
    the speaker's phrase."""
    before = doc.text[ss:np_start].rstrip()
    if not before.endswith(tuple(_CLOSE)):
        return None
    q = doc.quote_at(ss + len(before) - 2)
    if q is None or doc.words(ss, q[0] - 1):
        return None
    return q


def _appositive(doc: _Doc, toks: list[ner.Token], k: int) -> tuple[str | None, int]:
    """ "Lt. Gen. Daniel Okafor, a senior U.S. officer ..., said": the phrase before the
    aside, when the aside starts like one (a/an/the/who, or a lowercase word)."""
    commas = [i for i in range(k - 1) if toks[i].text == "," and doc.quote_at(toks[i].start) is None]
    if not commas:
        return None, toks[k - 1].start
    c1 = commas[-1]
    aside = toks[c1 + 1 : k - 1]
    person = doc.by_start.get(aside[0].start) if aside else None
    if person is not None and person.actor.type == "person" and person.end == aside[-1].end:
        # "The IMF mission chief, NAME, said ...": the phrase starts after the last comma,
        # semicolon or quotation mark before the aside.
        j = c1 - 1
        while j >= 0 and toks[j].text not in {",", ";", ":"} | _CLOSE | _OPEN:
            j -= 1
        return person.actor.name, toks[j + 1].start if j + 1 < c1 else aside[0].start
    if not aside or not (
        aside[0].text.lower() in {"a", "an", "the", "who", "which"}
        or aside[0].text[:1].islower()
        or (len(aside) == 1 and aside[0].text.isdigit())
    ):
        return None, toks[k - 1].start
    c0 = c1 - 1  # the phrase starts after the comma, semicolon or quotation mark before it
    while c0 >= 0 and (toks[c0].text not in {",", ";", ":"} | _CLOSE | _OPEN or _apostrophe(toks, c0)):
        c0 -= 1
    phrase = toks[c0 + 1 : c1]
    if not phrase or doc.quote_at(phrase[0].start) is not None:
        return None, toks[k - 1].start
    return _phrase(doc, phrase), phrase[0].start
