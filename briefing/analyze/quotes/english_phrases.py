"""English speaker phrases: who a phrase before or after a verb of saying names. An actor
of the article when the phrase ends or starts with one; a bare role ("the spokesman") is
the actor named earlier who holds it (`english_speakers.Doc`); a pronoun is resolved by the
caller; else the phrase itself when its head names people or a body ("industry officials",
"the family") or it is a short noun phrase before the verb, or a name the tagger missed
("Kerry"). A place only as the whole subject ("Iran said")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.analyze.quotes.english_cues import ACTS, CUES, PARTICIPLES, THAT_ONLY
from briefing.text.tokenizer import Token
from briefing.text.tokens import CALENDAR_EN

if TYPE_CHECKING:
    from briefing.analyze.quotes.english_speakers import Doc

TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Prof|Brig|Cmdr)\.?$")

ADVERB = {
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "late",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "by",
    "from",
    "via",
}

CUT = {
    "who",
    "which",
    "that",
    "whose",
    "because",
    "in",
    "of",
    "from",
    "at",
    "with",
    "for",
    "on",
    "by",
    "to",
    "near",
    "based",
    "operating",
    "working",
    "speaking",
}
VERBISH = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
}
DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "some",
    "several",
    "many",
    "two",
    "three",
    "four",
    "five",
    "other",
    "its",
    "his",
    "her",
    "their",
}
HEADS = set(
    """official spokesman spokeswoman spokesperson minister ministry government
president leader officer commander source diplomat analyst economist broker insurer
shipowner observer witness resident expert lawyer police army military force directorate
authority agency council committee commission movement party group coalition company firm
bank union mission office department embassy navy negotiator mediator activist organizer
organiser monitor investigator prosecutor judge court doctor medic worker trader dealer
banker executive chairman chairwoman director ambassador envoy delegate lawmaker legislator
senator secretary chief head administration cabinet regulator operator carrier airline
militia rebel student farmer family relative relatives parent mother father son daughter
wife husband brother sister friend colleague coach teammate fan passenger tourist
lawsuit complaint letter filing indictment document memo release website poll analysis paper
newspaper magazine network channel station outlet broadcaster media television court ruling order judge jury candidate opponent supporter critic people person man woman
representative presidency parliament unit crew guard engineer scientist researcher
professor teacher nurse survivor victim relative neighbor neighbour protester demonstrator
fighter soldier pilot driver owner manager employee staff member voter citizen villager
rescuer firefighter paramedic attorney counsel governor mayor lawyer statement
study survey data coroner autopsy campaign spokesperson chancellor premier king queen
prince sheikh emir general colonel captain sheriff detective agent inspector ministry""".split()
)
# Heads that name a role and nothing else: "the spokesman" is someone named earlier.
ROLE_ONLY = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "secretary",
    "chairman",
    "chairwoman",
    "director",
    "chief",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "commander",
    "ministry",
    "company",
    "agency",
    "department",
    "prosecutor",
    "senator",
    "premier",
    "chancellor",
    "leader",
    "head",
    "organization",
    "organisation",
}

# Roles only a person holds: "the Ohio Democrat governor" is the governor named before.
PERSON_ROLES = (
    ROLE_ONLY
    - {
        "company",
        "agency",
        "department",
        "ministry",
        "organization",
        "organisation",
    }
) | set(
    """congressman congresswoman lawmaker representative general colonel admiral captain
