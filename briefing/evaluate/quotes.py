"""Score quotes ("who said what") against gold written under quotes-guide.md.

Input: the articles as JSONL ({id, lang?, title?, text}) and the gold as a JSON object
{id: [{"speaker": ..., "quote": ...}]}, each gold quote a verbatim substring of `text`.
Every article is analysed exactly as `briefing summarize` does (`analyze_text`), so
the score is what users get.

Matching, as the guide defines it:
- a predicted quote FINDS a gold quote when their character spans overlap by at least
  half of the shorter one (a gold quote repeated in the text may be found at any of its
  places);
- it is attributed right ("who said what") when it finds a gold quote and the two
  speakers share a name word after folding (hamza/alef/ya/ta marbuta, diacritics, case),
  dropping a leading clitic, and ignoring role and function words (or are written the
  same way: "U.S. officials" is "U.S. officials", though it has no name word).
Spans: precision = predictions that find a gold quote / predictions; recall = gold
quotes found / gold quotes. Who said what: the same with the speaker condition; a
prediction with no speaker is a prediction that is never right (strict). The
"attributed" precision leaves those out. Direct quotes are the gold quotes that stand
between quotation marks in the text; their speaker accuracy is the share of them
found with the right speaker.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.text.normalize import fold_arabic

_OPENERS = "\"'“‘«"
_CLOSERS = "\"'”’»"
# Words that name a role or join a name, not the person: ignored when speakers are compared.
_ROLE_WORDS = frozenset(
    fold_arabic(w).lower()
    for w in """
