"""Who speaks after a cue: the actor, titled person or described speaker that is the
verb's subject (Arabic verb-subject order), or how to find the speaker in the context."""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.arabic.refs import Refs, Speaker
from briefing.analyze.quotes.arabic.vocab import (
    ADVERBS,
    DESCRIBED,
    FOR_HIS_PART,
    HIS_WORDS,
    IMPERSONAL,
    MAX_ROLE_WORDS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    REPORTED_BY,
    ROLE_END,
    STATEMENTS,
    STOPS,
    THAT,
    TO_MEDIA,
    bare,
    is_participle,
    is_preposition,
    known_head,
    not_noun,
)
from briefing.text.script import has_arabic
from briefing.text.tokenizer import Token


def role_phrase(tokens: list[Token], text: str) -> str | None:
    kept = []
    closing = None
    for t in tokens:
        f = lex.fold(t.text)
        if closing is not None:  # inside a name in quotation marks: «صحيفة "الشرق الأوسط"»
            kept.append(t)
            if t.text == closing:
                break
            continue
        if kept and t.text in {'"', "«", "“"}:
            closing = {'"': '"', "«": "»", "“": "”"}[t.text]
            kept.append(t)
            continue
        if t.text in STOPS or f in THAT:
            break
        if kept and (f in ROLE_END or f.startswith(TO_MEDIA) or is_participle(t.text)):
            break
        kept.append(t)
        if len(kept) >= MAX_ROLE_WORDS:
            break
    while kept and (is_preposition(kept[-1].text) or not_noun(kept[-1].text)):
        kept.pop()  # a noun phrase never ends with a preposition or a particle («البيان إلى»)
    if not kept or not known_head(kept[0].text):
        return None
    return text[kept[0].start : kept[-1].end]


def definite(role: str) -> bool:
    """A definite noun phrase: «المتحدث باسم الوزارة», or a construct ending in a definite
    noun («وزير الخارجية»، «رئيس حزب الأمة») — one particular holder, unlike «متحدث
    عسكري»، «مسؤول أميركي» or «مسؤول في الوزارة»."""
    for word in role.split():  # a construct is as definite as its last noun, before any preposition
        if is_preposition(word) or lex.fold(word) == "باسم":
            return False
        if lex.fold(word).startswith("ال"):
            return True
    return False


def _keys(text: str) -> set[str]:
    return {lex.strip_article(bare(w)) for w in text.split()} - PREPOSITIONS - {"باسم"}


def titled(role: str, refs: Refs, pos: int) -> Speaker | None:
    """The person or body named before `pos` whose role or name has the role phrase's
    head and (for a longer phrase) another of its words: «وزير الخارجية» is the actor
    introduced as «وزير الخارجية الأردني أيمن الصفدي»."""
    words_ = [lex.strip_article(bare(w)) for w in role.split()]
    head, rest = words_[0], _keys(role) - {words_[0]}
    best: tuple[int, int, object] | None = None
    for a in refs.actors:
        if a.type == "place":
            continue
        have = _keys(a.role or "") | (_keys(a.name) if a.type != "person" else set())
        if head not in have or (rest and not rest & have):
            continue
        first = min((m.start for m in a.mentions), default=pos)
        if first < pos and (best is None or (len(rest & have), first) > best[:2]):
            best = (len(rest & have), first, a)
    return Speaker(best[2].name, best[2]) if best else None  # type: ignore[attr-defined]


def holder(role: str, refs: Refs, pos: int) -> Speaker | None:
    """The actor named before `pos` who holds a bare role ("المتحدث", "الوزارة")."""
    word = lex.strip_article(bare(role.split()[0]))
    best = None
    for a in refs.actors:
        if a.type == "place":
            continue
        texts = [a.role or ""] + ([a.name] if a.type != "person" else [])
        if any(word in {lex.strip_article(lex.fold(w)) for w in t.split()} for t in texts):
            first = min((m.start for m in a.mentions), default=pos)
            if first < pos and (best is None or first > best[0]):
                best = (first, a)
    return Speaker(best[1].name, best[1]) if best else None


def _skip_adverbs(window: list[Token]) -> list[Token]:
    """The window without what may stand between a verb and its subject: «لي»، «أيضا»،
    «يوم الأحد»، «من جهته» ("for his part"), or the comma opening a parenthetical."""
    while window:
        if bare(window[0].text) in OBJECT_PRONOUNS | ADVERBS or window[0].text in {",", "،"}:
            window = window[1:]
        elif len(window) > 1 and lex.fold(window[0].text) == "من" and bare(window[1].text) in FOR_HIS_PART:
            window = window[2:]
        else:
            break
    return window