doctor professor judge attorney lawyer sheriff coach executive diplomat officer king queen
prince emir sheikh candidate nominee""".split()
)

SPEAKER_OK = {"person", "organization", "group"}
SAYING = CUES | ACTS | THAT_ONLY | PARTICIPLES
# Heads that name a body: "the company said" is the body named last before it.
BODY_HEADS = {
    "company",
    "firm",
    "ministry",
    "agency",
    "department",
    "organization",
    "organisation",
    "group",
    "bank",
    "airline",
    "carrier",
    "party",
    "movement",
    "militia",
    "coalition",
    "union",
    "club",
    "team",
    "network",
    "channel",
    "newspaper",
    "broadcaster",
    "charity",
    "institute",
    "university",
    "alliance",
}


def head_ok(words: list[str]) -> bool:
    """Does this phrase name a person or a body ("industry officials")?"""
    head = None
    for i, w in enumerate(words):
        lw = w.lower()
        if i and (lw in CUT or lw.endswith("ing")):
            break
        if lw in VERBISH:
            return False
        head = lw
    if head is None:
        return False
    for form in (head, head[:-1], head[:-2], head[:-3] + "y"):
        if form in HEADS and (form == head or head.endswith(("s", "es", "ies"))):
            return True
    return False


_TIME_AFTER_NAME = (["on"], ["last"], ["earlier"], ["late"], ["this"])


def phrase(doc: Doc, toks: list[Token], subject: bool = True) -> str | None:
    """A speaker named by `toks`: the actor it ends with (or starts with, after a title or
    "the"), else the phrase itself when its head names people or a body, or (`subject`: the
    phrase is the subject before the verb) when it is a short noun phrase."""
    toks = [t for t in toks if t.text not in {"(", ")"}]
    if not toks:
        return None
    r = doc.by_end.get(toks[-1].end)
    if r is not None and r.start >= toks[0].start:
        lead = [t for t in toks if t.end <= r.start]
        if lead and lead[0].text.lower() == "the":
            lead = lead[1:]
        if len(lead) >= 2 and lead[-1].text in {"for", "of"} and all(t.text[:1].isupper() for t in lead[:-1]):
            # "the Syrian Observatory for Human Rights": one name, cut in two by the tagger
            return doc.text[lead[0].start : toks[-1].end]
        return r.actor.name
    i = 0
    while i < len(toks) - 1 and (TITLE.match(toks[i].text) or toks[i].text.lower() == "the"):
        i += 1
    r = doc.by_start.get(toks[i].start)
    if r is not None and (r.end >= toks[-1].end or doc.text[r.end : r.end + 1] in {",", ""}):
        return r.actor.name
    rest = [t for t in toks if r is not None and t.start >= r.end]
    if (
        r is not None
        and r.actor.type == "person"
        and len(rest) >= 2
        and rest[0].text in {"of", "from"}
        and all(t.text[:1].isupper() for t in rest[1:])
    ):
        return r.actor.name  # "Ann Cole of Dayton": where the person is from
    for x in doc.refs.between(toks[i].start, toks[-1].end):
        # "Smith on Monday said", "Senator Ann Ruiz last week said": a name after nothing
        # but capitalised words, then a time before the verb.
        if (
            x.actor.type in SPEAKER_OK
            and doc.text[x.end : x.end + 12].split()[:1] in _TIME_AFTER_NAME
            and all(t.text[:1].isupper() for t in doc.words(toks[i].start, x.start))
        ):
            return x.actor.name
    if i == len(toks) - 1 and toks[i].text[:1].isupper():
        # "May said" after "Theresa May": a last name the tagger did not link (one person only).
        people = {n for n in doc.person_names if " " in n and n.rsplit(" ", 1)[1] == toks[i].text}
        if len(people) == 1:
            return people.pop()
    place = doc.places.get(toks[i].start)
    if place is not None and place.end == toks[-1].end:
        # "Iran said", "the White House said": a country or a seat of government speaking
        # for its government (the phrase is the place and nothing else).
        return place.actor.name
    kept = []
    for t in toks:
        if t.text.lower() in {"who", "which", "whose", "because", ","}:
            break
        kept.append(t)
    first = kept[0].text if kept else ""
    if not kept or len(kept) > 8 or first.lower() in CUT - {"that"} | {"and", "but", "as", "although"}:
        return None
    if not (first[:1].isupper() or first.lower() in DETERMINERS or first[:1].islower()):
        return None
    while len(kept) > 1 and kept[0].text.lower() in ADVERB:
        kept = kept[1:]  # "Later the spokesman said"
    said = doc.text[kept[0].start : kept[-1].end]
    if re.fullmatch(r"(?i)the\s+\d+-year-old(?:\s+(?:man|woman))?", said):
        # "the 34-year-old said": the person named last.
        person = doc.last_person(kept[0].start, doc.floor(kept[0].start))
        return person.actor.name if person else None
    if not head_ok([t.text for t in kept]):
        if subject and _described(doc, kept):
            return said
        return proper_name(doc, kept)
    if kept[0].text.lower() == "the" and kept[-1].text.lower() in PERSON_ROLES and len(kept) <= 4:
        # "the Republican governor", "the Ohio senator": the person who holds the role.
        named = doc.holder(kept[-1].text.lower(), kept[0].start)
        if named is not None:
            return named
    if kept[0].text.lower() == "the" and all(t.text.islower() for t in kept[1:]):
        # A bare role ("the spokesman", "the airline"): the actor named earlier who
        # holds it; for a role and nothing else, nobody rather than a role without a name.
        head = kept[-1].text.lower()
        named = doc.holder(head, kept[0].start) or doc.described_before(head, kept[0].start)
        if named is None and head in BODY_HEADS:
            named = doc.last_body(kept[0].start)
            if named is None and len(kept) > 2:  # "the fire department": described well enough
                return doc.text[kept[0].start : kept[-1].end]
        if named or head in ROLE_ONLY:
            return named
    if len(kept) == 1 and kept[0].text[1:].islower():
        # "officials said" after "Syrian officials said": as the text named them before
        return doc.described_before(kept[0].text.lower(), kept[0].start) or kept[0].text
    return doc.text[kept[0].start : kept[-1].end]


def _described(doc: Doc, kept: list[Token]) -> bool:
    """ "the report said", "a Reuters reporter said", "the UN's envoy in Syria said": a
    short noun phrase (before any preposition) that ends with a common noun, as the
    subject of a verb of saying, is a speaker as the text describes it, whatever the noun."""
    if any(t.text.lower() in SAYING and kept[j].text[:1].isupper() for j, t in enumerate(kept[1:])):
        return False  # "the Ministry said in a statement (posted ...)": a clause, not a name
    cut = next((j for j, t in enumerate(kept) if j and t.text.lower() in CUT), len(kept))
    core = kept[:cut]
    if _owned_noun(doc, core):
        return True
    last = core[-1].text
    return (
        2 <= len(core) <= 3
        and (core[0].text.lower() in {"the", "a", "an", "his", "her", "its", "their"} or core[0].text[:1].isupper())
        and last.isalpha()
        and last.islower()
        and last not in VERBISH
        and not last.endswith(("ly", "ing", "ed"))
    )


def _owned_noun(doc: Doc, kept: list[Token]) -> bool:
    """ "the Pentagon's correspondent", "Hale's campaign": a short phrase that ends with a
    common noun and names an actor (its owner) before it."""
    if not 2 <= len(kept) <= 5 or not (kept[-1].text.isalpha() and kept[-1].text.islower()):
        return False
    if kept[-1].text.lower() in VERBISH or kept[-1].text.lower().endswith(("ly", "ing")):
        return False
    return any(
        r.actor.type in SPEAKER_OK and r.end <= kept[-2].end for r in doc.refs.between(kept[0].start, kept[-1].end)
    )


NOT_NAMES = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "so",
    "then",
    "there",
    "here",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "some",
    "many",
    "one",
    "no",
    "all",
    "both",
    "each",
    "every",
    "what",
    "who",
    "today",
    "yesterday",
    "meanwhile",
    "however",
} | CALENDAR_EN


def proper_name(doc: Doc, toks: list[Token]) -> str | None:
    """ "Kerry said", "Sen. Ann Ruiz said": a name the tagger missed, one to four
    capitalised words (a title may open it), none of them a function word or a date;
    never a place the tagger knows."""
    words = [t for t in toks if t.text not in {".", "-"}]
    if len(words) > 1 and words[0].text.lower() == "the":
        words = words[1:]  # "the Pentagon said": a body the tagger missed
    if not 1 <= len(words) <= 4 or words[0].text.lower() in NOT_NAMES:
        return None
    if not all(t.text[:1].isupper() and t.text.lower() not in NOT_NAMES for t in words):
        return None
    if any(
        r.actor.type == "place" and toks[0].start < r.end for r in doc.refs.between(toks[0].start - 60, toks[-1].end)
    ):
        return None
    return doc.text[toks[0].start : toks[-1].end]


def after_cue(doc: Doc, toks: list[Token]) -> str | None:
    """ "said Mr. Henrik Solberg, head of ...": the speaker named after the cue."""
    stop = next(
        (
            i
            for i, t in enumerate(toks)
            if t.text in {",", ".", ";", "("} and not TITLE.match(doc.text[toks[i - 1].start : t.end] if i else "")
        ),
        len(toks),
    )
    return phrase(doc, toks[:stop], subject=False) if stop else None
