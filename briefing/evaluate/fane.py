"""Read NewsFANE (Alotaibi & Lee 2014) as ANERcorp-style sentences for training and scoring.

NewsFANE marks Arabic newswire with 50 fine-grained classes from the ACE 2005 ontology
and its extension (Politician, Nation, Government, Book, ...), one `token<TAB>TAG` a line,
sentences apart by blank lines. Two differences from ANERcorp and from what the tagger
meets at run time are reconciled here:

- Classes. Each fine class is folded into PERS, ORG or LOC by the coarse type it belongs
  to in that ontology (`FOLD`); the other types (products, vehicles, weapons) become O.
- Clitics. NewsFANE writes the conjunctions, prepositions and pronouns that Arabic joins
  to a word as words of their own ("و قال", "ان ه", "نمو ها"). News text, ANERcorp and the
  tagger keep them on the word ("وقال", "انه", "نموها"), so they are joined back; the
  joined word takes its host's label. Runs of single letters that are not all proclitics
  ("د ب ا", the agency's initials) are left alone.

Its alef and ya are normalised ("اعلن", "الي"); the tagger's features fold both anyway
(`lexicon.fold`), so the spelling is kept as it is.
"""

from __future__ import annotations

from pathlib import Path

from briefing.evaluate.ner import Sentence, read_conll

# Fine class -> coarse type, from the ontology's own grouping (ACE 2005 types and
# subtypes as extended by Alotaibi & Lee): PER subtypes are kinds of people (Police, a
# police officer; Group, a named set of people, is also a PER subtype there but names no
# one person, and ANERcorp-style annotation does not mark such groups, so it is left out),
# ORG subtypes kinds of organisations, GPE and LOC subtypes places, and FAC subtypes
# (buildings, airports, roads) places as CoNLL-style annotation has them. PRO (Book,
# Movie, Software, Hardware, Food, Drug), VEH (Land, Air, Water) and WEA (Projectile,
# Shooting) name things, not actors: O.
FOLD = {
    **dict.fromkeys(
        (
            "Politician",
            "Athlete",
            "Artist",
            "Other_PER",
            "Religious_PER",
            "Scientist",
            "Businessperson",
            "Lawyer",
            "Engineer",
            "Police",
        ),
        "PERS",
    ),
    **dict.fromkeys(
        (
            "Non-Governmental",
            "Government",
            "Sports",
            "Media",
            "Commercial",
            "Educational",
            "Medical-Science",
            "Entertainment",
            "Religious_ORG",
        ),
        "ORG",
    ),
    **dict.fromkeys(
        (
            "Nation",
            "Population-Center",
            "State-or-Province",
            "GPE-Cluster",
            "Continent",
            "County-or-District",
            "Water-Body",
            "Land-Region-Natural",
            "Celestial",
            "Building-Grounds",
            "Airport",
            "Path",
            "Subarea-Facility",
            "Plant",
        ),
        "LOC",
    ),
}

PROCLITICS = frozenset("وفبلس")  # and, so, with, to, will: joined to the next word
ENCLITICS = frozenset(("ه", "ها", "هم", "هما", "هن", "كم", "ي", "نا", "ني"))  # pronouns: to the previous
_KAF = "ك"  # "as" before a word, "your" after one


def fold_tag(tag: str) -> str:
    """ "B-Politician" -> "B-PERS"; classes outside FOLD -> "O"."""
    prefix, _, fine = tag.partition("-")
    coarse = FOLD.get(fine)
    return f"{prefix}-{coarse}" if coarse and prefix in ("B", "I") else "O"


def _arabic_word(word: str) -> bool:
    return len(word) >= 2 and all("\u0621" <= c <= "\u064a" for c in word)


def _single(word: str) -> bool:
    return len(word) == 1 and "\u0621" <= word <= "\u064a"


def _role(words: list[str], i: int) -> str:
    """ "pre", "post" or "" (a word of its own) for the token at `i`."""
    w = words[i]
    if not _single(w) and w not in ENCLITICS:
        return ""
    # A run of single letters with any non-clitic among them is initials ("ا ف ب").
    lo = i
    while lo > 0 and _single(words[lo - 1]):
        lo -= 1
    hi = i
    while hi + 1 < len(words) and _single(words[hi + 1]):
        hi += 1
    if hi > lo and not all(words[k] in PROCLITICS or words[k] == _KAF for k in range(lo, hi + 1)):
        return ""
    nxt = words[hi + 1] if hi + 1 < len(words) else ""
    prev = words[i - 1] if i else ""
    if w in PROCLITICS or (w == _KAF and (nxt.startswith("ال") or not _arabic_word(prev))):
        return "pre" if _arabic_word(nxt) else ""
    if w in ENCLITICS or w == _KAF:
        return "post" if _arabic_word(prev) else ""
    return ""


def _attach(prefix: str, word: str) -> str:
    # ل + ال: the article's alef is not written ("للاتحاد").
    if prefix.endswith("ل") and word.startswith("ال"):
        return prefix + word[1:]
    return prefix + word


def join_clitics(sentence: Sentence) -> Sentence:
    """The sentence with its split clitics joined back to their words."""
    words, tags = list(sentence.words), list(sentence.tags)
    roles = [_role(words, i) for i in range(len(words))]
    out_w: list[str] = []
    out_t: list[str] = []
    pending = ""
    for w, t, role in zip(words, tags, roles):
        if role == "pre":
            pending += w
            continue
        if role == "post" and out_w and not pending:
            host = out_w[-1]  # "جهة" + "ه" -> "جهته": ta marbuta is written ت before a suffix
            out_w[-1] = (host[:-1] + "ت" if host.endswith("ة") else host) + w
            continue
        out_w.append(_attach(pending, w) if pending else w)
        out_t.append(t)
        pending = ""
    if pending:  # a proclitic at the very end (not expected): keep it
        out_w.append(pending)
        out_t.append("O")
    # A joined word keeps its host's label; repair an I- left without its B-.
    for i, t in enumerate(out_t):
        if t.startswith("I-") and (i == 0 or out_t[i - 1][2:] != t[2:]):
            out_t[i] = "B-" + t[2:]
    return Sentence(tuple(out_w), tuple(out_t), sentence.doc)


def read_newsfane(path: Path) -> list[Sentence]:
    """NewsFANE's sentences with clitics joined and classes folded to PERS/ORG/LOC."""
    out = []
    for s in read_conll(Path(path)):
        folded = Sentence(s.words, tuple(fold_tag(t) for t in s.tags), s.doc)
        out.append(join_clitics(folded))
    return out
