"""English word lists for the roles around a name: months, role nouns, honorifics.

Names are found by the English tagger (`ner/english.py`); these lists serve the rules
that annotated names cannot teach (`rules_en.english_role`).
"""

from __future__ import annotations

import re

MONTHS = frozenset(
    """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""".split()
)

# Role nouns after a name (", head of marine underwriting at Nordvik Marine,").
ROLE_NOUNS = frozenset(
    """
head chief executive analyst economist spokesman spokeswoman spokesperson undersecretary
secretary-general minister director commander president chairman chairwoman officer
official adviser advisor envoy ambassador founder editor professor researcher manager
partner broker captain governor mayor leader member deputy
""".split()
)

# Honorifics: a role only when nothing better is said of the person.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir".split())

_AL = re.compile(r"^(?:[Aa]l|[Ee]l)-[A-Z]")


def is_month(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS


def name_word(word: str) -> bool:
    """May this token stand inside a capitalised name? ("el-Mandeb" may, "Oslo-based" not.)"""
    if _AL.match(word):
        return True
    if not word[:1].isupper() or not any(c.isalpha() for c in word):
        return False
    # "Oslo-based", "Asia-to-Europe", "Iran-backed": a describing compound, not a name.
    parts = word.split("-")
    return all(p[:1].isupper() or p.isdigit() for p in parts if p)


# Lower-case particles inside a person's name ("Herbert von Karajan", "Rafael van der
# Vaart", "Ibn Khaldun"'s "ibn"): a name goes on after them.
NAME_PARTICLES = frozenset("van von de der den da di du del della dos das ter ten zu bin ibn".split())

# The last word of a name that says what kind of thing it names: a person is never
# called "... Park", "... University". Natural features outrank an organisation too.
NATURAL_HEADS = frozenset(
    """
river lake sea ocean delta mountain mountains island islands valley desert park forest
canyon peninsula glacier falls bay gulf strait plateau basin volcano hills heights beach
canal harbour harbor
""".split()
)
PLACE_HEADS = NATURAL_HEADS | frozenset(
    """
square street avenue road bridge airport abbey cathedral castle palace stadium
county province region district
""".split()
)
ORG_HEADS = frozenset(
    """
university college institute foundation company corporation corp. inc. ltd. association
committee council party consortium society academy agency commission federation records
press bank orchestra philharmonic club ministry co. plc llc gmbh ag bros.
""".split()
)
# The first word of a place's name: "Mount Kilimanjaro", "Lake Chad".
PLACE_FIRST = frozenset({"mount", "lake"})
# A regnal or generational number after a given name: "Elizabeth II", "Louis XIV".
REGNAL = re.compile(r"^(?:II|III|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3})$")
