"""English word lists and rules for actors: datelines, common words, heads that type a name.

Used by `actors_rules_en.english_names`. Capitalisation is the main English cue for names,
but it also marks sentence openers ("Just over a third..."), datelines ("MUSCAT, Nov 27"),
months and headline words; these lists tell them apart.
"""

from __future__ import annotations

import re

MONTHS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""".split())

# A name ending (or, with "of", starting) with one of these is a place: "Red Sea",
# "Bekaa Valley", "Gulf of Aden", "Strait of Hormuz".
GEO_HEADS = frozenset("""
sea seas ocean gulf bay strait straits canal river valley mountains mountain mount lake
desert peninsula coast island islands province city governorate district region plain
plateau basin cape channel street square avenue road highway bridge airport stadium
crossing camp palace
""".split())

# A name containing one of these is an organisation: "Suez Canal Authority".
ORG_HEADS = frozenset("""
ministry council committee commission agency bank company corp corporation inc ltd llc plc
university organization organisation fund union party movement front authority secretariat
association institute institution league federation court parliament assembly directorate
department office bureau foundation center centre group alliance senate congress cabinet
government wire news press times post television tv radio airlines airways exchange
marine shipping insurance holdings partners capital logistics lines petroleum energy
reserve airports railways telecom motors pharmaceuticals
""".split())

# Events and documents: named, but not actors ("Muscat Declaration", "Paris Agreement").
NOT_ACTOR_HEADS = frozenset("""
declaration meeting summit conference forum agreement accord treaty initiative plan
report award prize cup championship games festival war prix tournament
olympics marathon
""".split())

# Regions the country list lacks, and their adjectives.
REGIONS = frozenset("""
europe asia africa americas oceania antarctica arctic levant caucasus balkans sahel
maghreb scandinavia
""".split())
_REGION_NAMES = frozenset({"middle east", "north africa", "latin america", "east asia",
                           "south asia", "southeast asia", "central asia", "western asia",
                           "horn of africa", "sub-saharan africa", "west africa", "east africa"})

# Role nouns after a name (", head of marine underwriting at Nordvik Marine,").
ROLE_NOUNS = frozenset("""
head chief executive analyst economist spokesman spokeswoman spokesperson undersecretary
secretary-general minister director commander president chairman chairwoman officer
official adviser advisor envoy ambassador founder editor professor researcher manager
partner broker captain governor mayor leader member deputy
""".split())

# ... or an armed group: "Revolutionary Guard", "Qassam Brigades".
GROUP_HEADS = frozenset("forces army navy guard guards brigades brigade militia corps coalition".split())

# Honorifics: a role only when nothing better is said of the person.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir".split())

# Words that join a name of a body: "Ministry of Agriculture and Fisheries",
# "Economic and Social Commission for Western Asia".
BODY_JOINS = frozenset("and for on".split())

# Common English words that open sentences or headings with a capital but name nobody
# ("Just over a third", "Women won 84 seats", "Water Security"). Not exhaustive:
# `english_names` also drops an opener that the text writes in lower case elsewhere.
COMMON = frozenset("""
a about above across after again against all almost also although always among an and
another any anyone anything are around as at back be because been before being below
between both but by can could did do does down during each either even ever every few
for from further had has have having he her here hers him his how however i if in into
is it its just least less many may meanwhile more most much must my neither never no nor
not now of off often on once one only or other others our out over own per perhaps quite
rather same several she should since so some still such than that the their them then
there these they this those though through thus to together too toward towards under
unless until up upon very was we well were what whatever when where whether which while
who whom whose why will with within without would yet you your
new old first second third last next early late former latest local national regional
international global public private official officials general major senior top high low
big small large total final full half daily weekly monthly annual annually recent
economic social political military financial security water energy oil gas power trade
shares stocks bonds market markets price prices rates rate cost costs budget fund funds money growth crisis
war peace talks deal agreement plan plans policy reform reforms law laws rules vote votes
voters voting election elections turnout candidates candidate seats council councils
women men children people residents families workers students farmers business industry
news report reports data figures results statement statements analysts economists
experts sources insurers brokers shipowners traffic shipping freight cargo transit
quotes premiums ships vessels meeting meetings summit conference session declaration
resources reserves projects project network networks management development affairs
investment investing giving speaking according asked told said says added noted warned
despite following including given under rival rivals opposition participants delegates
ministers leaders members member states state country countries region regions city
cities town towns village villages area areas capital north south east west northern
southern eastern western central western middle upper lower greater
today yesterday tomorrow week month year years day days time times morning evening night
weekend season
breaking update updated live exclusive analysis opinion editorial photos video watch
read more related division round standings results result
""".split())

# News agencies and broadcasters, named alone ("according to Reuters", "data from
# Bloomberg"): organisations, never places or people. Lower case, as compared.
MEDIA = frozenset("""
reuters afp ap bloomberg xinhua anadolu tass interfax ria irna isna fars tasnim mehr sana
wafa kuna qna spa wam mena petra bna ona aps bbc cnn axios politico haaretz
""".split()) | frozenset({"associated press", "agence france-presse", "al jazeera", "al arabiya",
                          "sky news", "sky news arabia", "france 24", "al-jazeera", "al-arabiya",
                          "times of israel", "new york times", "washington post", "wall street journal",
                          "financial times"})

# Short names of bodies that are neither acronyms nor headed: "Fed Chair Jerome Powell".
SHORT_ORGS = frozenset("fed pentagon kremlin opec interpol".split())

# Adjectives of peoples, religions and sects the place list cannot derive ("Dutch",
# "Kurdish", "Shiite"): describing words, not actors.
DEMONYMS = frozenset("""
dutch french british english irish scottish welsh swiss greek thai turkish kurdish danish
swedish finnish polish spanish portuguese chinese japanese lebanese sudanese vietnamese
burmese congolese senegalese maltese yemeni emirati saudi kuwaiti qatari omani bahraini
iraqi israeli pakistani afghan bangladeshi filipino argentine arab arabic persian jewish
muslim christian sunni shiite shia alawite druze coptic palestinian western eastern
european african asian latin nordic baltic gulf islamist jihadist republican democrat
""".split())

# Lower-case words inside a person's name: "Erik ten Hag", "Ursula von der Leyen".
NAME_PARTICLES = frozenset("van von der den ten ter de da di du dos das del della le la".split())

_NAME_PARTICLES = frozenset("bin ibn bint abu".split())
_AL = re.compile(r"^(?:[Aa]l|[Ee]l)-[A-Z]")


def is_region(seq: list[str]) -> bool:
    name = " ".join(seq).lower()
    return name in REGIONS or name in _REGION_NAMES


def is_demonym(word: str) -> bool:
    """"Omani", "Bahraini", "European": an adjective of a known place or region."""
    from briefing.analyze.ner import lexicon as lex

    w = word.lower()
    if w in DEMONYMS:
        return True
    for ending, back in (("i", ""), ("ian", "ia"), ("ian", ""), ("an", ""), ("an", "a"), ("ese", ""),
                         ("ish", "")):
        if w.endswith(ending) and len(w) > len(ending) + 2:
            stem = w[: -len(ending)] + back
            if stem in REGIONS or (lex.strip_article(stem),) in lex.known_names():
                return True
    return False


def is_media(seq: list[str]) -> bool:
    return " ".join(seq).lower() in MEDIA


def is_month(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS


def is_common(word: str) -> bool:
    return word.lower().rstrip(".") in COMMON


def looks_arabic_name(seq: list[str]) -> bool:
    """"Salim bin Hamad Al-Rawahi", "Nawaf Al-Dosari": name particles or an Al- surname."""
    return any(w.lower() in _NAME_PARTICLES for w in seq[1:]) or (
        len(seq) <= 4 and bool(_AL.match(seq[-1])))


def name_word(word: str) -> bool:
    """May this token stand inside a capitalised name? ("el-Mandeb" may, "Oslo-based" not.)"""
    if _AL.match(word):
        return True
    if not word[:1].isupper() or not any(c.isalpha() for c in word):
        return False
    # "Oslo-based", "Asia-to-Europe", "Iran-backed": a describing compound, not a name.
    parts = word.split("-")
    return all(p[:1].isupper() or p.isdigit() for p in parts if p)


def head_type(seq: list[str]) -> str | None:
    """Type a name by its head words: place, organization or group; "none" for events
    and documents; else None."""
    lowered = [w.lower().rstrip(".") for w in seq]
    if is_region(seq):
        return "place"
    if lowered[-1] in NOT_ACTOR_HEADS:
        return "none"
    if len(seq) > 1 and lowered[-1] in GROUP_HEADS:
        return "group"
    if any(w in ORG_HEADS for w in lowered):
        return "organization"
    if any(w in GROUP_HEADS for w in lowered):
        return "group"
    if lowered[-1] in GEO_HEADS or (lowered[0] in GEO_HEADS and (len(seq) == 1 or lowered[1] == "of")):
        return "place"
    return None


def shouting(words: list[str]) -> bool:
    """A headline in capitals ("SOCCER - JAPAN GET LUCKY WIN"): capitals say nothing
    about names there."""
    letters = [w for w in words if len(w) > 1 and any(c.isalpha() for c in w)]
    caps = [w for w in letters if w.isupper()]
    return len(caps) >= 3 and len(caps) >= 0.7 * len(letters)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")


def place_date_line(words: list[str]) -> list[tuple[int, int, str]]:
    """"ROME 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06": a line that is
    only a place in capitals (and its country) and a date."""
    if not words or not _DATE.fullmatch(words[-1]):
        return []
    body = words[:-1]
    comma = body.index(",") if "," in body else len(body)
    city, country = body[:comma], body[comma + 1:]
    if not city or not all(w.isupper() and any(c.isalpha() for c in w) for w in city):
        return []
    spans = [(0, comma, "place")]
    if country:
        if not all(w[:1].isupper() for w in country):
            return []
        spans.append((comma + 1, len(body), "place"))
    return spans


def dateline(words: list[str]) -> list[tuple[int, int, str]]:
    """Spans of a dateline opening a sentence: "BEIRUT (Example Wire) -",
    "MUSCAT, Nov 27 (Example Wire) -", "MANAMA/LONDON (Agency) -". Cities in capitals
    are places, the agency in brackets an organisation."""
    spans = []
    i = 0
    while i < len(words) and words[i].isupper() and words[i].isalpha() and len(words[i]) > 1:
        j = i + 1
        while j < len(words) and words[j].isupper() and words[j].isalpha():
            j += 1  # "ABU DHABI"
        spans.append((i, j, "place"))
        i = j + 1 if j < len(words) and words[j] == "/" else j
        if i == j:
            break
    if not spans:
        return []
    k = spans[-1][1]
    if k < len(words) and words[k] == ",":  # ", Nov 27"
        k += 1
        while k < len(words) and (is_month(words[k]) or words[k].isdigit() or words[k] == "."):
            k += 1
    if k < len(words) and words[k] == "(":
        close = next((m for m in range(k + 1, min(k + 8, len(words))) if words[m] == ")"), None)
        if close is None:
            return []
        if close > k + 1:
            spans.append((k + 1, close, "organization"))
        k = close + 1
    if k < len(words) and words[k] in {"-", "–", "—", ":"}:
        return spans
    return []
