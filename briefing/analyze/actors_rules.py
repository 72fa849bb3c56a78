"""Rules that find actors the statistical tagger does not: armed and political groups,
organisations named by a head noun, English capitalised names, and titles before names.

All functions work on one sentence given as a list of words and return token spans
`(start, end, type)` with `end` exclusive.
"""

from __future__ import annotations

import re

from briefing.analyze import ner_lexicon as lex

# Participles that attach a group to its patron ("الموالية لإيران"): they end the name.
_PATRON = {"موالي", "مواليه", "مدعوم", "مدعومه", "متحالف", "متحالفه", "تابع", "تابعه",
           "مدعومين", "موالين", "متحالفين", "تابعين"}
# Heads that name an actor on their own, without a modifier.
_BARE = {"جيش", "شرطه", "army", "police"}
_NISBA = ("ي", "يه", "يين", "يون", "يان")
_STOP_AR = {"ان", "من", "في", "على", "الى", "عن", "مع", "او", "ثم", "بين", "التي", "الذي",
            "الذين", "قد", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "كل", "بعد", "قبل"}


def _starts(word: str, letters: str) -> bool:
    f = lex.fold(word)
    return bool(f) and f[0] in letters


def _is_word(w: str) -> bool:
    return bool(re.match(r"^[\w\u0600-\u06ff]", w))


def _nisba(word: str) -> bool:
    core = lex.strip_article(lex.strip_prefix(word)[1])
    return len(core) > 3 and core.endswith(_NISBA) and not core.endswith(("اي", "وي"))


def _definite(word: str) -> bool:
    return lex.fold(word).startswith("ال")


def arabic_groups(words: list[str], entity: list[bool]) -> list[tuple[int, int, str]]:
    """"قوات سوريا الديمقراطية", "الحكومة العراقية", "تنظيم الدولة الإسلامية", "وزارة الخارجية".

    A head noun from the group (or organisation) list, then either a genitive chain
    ending at the first definite word (only after an indefinite head, as Arabic grammar
    has it) or a run of adjectives (nisba forms). `entity` marks words that are already
    part of a found name, which may stand in the chain ("قوات سوريا").
    """
    spans = []
    i = 0
    while i < len(words):
        w = words[i]
        typ = None
        if lex.in_set(w, lex.group_heads()):
            typ = "group"
        elif lex.in_set(w, lex.org_heads()):
            typ = "organization"
        if typ is None or not _is_word(w):
            i += 1
            continue
        j = i + 1
        if not _definite(lex.strip_prefix(w)[1]):
            # Genitive chain: proper names or indefinite nouns, closed by a definite word.
            while j < len(words) and j - i <= 3:
                nxt = words[j]
                key = lex.strip_article(lex.fold(nxt))
                if not _is_word(nxt) or key in _STOP_AR or lex.is_cue(nxt):
                    break
                if _definite(nxt):
                    j += 1
                    break
                if entity[j] or _nisba(nxt):
                    j += 1
                    continue
                if j + 1 < len(words) and _definite(words[j + 1]) and not _starts(nxt, "وفبلك"):
                    j += 1
                    continue
                break
        # Adjectives after the head or the chain.
        while j < len(words) and j - i <= 5:
            nxt = words[j]
            key = lex.strip_article(lex.fold(nxt))
            if key in _PATRON or not _nisba(nxt) or _starts(nxt, "وف") and not _definite(nxt):
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


# English: words that may sit inside a capitalised name ("Bank of England", "bin Salman").
_CONNECT = {"of", "al", "al-", "bin", "ibn", "de", "del", "van", "von", "la", "le"}
_EN_STOP = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "he", "she", "it", "they", "we",
    "i", "you", "this", "that", "these", "those", "his", "her", "its", "their", "our", "if",
    "when", "while", "after", "before", "as", "for", "from", "with", "by", "to", "of", "there",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "what", "who", "how", "why", "where", "some",
    "many", "most", "all", "no", "not", "yes", "one", "two", "three", "last", "next", "new",
    "said", "says", "also", "however", "meanwhile", "still", "yet", "so", "because", "since",
    "although", "though", "until", "about", "over", "under", "between", "against", "during",
}
_EN_GROUP_NOUNS = {"forces", "troops", "militia", "militias", "government", "army",
                   "military", "rebels", "fighters", "police"}
_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "across", "outside", "inside"}