def speaker_after_cue(cue: Token, stop: int, refs: Refs, text: str) -> tuple[Speaker | None, str | None]:
    """Arabic order (cue, speaker, speech): the actor right after the cue, the person a
    title introduces, a described speaker, or how to find it in the context."""
    window = _skip_adverbs(refs.words(cue.end, stop))
    if is_participle(cue.text):
        return None, "subject"
    if bare(cue.text) in HIS_WORDS:
        return None, "pronoun"
    if bare(cue.text) in REPORTED_BY:
        return None, "reported-by"
    if not window or all(t.text in STOPS for t in window) or lex.fold(window[0].text) in THAT:
        if bare(cue.text) in IMPERSONAL:
            return None, None  # «ويذكر أن»، «يشار إلى أن»: the report's own aside, nobody's speech
        return None, "subject"
    first = lex.fold(window[0].text)
    if (
        is_preposition(window[0].text)
        or first in TO_MEDIA
        or first.startswith(TO_MEDIA)
        or is_participle(window[0].text)
    ):
        after = _after_addressee(window)
        if after:  # «وقال لرويترز مسؤول أميركي إن»: the subject after the addressee
            role = role_phrase(after, text)
            named = refs.between(after[0].start, after[0].end)
            if named and named[0].start == after[0].start and named[0].actor.type != "place":
                return Speaker(named[0].actor.name, named[0].actor), None
            if role is not None:
                titled_ = titled(role, refs, cue.start) if definite(role) else Speaker(role)
                if titled_ is not None:
                    return titled_, None
        return None, "pronoun"
    inside = refs.between(window[0].start, stop)
    if inside and inside[0].start <= window[0].start + 1:
        # A place as the subject of a verb of saying is its government («قالت روسيا إن»).
        return Speaker(inside[0].actor.name, inside[0].actor), None
    role = role_phrase(window, text)
    if lex.in_set(window[0].text, lex.titles()) or lex.strip_article(bare(window[0].text)) in DESCRIBED:
        # "وزير الخارجية ... أيمن الصفدي", "القيادي في حركة «حماس» إسماعيل رضوان"
        # «بيان صادر عن وزارة الخارجية»: a statement speaks for whoever issued it.
        statement = lex.strip_article(bare(window[0].text)) in STATEMENTS
        people = [
            r
            for r in inside
            if (r.actor.type == "person" or (statement and r.actor.type != "place"))
            and (
                not any(t.text in {",", "،", ":", "(", "."} for t in refs.words(window[0].end, r.start))
                or (r.actor.type == "person" and _apposition(refs.words(window[0].end, r.start)))
            )
        ]
        if people:
            return Speaker(people[0].actor.name, people[0].actor), None
    if role is None and not inside:
        # Not a word that opens a subject we know: a name the tagger missed ("وقال
        # فلان الفلاني إن") when a given name opens it; else nobody rather than a guess.
        short = subject_words(window)
        named = named_like(short, refs, text) if short else None
        if named:  # "وقال العبادي إن": a word of an actor's name the tagger missed here
            return named, None
        if lex.in_set(window[0].text, lex.first_names()):
            kept = []
            for t in window[:4]:
                if t.text in STOPS or lex.fold(t.text) in THAT | ROLE_END:
                    break
                kept.append(t)
            return (Speaker(text[kept[0].start : kept[-1].end]) if kept else None), None
        return None, None
    if role is None:
        return None, None
    if len(role.split()) <= 2 and lex.fold(role).startswith("ال"):
        # "وقال المتحدث": the holder, or nobody; «الخارجية التركية»، «التقرير»: a body
        # that its nationality names, or a document, speaks as the text describes it.
        found = holder(role, refs, cue.start)
        return (found or (Speaker(role) if described_body(role) else None)), None
    if definite(role):
        found = titled(role, refs, cue.start)
        if found is not None:
            return found, None
    return Speaker(role), None


# Bodies a nationality makes particular («الخارجية التركية»، «الجيش السوري») and documents
# that speak for themselves («أشار التقرير إلى أن»).
_NATIONAL_BODIES = frozenset("خارجيه داخليه دفاع جيش حكومه رياسه شرطه بحريه".split())
_DOCUMENTS = frozenset("تقرير دراسه وثيقه رساله".split())


def described_body(role: str) -> bool:
    """Does a short definite role name one body or document by itself («الخارجية التركية»،
    «التقرير»), with no actor to hold it?"""
    words = role.split()
    head = lex.strip_article(bare(words[0]))
    if len(words) == 1:
        return head in _DOCUMENTS
    nisba = lex.fold(words[1])
    return head in _NATIONAL_BODIES and nisba.startswith("ال") and nisba.endswith(("يه", "ي"))


def _after_addressee(window: list[Token]) -> list[Token]:
    """The words after a one-word addressee («لرويترز»، «للصحفيين») that opens the
    window, when they run to إنّ/أنّ or ':' without another preposition."""
    if len(window) < 2 or not (
        lex.fold(window[0].text).startswith(TO_MEDIA) or bare(window[0].text) in OBJECT_PRONOUNS
    ):
        return []
    rest = window[1:]
    for k, t in enumerate(rest):
        if lex.fold(t.text) in THAT or t.text == ":":
            return rest[:k] if k else []
        if is_preposition(t.text) or t.text in STOPS:
            return []
    return rest  # the window ends where the speech begins


def _apposition(between: list[Token]) -> bool:
    """«المتحدث باسم الجيش، العميد يحيى رسول»: one comma, then at most title words, before
    the name — the same person, in apposition."""
    commas = [k for k, t in enumerate(between) if t.text in {",", "،"}]
    if len(commas) != 1 or any(t.text in {":", "(", "."} for t in between):
        return False
    return all(known_head(t.text) for t in between[commas[0] + 1 :])


def subject_words(window: list[Token]) -> list[Token]:
    """The words between the cue and the speech (إن/أن, ':' or the window's end) when
    they are one to three plain Arabic words."""
    out = []
    for t in window:
        f = lex.fold(t.text)
        if f in THAT or t.text == ":":
            return out
        if t.text in STOPS or not has_arabic(t.text) or is_preposition(t.text) or f in ROLE_END or len(out) == 3:
            return []
        out.append(t)
    return out  # the window ends where the speech begins


def named_like(tokens: list[Token], refs: Refs, text: str) -> Speaker | None:
    """The actor one of whose name words is the last of `tokens` ("السوداني")."""
    key = lex.key(tokens[-1].text)
    for a in refs.actors:
        if a.type in {"person", "organization", "group"} and key in {lex.key(w) for w in a.name.split()}:
            return Speaker(a.name, a)
    return None
