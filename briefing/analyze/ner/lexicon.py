"""Word lists for finding actors: places, given names, titles, cues, aliases.

Everything is read lazily from `briefing/data/` and cached. Arabic words are compared
through `key()`: folded (`fold_arabic`), lower-cased, and stripped of the proclitics
و/ف + ب/ك/ل + ال, so "وبلينكن", "للولايات" and "بلينكن", "الولايات" meet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

from briefing.text.normalize import fold_arabic
from briefing.text.script import has_arabic

DATA = Path(__file__).resolve().parents[2] / "data"


def is_arabic(word: str) -> bool:
    return has_arabic(word)


@lru_cache(maxsize=200000)
def fold(word: str) -> str:
    """Matching form of one word: folded Arabic, lower-case Latin, no trailing dots."""
    return fold_arabic(word).lower()


@lru_cache(maxsize=200000)
def strip_prefix(word: str) -> tuple[str, str]:
    """Split folded `word` into (proclitics, rest), keeping the article ال in rest.

    Greedy and blind (a name starting with ب loses it too), so only for matching keys
    and features, where every form of a word is cut the same way; "لل" gives
    ("ل", "ال...") because the article's alef is dropped after ل. For display,
    `actors.strip_clitics` decides with word frequencies and the name lists.
    """
    w = fold(word)
    if not is_arabic(w):
        return "", w
    prefix = ""
    if len(w) > 3 and w[0] in "وف":
        prefix, w = w[0], w[1:]
    if len(w) > 3 and w.startswith("لل"):
        return prefix + "ل", "ا" + w[1:]
    if len(w) > 4 and w[0] in "بكل" and w[1:3] == "ال":
        return prefix + w[0], w[1:]
    if len(w) > 3 and w[0] in "بكل" and not w.startswith("ال"):
        return prefix + w[0], w[1:]
    return prefix, w


def strip_article(word: str) -> str:
    """ "الولايات" -> "ولايات" (folded input)."""
    if len(word) > 3 and word.startswith("ال"):
        return word[2:]
    return word


@lru_cache(maxsize=200000)
def variants(word: str) -> tuple[str, ...]:
    """Candidate matching keys of a word, least stripped first."""
    w = fold(word)
    out = [w, strip_article(w)]
    if is_arabic(w):
        if len(w) > 3 and w[0] in "وف":
            out += [w[1:], strip_article(w[1:])]
        _, rest = strip_prefix(w)
        out += [rest, strip_article(rest)]
    seen: list[str] = []
    for v in out:
        if v and v not in seen:
            seen.append(v)
    return tuple(seen) or (word,)


@lru_cache(maxsize=200000)
def key(word: str) -> str:
    """The most stripped matching key of a word ("وللولايات" -> "ولايات")."""
    return variants(word)[-1]


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line)
    return rows


def _word_set(name: str) -> frozenset[str]:
    words = set()
    for line in _lines(name):
        w = fold(line)
        words.add(w)
        words.add(strip_article(w))
        words.add(w.rstrip("."))
    return frozenset(words)


@cache
def first_names() -> frozenset[str]:
    return _word_set("gazetteer-first-names.txt")


@cache
def titles() -> frozenset[str]:
    return _word_set("gazetteer-titles.txt")


@cache
def cues() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("gazetteer-cues.txt"))


@cache
def org_heads() -> frozenset[str]:
    return _word_set("gazetteer-org-heads.txt")


@cache
def group_heads() -> frozenset[str]:
    return _word_set("gazetteer-group-heads.txt")


FIRST, TITLE, ORG, GROUP, NAT, CUE = (1 << n for n in range(6))


@cache
def _mark_table() -> dict[str, int]:
    """Matching key -> bits of the lists it is in (nationalities with their endings)."""
    table: dict[str, int] = {}
    for bit, words in (
        (FIRST, first_names()),
        (TITLE, titles()),
        (ORG, org_heads()),
        (GROUP, group_heads()),
        (NAT, _nationality_forms()),
    ):
        for w in words:
            table[w] = table.get(w, 0) | bit
    return table


@lru_cache(maxsize=200000)
def marks(word: str) -> int:
    """Bits: is any form of `word` a given name, title, organisation or group head,
    nationality (as `in_set` and `nationality` see it), and is it a cue (`is_cue`)?"""
    table = _mark_table()
    bits = 0
    for v in variants(word):
        bits |= table.get(v, 0)
    return bits | (CUE if is_cue(word) else 0)


@lru_cache(maxsize=400000)
def in_set(word: str, words: frozenset[str]) -> bool:
    """Is any form of `word` (with or without clitics) in `words`?"""
    return any(v in words for v in variants(word))


@lru_cache(maxsize=200000)
def is_cue(word: str) -> bool:
    w = fold(word)
    return w in cues() or (is_arabic(w) and len(w) > 3 and w[0] in "وف" and w[1:] in cues())


@dataclass(frozen=True)
class Entry:
    """A known actor: id, type and its names by language."""

    id: str
    type: str
    ar: str
    en: str


def name_keys(name: str) -> tuple[str, ...]:
    """Matching key of a name as written: each word folded, without the article ال."""
    words = re.findall(r"[\w\u064b-\u065f\u0670.'’-]+", name)
    return tuple(strip_article(fold(w)) for w in words if w.strip(".-"))


def _acronym(name: str) -> bool:
    # Short Latin acronyms ("IS", "US") keep their case, so "is" and "us" stay words.
    return len(name) <= 3 and name.isupper()


def alias_items(tagger: bool = False) -> list[dict]:
    """Entries of aliases.json, and unless `tagger` of aliases-more.json too: the Arabic
    tagger's features use only the names it was trained with."""
    items = []
    for name in ("aliases.json",) if tagger else ("aliases.json", "aliases-more.json"):
        path = DATA / name
        if path.exists():
            items += json.loads(path.read_text(encoding="utf-8"))["actors"]
    return items


