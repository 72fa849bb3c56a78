"""One actor from its grouped mentions: type, canonical name, role, affiliation, salience."""

from __future__ import annotations

import re
from collections import Counter

from briefing.analyze.actors import english as en
from briefing.analyze.actors import rules as rules
from briefing.analyze.actors import rules_en as rules_en
from briefing.analyze.actors import tidy as tidy
from briefing.analyze.actors.spans import Span, name_key, strip_clitics
from briefing.analyze.ner import lexicon as lex
from briefing.models import Actor, Mention
from briefing.text.tokenizer import Token


def _surface(tokens: list[Token], text: str, sp: Span) -> tuple[int, str]:
    """Mention start (clitics cut where the rest is a substring) and the display name."""
    first = tokens[sp.start]
    prefix, rest = strip_clitics(first.text)
    end = tokens[sp.end - 1].end
    tail = text[first.end : end]
    name = rest + tail
    if first.text.endswith(rest):
        return first.start + len(prefix), name
    return first.start + max(len(prefix) - 1, 0), name  # "للولايات": keep one ل in the span


def build_actor(
    group: list[Span], tokens, words, sentence_of, text, title_keys, lead_end, arabic, people: set[int]
) -> Actor | None:
    types = Counter()
    entry = None
    for sp in group:
        weight = 3 if sp.entry is not None else (2 if sp.source == "rule" else 1)
        types[sp.type] += weight
        entry = entry or sp.entry
    typ = entry.type if entry is not None else types.most_common(1)[0][0]
    mentions, names = [], Counter()
    for sp in sorted(group, key=lambda x: x.start):
        start, name = _surface(tokens, text, sp)
        end = tokens[sp.end - 1].end
        mentions.append(Mention(text[start:end], start, end))
        names[(sp.end - sp.start, name)] += 1
    if entry is not None:
        canonical = entry.ar if arabic else entry.en
    else:
        canonical = max(names.items(), key=lambda kv: (kv[0][0], kv[1]))[0][1]
    canonical = re.sub(r"\s+", " ", canonical).strip(" \"'«»“”()")
    if not arabic and typ == "place" and canonical.isupper() and len(canonical) > 4:
        canonical = canonical.title()  # a dateline's "MANAMA"
    if not canonical:
        return None
    role = affiliation = None
    if typ == "person":
        role, affiliation = _role(group, tokens, words, sentence_of, text, arabic, people)
    if affiliation is None:
        affiliation = _nationality_in(canonical, arabic)
    salience = float(len(mentions))
    if title_keys and any(name_key(words[sp.end - 1]) in title_keys for sp in group):
        salience += 2.0
    if any(m.start < lead_end for m in mentions):
        salience += 1.0
    return Actor(
        name=canonical, type=typ, mentions=tuple(mentions), role=role, salience=salience, affiliation=affiliation
    )


def lead_end(text: str) -> int:
    """End of the lead: the first paragraph, or the first 400 characters if longer."""
    cut = text.find("\n\n")
    return min(cut if cut > 0 else len(text), 400)


def _role(group, tokens, words, sentence_of, text, arabic, people) -> tuple[str | None, str | None]:
    """The first title the text gives the person, and the affiliation inside it (an
    Arabic role starts at a title and after any other person named in it)."""
    honorific = None
    for sp in sorted(group, key=lambda x: x.start):
        lo = sp.start
        while lo > 0 and sentence_of[lo - 1] == sentence_of[sp.start]:
            lo -= 1
        hi = sp.end
        while hi < len(words) and sentence_of[hi] == sentence_of[sp.start]:
            hi += 1
        local = words[lo:hi]
        found = (
            rules.arabic_role(local, sp.start - lo)
            if arabic
            else rules_en.english_role(local, sp.start - lo, sp.end - lo)
        )
        if found and not arabic and " ".join(local[found[0] : found[1]]).lower() in en.HONORIFICS:
            honorific = honorific or (found[0] + lo, found[1] + lo)
            continue  # "Mr.": look for a real role at the other mentions first
        if found:
            s, e = found[0] + lo, found[1] + lo
            if arabic:
                s = tidy.role_start(words, s, e, people)
                if s is None:
                    continue
            role_text = text[tokens[s].start : tokens[e - 1].end]
            if arabic:
                prefix, rest = strip_clitics(tokens[s].text)
                role_text = role_text[len(prefix) :] if tokens[s].text.startswith(prefix) else role_text
            role_text = tidy.clean_role(role_text)
            if role_text:
                return role_text, _affiliation(words[s:e], arabic)
    if honorific:
        s, e = honorific
        return text[tokens[s].start : tokens[e - 1].end], None
    return None, None


def _affiliation(role_words: list[str], arabic: bool) -> str | None:
    for _start, _end, entry in lex.match_known(role_words):
        if entry.type != "person":
            return entry.ar if arabic else entry.en
    for w in role_words:
        place = lex.nationality(w)
        if place is not None:
            return place.ar if arabic else place.en
    return None


def _nationality_in(name: str, arabic: bool) -> str | None:
    for w in name.split()[1:]:
        place = lex.nationality(w)
        if place is not None:
            return place.ar if arabic else place.en
    return None
