"""Key points: extractive summaries of one article, by a method chosen by name.

`METHODS` is the registry: "default" (ours, built for news: briefing.analyze.newsrank),
"lead" (the first sentences) and sumy's summarizers run on our own segmentation, so
each sumy sentence maps 1:1 to one of ours and every key point keeps its offsets.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.models import KeyPoint, Sentence
from briefing.text.language import UNDETERMINED, detect_language
from briefing.text.segment import split_sentences

# (sentence index, score) pairs chosen by a method.
Picks = list[tuple[int, float]]


@dataclass(frozen=True)
class Document:
    """What every method sees: the text, its title, language and sentences."""

    text: str
    title: str
    language: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Method:
    """One summarization method: `select(document, count)` -> picks."""

    name: str
    description: str
    select: Callable[[Document, int], Picks]
    requires: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return all(importlib.util.find_spec(module) for module in self.requires)

    def disabled_message(self) -> str:
        missing = [m for m in self.requires if not importlib.util.find_spec(m)]
        return (
            f"key-point method {self.name!r} needs {', '.join(missing)}: "
            f"install it with `pip install {' '.join(missing)}`"
        )


def _lead(document: Document, count: int) -> Picks:
    return [(s.index, 1.0 / (1 + s.index)) for s in document.sentences[:count]]


# sumy's quadratic methods (and KL's slow search) stay fast on this many sentences.
SUMY_MAX_SENTENCES = 300


def _sumy(name: str) -> Callable[[Document, int], Picks]:
    def select(document: Document, count: int) -> Picks:
        from briefing.text.tokens import sumy_document

        sentences = document.sentences[:SUMY_MAX_SENTENCES]
        sumy_doc, index_of = sumy_document(sentences, document.language, document.title)
        summarizer = _sumy_summarizer(name, document.language, bool(document.title.strip()))
        chosen = summarizer(sumy_doc, count)
        # sumy returns sentences in article order without scores: rank by order.
        return [(index_of[id(s)], 1.0) for s in chosen if id(s) in index_of]

    return select


def _sumy_summarizer(name: str, language: str, has_title: bool):
    """A configured sumy summarizer: our stemmer and stop words (the one adapter)."""
    from briefing.text.tokens import stop_words, sumy_stemmer

    stemmer = sumy_stemmer(language)
    stops = stop_words(language)
    if name == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        # No cue words exist for news in our languages: title and location only.
        summarizer = EdmundsonSummarizer(
            stemmer, cue_weight=0.0, key_weight=0.0, title_weight=1.0 if has_title else 0.0, location_weight=1.0
        )
        summarizer.null_words = stops or {"the"}
        return summarizer
    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif name == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif name == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif name == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif name == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif name == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    else:
        raise ValueError(f"no sumy summarizer named {name!r}")
    summarizer = cls(stemmer)
    summarizer.stop_words = stops
    return summarizer


def _default(document: Document, count: int) -> Picks:
    from briefing.analyze.keypoints.newsrank import rank_news

    return rank_news(document, count)


METHODS: dict[str, Method] = {
    "default": Method("default", "learned news ranker (position, centrality, headline, MMR)", _default),
    "lead": Method("lead", "the first sentences of the article", _lead),
    "lexrank": Method("lexrank", "sumy LexRank", _sumy("lexrank"), ("numpy",)),
    "textrank": Method("textrank", "sumy TextRank", _sumy("textrank"), ("numpy",)),
    "lsa": Method("lsa", "sumy LSA", _sumy("lsa"), ("numpy",)),
    "luhn": Method("luhn", "sumy Luhn", _sumy("luhn")),
    "edmundson": Method("edmundson", "sumy Edmundson (title + location)", _sumy("edmundson")),
    "kl": Method("kl", "sumy KL-Sum", _sumy("kl")),
    "sumbasic": Method("sumbasic", "sumy SumBasic", _sumy("sumbasic")),
}


def get_method(name: str) -> Method:
    """The method registered as `name`; ValueError naming the choices otherwise."""
    method = METHODS.get(name)
    if method is None:
        raise ValueError(f"unknown key-point method {name!r}; available: {', '.join(METHODS)}")
    if not method.enabled:
        raise ValueError(method.disabled_message())
    return method


def sentences_for(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences of `text` (language detected when not given)."""
    return split_sentences(text, language or detect_language(text))