def _cap(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def english_names(words: list[str], lower_words: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised sequences typed by their words and neighbours; `lower_words` are the
    lower-case words of the whole text (a capitalised sentence opener that also appears
    in lower case is a common word, not a name)."""
    spans = []
    i = 0
    n = len(words)
    while i < n:
        if not _cap(words[i]) or words[i].lower().rstrip(".") in _EN_STOP or words[i].endswith(("-backed", "-led")):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _cap(words[j]) and words[j].lower() not in _EN_STOP:
                j += 1
            elif (words[j].lower() in _CONNECT and j + 1 < n and _cap(words[j + 1])
                  and words[j + 1].lower() not in _EN_STOP):
                j += 2
            else:
                break
        first_in_sentence = i == 0 or words[i - 1] in {"\"", "“", "'", "(", ":", "-"}
        if j == i + 1 and first_in_sentence and words[i].lower() in lower_words:
            i = j
            continue
        spans.extend(_type_english(words, i, j))
        i = j
    return spans


def _type_english(words: list[str], i: int, j: int) -> list[tuple[int, int, str]]:
    """Type one capitalised sequence; a leading title is cut off a person's name."""
    seq = words[i:j]
    lowered = [w.lower().rstrip(".") for w in seq]
    # "Defense Secretary Lloyd Austin", "President Joe Biden": the name follows the last title.
    last_title = max((k for k, w in enumerate(seq[:-1]) if lex.in_set(w, lex.titles())), default=None)
    if last_title is not None and len(seq) - last_title - 1 <= 3 and not any(
            lex.in_set(x, lex.org_heads()) for x in seq[last_title + 1:]):
        return [(i + last_title + 1, j, "person")]
    # "Secretary of State Antony Blinken": the name starts at the first given name.
    for k, w in enumerate(seq):
        if k and lex.in_set(w, lex.first_names()) and any(
                lex.in_set(x, lex.titles()) for x in seq[:k]):
            return [(i + k, j, "person")]
    if any(w in _EN_GROUP_NOUNS or lex.in_set(w, lex.group_heads()) for w in lowered[1:]) or (
            seq[-1] in lex.group_heads()):
        return [(i, j, "group")]
    if any(lex.in_set(w, lex.org_heads()) for w in seq):
        return [(i, j, "organization")]
    if lex.in_set(seq[0], lex.first_names()):
        return [(i, j, "person")]
    if len(seq) == 1 and seq[0].isupper() and len(seq[0]) > 1:
        return [(i, j, "organization")]  # an acronym
    before = words[i - 1].lower() if i else ""
    if before in _PLACE_PREPS:
        return [(i, j, "place")]
    if len(seq) in (2, 3) and all(w[:1].isupper() for w in seq):
        return [(i, j, "person")]
    after = words[j].lower() if j < len(words) else ""
    if lex.is_cue(after) or lex.in_set(before, lex.titles()):
        return [(i, j, "person")]
    return [(i, j, "organization")]


def english_groups(words: list[str]) -> list[tuple[int, int, str]]:
    """"US forces", "Iraqi government", "Iran-backed militias"."""
    spans = []
    for k in range(1, len(words)):
        if words[k].lower() in _EN_GROUP_NOUNS:
            prev = words[k - 1]
            if lex.nationality(prev) or prev.endswith("-backed") or (
                    prev.isupper() and len(prev) <= 4):
                spans.append((k - 1, k + 1, "group"))
    return spans


_ROLE_STOP_AR = {"ان", "انه", "انها", "بان", "الا", "لكن", "حيث", "اذ"}


def arabic_role(words: list[str], start: int) -> tuple[int, int] | None:
    """Token span of the title before the name at `start` ("وزير الخارجية الأميركي")."""
    best = None
    k = start - 1
    while k >= 0 and start - k <= 8:
        w = words[k]
        f = lex.fold(w)
        if not _is_word(w) or lex.is_cue(w) or f in _ROLE_STOP_AR:
            break
        if lex.in_set(w, lex.titles()) and (lex.fold(w) in lex.titles()
                                              or lex.strip_prefix(w)[0] in ("", "ل", "ب")):
            best = k
        elif _starts(w, "وف") and not lex.in_set(w, lex.titles()) and not f.startswith(("وزار", "وكال", "ولاي")):
            break  # a new clause ("ودافع", "وقال") begins here
        k -= 1
    if best is None:
        return None
    return best, start


def english_role(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Title before the name ("Secretary of State", "Foreign Ministry spokesman") or an
    appositive after it (", the US secretary of state,")."""
    k = start - 1
    best = None
    while k >= 0 and start - k <= 7:
        w = words[k]
        if not _is_word(w) or lex.is_cue(w) or (w.lower() in _EN_STOP and w.lower() not in {"of", "the"}):
            break
        if lex.in_set(w, lex.titles()) or lex.in_set(w.capitalize(), lex.titles()):
            best = k
        k -= 1
    if best is not None:
        while best > 0 and (_cap(words[best - 1]) or lex.nationality(words[best - 1])) \
                and words[best - 1].lower() not in _EN_STOP and start - best < 7:
            best -= 1
        return best, start
    if end + 2 < len(words) and words[end] == ",":
        k = end + 1
        while k < len(words) and k - end <= 8 and words[k] not in {",", "."}:
            k += 1
        phrase = words[end + 1:k]
        if (k == len(words) or words[k] in {",", "."}) and any(lex.in_set(w.capitalize(), lex.titles()) for w in phrase):
            s = end + 1 + (1 if phrase and phrase[0].lower() in {"the", "a", "an"} else 0)
            return s, k
    return None
