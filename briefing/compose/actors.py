"""Actor identity for composition: keys that let one actor meet across articles and
scripts, and the merge of a story's actors into one list named in the story's language."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from briefing.analyze.actors.merge import combine, merge_actors
from briefing.analyze.ner import lexicon as lex
from briefing.models import Actor
from briefing.text.normalize import fold_arabic


def fold_name(text: str) -> str:
    """Matching form of a whole name or phrase: folded Arabic, lower-case Latin."""
    return fold_arabic(text).lower().strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Folded name or alias (any language) -> one id, for cross-language actor matching."""
    table: dict[str, str] = {}
    for entry in lex.alias_items():
        for name in [entry.get("ar"), entry.get("en"), *entry.get("aliases", [])]:
            if name:
                table[fold_name(name)] = entry["id"]
    return table


def _known_id(name: str) -> str | None:
    """The analysers' lexicon id (alias table + CLDR places) when the whole name is known."""
    words = name.split()
    for start, end, entry in lex.match_known(words):
        if start == 0 and end == len(words):
            return entry.id
    return None


@lru_cache(maxsize=100_000)
def actor_key(name: str) -> str:
    """A language-independent key for an actor name: "مسقط" and "MUSCAT" give one key."""
    folded = fold_name(name)
    return _known_id(name) or _aliases().get(folded, folded)


def actor_slug(name: str) -> str:
    """The file name of an actor's page in the archive site: the same for every name that
    gives the same `actor_key`, ASCII only (readable where the key is Latin), stable."""
    key = actor_key(name)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    latin = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:40]
    return f"{latin}-{digest[:6]}" if latin and key.isascii() else digest[:10]


# Consonant skeletons let "السوداني" meet "al-Sudani" and "ترامب" meet "Trump" without a
# transliteration table: vowels, weak letters and the article are dropped, and letters
# that sound alike in both scripts share one symbol.
_AR_SKELETON = str.maketrans(
    {
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "j",
        "ح": "h",
        "خ": "k",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "s",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "غ": "g",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ع": "",
        "ا": "",
        "و": "",
        "ي": "",
        "ء": "",
        "ى": "",
        "ة": "",
    }
)
_LATIN_DIGRAPHS = (("sh", "s"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"))
_LATIN_SKELETON = str.maketrans(
    {
        "p": "b",
        "q": "k",
        "c": "k",
        "g": "g",
        "v": "f",
        "x": "ks",
        "a": "",
        "e": "",
        "i": "",
        "o": "",
        "u": "",
        "y": "",
        "w": "",
    }
)
FULL_SKELETON_LETTERS = 6  # a whole-name skeleton shorter than this is too common to trust


def _word_skeleton(word: str, many: bool) -> str:
    if lex.is_arabic(word[0]):
        word = word[2:] if word.startswith("ال") and len(word) > 4 else word
        skeleton = word.translate(_AR_SKELETON)
    else:
        word = word[2:] if word.startswith("al") and many and len(word) > 4 else word
        for pair, single in _LATIN_DIGRAPHS:
            word = word.replace(pair, single)
        skeleton = word.translate(_LATIN_SKELETON)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _name_words(name: str) -> list[str]:
    # "Al-Rawahi" splits into "al" + "rawahi": the bare article is not a word of the name.
    return [w for w in re.findall(r"[^\W\d_]+", fold_name(name)) if w not in ("al", "el")]


def name_skeleton(name: str) -> str | None:
    """Consonant skeleton of the last word of a person's name, or None if too short."""
    words = re.findall(r"[^\W\d_]+", fold_name(name))
    if not words:
        return None
    skeleton = _word_skeleton(words[-1], len(words) > 1)
    return f"~{skeleton}" if len(skeleton) >= 3 else None


def full_name_skeleton(name: str) -> str | None:
    """Skeleton of every word of a name of two words or more: "سالم بن حمد الرواحي" and
    "Salim bin Hamad Al-Rawahi" meet here though the surname alone is too short."""
    words = _name_words(name)
    if len(words) < 2:
        return None
    skeleton = " ".join(_word_skeleton(w, True) for w in words)
    return f"~{skeleton}" if len(skeleton.replace(" ", "")) >= FULL_SKELETON_LETTERS else None


def actor_keys(actor: Actor) -> frozenset[str]:
    """Every key an actor can be matched by: its known id or folded name, its whole-name
    skeleton, and for a person the surname skeleton. The whole-name skeleton is kept for
    any type, since the English tagger often calls a full personal name an organization."""
    return _keys(actor.name, actor.type == "person")


@lru_cache(maxsize=100_000)
def _keys(name: str, person: bool) -> frozenset[str]:
    keys = {actor_key(name)}
    full = full_name_skeleton(name)
    if full:
        keys.add(full)
    if person:
        skeleton = name_skeleton(name)
        if skeleton:
            keys.add(skeleton)
    return frozenset(keys)


def _written_in(name: str, language: str) -> bool:
    return lex.is_arabic(name) == (language == "ar")


def merge_story_actors(groups: list[list[Actor]], languages: list[str], language: str) -> list[Actor]:
    """The actors of a story's articles (lead article first; `languages` says each
    article's), one per identity, named as the story's `language` names them. Actors its
    articles in that language name come first, then by salience: in an Arabic briefing the
    actors only the English report's tagger found do not crowd out the Arabic ones.

    One path in two steps: the analysers' merge_actors joins what the alias table and
    surnames tell apart; then actors
    sharing any key of `actor_keys` (alias id, name skeleton) are joined, which is what
    brings "محمد شياع السوداني" and "Mohammed Shia al-Sudani" together."""
    merged = merge_actors(groups)

    # Union of actors that share a key; `owner` maps a key to its group's first actor.
    parent = list(range(len(merged)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, actor in enumerate(merged):
        for key in sorted(actor_keys(actor)):
            if key in owner:
                a, b = root(owner[key]), root(index)
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = index
    joined: dict[int, list[Actor]] = {}
    for index, actor in enumerate(merged):
        joined.setdefault(root(index), []).append(actor)

    # merge_actors may have named an Arabic/English pair by the other script ("بغداد" in
    # an English story): the story's own spelling is found again through the keys.
    spelled: dict[str, str] = {}
    home: set[str] = set()
    for group, group_language in zip(groups, languages):
        for actor in group:
            keys = actor_keys(actor)
            if group_language == language:
                home |= keys
            if _written_in(actor.name, language):
                for key in keys:
                    spelled.setdefault(key, actor.name)
    result = []
    for _, actors in sorted(joined.items()):
        at_home = any(actor_keys(a) & home for a in actors)
        result.append((not at_home, _combine(actors, language, spelled)))
    result.sort(key=lambda item: (item[0], -item[1].salience, item[1].name))
    return [actor for _, actor in result]


def _combine(actors: list[Actor], language: str, spelled: dict[str, str]) -> Actor:
    name = next((a.name for a in actors if _written_in(a.name, language)), None)
    if name is None:
        keys = sorted(k for a in actors for k in actor_keys(a))
        name = next((spelled[k] for k in keys if k in spelled), actors[0].name)
    # The first role given wins: one written in the story's language, if any.
    ordered = sorted(actors, key=lambda a: not (a.role and _written_in(a.role, language)))
    return combine(ordered, name=name, type=actors[0].type)
