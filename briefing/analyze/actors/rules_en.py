"""English rules for actors: capitalised names typed by their words and neighbours,
groups described by a nationality ("US forces"), and the roles around a name.

Word lists are in `actors_english`. All functions work on one sentence given as a list
of words and return token spans `(start, end, type)` with `end` exclusive.
"""

from __future__ import annotations

from briefing.analyze.actors import english as en
from briefing.analyze.ner import lexicon as lex
from briefing.analyze.actors.rules import is_word


# English: words that may sit inside a capitalised name ("Bank of England", "bin Salman").
_CONNECT = {"of", "al", "al-", "bin", "ibn", "de", "del", "van", "von", "la", "le"}
_EN_STOP = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
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
# Before an unknown name these mark a place ("fighting in Darfur", "flew to Amman"); "at"
# and "from" do not ("data from Bloomberg", "analysts at Goldman Sachs"), nor does
# "according to".
_PLACE_PREPS = {"in", "near", "to", "into", "across", "outside", "inside"}


def _cap(word: str) -> bool:
    return en.name_word(word)


def _stop(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _EN_STOP or en.is_month(word)


def english_names(words: list[str], lower_words: set[str],
                  mid_caps: set[str] | None = None) -> list[tuple[int, int, str]]:
    """Capitalised sequences typed by their words and neighbours. `lower_words` are the
    lower-case words of the whole text, `mid_caps` the words it capitalises inside a
    sentence: a capitalised sentence opener is a name only if met capitalised elsewhere,
    known, or not a common word."""
    line = en.place_date_line(words)
    if line or en.shouting(words):
        return line  # in a headline in capitals only known names count (`match_known`)
    spans = []
    i = 0
    n = len(words)
    opener = 0  # index of the word that opens the sentence (after a dateline)
    for s, e, t in en.dateline(words):
        spans.append((s, e, t))
        opener = e
    if spans:
        opener = next(k for k in range(spans[-1][1], n) if words[k] in {"-", "–", "—", ":"}) + 1
        i = opener
    while i < n:
        if not _cap(words[i]) or _stop(words[i]) or words[i].endswith(("-backed", "-led")):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _cap(words[j]) and not _stop(words[j]):
                j += 1
            elif (words[j].lower() in _CONNECT and j + 1 < n and _cap(words[j + 1])
                  and not _stop(words[j + 1])):
                j += 2
            elif (words[j] in en.NAME_PARTICLES and j + 1 < n and _cap(words[j + 1])
                  and not _stop(words[j + 1])):
                j += 2  # "Erik ten Hag"
            elif (words[j] == "von" and j + 2 < n and words[j + 1] == "der" and _cap(words[j + 2])):
                j += 3  # "Ursula von der Leyen"
            elif (words[j] == "of" and j + 2 < n and words[j + 1] == "the" and _cap(words[j + 2])
                  and not _stop(words[j + 2]) and en.head_type(words[i:j]) == "organization"):
                j += 3  # "International Committee of the Red Cross"
            elif (words[j].lower() in en.BODY_JOINS and j + 1 < n and _cap(words[j + 1])
                  and not _stop(words[j + 1]) and _joins_body(words, i, j)):
                j += 2  # "Ministry of Agriculture and Fisheries"
            else:
                break
        if j < n and words[j] == "," and en.head_type(words[i:j]) == "organization":
            j = _list_tail(words, j)  # "Ministry of Agriculture, Fisheries and Water Resources"
        first_in_sentence = i == opener or words[i - 1] in {"\"", "“", "'", "(", ":", "-", "—", "–"}
        if first_in_sentence and j == i + 1 and (_common_opener(words[i], lower_words, mid_caps)
                                                 or _plural_opener(words, i)):
            i = j
            continue
        if first_in_sentence and j > i + 2 and words[i + 1] == "of" and _plain_opener(words[i]):
            i += 2  # "Shares of Apple", "Residents of Gaza": the name follows "of"
        spans.extend(_type_english(words, i, j))
        i = j
    return _coordinated(words, spans)


_VERBS_AFTER_PLURAL = {"are", "were", "have", "had", "will", "would", "could", "say", "said", "fear",
                       "want", "say", "hope", "expect", "remain", "continue", "gather", "fled", "held"}


def _plural_opener(words: list[str], i: int) -> bool:
    """"Clashes erupted", "Donors pledged": a sentence's first word that looks like a
    plural noun, followed by a verb, and known as no name ("Emirates airline" stays)."""
    w = words[i]
    verb = words[i + 1].lower() if i + 1 < len(words) else ""
    return (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w[1:].islower()
            and (verb.endswith("ed") or verb in _VERBS_AFTER_PLURAL)
            and (lex.fold(w),) not in lex.known_names() and not en.is_media([w])
            and not lex.in_set(w, lex.first_names()))


def _plain_opener(word: str) -> bool:
    """A sentence's first word before "of" that names nothing by itself: not a head of a
    body or place, a title, a given name or a known name."""
    w = word.lower()
    return not (w in en.ORG_HEADS or w in en.GEO_HEADS or w in en.GROUP_HEADS or _title(word)
                or lex.in_set(word, lex.first_names()) or (lex.fold(word),) in lex.known_names())


def _coordinated(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Settle names typed by default ("organization?"): a name joined by "and", "or" or a
    comma to a place is a place too ("in Khartoum and Darfur"); else an organisation."""
    out = []
    for n, (s, e, t) in enumerate(spans):
        if t == "organization?":
            t = "organization"
            for m, side in ((n - 1, s - 1), (n + 1, e)):
                if 0 <= m < len(spans) and spans[m][2] == "place" and 0 <= side < len(words) \
                        and words[side].lower() in {"and", "or", ","} \
                        and (spans[m][1] == s - 1 if m < n else spans[m][0] == e + 1):
                    t = "place"
        out.append((s, e, t))
    return out


def _list_tail(words: list[str], j: int) -> int:
    """End of ", Fisheries and Water Resources" (capitalised items closed by "and") at
    `j`, or `j` itself when no such list follows."""
    k = j
    while k < len(words) and words[k] == ",":
        m = k + 1
        while m < len(words) and _cap(words[m]) and not _stop(words[m]):
            m += 1
        if m == k + 1:
            return j
        if m < len(words) and words[m] == "and":
            e = m + 1
            while e < len(words) and _cap(words[e]) and not _stop(words[e]):
                e += 1
            return e if e > m + 1 else j
        k = m
    return j


def _joins_body(words: list[str], i: int, j: int) -> bool:
    """May "and"/"for"/"on" at `j` continue the name begun at `i`? Only inside the name
    of a body: "Commission for Western Asia" (right after the head), "Ministry of
    Agriculture and Fisheries" (the head's complement), "Economic and Social Commission"
    (a head in the capitalised run after it). Not "Suez Canal Authority and Oman"."""
    joiner = words[j].lower()
    lowered = [w.lower().rstrip(".") for w in words[i:j]]
    if joiner in {"for", "on"}:
        return lowered[-1] in en.ORG_HEADS
    k = j + 1
    while k < len(words) and _cap(words[k]) and not _stop(words[k]):
        k += 1
    if en.head_type(words[j + 1:k]) == "organization":
        return True
    return "of" in lowered and lowered[0] in en.ORG_HEADS and k < len(words) and words[k] != "of"


def _common_opener(word: str, lower_words: set[str], mid_caps: set[str] | None) -> bool:
    """A capitalised first word of a sentence that is just a common word."""
    if lex.exact_words() and lex.fold(word) in lex.exact_words() or word.isupper() and len(word) > 1:
        return False
    if mid_caps is not None and word in mid_caps:
        return False
    return word.lower() in lower_words or en.is_common(word) or lex.nationality(word) is not None \
        or word.lower().endswith(("ing", "ly"))


def _type_english(words: list[str], i: int, j: int) -> list[tuple[int, int, str]]:
    """Type one capitalised sequence; a leading title is cut off a person's name."""
    seq = words[i:j]
    lowered = [w.lower().rstrip(".") for w in seq]
    if len(seq) == 1 and (lex.nationality(seq[0]) is not None or en.is_month(seq[0])
                          or en.is_demonym(seq[0])):
        return []  # "Lebanese", "European": adjectives, not actors
    after = words[j].lower() if j < len(words) else ""
    if after == "and" and _role_follows(words, j + 1):
        return []  # "Interior" of "Interior and Municipalities Minister Walid Saadeh"
    head = en.head_type(seq)
    if head == "none":
        return []
    if en.is_media(seq):
        return [(i, j, "organization")]
    # "Defense Secretary Lloyd Austin", "President Joe Biden": the name follows the last title.
    last_title = max((k for k, w in enumerate(seq[:-1]) if _title(w)), default=None)
    if last_title and lex.in_set(seq[0], lex.first_names()) and not _title(seq[0]):
        last_title = None  # "Hassan Sheikh Mohamud": a title word inside a name
    if last_title is not None and len(seq) - last_title - 1 <= 3 and en.head_type(seq[last_title + 1:]) is None:
        return _body_before_title(words, i, i + last_title) + [(i + last_title + 1, j, "person")]
    # "Secretary of State Antony Blinken": the name starts at the first given name.
    for k, w in enumerate(seq):
        if k and lex.in_set(w, lex.first_names()) and any(_title(x) for x in seq[:k]) and head is None:
            return [(i + k, j, "person")]
    if head is not None:
        return [(i, j, head)]
    if after in en.GEO_HEADS:
        return [(i, j + 1, "place")]  # "the Bab el-Mandeb strait"
    if any(w in _EN_GROUP_NOUNS or lex.in_set(w, lex.group_heads()) for w in lowered[1:]) or (
            seq[-1] in lex.group_heads()):
        return [(i, j, "group")]
    if any(lex.in_set(w, lex.org_heads()) for w in seq):
        return [(i, j, "organization")]
    if lex.in_set(seq[0], lex.first_names()) or en.looks_arabic_name(seq) or (
            any(w in {"van", "von", "der", "den", "ten", "ter"} for w in seq[1:-1])):
        return [(i, j, "person")]
    if len(seq) == 1 and seq[0].isupper() and len(seq[0]) > 1:
        return [(i, j, "organization")]  # an acronym
    before = words[i - 1].lower() if i else ""
    if before in _PLACE_PREPS and not any(en.is_common(w) for w in seq) and not (
            before == "to" and i > 1 and words[i - 2].lower() == "according"):
        return [(i, j, "place")]
    speaks = lex.is_cue(after) or lex.in_set(before, lex.titles())
    if all(en.is_common(w) for w in seq) and not speaks:
        return []  # "Water Security", "Freight": capitalised common words
    if len(seq) == 1 and _camel(seq[0]):
        return [(i, j, "organization")]  # "TotalEnergies", "ExxonMobil"
    if len(seq) in (2, 3) and (lex.nationality(seq[0]) is not None or en.is_demonym(seq[0])):
        return [(i, j, "organization")]  # "Saudi Aramco", "Qatar Airways": not a person
    if len(seq) in (2, 3) and not any(en.is_common(w) for w in seq):
        return [(i, j, "person")]
    if speaks:
        return [(i, j, "person")]
    known = lex.known_names().get(lex.name_keys(" ".join(seq)))
    if known is not None and known.type == "place":
        return [(i, j, "place")]
    return [(i, j, "organization?")]  # by default; `_coordinated` may make it a place


def _camel(word: str) -> bool:
    """A capital inside a word, not after a prefix of names: "TotalEnergies", not
    "McCarthy", "MacArthur", "DeSantis", "al-Assad"."""
    core = word.split("-")[-1]
    return any(c.isupper() for c in core[1:]) and not core.isupper() and not core.startswith(
        ("Mc", "Mac", "De", "La", "Le", "Di", "Al", "El", "O'"))


def _body_before_title(words: list[str], i: int, t: int) -> list[tuple[int, int, str]]:
    """The body named before a title: "UN" of "UN Secretary-General Antonio Guterres",
    "Fed" of "Fed Chair Jerome Powell". Only an acronym, a short name of a body or a
    known name: "Defense" of "Defense Secretary" is part of the title."""
    k = t
    while k > i and _title(words[k - 1]):
        k -= 1  # "Deputy Prime Minister": the whole run is the title
    if k == i:
        return []
    seq = words[i:k]
    known = lex.known_names().get(lex.name_keys(" ".join(seq)))
    if known is not None:
        return [(i, k, known.type)]
    if len(seq) == 1 and ((seq[0].isupper() and len(seq[0]) > 1 and not lex.nationality(seq[0]))
                          or seq[0].lower() in en.SHORT_ORGS):
        return [(i, k, "organization")]
    if en.head_type(seq) == "organization":
        return [(i, k, "organization")]  # "Central Bank Governor ..."
    return []


def _role_follows(words: list[str], k: int) -> bool:
    """Does a capitalised run with a title start at `k`?"""
    while k < len(words) and _cap(words[k]):
        if _title(words[k]):
            return True
        k += 1
    return False


def _title(word: str) -> bool:
    if "-" in word.strip("-"):  # "Secretary-General", "Vice-President"
        return all(_title(p) for p in word.split("-") if p)
    return lex.in_set(word, lex.titles()) or word.lower() in {
        "minister", "spokesman", "spokeswoman", "chair", "chairman", "chairwoman", "general",
        "executive", "ceo"}


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


def english_role(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Title before the name ("Secretary of State", "Foreign Ministry spokesman"), a
    role set off before it ("the meeting's official spokesman, NAME") or an appositive
    after it (", the US secretary of state,"). An honorific ("Mr.") only when nothing
    else is said."""
    before = _title_before(words, start)
    if before is not None and " ".join(words[before[0]:before[1]]).lower() not in en.HONORIFICS:
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
    """"The meeting's official spokesman, Salim bin Hamad Al-Rawahi, said"."""
    if start < 2 or words[start - 1] != "," or not _role_noun(words[start - 2]):
        return None
    k = start - 2
    while k > 0 and start - k < 6 and is_word(words[k - 1]) and words[k - 1].lower() not in _EN_STOP \
            and words[k - 1].lower() != "s":
        k -= 1
    return k, start - 1


def _appositive(words: list[str], end: int) -> tuple[int, int] | None:
    """", the US secretary of state," after the name."""
    if end + 2 < len(words) and words[end] == ",":
        k = end + 1
        while k < len(words) and k - end <= 12 and words[k] not in {",", "."}:
            k += 1
        phrase = words[end + 1:k]
        if (k == len(words) or words[k] in {",", "."}) and any(_role_noun(w) for w in phrase):
            s = end + 1 + (1 if phrase and phrase[0].lower() in {"the", "a", "an"} else 0)
            return s, k
    return None
