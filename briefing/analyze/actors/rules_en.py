"""English rules for actors where annotated names cannot teach: the title or role the
text gives a person ("Foreign Ministry spokesman", ", the US secretary of state,").

Names themselves come from the English tagger (`ner/english.py`). Functions work on one
sentence given as a list of words and return token spans `(start, end)`, end exclusive.
"""

from __future__ import annotations

from briefing.analyze.actors import english as en
from briefing.analyze.actors.rules import is_word
from briefing.analyze.ner import lexicon as lex
from briefing.text.tokens import CALENDAR_EN

_EN_STOP = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "there",
    "mr",
    "mrs",
    "ms",
    "what",
    "who",
    "how",
    "why",
    "where",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "yes",
    "one",
    "two",
    "three",
    "last",
    "next",
    "new",
    "said",
    "says",
    "also",
    "however",
    "meanwhile",
    "still",
    "yet",
    "so",
    "because",
    "since",
    "although",
    "though",
    "until",
    "about",
    "over",
    "under",
    "between",
    "against",
    "during",
} | CALENDAR_EN


def _cap(word: str) -> bool:
    return en.name_word(word)


def _stop(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _EN_STOP or en.is_month(word)


def is_title(word: str) -> bool:
    """A title or role word before a name: "Minister", "Secretary-General", "CEO"."""
    return _title(word)


def _title(word: str) -> bool:
    if "-" in word.strip("-"):  # "Secretary-General", "Vice-President"
        return all(_title(p) for p in word.split("-") if p)
    return lex.in_set(word, lex.titles()) or word.lower() in {
        "minister",
        "spokesman",
        "spokeswoman",
        "chair",
        "chairman",
        "chairwoman",
        "general",
        "executive",
        "ceo",
    }


def english_role(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Title before the name ("Secretary of State", "Foreign Ministry spokesman"), a
    role set off before it ("the meeting's official spokesman, NAME") or an appositive
    after it (", the US secretary of state,"). An honorific ("Mr.") only when nothing
    else is said."""
    before = _title_before(words, start)
    if before is not None and " ".join(words[before[0] : before[1]]).lower() not in en.HONORIFICS:
        return before
    return _role_set_off(words, start) or _appositive(words, end) or before


def _title_before(words: list[str], start: int) -> tuple[int, int] | None:
    k = start - 1
    best = None
    while k >= 0 and start - k <= 7:
        w = words[k]
        if not is_word(w) or lex.is_cue(w) or (w.lower() in _EN_STOP and w.lower() not in {"of", "the"}):
            break
        if lex.in_set(w, lex.titles()) or lex.in_set(w.capitalize(), lex.titles()) or _title(w):
            best = k
        elif w[:1].islower() and w not in {"of", "the", "for"}:
            break  # "Scholz met French President Macron": "met" ends Macron's title
        k -= 1
    if best is None:
        return None
    while best > 0 and start - best < 7:
        prev = words[best - 1]
        if (_cap(prev) or lex.nationality(prev)) and prev.lower() not in _EN_STOP:
            best -= 1
        elif prev.lower() == "and" and best > 1 and _cap(words[best - 2]):
            best -= 2  # "Interior and Municipalities Minister"
        else:
            break
    return best, start


def _role_noun(word: str) -> bool:
    return lex.in_set(word.capitalize(), lex.titles()) or word.lower() in en.ROLE_NOUNS


def _role_set_off(words: list[str], start: int) -> tuple[int, int] | None:
    """ "The meeting's official spokesman, Salim bin Hamad Al-Rawahi, said"."""
    if start < 2 or words[start - 1] != "," or not _role_noun(words[start - 2]):
        return None
    k = start - 2
    while (
        k > 0
        and start - k < 6
        and is_word(words[k - 1])
        and words[k - 1].lower() not in _EN_STOP
        and words[k - 1].lower() != "s"
    ):
        k -= 1
    return k, start - 1


def _appositive(words: list[str], end: int) -> tuple[int, int] | None:
    """ ", the US secretary of state," after the name."""
    if end + 2 < len(words) and words[end] == ",":
        k = end + 1
        while k < len(words) and k - end <= 12 and words[k] not in {",", "."}:
            k += 1
        phrase = words[end + 1 : k]
        if (k == len(words) or words[k] in {",", "."}) and any(_role_noun(w) for w in phrase):
            s = end + 1 + (1 if phrase and phrase[0].lower() in {"the", "a", "an"} else 0)
            return s, k
    return None


def name_fixes(words: list[str], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The tagger's spans (PER/ORG/LOC/MISC) mended where the name's own words say better
    than its context: a person's name goes on over a lower-case particle ("Herbert" "von"
    "Karajan" is one name; "van Gogh" takes its "van"), and a name of two words or more
    whose head says what it names is no person ("Danube Delta", "Battle Abbey") and a
    natural feature no organisation ("Kilimanjaro National Park")."""
    # CoNLL-style names leave out a leading article ("the Vienna Philharmonic"), also
    # where a sentence starts with it; two words are kept whole ("The Hague").
    spans = sorted((s + 1 if e - s > 2 and words[s] == "The" else s, e, t) for s, e, t in found)
    spans = _join_particles(words, spans)
    return [(s, e, "MISC" if _work(words, s, e, t) else _head_type(words, s, e, t)) for s, e, t in spans]


def _work(words: list[str], s: int, e: int, t: str) -> bool:
    """A title of a work, no actor: an organisation or place named with one year in
    brackets after it ("OK Computer ( 1997 )"; people get their years of life), or set
    in quotation marks ("As Time Goes By")."""
    if t not in ("ORG", "LOC"):
        return False
    after = words[e : e + 3]
    if len(after) == 3 and after[0] == "(" and after[2] == ")" and len(after[1]) == 4 and after[1].isdigit():
        return True
    return 0 < s and e < len(words) and words[s - 1] in _QUOTES and words[e] in _QUOTES


_QUOTES = {'"', "“", "”", "``", "''"}


def _join_particles(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    at = {s: (s, e, t) for s, e, t in spans}
    taken = {k for s, e, _ in spans for k in range(s, e)}
    out: list[tuple[int, int, str]] = []
    skip: set[int] = set()
    for s, e, t in spans:
        if s in skip:
            continue
        if t == "PER":
            # The particles just before: "van Gogh", "von Karajan" (not a word of a name).
            while s > 0 and words[s - 1] in en.NAME_PARTICLES and s - 1 not in taken:
                s -= 1
            # Over particles to the next capitalised words: the rest of the name.
            k = e
            while k < len(words) and words[k] in en.NAME_PARTICLES and k not in taken:
                k += 1
            if e < k < len(words) and _cap(words[k]):
                nxt = at.get(k)
                if nxt is not None and nxt[2] != "MISC":  # the tagger's type of a lone surname says little
                    skip.add(k)
                    e = nxt[1]
                elif k not in taken:
                    e = k + 1
                    while e < len(words) and _cap(words[e]) and e not in taken:
                        e += 1
        out.append((s, e, t))
    return out


def _head_type(words: list[str], s: int, e: int, t: str) -> str:
    if e - s < 2 or t not in ("PER", "ORG", "LOC"):
        return t
    if en.REGNAL.match(words[e - 1]) and lex.in_set(words[s], lex.first_names()):
        return "PER"  # "Elizabeth II", "Johann Strauss II"
    if t == "LOC":
        return t
    last, first = words[e - 1].lower(), words[s].lower()
    if (t == "PER" and last in en.PLACE_HEADS) or last in en.NATURAL_HEADS or first in en.PLACE_FIRST:
        return "LOC"
    if t == "PER" and last in en.ORG_HEADS:
        return "ORG"
    return t