minister ministry spokesman spokeswoman spokesperson official officials president prime
secretary general chief head leader director chairman chairwoman ambassador envoy senator
governor mayor king queen prince sheikh commander officer representative deputy vice
foreign defense defence interior state former senior top the a an of and for in at to on by
mr mrs ms dr sir lt gen col maj capt sgt adm gov sen rep prof president's
وزير وزيرة وزاره الوزير الوزيرة الوزاره المتحدث متحدث الناطق ناطق باسم رئيس الرئيس رئيسة
الرئيسة رئاسه الامين امين العام عام مدير المدير قائد القائد زعيم الزعيم سفير السفير مبعوث
المبعوث الملك ملك الامير امير الشيخ شيخ نائب النائب مسؤول المسؤول مسؤولة وكيل عضو
الخارجيه خارجيه الدفاع دفاع الداخليه داخليه الوزراء وزراء حكومه الحكومه السابق سابق
في من على عن الى إلى مع و ال بن ابن ابو أبو لدى عند
""".split()
)
_WORD = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    return fold_arabic(text).lower()


def _word_keys(word: str) -> set[str]:
    """Matching keys of one folded word: itself, without a leading clitic (و ف ب ل ك)
    and without the article ال."""
    keys = {word}
    if len(word) > 3 and word[0] in "وفبلك":
        keys.add(word[1:])
    for w in list(keys):
        if len(w) > 4 and w.startswith("ال"):
            keys.add(w[2:])
        if len(w) > 3 and w.startswith("لل"):
            keys.add(w[2:])
    return keys


def name_words(speaker: str | None) -> set[str]:
    """The name words of a speaker, as keys to compare (role and function words dropped)."""
    if not speaker:
        return set()
    out: set[str] = set()
    for word in _WORD.findall(_fold(speaker)):
        if word.isdigit():
            continue
        keys = _word_keys(word)
        if keys & _ROLE_WORDS:
            continue
        out |= {k for k in keys if len(k) > 1}
    return out


def _plain_words(speaker: str) -> list[str]:
    return [w for w in _WORD.findall(_fold(speaker)) if w not in {"the", "a", "an"}]


def same_speaker(a: str | None, b: str | None) -> bool:
    """Do two speakers share a name word (after folding, clitics, role words)? Two
    speakers written the same way ("U.S. officials") are the same too."""
    if not a or not b:
        return False
    return bool(name_words(a) & name_words(b)) or _plain_words(a) == _plain_words(b) != []


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans overlapping by at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter * 2 >= shorter


@dataclass
class _Gold:
    speaker: str
    spans: list[tuple[int, int]]
    direct: bool


def _gold_spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(quote)
    while at >= 0 and quote:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def _is_direct(text: str, span: tuple[int, int]) -> bool:
    before = text[: span[0]].rstrip()[-1:]
    after = text[span[1] :].lstrip(" ,.")[:1]
    return bool(before) and before in _OPENERS and (not after or after in _CLOSERS or after == "\n")


@dataclass
class Counts:
    predicted: int = 0
    attributed: int = 0  # predictions with a speaker
    gold: int = 0
    span_tp_pred: int = 0
    span_tp_gold: int = 0
    who_tp_pred: int = 0
    who_tp_gold: int = 0
    direct: int = 0
    direct_found: int = 0
    direct_right: int = 0
    reported_found: int = 0
    reported_right: int = 0
    docs: int = 0
    missing_gold: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in (
            "predicted",
            "attributed",
            "gold",
            "span_tp_pred",
            "span_tp_gold",
            "who_tp_pred",
            "who_tp_gold",
            "direct",
            "direct_found",
            "direct_right",
            "reported_found",
            "reported_right",
            "docs",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict:
        def prf(tp_p: int, tp_g: int, pred: int) -> tuple[float, float, float]:
            p = 100 * tp_p / pred if pred else 0.0
            r = 100 * tp_g / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return round(p, 1), round(r, 1), round(f, 1)

        span = prf(self.span_tp_pred, self.span_tp_gold, self.predicted)
        who = prf(self.who_tp_pred, self.who_tp_gold, self.predicted)
        return {
            "docs": self.docs,
            "gold": self.gold,
            "predicted": self.predicted,
            "spans": dict(zip("prf", span)),
            "who": dict(zip("prf", who)),
            "who_attributed_p": round(100 * self.who_tp_pred / self.attributed, 1) if self.attributed else 0.0,
            "direct": self.direct,
            "direct_right": round(100 * self.direct_right / self.direct, 1) if self.direct else 0.0,
            "direct_found": round(100 * self.direct_found / self.direct, 1) if self.direct else 0.0,
            "reported": self.gold - self.direct,
            "reported_found": round(100 * self.reported_found / (self.gold - self.direct), 1)
            if self.gold > self.direct
            else 0.0,
            "reported_right": round(100 * self.reported_right / (self.gold - self.direct), 1)
            if self.gold > self.direct
            else 0.0,
        }


def score_article(text: str, predicted: list[tuple[str | None, int, int]], gold: list[dict]) -> Counts:
    """Counts for one article: `predicted` as (speaker, start, end), `gold` as in the file."""
    golds = []
    for item in gold:
        spans = _gold_spans(text, str(item.get("quote") or ""))
        if spans:
            golds.append(_Gold(str(item.get("speaker") or ""), spans, _is_direct(text, spans[0])))
    c = Counts(docs=1, predicted=len(predicted), gold=len(golds))
    c.attributed = sum(1 for s, _, _ in predicted if s)
    found = [False] * len(golds)
    right = [False] * len(golds)
    for speaker, start, end in predicted:
        hit = who = False
        for i, g in enumerate(golds):
            if any(overlaps((start, end), s) for s in g.spans):
                hit = found[i] = True
                if same_speaker(speaker, g.speaker):
                    who = right[i] = True
        c.span_tp_pred += hit
        c.who_tp_pred += who
    c.span_tp_gold = sum(found)
    c.who_tp_gold = sum(right)
    c.direct = sum(g.direct for g in golds)
    c.direct_right = sum(1 for g, r in zip(golds, right) if g.direct and r)
    c.direct_found = sum(1 for g, f in zip(golds, found) if g.direct and f)
    c.reported_found = sum(1 for g, f in zip(golds, found) if not g.direct and f)
    c.reported_right = sum(1 for g, r in zip(golds, right) if not g.direct and r)
    return c


def half_of(record_id: str) -> str:
    """ "A" or "B", fixed by a hash of the id: the split for a tuning-resistant check."""
    return "A" if hashlib.sha256(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def _read(data: Path, gold_path: Path) -> tuple[list[dict], dict]:
    hint = "give IN.jsonl (one article {id, text, lang?, title?} per line) and GOLD.json ({id: [{speaker, quote}]})"
    records = []
    try:
        lines = data.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(f"{data}: cannot read: {exc}", hint=hint) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise BriefingError(f"{data}:{number}: not JSON: {exc}", hint=hint) from None
        if not isinstance(record, dict) or not isinstance(record.get("text", ""), str):
            raise BriefingError(f"{data}:{number}: not an article object with a text", hint=hint)
        records.append(record)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BriefingError(f"{gold_path}: cannot read the gold: {exc}", hint=hint) from None
    if not isinstance(gold, dict) or not all(isinstance(v, list) for v in gold.values()):
        raise BriefingError(
            f"{gold_path}: gold must be a JSON object {{id: [{{speaker, quote}}]}}",
            hint="see ../shared/eval/quotes-guide.md for the format",
        )
    return records, gold


def evaluate(data: Path, gold_path: Path, *, half: str | None = None, drop_unattributed: bool = False) -> dict:
    """Scores over the articles of `data` that have gold (all, or one half by id hash)."""
    from briefing.analyze import analyze_text

    records, gold = _read(Path(data), Path(gold_path))
    total = Counts()
    for record in records:
        rid = str(record.get("id", ""))
        if rid not in gold or (half and half_of(rid) != half.upper()):
            continue
        text = record.get("text") or ""
        analysis = analyze_text(
            text, title=record.get("title") or "", language=record.get("lang") or None, article_id=rid
        )
        predicted = [(q.speaker, q.start, q.end) for q in analysis.quotes if q.speaker or not drop_unattributed]
        total.add(score_article(text, predicted, [g for g in gold[rid] if isinstance(g, dict)]))
    return total.scores()


def format_scores(s: dict) -> str:
    sp, who = s["spans"], s["who"]
    return "\n".join(
        [
            f"articles {s['docs']}, gold quotes {s['gold']}, predicted {s['predicted']}",
            f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}",
            f"{'spans':<16}{sp['p']:>7.1f}{sp['r']:>7.1f}{sp['f']:>7.1f}",
            f"{'who said what':<16}{who['p']:>7.1f}{who['r']:>7.1f}{who['f']:>7.1f}",
            f"who-said-what precision over attributed quotes only: {s['who_attributed_p']:.1f}",
            f"direct quotes with the right speaker: {s['direct_right']:.1f} % of {s['direct']}"
            f" (found: {s['direct_found']:.1f} %)",
            f"reported speech with the right speaker: {s['reported_right']:.1f} % of {s['reported']}"
            f" (found: {s['reported_found']:.1f} %)",
        ]
    )
