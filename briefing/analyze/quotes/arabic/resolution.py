"""Speakers left to the context, resolved over the article in text order."""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.arabic import verbs
from briefing.analyze.quotes.arabic.refs import Found, Ref, Refs, Speaker
from briefing.analyze.quotes.arabic.speaker import described_body, holder, role_phrase
from briefing.analyze.quotes.arabic.vocab import ADVERBS, OBJECT_PRONOUNS, bare, is_preposition, known_head, not_noun

# Unnamed sources and reports, which the guide does not count as speakers.
_UNNAMED = frozenset(lex.fold(w) for w in "مصدر مصادر تقارير أنباء معلومات".split())


def actor_like(name: str) -> bool:
    """Can `name` be a speaker: a person, an organisation or a described speaker? Never a
    prepositional phrase («في بيان»، «لي»), a pronoun or particle, a verb or participle of
    saying («قائلا»), whatever a rule upstream picked up."""
    first = name.split()[0] if name.split() else ""
    f = lex.fold(first)
    return bool(first) and not (
        is_preposition(first)
        or bare(first) in OBJECT_PRONOUNS
        or not_noun(first)
        or verbs.form(first) is not None
        or (len(name.split()) == 1 and f in ADVERBS)
        or lex.strip_article(bare(first)) in _UNNAMED
    )


def _in_title(refs: Refs, clause_start: int, ref) -> bool:
    """Does a title or a described-speaker noun stand right before the mention?"""
    prior = [t for t in refs.words(max(clause_start, ref.start - 30), ref.start) if t.end <= ref.start]
    return bool(prior) and known_head(prior[-1].text)


def _topic(refs: Refs, clause_start: int, ref: Ref) -> bool:
    """Does the mention open its clause, as its topic («روسيا أكدت أن»، «وكانت واشنطن قد
    أعلنت أن»)? Only «و» or a form of «كان» may come before it."""
    prior = [t for t in refs.words(clause_start, ref.start) if t.end <= ref.start]
    return all(bare(t.text) in {"و", "كان", "كانت", "وكان", "وكانت"} for t in prior) and (
        refs.text[max(clause_start, ref.start - 1) : ref.start] in {"", " ", "و", "\n"}
    )


def _described_topic(refs: Refs, clause_start: int, cue_start: int) -> Speaker | None:
    """«وكان المرصد السوري لحقوق الإنسان قد أعلن أن»: a described speaker that opens the
    clause before the verb (after «و» or a form of «كان», before «قد»), when no actor does."""
    words = [t for t in refs.words(clause_start, cue_start) if t.end <= cue_start]
    while words and bare(words[0].text) in {"و", "كان", "كانت", "وكان", "وكانت"}:
        words = words[1:]
    while words and bare(words[-1].text) in {"قد", "وقد"}:
        words = words[:-1]
    if not words or not known_head(words[0].text) or any(t.text in {",", "،", ":", ".", "(", '"', "«"} for t in words):
        return None
    role = role_phrase(words, refs.text)
    if role is None or role != refs.text[words[0].start : words[-1].end]:
        return None  # (the whole subject, nothing after it)
    if len(role.split()) <= 2 and lex.fold(role).startswith("ال"):
        # «وكان المتحدث قد قال»: the holder, or nobody, as after the verb
        return holder(role, refs, cue_start) or (Speaker(role) if described_body(role) else None)
    return Speaker(role)


def resolve(found: list[Found], refs: Refs) -> None:
    """Fill the speakers left to the context, in text order."""
    previous: Speaker | None = None
    for f in sorted(found, key=lambda f: f.cue_start):
        if f.speaker is None and f.context == "subject":
            before = [r for r in refs.between(f.clause_start, f.cue_start) if r.actor.type != "place"]
            if len(before) > 1 and before[0].actor.type != "person" and _in_title(refs, f.clause_start, before[0]):
                # «رئيس نقابة المعلمين محمد الحداد أكد»: the body is the genitive of a
                # title; the subject is the person the title introduces.
                before = [r for r in before[1:] if r.actor.type == "person"] or before
            if not before:
                before = [r for r in refs.between(f.clause_start, f.cue_start) if _topic(refs, f.clause_start, r)]
            if before:
                f.speaker = Speaker(before[0].actor.name, before[0].actor)
            else:
                f.speaker = _described_topic(refs, f.clause_start, f.cue_start)
        if f.speaker is None and f.context == "reported-by":
            # "نقلت الوكالة عن الوزير قوله": the actor after the last «عن» before the cue;
            # «ونسبت الصحيفة إلى الوزير قوله» the same with «إلى».
            an = [t for t in refs.words(f.clause_start, f.cue_start) if lex.fold(t.text) in {"عن", "الي"}]
            named = [r for r in refs.between(an[-1].end, f.cue_start) if r.actor.type != "place"] if an else []
            if named:
                f.speaker = Speaker(named[0].actor.name, named[0].actor)
            elif an:
                role = role_phrase(refs.words(an[-1].end, f.cue_start), refs.text)
                f.speaker = Speaker(role) if role else None
            elif any(bare(t.text) in {"عنه", "عنها"} for t in refs.words(f.clause_start, f.cue_start)):
                f.context = "pronoun"  # «ونقلت الوكالة عنه قوله»: him, named before
        if f.speaker is None and f.context in {"subject", "pronoun"}:
            if previous is not None and (f.feminine or previous.actor is None or previous.actor.type == "person"):
                f.speaker = previous
            else:
                types = {"person", "organization", "group"} if f.feminine else {"person"}
                ref = refs.last_before(f.cue_start, types)
                f.speaker = Speaker(ref.actor.name, ref.actor) if ref else None
        if f.speaker is not None and not actor_like(f.speaker.name):
            f.speaker = None
        if f.speaker is not None:
            previous = f.speaker
