"""A story's best quotes, shown under its points: who said what, and in which outlet.

Only quotes with a speaker are candidates. The best come first: a speaker who is a
named actor of the article (not only a description such as "a military spokesman"),
a statement of a readable length, then the longer one. The chosen quotes differ in
outlet and in speaker where the story allows, and a statement carried by two outlets
is shown once.
"""

from __future__ import annotations

from briefing.models import Analysis, Article, Quote
from briefing.text.tokens import words

QUOTES_PER_STORY = 2
_SHORTEST, _LONGEST = 6, 60  # words: shorter says little, longer is a paragraph


def _score(quote: Quote, language: str) -> tuple:
    n = len(words(quote.text, language))
    readable = _SHORTEST <= n <= _LONGEST
    return (quote.speaker_id is not None, readable, min(n, _LONGEST))


def _same_statement(a: str, b: str, language: str) -> bool:
    wa, wb = set(words(a, language)), set(words(b, language))
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def story_quotes(
    items: list[tuple[Article, Analysis | None]], limit: int = QUOTES_PER_STORY, language: str | None = None
) -> tuple[tuple[str, Quote], ...]:
    """Up to `limit` (article id, quote) pairs for a story from its articles' analyses,
    best first; quotes in `language` (the story's) before others."""
    candidates = []
    for article, analysis in items:
        if analysis is None:
            continue
        for quote in analysis.quotes:
            if quote.speaker and len(words(quote.text, article.language)) >= 3:
                own = language is None or article.language == language
                candidates.append(((own, *_score(quote, article.language)), article, quote))
    candidates.sort(key=lambda c: c[0], reverse=True)
    chosen: list[tuple[Article, Quote]] = []
    for strict in (True, False):  # first: a new outlet and a new speaker; then any
        for _, article, quote in candidates:
            if len(chosen) >= limit:
                break
            if any(q is quote for _, q in chosen):
                continue
            if any(_same_statement(quote.text, q.text, article.language) for _, q in chosen):
                continue
            if strict and any(
                a.source == article.source or (q.speaker_id or q.speaker) == (quote.speaker_id or quote.speaker)
                for a, q in chosen
            ):
                continue
            chosen.append((article, quote))
    return tuple((article.id, quote) for article, quote in chosen)