def key_points(
    text: str,
    *,
    title: str = "",
    language: str | None = None,
    method: str = "default",
    points: int | None = None,
    ratio: float | None = None,
    max_words: int | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> list[KeyPoint]:
    """Key points of `text`, in article order, with offsets into `text`.

    Length: `points` wins, else `ratio` of the sentences, else a `max_words` budget,
    else 3 to 5 points depending on the length of the article. `sentences`: the text
    already split in `language` (`text.parsed`), so it is not split again.
    """
    chosen = get_method(method)
    if not text.strip():
        return []
    language = language or detect_language(text)
    sentences = tuple(split_sentences(text, language) if sentences is None else sentences)
    if not sentences:
        return []
    count = _count(sentences, points, ratio, max_words)
    document = Document(text, title, language if language != UNDETERMINED else "und", sentences)
    picks = chosen.select(document, count)
    if max_words is not None and points is None and ratio is None:
        picks = _within_budget(picks, sentences, max_words)
    picks = sorted(dict(picks).items())
    out = []
    for i, score in picks:
        sentence = sentences[i]
        skip = dateline_end(sentence.text, first=i == 0)
        out.append(KeyPoint(i, sentence.start + skip, sentence.end, sentence.text[skip:], round(score, 4)))
    return out


# A dateline opening a news sentence: a place of a few words (with a date, in English)
# and the agency in brackets before a dash or colon: "BEIRUT (Reuters) - ", "أتلانتا،
# الولايات المتحدة الأمريكية (CNN)-- ", "(CNN) -- "; or the place, a dash and the
# outlet before a colon: "دبي - العربية.نت: ".
_DATELINE = re.compile(
    r"^(?:[^\s().:؟!?\-–—][^().:؟!?\-–—]{0,60}?\s*)?\((?P<agency>[^()]{1,40})\)\s*(?:-{1,2}|–|—|:)\s*"
    r"|^[^\s().:؟!?\-–—][^().:؟!?\-–—]{0,30}?\s[-–—]\s(?P<outlet>[^\s():؟!?\-–—][^():؟!?\-–—]{0,30}?):\s*"
)
_DATELINE_WORDS = 7  # at most this many words before the dash
# Agencies Arabic reports name in a dateline's brackets (Latin names pass as written).
_AGENCIES = frozenset(
    """
رويترز فرانس برس أ ف ب ا ف ب أ.ف.ب د ب أ أ ب أسوشيتد الأناضول واس وام قنا كونا سانا وفا بترا
بنا العمانية الأناضول إرنا ارنا شينخوا تاس نوفوستي سبوتنيك الألمانية الفرنسية الرسمية
""".split()
)


def _is_place(name: str) -> bool:
    from briefing.analyze.ner import lexicon as lex

    entry = lex.known_names().get(lex.name_keys(name))
    return (entry is not None and entry.type == "place") or (name.isupper() and name.replace(" ", "").isalpha())


def _agency_like(name: str) -> bool:
    """A news agency or outlet: a short name, Latin ("Reuters", "CNN") or one of the
    Arabic agencies; never a phrase ("في تصريح")."""
    words = name.replace("،", " ").split()
    if not words or len(words) > 4:
        return False
    if any(c.isascii() and c.isalpha() for c in name):
        return all(w[:1].isupper() or not w[:1].isalpha() for w in words)  # "Reuters", "Example Wire"
    return all(w.strip(".") in _AGENCIES for w in words)


_PLACE_DASH = re.compile(r"^(?P<place>[^\s\-–—:.()]+(?: [^\s\-–—:.()]+){0,2}) [-–—] ")


def dateline_end(text: str, *, first: bool = False) -> int:
    """Characters of `text` taken by an opening dateline (0 if none). A key point is
    shown from the sentence's first word of news, still a span of the article. The
    article's first sentence may also open with a known place and a dash ("مسقط - ",
    "BEIRUT - ")."""
    if first:
        match = _PLACE_DASH.match(text)
        if match and _is_place(match.group("place")) and len(text[match.end() :].split()) >= 4:
            return match.end()
    match = _DATELINE.match(text)
    if not match or len(match.group(0).split()) > _DATELINE_WORDS + 2:
        return 0
    name = match.group("agency") or match.group("outlet") or ""
    if not _agency_like(name) and not (match.group("outlet") and "." in name):
        return 0
    rest = text[match.end() :]
    return match.end() if len(rest.split()) >= 4 else 0


def _count(sentences: tuple[Sentence, ...], points: int | None, ratio: float | None, max_words: int | None) -> int:
    total = len(sentences)
    if points is not None:
        if points < 0:
            raise ValueError(f"points must be >= 0, got {points}")
        return min(points, total)
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], got {ratio}")
        return max(1, min(total, round(ratio * total)))
    if max_words is not None:
        if max_words <= 0:
            raise ValueError(f"max_words must be > 0, got {max_words}")
        mean = sum(len(s.text.split()) for s in sentences) / total
        # Ask for a little more than fits; `_within_budget` trims by score.
        return max(1, min(total, round(max_words / max(mean, 1.0)) + 1))
    # A short article needs fewer points than a long one.
    return min(total, 3 if total < 15 else 4 if total < 40 else 5)


def _within_budget(picks: Picks, sentences: tuple[Sentence, ...], max_words: int) -> Picks:
    """The best-scored picks whose words fit in `max_words` (at least one pick)."""
    kept: Picks = []
    used = 0
    for index, score in sorted(picks, key=lambda p: -p[1]):
        size = len(sentences[index].text.split())
        if kept and used + size > max_words:
            continue
        kept.append((index, score))
        used += size
    return kept
