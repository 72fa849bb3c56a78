"""Arabic quotes: direct speech («...» with a cue around it), reported speech («قال X إن
...», «أشار إلى أن ...», «بحسب X»), and a speaker resolved over the article.

The speaker is always an actor of the article or a described speaker («متحدث عسكري
أميركي»), never the phrase that happens to follow the cue («في بيان», «لي», «قائلا»).
A cue with no subject of its own («وأضاف أن», «وقال في كلمة له إن») speaks for the
previous speaker, or else the last person (masculine verb) or actor (feminine verb)
named before it; a bare role («وقال المتحدث») is the actor who holds that role. When
nothing fits, the quote has no speaker rather than a wrong one.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner
from briefing.models import Actor

THAT = {"ان", "بان", "انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "فان"}
# Circumstantial participles of saying: "..., قائلا: «...»" — the sentence's subject speaks.
_PARTICIPLES = {
    "قايلا",
    "قايله",
    "مضيفا",
    "مضيفه",
    "مشيرا",
    "مشيره",
    "موضحا",
    "موضحه",
    "موكدا",
    "موكده",
    "معتبرا",
    "معتبره",
    "محذرا",
    "محذره",
    "لافتا",
    "لافته",
    "مشددا",
    "مشدده",
    "منوها",
    "منوهه",
    "متابعا",
    "متابعه",
    "معلنا",
    "معلنه",
    "مبينا",
    "مبينه",
}
# Verbs of saying beyond the shared cue list (which also feeds the tagger's features);
# verbs of believing or expecting (يعتقد، توقع، رجح) report no speech.
_MORE_CUES = {
    "زعم",
    "زعمت",
    "اقر",
    "اقرت",
    "اعترف",
    "اعترفت",
    "بينت",
    "نوه",
    "نوهت",
    "كشف",
    "كشفت",
    "يكشف",
    "تكشف",
    "ادعى",
    "ادعت",
    "اخبر",
    "اخبرت",
    "اردف",
    "اردفت",
    "استدرك",
    "استدركت",
    "اجاب",
    "اجابت",
    "علق",
    "علقت",
    "اورد",
    "اوردت",
    "اعتبر",
    "اوضح",
    "افصح",
    "افصحت",
    "لفت",
    "تابع",
    "اكد",
    "شدد",
    "جدد",
    "جددت",
    "استطرد",
    "استطردت",
    "ردد",
    "افاد",
    "افادت",
    "اضافوا",
    "اكدوا",
    "قالوا",
    "ذكروا",
    "اوضحوا",
    "اشاروا",
    "اعتبروا",
    "حذروا",
    "يقولون",
    "يرون",
}
_REPORTED_BY = {"قوله", "قولها", "قولهم", "قولهما"}  # "نقلت وكالة عن X قوله: ..." — X speaks
_OBJECT_PRONOUNS = {"لي", "له", "لها", "لهم", "لهما", "لنا", "لكم", "لك"}
_ADVERBS = {
    "ايضا",
    "بدوره",
    "بدورها",
    "بدورهم",
    "كذلك",
    "امس",
    "اليوم",
    "مساء",
    "صباح",
    "اول",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الاحد",
    "حينها",
    "لاحقا",
    "سابقا",
    "مجددا",
    "بدوري",
}
_PREPOSITIONS = {
    "في",
    "خلال",
    "عبر",
    "من",
    "على",
    "عن",
    "الى",
    "امام",
    "مع",
    "لدى",
    "عند",
    "اثناء",
    "عقب",
    "بعد",
    "قبل",
    "ل",
    "لـ",
    "ب",
    "حول",
    "بشان",
    "ضمن",
    "وسط",
    "تعليقا",
}
# Nouns that describe a speaker without naming one ("متحدث عسكري", "أحد السكان").
_DESCRIBED = {
    "متحدث",
    "متحدثه",
    "ناطق",
    "ناطقه",
    "مسوول",
    "مسووله",
    "مسوولون",
    "مسوولين",
    "مصدر",
    "مصادر",
    "خبير",
    "خبراء",
    "محلل",
    "محللون",
    "شاهد",
    "شهود",
    "ناشط",
    "ناشطون",
    "ناشطين",
    "دبلوماسي",
    "دبلوماسيون",
    "مراسل",
    "بيان",
    "احد",
    "سكان",
    "مواطن",
    "مواطنون",
    "مسعف",
    "طبيب",
    "ضابط",
    "مرصد",
    "مراقبون",
    "مراقبين",
    "نشطاء",
    "معارضون",
    "متظاهرون",
    "محتجون",
    "اهالي",
    "خارجيه",
    "داخليه",
    "دفاع",
    "رياسه",
    "تلفزيون",
    "اذاعه",
    "شبكه",
    "قناه",
    "موقع",
    "منظمه",
    "هييه",
    "مفوضيه",
    "محامي",
    "قاضي",
    "نايبه",
    "مندوب",
    "سفيره",
    "مبعوث",
    "امين",
    "قيادي",
    "قياديه",
    "عضوه",
    "زعيم",
    "مسوولو",
    "مسوولي",
    "قاده",
    "زعماء",
    "وزراء",
    "نواب",
    "جندي",
    "عضو",
    "نايب",
    "رييس",
    "وزير",
    "سفير",
    "مستشار",
    "قايد",
}
_ACCORDING = {
    "بحسب",
    "حسب",
    "وبحسب",
    "وحسب",
    "وفقا",
    "ووفقا",
    "طبقا",
    "وطبقا",
    "وفق",
    "ووفق",
    "حسبما",
    "وحسبما",
    "نقلا",
    "ونقلا",
}
_ROLE_END = {
    "في",
    "خلال",
    "عبر",
    "امس",
    "اليوم",
    "مساء",
    "صباح",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الاحد",
    "ل",
    "لـ",
    "ان",
    "الذي",
    "التي",
    "الذين",
    "قايلا",
}
_TO_MEDIA = (
    "لوكاله",
    "لصحيفه",
    "لقناه",
    "لموقع",
    "لشبكه",
    "لتلفزيون",
    "لاذاعه",
    "لوسايل",
    "لمراسل",
    "للصحفيين",
    "للصحافيين",
    "للصحافه",
    "للاعلام",
    "لرويترز",
    "لفرانس",
)
_MAX_ROLE_WORDS = 6
_STOPS = {",", "،", ":", '"', "«", "“", "(", ".", "»", "”", ")"}


@dataclass(frozen=True)
class Speaker:
    name: str
    actor: Actor | None = None  # None for a described speaker ("متحدث عسكري أميركي")


@dataclass
class Found:
    """A quote with its speaker, or with how to find it from the context."""

    start: int
    end: int
    cue: str
    cue_start: int
    clause_start: int
    speaker: Speaker | None = None
    context: str | None = None  # "subject": the clause's subject; "pronoun": an earlier actor
    feminine: bool = False


@dataclass(frozen=True)
class Ref:
    start: int
    end: int
    actor: Actor


class Refs(list):
    """Mentions of the article's actors sorted by start, looked up by position."""

    def __init__(self, actors: list[Actor], text: str = "") -> None:
        self.text = text
        super().__init__(sorted((Ref(m.start, m.end, a) for a in actors for m in a.mentions), key=lambda r: r.start))
        self.starts = [r.start for r in self]
        self.people = sorted((r for r in self if r.actor.type == "person"), key=lambda r: r.end)
        self.people_ends = [r.end for r in self.people]
        self.actors = actors

    def between(self, lo: int, hi: int) -> list[Ref]:
        """Mentions starting in [lo, hi)."""
        a = bisect.bisect_left(self.starts, lo)
        return self[a : bisect.bisect_left(self.starts, hi, a)]

    def last_person_before(self, pos: int) -> Ref | None:
        k = bisect.bisect_right(self.people_ends, pos)
        return self.people[k - 1] if k else None

    def last_before(self, pos: int, types: set[str]) -> Ref | None:
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0:
            if self[k].actor.type in types and self[k].end <= pos:
                return self[k]
            k -= 1
        return None


