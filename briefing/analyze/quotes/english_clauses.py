"""English clauses around a verb of saying: the subject before it, an aside, the
listener after "told", a quote before the speaker or in the next paragraph."""

from __future__ import annotations

from briefing.analyze.quotes.english_cues import (
    ACTS,
    BEFORE_CUE,
    CLOSE,
    CUES,
    FINITE,
    LISTENERS,
    OPEN,
    PAST,
    PHRASAL,
    SUBJECT_PRONOUNS,
)
from briefing.analyze.quotes.english_phrases import CUT, DETERMINERS, SPEAKER_OK, VERBISH
from briefing.analyze.quotes.english_phrases import phrase as _phrase
from briefing.analyze.quotes.english_speakers import Doc
from briefing.text.tokenizer import Token


def clause_follows(lows: list[str]) -> bool:
    """Do the words after a verb of saying open a clause rather than a noun object?"""
    if not lows or lows[0] in {",", ";", ":", "and", "but", "as", "to", "that"} | CUES:
        return False  # (a verb of saying next: "news reports said ...", the first is a noun)
    if lows[0] in SUBJECT_PRONOUNS:
        return True
    head = lows[:6]
    stop = next((i for i, w in enumerate(head) if w in {",", ";", "to", "of", "for", "with"}), len(head))
    return any(w in FINITE or _past(lows, i) for i, w in enumerate(head[1:stop], start=1))


def _past(lows: list[str], i: int) -> bool:
    """Is lows[i] a verb in the past tense after its subject ("the company ignored the
    warnings", "the company hid the risks"), not a participle in a noun phrase ("the
    planned closure", "the claims made against him", "the allegations raised by")?"""
    w = lows[i]
    if not (w in PAST or (len(w) > 4 and w.endswith("ed"))):
        return False
    before, after = lows[i - 1], (lows[i + 1] if i + 1 < len(lows) else "")
    return (
        before.isalpha()
        and before not in DETERMINERS | CUT | {"and", "or", "but", "not", "very", "more", "most", "being", "been"}
        and after not in CUT | {"", ",", ".", ";", ":", "-", "by", "as", "last", "earlier", "this", "and", "or"}
    )


def trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quote's span without a trailing comma or spaces."""
    s, e = span
    while e > s and text[e - 1] in " ,":
        e -= 1
    return s, e


_ASIDE_OPENERS = {"however", "though", "meanwhile", "too", "also", "for", "in", "on", "at", "last", "earlier", "this"}


def subject(doc: Doc, toks: list[Token], k: int, ss: int, last_speaker: str | None) -> tuple[str | None, int]:
    """The speaker before the cue toks[k] and where its phrase starts."""
    while k > 1 and toks[k - 1].text.lower() in BEFORE_CUE:
        k -= 1  # "Smith also said", "she has repeatedly said"
    if toks[k - 1].text == "," and k > 3:
        # "Smith, however, said", "The ministry, in a statement, said": past the aside.
        c = next((j for j in range(k - 2, max(k - 7, 0), -1) if toks[j].text == ","), None)
        aside = [t.text.lower() for t in toks[c + 1 : k - 1]] if c else []
        if aside and aside[0] in _ASIDE_OPENERS and not set(aside) & (FINITE | {"who", "which", "that"}):
            k = c
            while k > 1 and toks[k - 1].text.lower() in BEFORE_CUE:
                k -= 1
    opener = {")": "(", "—": "—", "–": "–", "--": "--", "-": "-"}.get(toks[k - 1].text)
    if opener:  # "Sen. Ann Ruiz (D-Ohio) said", "The official — who ... — said": before the aside
        p = next((j for j in range(k - 2, max(k - 25, 0), -1) if toks[j].text == opener), None)
        if p is not None and p > 0:
            k = p
    prev = toks[k - 1]
    lw = prev.text.lower()
    if lw == "," and k > 2:  # "The mayor, Omar Haddad, was confident that": the aside's name
        return appositive(doc, toks, k)
    if lw in {"and", "but"}:
        if last_speaker is not None:
            return last_speaker, prev.start
        # "Obama met the leaders ... and said": the sentence's first actor, outside quotes.
        first = next(
            (
                r
                for r in doc.refs.between(ss, prev.start)
                if r.actor.type in SPEAKER_OK and doc.quote_at(r.start) is None
            ),
            None,
        )
        if first is not None and not any(t.text in {";", ":"} for t in doc.words(first.end, prev.start)):
            return first.actor.name, first.start
        # "Shipowners welcomed ... but said": a short sentence-initial subject.
        verb = next(
            (i for i, t in enumerate(toks[:k]) if t.text.lower().endswith("ed") or t.text.lower() in VERBISH), None
        )
        if verb and verb <= 4:
            return _phrase(doc, toks[:verb]), toks[0].start
        return None, prev.start
    if lw in {"he", "she"}:
        person = doc.pronoun_person(prev.start, lw)
        return (person.actor.name if person else None), prev.start
    if lw in {"who", "which"} and k > 2 and toks[k - 2].text == ",":
        # "..., Dana Wells, who said the plant would reopen": the phrase before the comma.
        j = k - 3
        while j >= 0 and toks[j].text not in {",", ";", ":", "("} | CLOSE | OPEN:
            j -= 1
        phrase = toks[j + 1 : k - 2]
        return (_phrase(doc, phrase) if phrase else None), prev.start
    if lw == "it" and (k < 2 or toks[k - 2].text in {",", ";", ":"} | CLOSE):
        # "It said", '"...," it said': the body named last (a report is rarely the subject
        # of a verb of saying at the start of a clause).
        spoke = next((q for q in reversed(doc.spoke) if q.end <= prev.start), None)
        if spoke is not None and spoke.speaker in doc.bodies and spoke.start >= doc.floor(prev.start):
            return spoke.speaker, prev.start  # the body that spoke last goes on speaking
        return doc.last_body(prev.start), prev.start
    if lw == "they" and (k < 2 or toks[k - 2].text in {",", ";", ":"} | CLOSE):
        return doc.last_plural_speaker(prev.start), prev.start
    if lw in {"it", "they", "we", "i", "you", "who", "which", "that"}:
        return None, prev.start
    # Clause start: after the last comma, semicolon, colon or quote before the cue.
    j = k - 1
    while (
        j >= 0
        and (toks[j].text not in {",", ";", ":", "("} | CLOSE | OPEN or apostrophe(toks, j))
        and doc.quote_at(toks[j].start) is None
    ):
        j -= 1
    phrase = _after_outer_cue(toks[j + 1 : k])
    speaker = _phrase(doc, phrase)
    start = phrase[0].start if phrase else prev.start
    if speaker is not None and j >= 0 and toks[j].text == "," and phrase and phrase[0].text.lower() in {"who", "which"}:
        speaker = None
    return speaker, start


