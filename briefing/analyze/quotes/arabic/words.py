"""Arabic words that reported speech turns on, folded (`lexicon.fold`): the particles that
open a reported clause, verbs and circumstantial participles of saying, and the words
that can never be a speaker: prepositions, attached object pronouns, adverbs of time.
"""

from __future__ import annotations

from briefing.analyze.ner import lexicon as lex

THAT = {"ان", "بان", "انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "فان"}
# Circumstantial participles of saying: "..., قائلا: «...»" — the sentence's subject speaks.
PARTICIPLES = frozenset(
    (
        "قايلا قايله مضيفا مضيفه مشيرا مشيره موضحا موضحه موكدا موكده معتبرا معتبره محذرا محذره لافتا "
        "لافته مشددا مشدده منوها منوهه متابعا متابعه معلنا معلنه مبينا مبينه"
    ).split()
)
# Verbs of saying beyond the shared cue list (which also feeds the tagger's features);
# verbs of believing or expecting (يعتقد، توقع، رجح) report no speech.
MORE_CUES = frozenset(
    (
        "زعم زعمت اقر اقرت اعترف اعترفت بينت نوه نوهت كشف كشفت يكشف تكشف ادعى ادعت اخبر اخبرت اردف اردفت "
        "استدرك استدركت اجاب اجابت علق علقت اورد اوردت اعتبر اوضح افصح افصحت لفت تابع اكد شدد جدد جددت "
        "استطرد استطردت ردد افاد افادت اضافوا اكدوا قالوا ذكروا اوضحوا اشاروا اعتبروا حذروا يقولون يرون"
    ).split()
)
REPORTED_BY = {"قوله", "قولها", "قولهم", "قولهما"}  # "نقلت وكالة عن X قوله: ..." — X speaks
OBJECT_PRONOUNS = {"لي", "له", "لها", "لهم", "لهما", "لنا", "لكم", "لك"}
ADVERBS = frozenset(
    (
        "ايضا بدوره بدورها بدورهم كذلك امس اليوم مساء صباح اول الاثنين الثلاثاء الاربعاء الخميس الجمعه "
        "السبت الاحد حينها لاحقا سابقا مجددا بدوري"
    ).split()
)
PREPOSITIONS = frozenset(
    ("في خلال عبر من على عن الى امام مع لدى عند اثناء عقب بعد قبل ل لـ ب حول بشان ضمن وسط تعليقا").split()
)
# Nouns that describe a speaker without naming one ("متحدث عسكري", "أحد السكان").
DESCRIBED = frozenset(
    (
        "متحدث متحدثه ناطق ناطقه مسوول مسووله مسوولون مسوولين مصدر مصادر خبير خبراء محلل محللون شاهد شهود "
        "ناشط ناشطون ناشطين دبلوماسي دبلوماسيون مراسل بيان احد سكان مواطن مواطنون مسعف طبيب ضابط مرصد "
        "مراقبون مراقبين نشطاء معارضون متظاهرون محتجون اهالي خارجيه داخليه دفاع رياسه تلفزيون اذاعه شبكه "
        "قناه موقع منظمه هييه مفوضيه محامي قاضي نايبه مندوب سفيره مبعوث امين قيادي قياديه عضوه زعيم "
        "مسوولو مسوولي قاده زعماء وزراء نواب جندي عضو نايب رييس وزير سفير مستشار قايد"
    ).split()
)
ACCORDING = frozenset(("بحسب حسب وبحسب وحسب وفقا ووفقا طبقا وطبقا وفق ووفق حسبما وحسبما نقلا ونقلا").split())
ROLE_END = frozenset(
    (
        "في خلال عبر امس اليوم مساء صباح الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد ل لـ ان الذي "
        "التي الذين قايلا"
    ).split()
)
TO_MEDIA = tuple(
    (
        "لوكاله لصحيفه لقناه لموقع لشبكه لتلفزيون لاذاعه لوسايل لمراسل للصحفيين للصحافيين للصحافه للاعلام "
        "لرويترز لفرانس"
    ).split()
)
MAX_ROLE_WORDS = 6
STOPS = {",", "،", ":", '"', "«", "“", "(", ".", "»", "”", ")"}


def bare(word: str) -> str:
    """Folded, without a leading و/ف."""
    f = lex.fold(word)
    return f[1:] if len(f) > 3 and f[0] in "وف" else f


def is_cue(word: str) -> bool:
    b = bare(word)
    return lex.is_cue(word) or b in MORE_CUES or b in PARTICIPLES or b in REPORTED_BY


def feminine(cue: str) -> bool:
    b = bare(cue)
    return (b.endswith("ت") and len(b) > 3) or (b.startswith("ت") and not b.startswith("تابع")) or b.endswith("ه")


def known_head(word: str) -> bool:
    f = lex.strip_article(bare(word))
    return (
        f in DESCRIBED
        or lex.in_set(word, lex.titles())
        or lex.in_set(word, lex.org_heads())
        or lex.in_set(word, lex.group_heads())
    )