@cache
def known_names(tagger: bool = False) -> dict[tuple[str, ...], Entry]:
    """Alias tables plus CLDR places, keyed by `name_keys`; the alias tables win.
    `tagger`: only the names the Arabic tagger learned with (see `alias_items`)."""
    table: dict[tuple[str, ...], Entry] = {}
    for line in _lines("gazetteer-places.txt"):
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        entry = Entry(parts[0], "place", parts[1], parts[2])
        for name in parts[1:]:
            k = name_keys(name)
            if k and k not in table:
                table[k] = entry
    for item in alias_items(tagger):
        entry = Entry(item["id"], item["type"], item["ar"], item["en"])
        for name in [item["ar"], item["en"], *item.get("aliases", [])]:
            k = ("=" + name,) if _acronym(name) else name_keys(name)
            if k:
                table[k] = entry
    return table


def _definite(folded: str) -> bool:
    return len(folded) > 3 and folded.startswith("ال")


@cache
def _single_word_articles() -> dict[str, frozenset[bool]]:
    """Key of each one-word Arabic name -> whether it is written with the article ال:
    "القاعدة" is a name, "قاعدة" (a base) is not; "مالي" is, "المالي" (financial) not."""
    forms: dict[str, set[bool]] = {}
    names = [n for line in _lines("gazetteer-places.txt") for n in line.split("\t")[1:2]]
    for item in alias_items(tagger=False):
        names += [item["ar"], *item.get("aliases", [])]
    for name in names:
        words = name.split()
        if len(words) == 1 and is_arabic(name):
            w = fold(words[0])
            forms.setdefault(strip_article(w), set()).add(_definite(w))
    return {k: frozenset(v) for k, v in forms.items()}


@lru_cache(maxsize=200000)
def article_fits(word: str) -> bool:
    """May `word` stand for the one-word known name it matches, as to the article?
    (`match_known` matches without the article, for the tagger's features; actors
    are kept only when this holds.)"""
    table = _single_word_articles()
    allowed = next((table[v] for v in variants(word) if v in table), None)
    return allowed is None or not is_arabic(word) or _definite(strip_prefix(word)[1]) in allowed


@cache
def _by_first_word(tagger: bool = False) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for k in known_names(tagger):
        index.setdefault(k[0], []).append(k)
    for names in index.values():
        names.sort(key=len, reverse=True)
    return index


@lru_cache(maxsize=200000)
def _word_keys(word: str) -> frozenset[str]:
    if _acronym(word):
        return frozenset({"=" + word})
    return frozenset(variants(word))


@lru_cache(maxsize=200000)
def may_start_known(word: str, tagger: bool = False) -> bool:
    """Could a known name start with this word? (Cheap test before `match_known`.)"""
    index = _by_first_word(tagger)
    return any(k in index for k in _word_keys(word))


def match_known(words: list[str], tagger: bool = False) -> list[tuple[int, int, Entry]]:
    """Longest known names in a word sequence: (start, end, entry), end exclusive.
    Any word may carry proclitics ("وللولايات المتحدة"); the rest must match exactly.
    `tagger`: only the names the Arabic tagger learned with."""
    return list(_match_known(tuple(words), tagger))


@lru_cache(maxsize=2048)
def _match_known(words: tuple[str, ...], tagger: bool) -> tuple[tuple[int, int, Entry], ...]:
    # Cached: the tagger and the actor rules ask about the same sentences.
    if not any(map(may_start_known, words, repeat(tagger))):
        return ()
    table = known_names(tagger)
    index = _by_first_word(tagger)
    cand = list(map(_word_keys, words))
    found = []
    i = 0
    while i < len(words):
        hit = None
        for v in cand[i]:
            for k in index.get(v, ()):
                n = len(k)
                if i + n <= len(words) and all(k[j] in cand[i + j] for j in range(1, n)):
                    if hit is None or n > hit[1] - hit[0]:
                        hit = (i, i + n, table[k])
                    break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return tuple(found)


@cache
def exact_words() -> frozenset[str]:
    """Folded words of known names and given names, exactly as written (no stripping)."""
    words = set(first_names())
    for line in _lines("gazetteer-places.txt"):
        words.update(fold(w) for name in line.split("\t")[1:] for w in name.split())
    for item in alias_items(tagger=True):
        for name in [item["ar"], item["en"], *item.get("aliases", [])]:
            words.update(fold(w) for w in name.split())
    return frozenset(words)


@cache
def nationalities() -> dict[str, Entry]:
    """Folded nationality adjective (masculine; feminine and plural via `nationality`) -> place."""
    out: dict[str, Entry] = {}
    for item in alias_items(tagger=True):
        entry = Entry(item["id"], item["type"], item["ar"], item["en"])
        for adj in item.get("adjectives", []):
            out[fold(adj)] = entry
    return out


@cache
def _nationality_forms() -> dict[str, Entry]:
    """Every adjective with each feminine / plural ending -> its place (first ending wins)."""
    forms: dict[str, Entry] = {}
    for ending in ("", "ه", "ين", "ون", "ان", "يه"):
        for adj, entry in nationalities().items():
            forms.setdefault(adj + ending, entry)
    return forms


def nationality(word: str) -> Entry | None:
    """ "الأميركية", "أميركيان", "Iranian" -> the place entry, else None."""
    forms = _nationality_forms()
    for v in variants(word):
        if v in forms:
            return forms[v]
    return None