def bare(word: str) -> str:
    """Folded, without a leading و/ف."""
    f = lex.fold(word)
    return f[1:] if len(f) > 3 and f[0] in "وف" else f


def is_cue(word: str) -> bool:
    b = bare(word)
    return lex.is_cue(word) or b in _MORE_CUES or b in _PARTICIPLES or b in _REPORTED_BY


def _feminine(cue: str) -> bool:
    b = bare(cue)
    return (b.endswith("ت") and len(b) > 3) or (b.startswith("ت") and not b.startswith("تابع")) or b.endswith("ه")


def _known_head(word: str) -> bool:
    f = lex.strip_article(bare(word))
    return (
        f in _DESCRIBED
        or lex.in_set(word, lex.titles())
        or lex.in_set(word, lex.org_heads())
        or lex.in_set(word, lex.group_heads())
    )


def _role_phrase(tokens: list[ner.Token], text: str) -> str | None:
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
        if t.text in _STOPS or f in THAT:
            break
        if kept and (f in _ROLE_END or f.startswith(_TO_MEDIA)):
            break
        kept.append(t)
        if len(kept) >= _MAX_ROLE_WORDS:
            break
    if not kept or not _known_head(kept[0].text):
        return None
    return text[kept[0].start : kept[-1].end]


def _holder(role: str, refs: Refs, pos: int) -> Speaker | None:
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


