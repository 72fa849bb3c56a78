"""ROUGE-1, ROUGE-2 and ROUGE-L F1, with the same Arabic-aware tokens on both sides.

Tokens are `briefing.text.tokens.words`: lower case, Arabic folded (EASC references
have hamza stripped, so the candidate must be folded too), no stemming, no stop-word
removal. With several references the F1 scores are averaged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing.text.tokens import words


@dataclass(frozen=True)
class Rouge:
    """F1 scores in [0, 1]."""

    rouge1: float
    rouge2: float
    rougeL: float


def tokens(text: str, language: str) -> list[str]:
    """The tokens ROUGE compares."""
    return words(text, language)


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    precision = overlap / candidate
    recall = overlap / reference
    return 2 * precision * recall / (precision + recall)


def _ngrams(items: list[str], n: int) -> Counter:
    return Counter(tuple(items[i : i + n]) for i in range(len(items) - n + 1))


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    """ROUGE-N F1 of two token lists (clipped n-gram counts)."""
    cand, ref = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((cand & ref).values())
    return _f1(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (two-row dynamic programme)."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    """ROUGE-L F1 over the whole summary as one token sequence."""
    return _f1(lcs_length(candidate, reference), len(candidate), len(reference))


def score(candidate: str, references: list[str], language: str) -> Rouge:
    """ROUGE F1 of `candidate` against `references` (averaged over references)."""
    cand = tokens(candidate, language)
    refs = [tokens(r, language) for r in references if r.strip()]
    if not refs:
        return Rouge(0.0, 0.0, 0.0)
    r1 = sum(rouge_n(cand, r, 1) for r in refs) / len(refs)
    r2 = sum(rouge_n(cand, r, 2) for r in refs) / len(refs)
    rl = sum(rouge_l(cand, r) for r in refs) / len(refs)
    return Rouge(r1, r2, rl)
