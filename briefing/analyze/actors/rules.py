"""Rules that find Arabic actors the statistical tagger does not: armed and political
groups, organisations named by a head noun, and titles before names (English names and
roles are in `rules_en`).

All functions work on one sentence given as a list of words and return token spans
`(start, end, type)` with `end` exclusive.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.analyze.ner import lexicon as lex
from briefing.text.script import ARABIC_RANGES

# Participles that attach a group to its patron ("الموالية لإيران"): they end the name.
_PATRON = {
    "موالي",
    "مواليه",
    "مدعوم",
    "مدعومه",
    "متحالف",
    "متحالفه",
    "تابع",
    "تابعه",
    "مدعومين",
    "موالين",
    "متحالفين",
    "تابعين",
}
# Heads that name an actor on their own, without a modifier.
_BARE = {"جيش", "شرطه", "army", "police"}
_NISBA = ("ي", "يه", "يين", "يون", "يان")
_STOP_AR = {
    "ان",
    "من",
    "في",
    "على",
    "الى",
    "عن",
    "مع",
    "او",
    "ثم",
    "بين",
    "التي",
    "الذي",
    "الذين",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كل",
    "بعد",
    "قبل",
}


# Month names (Levantine and Egyptian/Gulf usage): dates, never actors ("أبريل/نيسان").
_MONTHS_AR = frozenset(
    lex.fold(m)
    for m in """
كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين
يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر
اكتوبر نوفمبر ديسمبر
""".split()
)


_DATE_WORDS = frozenset(
    lex.fold(w)
    for w in """
