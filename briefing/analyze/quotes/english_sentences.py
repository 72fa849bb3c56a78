"""English sentences around quotes: a quoted question or exclamation joined to its
speaker, a quote after a colon that closes a clause about its speaker, and the subject that
opens a sentence for a participle of saying."""

from __future__ import annotations

from briefing.analyze.quotes.english_clauses import first_speaker
from briefing.analyze.quotes.english_cues import ACTS, CLOSE, CUES, JOINERS, OPEN, PARTICIPLES, THAT_ONLY
from briefing.analyze.quotes.english_phrases import phrase
from briefing.analyze.quotes.english_speakers import Doc


def join_exclamations(doc: Doc, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'"Why now?" Reed asked.' is one sentence: a question or an exclamation inside
    quotation marks that is its sentence, then on the same line a verb of saying within
    a few words (the splitter ends a sentence at '?"' before a capital)."""
    out: list[tuple[int, int]] = []
    for ss, se in sents:
        if out:
            ps, pe = out[-1]
            prev = doc.text[ps:pe].rstrip()
            gap = doc.text[pe:ss]
            if (
                "\n" not in gap
                and prev[:1] in OPEN
                and prev[-2:-1] in {"?", "!"}
                and prev[-1:] in CLOSE
                and doc.text[ss : ss + 1] not in OPEN
                and any(t.text.lower() in CUES for t in doc.words(ss, se)[:6])
            ):
                out[-1] = (ps, se)
                continue
        out.append((ss, se))
    return out


def opening_subject(doc: Doc, toks) -> str | None:
    """ "Police criticised the plan, saying ...": the short phrase that opens the sentence
    before its first verb (a verb of saying or judging, or a past tense in -ed)."""
    v = next(
        (
            i
            for i, t in enumerate(toks[:7])
            if t.text.lower() in CUES | ACTS | THAT_ONLY or (i and t.text.islower() and t.text.endswith("ed"))
        ),
        None,
    )
    if not v or any(t.text in {",", ";", ":"} | OPEN | CLOSE for t in toks[:v]):
        return None
    return phrase(doc, toks[:v])


def colon_intro(doc: Doc, toks, ss: int, qs: int) -> str | None:
    """'Lopez was blunt: "..."', 'His answer: "..."': a quote after a colon that closes
    a short clause with no verb of saying, whose subject is a person or a body (or "he",
    "his", "she", "her" for the person named before): the subject's words."""
    before = doc.text[ss : qs - 1].rstrip()
    if not before.endswith(":") or doc.text[qs - 1] not in OPEN:
        return None
    clause = [t for t in toks if t.end <= ss + len(before) - 1]
    words = {t.text.lower() for t in clause}
    if not clause or len(clause) > 12 or words & (CUES | ACTS | THAT_ONLY | PARTICIPLES | JOINERS | OPEN | CLOSE):
        return None
    first = clause[0].text.lower()
    if first in {"he", "his", "she", "her"}:
        person = doc.pronoun_person(clause[0].start, "he" if first in {"he", "his"} else "she")
        return person.actor.name if person else None
    return first_speaker(doc, clause + toks[len(clause) : len(clause) + 1], len(clause), ss)