def speaker_after_cue(cue: ner.Token, stop: int, refs: Refs, text: str) -> tuple[Speaker | None, str | None]:
    """Arabic order (cue, speaker, speech): the actor right after the cue, the person a
    title introduces, a described speaker, or how to find it in the context."""
    window = [t for t in words(text, cue.end, stop)]
    while window and (bare(window[0].text) in _OBJECT_PRONOUNS | _ADVERBS):
        window = window[1:]
    if bare(cue.text) in _PARTICIPLES:
        return None, "subject"
    if bare(cue.text) in _REPORTED_BY:
        return None, "reported-by"
    if not window or all(t.text in _STOPS for t in window) or lex.fold(window[0].text) in THAT:
        return None, "subject"
    first = lex.fold(window[0].text)
    if (
        first in _PREPOSITIONS
        or first in _TO_MEDIA
        or first.startswith(_TO_MEDIA)
        or bare(window[0].text) in _PARTICIPLES
    ):
        return None, "pronoun"
    inside = refs.between(window[0].start, stop)
    if inside and inside[0].start <= window[0].start + 1 and inside[0].actor.type != "place":
        return Speaker(inside[0].actor.name, inside[0].actor), None
    role = _role_phrase(window, text)
    if lex.in_set(window[0].text, lex.titles()) or lex.strip_article(bare(window[0].text)) in _DESCRIBED:
        # "وزير الخارجية ... أيمن الصفدي", "القيادي في حركة «حماس» إسماعيل رضوان"
        people = [
            r
            for r in inside
            if r.actor.type == "person"
            and not any(t.text in {",", "،", ":", "(", "."} for t in words(text, window[0].end, r.start))
        ]
        if people:
            return Speaker(people[0].actor.name, people[0].actor), None
    if role is None and not inside:
        # Not a word that opens a subject we know: a name the tagger missed ("وقال
        # فلان الفلاني إن") when a given name opens it; else nobody rather than a guess.
        short = _subject_words(window)
        named = _named_like(short, refs, text) if short else None
        if named:  # "وقال العبادي إن": a word of an actor's name the tagger missed here
            return named, None
        if lex.in_set(window[0].text, lex.first_names()):
            kept = []
            for t in window[:4]:
                if t.text in _STOPS or lex.fold(t.text) in THAT | _ROLE_END:
                    break
                kept.append(t)
            return (Speaker(text[kept[0].start : kept[-1].end]) if kept else None), None
        return None, None
    if role is None:
        return None, None
    if len(role.split()) <= 2 and lex.fold(role).startswith("ال"):
        return _holder(role, refs, cue.start), None  # "وقال المتحدث": the holder, or nobody
    return Speaker(role), None


def _subject_words(window: list[ner.Token]) -> list[ner.Token]:
    """The words between the cue and the speech (إن/أن, ':' or the window's end) when
    they are one to three plain Arabic words."""
    out = []
    for t in window:
        f = lex.fold(t.text)
        if f in THAT or t.text == ":":
            return out
        if t.text in _STOPS or not lex.is_arabic(t.text) or f in _PREPOSITIONS | _ROLE_END or len(out) == 3:
            return []
        out.append(t)
    return out  # the window ends where the speech begins


def _named_like(tokens: list[ner.Token], refs: Refs, text: str) -> Speaker | None:
    """The actor one of whose name words is the last of `tokens` ("السوداني")."""
    key = lex.key(tokens[-1].text)
    for a in refs.actors:
        if a.type in {"person", "organization", "group"} and key in {lex.key(w) for w in a.name.split()}:
            return Speaker(a.name, a)
    return None