_OUTER = CUES | {"that", "found", "finds", "believe", "believed", "believes", "think", "thinks", "thought"}
_SAID = {"said", "says", "told", "tells", "wrote", "writes", "found", "finds", "thought"}


def _after_outer_cue(phrase: list[Token]) -> list[Token]:
    """The subject of a nested verb of saying starts after the outer one: in "The report
    said officials had warned that ...", "officials" warned, not "The report said
    officials". Not past a relative ("A woman who told police ... said")."""
    for i in range(len(phrase) - 2, 0, -1):
        w = phrase[i].text
        if (
            w in _OUTER
            and (w == "that" or w.endswith("ed") or w in _SAID)
            and phrase[i - 1].text.lower() not in DETERMINERS
            and phrase[i + 1].text.lower() not in CUT | {"as", "by", "to", "and", "or"}
            and not any(t.text.lower() in {"who", "which", "whom"} for t in phrase[:i])
        ):
            return phrase[i + 1 :]
    return phrase


def listener(doc: Doc, after: list[Token], lows: list[str]) -> int:
    """How many words after "told" name the listener: a word such as "reporters", an
    actor ("the Associated Press"), or a capitalised name; 0 when it is none of these."""
    if not after or doc.quote_at(after[0].start) is not None:
        return 0
    i = 1 if lows[0] == "the" and len(after) > 1 else 0
    r = doc.by_start.get(after[i].start)
    if r is not None:
        n = next((j + 1 for j, t in enumerate(after) if t.end >= r.end), 0)
        owner = n
        while n < len(after) and (
            lows[n] in {"'s", "’s", "\u02bcs"} or (lows[n] in {"'", "’"} and lows[n + 1 : n + 2] == ["s"])
        ):
            n += 2 if lows[n] in {"'", "’"} else 1
        if n > owner and n < len(after):  # "told CNN's Jake Tapper the ...": the owner's person
            n += listener(doc, after[n:], lows[n:])
        return n
    if i == 0 and lows[0] in LISTENERS:
        return 1
    n = i
    while n < len(after) and after[n].text[:1].isupper() and lows[n] not in SUBJECT_PRONOUNS:
        n += 1
    return n if n > i else 0


_OBJECT_OPENERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "these", "those"}


def told_listener(lows: list[str]) -> int:
    """How many words after "told" make a listener of any kind when a clause follows
    them: "told officers he had acted alone", "told the court the money was gone", "told
    a rally in Ohio they would win"; 0 when no such clause comes within five words."""
    for n in range(1, 6):
        if n >= len(lows) or not lows[n - 1].isalpha() or lows[n - 1] in FINITE | SUBJECT_PRONOUNS | {"that"}:
            return 0
        if lows[n] in SUBJECT_PRONOUNS or (lows[n] in _OBJECT_OPENERS and clause_follows(lows[n:])):
            return n
    return 0


