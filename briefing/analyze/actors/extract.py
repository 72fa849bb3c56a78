"""Actors of an article: people, organisations, groups and places, with their mentions,
one canonical name each, the role or title the text gives, affiliation and salience.

Arabic: the CRF tagger (`ner/tagger.py`) plus the alias table, CLDR places and group
rules. English and other Latin-script languages: the English CRF tagger (`ner/english.py`,
learned from CoNLL-2003); the alias table only names what the tagger found, or adds a
name it did not touch. Rules are kept only for what annotated names cannot teach: the
title or role of a person (`rules_en.english_role`), a surname alone belonging to the
full name in the article. Names found once are looked for again in the whole article, so
a surname or an acronym met later belongs to the same actor.

The steps, one module each: `spans` (candidates of a sentence and the choice among them),
`linking` (a name found again, surnames, acronyms, mentions grouped into actors), `actor`
(name, type, role and salience of one actor). `actor_views` gives both lists a briefing
needs from one tagging: the named actors it lists, and every actor, described groups
included, among whom quotes find their speakers.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.analyze.actors import linking as linking
from briefing.analyze.actors import tidy as tidy
from briefing.analyze.actors.actor import build_actor, lead_end
from briefing.analyze.actors.spans import Span, find_spans, name_key, resolve, strip_clitics
from briefing.analyze.ner import english as ner_en
from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner
from briefing.models import Actor
from briefing.text.parsed import Parsed
from briefing.text.tokenizer import Token, split_token_sentences, tokenize

__all__ = ["actor_views", "extract_actors", "strip_clitics"]


def _arabic_text(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(lex.is_arabic(c) for c in letters) > len(letters) / 2


@dataclass(frozen=True)
class _Tagged:
    """An article tokenised, split into sentences and tagged once; both views of its
    actors (`actor_views`) start from here."""

    text: str
    tokens: list[Token]
    sentence_words: list[list[str]]
    labels: list[list[str]]
    arabic: bool
    # Candidate spans of each sentence (`find_spans`, before `resolve`) and the name key of
    # each token: the same for both views, so found once. Neither is changed afterwards.
    candidates: list[list[Span]]
    keys: tuple[str, ...]


def _tag(text: str, language: str, parsed: Parsed | None = None) -> _Tagged:
    if parsed is not None and parsed.text == text:
        tokens = list(parsed.tokens)
        sentences = [list(s) for s in parsed.token_sentences]
    else:
        tokens = tokenize(text)
        sentences = split_token_sentences(text, tokens)
    arabic = language == "ar" or (language not in ("en",) and _arabic_text(text))
    sentence_words = [[t.text for t in sent] for sent in sentences]
    if arabic and ner.model_available():
        labels = ner.tag_document(sentence_words)
    elif not arabic and ner_en.model_available():
        labels = ner_en.tag_tokens(sentences)
    else:
        labels = [[] for _ in sentences]
    candidates = [find_spans(words, arabic, labels[n]) for n, words in enumerate(sentence_words)]
    keys = tuple(map(name_key, [t.text for t in tokens]))
    return _Tagged(text, tokens, sentence_words, labels, arabic, candidates, keys)


def extract_actors(text: str, *, title: str = "", language: str = "ar", named_only: bool = False) -> list[Actor]:
    """Actors of `text` sorted by salience; mention offsets index `text`.

    `named_only` leaves out groups described but not named ("الجيش الأميركي",
    "the Iraqi government"): the named-entity view that CoNLL corpora annotate.

    The title is not searched for mentions (offsets index `text` only) but an actor named
    in it gains salience.
    """
    if not text or not text.strip():
        return []
    return _actors(_tag(text, language), title, named_only)


def actor_views(
    text: str, *, title: str = "", language: str = "ar", parsed: Parsed | None = None
) -> tuple[list[Actor], list[Actor]]:
    """(named, every): the actors the text names, which a briefing lists, and every actor
    including groups it only describes ("مسلحون", "الجيش الأميركي", "protesters"), which
    may still be the speaker of a quote. The text is tagged once for both; `parsed`
    (`text.parsed`) gives its tokens, so it is not tokenized again."""
    if not text or not text.strip():
        return [], []
    tagged = _tag(text, language, parsed)
    return _actors(tagged, title, True), _actors(tagged, title, False)


def _actors(tagged: _Tagged, title: str, named_only: bool) -> list[Actor]:
    text, tokens, arabic = tagged.text, tagged.tokens, tagged.arabic
    spans: list[Span] = []
    base = 0
    sentence_of: list[int] = []
    for n, words in enumerate(tagged.sentence_words):
        for sp in resolve(tagged.candidates[n], named_only, words):
            spans.append(Span(sp.start + base, sp.end + base, sp.type, sp.source, sp.entry))
        sentence_of += [n] * len(words)
        base += len(words)
    words = [t.text for t in tokens]
    keys = list(tagged.keys)
    if not arabic:  # English names are capitalised: "water security" is not "Water Security"
        keys = [k if w[:1].isupper() or not w[:1].isalpha() else "~" + k for k, w in zip(keys, words)]
    if arabic:
        spans = [
            Span(a, b, sp.type, sp.source, sp.entry)
            for sp in spans
            for a, b in (
                tidy.person_parts(words, sp.start, sp.end)
                if sp.type == "person" and sp.entry is None
                else [(sp.start, sp.end)]
            )
        ]
    else:
        spans = linking.surnames(keys, spans)
    spans = linking.spread(words, keys, spans)
    if arabic:
        spans = linking.join_persons(words, sentence_of, spans)
    spans = linking.acronyms(words, spans)
    groups = linking.group_mentions(spans, words, keys)
    title_keys = {name_key(t.text) for t in tokenize(title)} if title else set()
    lead = lead_end(text)
    people = {k for sp in spans if sp.type == "person" for k in range(sp.start, sp.end)}
    actors = [build_actor(g, tokens, words, sentence_of, text, title_keys, lead, arabic, people) for g in groups]
    found = [a for a in actors if a is not None]
    found.sort(key=lambda a: (-a.salience, a.mentions[0].start))
    return found