في منذ حتى خلال مطلع أوائل اواخر أواخر منتصف شهر شهري بداية نهاية أول اول آخر قبل بعد
""".split()
)


def is_month_ar(word: str) -> bool:
    return lex.key(word) in _MONTHS_AR or lex.fold(word) in _MONTHS_AR


def month_as_date(words: list[str], start: int, end: int) -> bool:
    """Are words[start:end] an Arabic month used as a date ("أبريل/نيسان", "في نيسان",
    "نيسان 2027")? Only then: "نيسان" is also a car maker."""
    if not all(is_month_ar(w) or w in "/-" for w in words[start:end]):
        return False
    if end - start > 1 or start > 0 and words[start - 1] == "/" or end < len(words) and words[end] == "/":
        return True
    before = words[start - 1] if start else ""
    after = words[end] if end < len(words) else ""
    return (
        any(c.isdigit() for c in before + after)
        or lex.fold(before) in _DATE_WORDS
        or is_month_ar(before)
        or is_month_ar(after)
        or lex.strip_prefix(words[start])[0] in ("ف", "وف")
    )  # "في" written onto it


def is_bare_head(name: str) -> bool:
    """ "الجيش", "الشرطة", "the army": a group named by its head noun alone, which means a
    different army in each story."""
    words = name.split()
    return (
        len(words) == 1
        and lex.strip_article(lex.key(words[0])) in _BARE
        or (len(words) == 2 and words[0].lower() == "the" and words[1].lower() in _BARE)
    )


def _starts(word: str, letters: str) -> bool:
    f = lex.fold(word)
    return bool(f) and f[0] in letters


_WORD_START = re.compile(f"[\\w{ARABIC_RANGES}]")


def is_word(w: str) -> bool:
    return _WORD_START.match(w) is not None


# Ordinals that end like a nisba ("الثانية", "الأولى", "الحادي") but relate nothing to a
# place or a people: "المجموعة الثانية" is a ranking, not a body's name.
_ORDINAL_STEMS = {"اول", "ثان", "حاد"}


def _nisba(word: str) -> bool:
    core = lex.strip_article(lex.strip_prefix(word)[1])
    if core.removesuffix("ه").removesuffix("ي") in _ORDINAL_STEMS:
        return False
    return len(core) > 3 and core.endswith(_NISBA) and not core.endswith(("اي", "وي"))


def _definite(word: str) -> bool:
    return lex.fold(word).startswith("ال")


@lru_cache(maxsize=100_000)
def _head_type(word: str) -> str | None:
    """ "group" or "organization" for a word that heads one (the group list first),
    else None (cached: asked for every word of an article)."""
    if lex.in_set(word, lex.group_heads()):
        typ = "group"
    elif lex.in_set(word, lex.org_heads()):
        typ = "organization"
    else:
        return None
    return typ if is_word(word) else None


def arabic_groups(words: list[str], entity: list[bool]) -> list[tuple[int, int, str]]:
    """ "قوات سوريا الديمقراطية", "الحكومة العراقية", "تنظيم الدولة الإسلامية", "وزارة الخارجية".

    A head noun from the group (or organisation) list, then either a genitive chain
    ending at the first definite word (only after an indefinite head, as Arabic grammar
    has it) or a run of adjectives (nisba forms). `entity` marks words that are already
    part of a found name, which may stand in the chain ("قوات سوريا").
    """
    spans = []
    i = 0
    while i < len(words):
        w = words[i]
        typ = _head_type(w)
        if typ is None:
            i += 1
            continue
        j = i + 1
        if not _definite(lex.strip_prefix(w)[1]):
            # Genitive chain: proper names or indefinite nouns, closed by a definite word.
            while j < len(words) and j - i <= 3:
                nxt = words[j]
                key = lex.strip_article(lex.fold(nxt))
                if not is_word(nxt) or key in _STOP_AR or lex.is_cue(nxt):
                    break
                if _definite(nxt):
                    j += 1
                    break
                if entity[j]:  # a name closes the chain, like a definite word
                    j += 1
                    if j < len(words) and entity[j]:
                        continue
                    break
                if _nisba(nxt):
                    j += 1
                    continue
                if (
                    j + 1 < len(words) and (_definite(words[j + 1]) or entity[j + 1]) and not _starts(nxt, "وفبلك")
                ):  # "مجلس مدينة حلب"
                    j += 1
                    continue
                break
        # Adjectives after the head or the chain; they agree with it in definiteness
        # ("المجلس سيتولى": a verb after a definite head, not an adjective).
        definite = _definite(lex.strip_prefix(w)[1]) or (
            j > i + 1 and (_definite(words[j - 1]) or entity[j - 1])
        )  # a name is definite
        while j < len(words) and j - i <= 5:
            nxt = words[j]
            key = lex.strip_article(lex.fold(nxt))
            if key in _PATRON or not _nisba(nxt) or _starts(nxt, "وف") and not _definite(nxt):
                break
            if _definite(lex.strip_prefix(nxt)[1]) != definite:
                break
            if lex.fold(nxt).startswith(("وال", "فال")):
                break
            j += 1
        head_key = lex.strip_article(lex.key(w))
        if j > i + 1 or head_key in _BARE:
            spans.append((i, j, typ))
            i = j
        else:
            i += 1
    return spans


# A role does not reach back over a relative pronoun or a preposition ("نتنياهو الذي دان
# عزاريا", "أمام منزل").
_ROLE_BREAK_AR = {
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "على",
    "في",
    "من",
    "الى",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "خلال",
    "ضد",
    "حول",
    "لدى",
    "عند",
    "منذ",
    "بين",
    "ما",
}
_ROLE_STOP_AR = {"ان", "انه", "انها", "بان", "الا", "لكن", "حيث", "اذ"}


def in_front_of(word: str) -> bool:
    """The preposition "أمام" ("in front of"), which folds like "إمام" (imam)."""
    return lex.strip_article(lex.strip_prefix(word)[1]) == "امام" and "إ" not in word


def arabic_role(words: list[str], start: int) -> tuple[int, int] | None:
    """Token span of the title before the name at `start` ("وزير الخارجية الأميركي")."""
    best = None
    k = start - 1
    while k >= 0 and start - k <= 8:
        w = words[k]
        f = lex.fold(w)
        if (
            not is_word(w)
            or lex.is_cue(w)
            or f in _ROLE_STOP_AR
            or (w.endswith(("،", ",")) and k < start - 1)
            or f in _ROLE_BREAK_AR
            or in_front_of(w)
        ):
            break
        if lex.in_set(w, lex.titles()) and lex.strip_prefix(w)[0].endswith("ل") and f not in lex.titles():
            return None  # "مستشار ... للمرشد الإيراني NAME": the title before is someone else's
        if lex.in_set(w, lex.titles()) and (lex.fold(w) in lex.titles() or lex.strip_prefix(w)[0] in ("", "ل", "ب")):
            best = k
        elif _starts(w, "وف") and not lex.in_set(w, lex.titles()) and not f.startswith(("وزار", "وكال", "ولاي")):
            break  # a new clause ("ودافع", "وقال") begins here
        k -= 1
    if best is None:
        return None
    return best, start