def next_paragraph_quote(doc: Doc, end: int) -> tuple[int, int] | None:
    """The quote that opens the paragraph after the one ending at `end`."""
    nl = doc.text.find("\n", end)
    if nl < 0 or doc.text[end:nl].strip(" :"):
        return None
    rest = doc.text[nl:]
    lead = len(rest) - len(rest.lstrip())
    pos = nl + lead
    if pos >= len(doc.text) or doc.text[pos] not in OPEN:
        return None
    q = doc.quote_at(pos + 1)
    return q if q is not None and q[0] == pos + 1 else None


def phrasal(toks: list[Token], k: int) -> int | None:
    """Where the verb is when toks[k] ends a phrase of saying ("pointed out", "made
    (it) clear", "expressed hope") and "that" follows; None otherwise."""
    verbs = PHRASAL.get(toks[k].text.lower())
    if verbs is None or k + 1 >= len(toks) or toks[k + 1].text.lower() != "that" or k < 2:
        return None
    for j in (k - 1, k - 2):
        if toks[j].text.lower() in verbs and toks[j - 1].text not in CLOSE:
            return j if j == k - 1 or toks[k - 1].text.lower() == "it" else None
    return None


def first_speaker(doc: Doc, toks: list[Token], k: int, ss: int) -> str | None:
    """The actor that opens the sentence before toks[k] (its subject), outside quotes."""
    first = next(
        (r for r in doc.refs.between(ss, toks[k].start) if doc.quote_at(r.start) is None),
        None,
    )
    if first is None or first.actor.type not in SPEAKER_OK:
        return None
    lead = doc.words(ss, first.start)
    if len(lead) > 3 or any(t.text in {",", ";", ":"} for t in lead):
        return None
    return first.actor.name


def apostrophe(toks: list[Token], j: int) -> bool:
    """Is toks[j] the apostrophe inside a word ("Egypt's"), not a quote mark?"""
    return (
        toks[j].text in {"'", "’"}
        and 0 < j < len(toks) - 1
        and toks[j - 1].end == toks[j].start
        and toks[j].end == toks[j + 1].start
        and toks[j + 1].text.lower() in {"s", "t", "d", "ll", "re", "ve"}
    )


def quote_before(doc: Doc, ss: int, np_start: int) -> tuple[int, int] | None:
    """'"...," Mikati told reporters': the quote that opens the sentence right before
    the speaker's phrase."""
    before = doc.text[ss:np_start].rstrip()
    if not before.endswith(tuple(CLOSE)):
        return None
    q = doc.quote_at(ss + len(before) - 2)
    if q is None or not lead_in(doc, ss, q[0]):
        return None
    return q


_BEFORE_TITLE = {"on", "in", "of", "at", "titled", "called", "named", "s"}


def lead_in(doc: Doc, start: int, qs: int) -> bool:
    """May a quote that starts at `qs` take the speaker after it, given the words of its
    sentence before it (from `start`)? None, or a few with no verb of saying and no other
    quotation ('But "we will win," she said', 'The plan "will cost billions," she said')."""
    lead = doc.words(start, qs - 1)
    if lead and (lead[-1].text.lower() in _BEFORE_TITLE or lead[-1].text.lower().endswith(("ʼs", "'s", "’s"))):
        return False  # 'Speaking on CNN's "State of the Union," she said': a title, not a quote
    return len(lead) <= 8 and not any(
        t.text.lower() in _OUTER | ACTS or t.text in OPEN | CLOSE or doc.quote_at(t.start) is not None for t in lead
    )


def appositive(doc: Doc, toks: list[Token], k: int) -> tuple[str | None, int]:
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
        while j >= 0 and toks[j].text not in {",", ";", ":"} | CLOSE | OPEN:
            j -= 1
        return person.actor.name, toks[j + 1].start if j + 1 < c1 else aside[0].start
    if not aside or not (
        aside[0].text.lower() in {"a", "an", "the", "who", "which"}
        or aside[0].text[:1].islower()
        or (len(aside) == 1 and aside[0].text.isdigit())
    ):
        return None, toks[k - 1].start
    c0 = c1 - 1  # the phrase starts after the comma, semicolon or quotation mark before it
    while c0 >= 0 and (toks[c0].text not in {",", ";", ":"} | CLOSE | OPEN or apostrophe(toks, c0)):
        c0 -= 1
    phrase = toks[c0 + 1 : c1]
    if not phrase or doc.quote_at(phrase[0].start) is not None:
        return None, toks[k - 1].start
    return _phrase(doc, phrase), phrase[0].start
