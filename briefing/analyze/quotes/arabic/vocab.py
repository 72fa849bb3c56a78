"""Arabic words that reported speech turns on, folded (`lexicon.fold`): the particles that
open a reported clause, verbs and circumstantial participles of saying, and the words
that can never be a speaker: prepositions, attached object pronouns, adverbs of time.
"""

from __future__ import annotations

import re
from functools import cache

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.quotes.arabic import verbs

# «إنّ / أنّ» opening a reported clause, alone or with an attached pronoun («إننا»، «بأنه»).
THAT = {p + s for p in ("ان", "بان") for s in ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك", "كم")} | {"فان"}
REPORTED_BY = {"قوله", "قولها", "قولهم", "قولهما"}  # "نقلت وكالة عن X قوله: ..." — X speaks
# Present-tense forms that, with no subject, are the passive of an editorial aside
# (يُذكر أن "it is worth recalling that", يُشار إلى أن, يُقال إن): nobody speaks.
IMPERSONAL = {"يذكر", "يشار", "يقال", "يلاحظ"}
# «…»، على حد تعبيره / بحسب تعبيرها: "in his (her) words" — the person named before.
HIS_WORDS = {"تعبيره", "تعبيرها", "تعبيرهم"}
# Nouns of saying that act as a cue: built once, asked of nearly every word.
_SAYING_NOUNS = frozenset(REPORTED_BY | HIS_WORDS)
OBJECT_PRONOUNS = {"لي", "له", "لها", "لهم", "لهما", "لنا", "لكم", "لك"}
ADVERBS = frozenset(
    (
        "ايضا بدوره بدورها بدورهم كذلك امس اليوم مساء صباح اول الاثنين الثلاثاء الاربعاء الخميس الجمعه "
        "السبت الاحد حينها لاحقا سابقا مجددا بدوري يوم ليله فجر ظهر عصر الاسبوع الشهر الماضي الماضيه"
    ).split()
)
# «من جهته / من جانبه»: "for his (her) part", an adverb however it is written.
FOR_HIS_PART = frozenset(lex.fold(w) for w in "جهته جهتها جانبه جانبها ناحيته ناحيتها جهتهم جانبهم".split())
PREPOSITIONS = frozenset(
    lex.fold(w)
    for w in ("في خلال عبر من على عن الى امام مع لدى عند اثناء عقب بعد قبل ل لـ ب حول بشان ضمن وسط تعليقا").split()
)
# Nouns that describe a speaker without naming one ("متحدث عسكري", "أحد السكان").
DESCRIBED = frozenset(
    (
        "متحدث متحدثه ناطق ناطقه مسوول مسووله مسوولون مسوولين مصدر مصادر خبير خبراء محلل محللون شاهد شهود "
        "ناشط ناشطون ناشطين دبلوماسي دبلوماسيون مراسل بيان احد سكان مواطن مواطنون مسعف طبيب ضابط مرصد "
        "مراقبون مراقبين نشطاء معارضون متظاهرون محتجون اهالي خارجيه داخليه دفاع رياسه تلفزيون اذاعه شبكه "
        "قناه موقع منظمه هييه مفوضيه محامي قاضي نايبه مندوب سفيره مبعوث امين قيادي قياديه عضوه زعيم "
        "مسوولو مسوولي قاده زعماء وزراء نواب جندي عضو نايب رييس وزير سفير مستشار قايد تقرير دراسه"
    ).split()
)
ACCORDING = frozenset(("بحسب حسب وبحسب وحسب وفقا ووفقا طبقا وطبقا وفق ووفق حسبما وحسبما نقلا ونقلا").split())
ROLE_END = frozenset(
    (
        "في خلال عبر امس اليوم مساء صباح الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد ل لـ ان الذي التي الذين"
    ).split()
)
TO_MEDIA = tuple(
    (
        "لوكاله لصحيفه لقناه لموقع لشبكه لتلفزيون لاذاعه لوسايل لمراسل للصحفيين للصحافيين للصحافه للاعلام "
        "لرويترز لفرانس"
    ).split()
)
# Words that cannot head a noun phrase, so never a speaker: independent and demonstrative
# pronouns, relative pronouns, particles of negation, tense and emphasis, conjunctions,
# question words. Kept as written (hamza and all), since folding makes «أن» the name «آن».
_NOT_NOUN = (
    "هو هي هم هما هن نحن أنا أنت هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذان "
    "اللتان اللواتي ما ماذا من لماذا كيف متى أين هل قد لقد لم لن لا ليس ليست إن أن إنه أنه "
    "ثم أو بل لكن لكنه إذا لو كان كانت يجب ينبغي يمكن"
).split()
# Short vowels, shadda, sukun, tatweel: fewer marks than the text layer's tashkeel
# (text/normalize, which has no public "marks only" helper: `fold_arabic` also folds
# letters, which would make «آن» the particle «ان»).
_MARKS = re.compile("[\u064b-\u0652\u0640]")
# Nouns of a statement, which speaks for whoever issued it («بيان صادر عن الوزارة»).
STATEMENTS = frozenset(lex.fold(w) for w in "بيان تصريح تصريحات رسالة تغريدة منشور".split())
MAX_ROLE_WORDS = 6
STOPS = {",", "،", ":", '"', "«", "“", "(", ".", "»", "”", ")"}


def bare(word: str) -> str:
    """Folded, without a leading و/ف."""
    f = lex.fold(word)
    return f[1:] if len(f) > 3 and f[0] in "وف" else f


@cache
def _not_noun() -> frozenset[str]:
    return frozenset(_NOT_NOUN) | {w.replace("أ", "ا").replace("إ", "ا") for w in _NOT_NOUN}


def not_noun(word: str) -> bool:
    """A pronoun, particle or conjunction (as written, with or without hamza)."""
    return _MARKS.sub("", word) in _not_noun()


def is_preposition(word: str) -> bool:
    """A preposition as written: «على» folds to the name «علي», so the letter decides."""
    f = lex.fold(word)
    return f in PREPOSITIONS and not (f == "علي" and not word.endswith("ى"))


def is_cue(word: str) -> bool:
    """A verb or participle of saying (ours or the shared cue list), or «قوله»."""
    return lex.is_cue(word) or verbs.form(word) is not None or bare(word) in _SAYING_NOUNS


def is_participle(word: str) -> bool:
    """«قائلا»، «مضيفة»: the clause's subject speaks."""
    found = verbs.form(word)
    return found is not None and found.participle


def feminine(cue: str) -> bool:
    """Does the cue agree with a feminine subject (a woman, an organisation, a country)?"""
    found = verbs.form(cue)
    if found is not None:
        return found.feminine
    b = bare(cue)
    if b in _SAYING_NOUNS:
        return b.endswith("ها")  # «قولها» (her saying), not «قوله» (his)
    return (b.endswith("ت") and len(b) > 3) or (b.startswith("ت") and not b.startswith("تابع")) or b.endswith("ه")


def known_head(word: str) -> bool:
    f = lex.strip_article(bare(word))
    return (
        f in DESCRIBED
        or lex.in_set(word, lex.titles())
        or lex.in_set(word, lex.org_heads())
        or lex.in_set(word, lex.group_heads())
    )