def resolve(found: list[Found], refs: Refs) -> None:
    """Fill the speakers left to the context, in text order."""
    previous: Speaker | None = None
    for f in sorted(found, key=lambda f: f.cue_start):
        if f.speaker is None and f.context == "subject":
            before = [r for r in refs.between(f.clause_start, f.cue_start) if r.actor.type != "place"]
            if before:
                f.speaker = Speaker(before[0].actor.name, before[0].actor)
        if f.speaker is None and f.context == "reported-by":
            # "نقلت الوكالة عن الوزير قوله": the actor after the last «عن» before the cue.
            an = [t for t in words(refs.text, f.clause_start, f.cue_start) if bare(t.text) == "عن"]
            named = [r for r in refs.between(an[-1].end, f.cue_start) if r.actor.type != "place"] if an else []
            if named:
                f.speaker = Speaker(named[0].actor.name, named[0].actor)
            elif an:
                role = _role_phrase(words(refs.text, an[-1].end, f.cue_start), refs.text)
                f.speaker = Speaker(role) if role else None
        if f.speaker is None and f.context in {"subject", "pronoun"}:
            if previous is not None and (f.feminine or previous.actor is None or previous.actor.type == "person"):
                f.speaker = previous
            else:
                types = {"person", "organization", "group"} if f.feminine else {"person"}
                ref = refs.last_before(f.cue_start, types)
                f.speaker = Speaker(ref.actor.name, ref.actor) if ref else None
        if f.speaker is not None:
            previous = f.speaker


def words(text: str, start: int, end: int) -> list[ner.Token]:
    """Tokens of text[start:end], cut from the article's (cached) tokens."""
    tokens = ner.tokenize(text)
    starts = _starts(text, tokens)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end, lo)
    return [t for t in tokens[lo:hi] if t.end <= end]


_STARTS_CACHE: dict[int, tuple[str, list[int]]] = {}


def _starts(text: str, tokens: list[ner.Token]) -> list[int]:
    cached = _STARTS_CACHE.get(id(text))
    if cached is None or cached[0] is not text:
        _STARTS_CACHE.clear()
        cached = (text, [t.start for t in tokens])
        _STARTS_CACHE[id(text)] = cached
    return cached[1]


def according_to(sent: list[ner.Token], text: str, refs: Refs, in_quote) -> list[Found]:
    """ "..., بحسب X" / "وفقا لـ X": the clause before, said by X; "وبحسب X، فإن ...": the
    clause after."""
    out = []
    s_start = sent[0].start
    s_end = sent[-1].start if sent[-1].text in ".!?؟" else sent[-1].end
    for k, tok in enumerate(sent):
        f = lex.fold(tok.text)
        if f not in _ACCORDING or in_quote(tok.start):
            continue
        j = k + 1
        if f.endswith("وفقا") or f.endswith("طبقا"):
            if j >= len(sent) or not lex.fold(sent[j].text).startswith("ل"):
                continue
        if f.endswith("نقلا"):  # "نقلا عن X": quoting X
            if j >= len(sent) or lex.fold(sent[j].text) != "عن":
                continue
            j += 1
        while j < len(sent) and (
            lex.fold(sent[j].text) == "ما" or is_cue(sent[j].text) or lex.fold(sent[j].text) in {"ل", "لـ"}
        ):
            j += 1
        if j >= len(sent):
            continue
        rest_end = next((t.start for t in sent[j:] if t.text in {",", "،", ".", ";"}), s_end)
        inside = refs.between(sent[j].start - 1, rest_end)
        if inside and inside[0].start <= sent[j].start + 1 and inside[0].actor.type != "place":
            speaker = Speaker(inside[0].actor.name, inside[0].actor)
        else:
            role = _role_phrase(sent[j:], text)
            if role is None or bare(role.split()[0]) in {"مصادر", "مصدر", "تقارير"}:
                continue
            speaker = Speaker(role)
        if k > 0 and sent[k - 1].text in {",", "،"}:
            begin, end = s_start, sent[k - 1].start
        elif k == 0 or sent[k - 1].start <= s_start:
            after = next((i for i in range(j, len(sent)) if lex.fold(sent[i].text) in {"فان", "،", ","}), None)
            if after is None:
                continue
            begin, end = sent[after].end, s_end
        else:
            continue
        body = text[begin:end].strip(" ,،.")
        if len(body.split()) < 4:
            continue
        start = text.index(body, begin)
        out.append(Found(start, start + len(body), tok.text, tok.start, s_start, speaker))
    return out
