"""Score a briefing's stories against gold event labels.

The gold is a JSON object `{url: label}`: articles with one label are one story (event).
The briefing is the JSON `briefing build` archives; its stories list their articles
with urls. Two figures:

- B-cubed precision, recall and F1 over the gold articles: for each article, the share of
  its story's articles that are in its gold event (precision) and the share of its gold
  event that is in its story (recall), averaged over articles. A gold article the
  briefing does not show (cut by `max_stories`, say) counts as a story of its own.
- Top-10 purity: of the articles in the ten first stories (ranked by score), the share
  that belong to their story's main (most common) gold event.

Only gold urls are scored; briefing articles without a gold label are ignored.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import UsageError

TOP = 10


@dataclass(frozen=True)
class StoryScores:
    precision: float
    recall: float
    f1: float
    purity: float  # top-10 purity
    articles: int  # gold articles scored
    events: int  # gold events
    stories: int  # briefing stories holding a gold article
    unplaced: int  # gold articles the briefing does not show
    top: tuple[tuple[str, int, float], ...] = ()  # (title, gold articles, purity) of the top stories


def _read_json(path: Path, what: str):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file", hint=f"give the path of the {what}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})", hint=f"give the {what} as JSON") from None


def load_gold(path: Path) -> dict[str, str]:
    data = _read_json(path, "gold labels file")
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise UsageError(
            f"{path}: expected a JSON object {{url: label}}", hint="the gold file maps every url to its story label"
        )
    return data


def briefing_stories(data: dict) -> list[dict]:
    """The stories of a briefing JSON, highest score first (the briefing's ranking)."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise UsageError(
            "not a briefing JSON: no 'sections' list",
            hint="give the .json file `briefing build` archives under out/YYYY/MM/DD/",
        )
    stories = [s for section in data["sections"] for s in section.get("stories", [])]
    return sorted(stories, key=lambda s: -float(s.get("score", 0.0)))


def score(stories: list[dict], gold: dict[str, str], top: int = TOP) -> StoryScores:
    """B-cubed P/R/F1 over gold articles and the purity of the `top` first stories
    (highest score first)."""
    stories = sorted(stories, key=lambda s: -float(s.get("score", 0.0)))
    predicted: dict[str, int] = {}
    for index, story in enumerate(stories):
        for article in story.get("articles", []):
            url = article.get("url")
            if url in gold and url not in predicted:
                predicted[url] = index
    label_of = dict(predicted)
    next_id = len(stories)
    for url in gold:
        if url not in label_of:
            label_of[url] = next_id
            next_id += 1
    members: dict[int, list[str]] = {}
    for url, label in label_of.items():
        members.setdefault(label, []).append(url)
    event_size = Counter(gold.values())
    precision = recall = 0.0
    for url, label in label_of.items():
        together = members[label]
        same = sum(1 for other in together if gold[other] == gold[url])
        precision += same / len(together)
        recall += same / event_size[gold[url]]
    n = len(gold) or 1
    p, r = precision / n, recall / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0

    pure = total = 0
    top_rows = []
    for index, story in enumerate(stories[:top]):
        labels = [gold[u] for u in members.get(index, [])]
        if not labels:
            continue
        main = Counter(labels).most_common(1)[0][1]
        pure += main
        total += len(labels)
        top_rows.append((story.get("title", ""), len(labels), main / len(labels)))
    return StoryScores(
        precision=p,
        recall=r,
        f1=f1,
        purity=pure / total if total else 0.0,
        articles=len(gold),
        events=len(event_size),
        stories=len({predicted[u] for u in predicted}),
        unplaced=len(gold) - len(predicted),
        top=tuple(top_rows),
    )


def evaluate(briefing_path: Path, gold_path: Path) -> StoryScores:
    gold = load_gold(gold_path)
    return score(briefing_stories(_read_json(briefing_path, "briefing JSON")), gold)


def format_scores(s: StoryScores) -> str:
    lines = [
        f"B-cubed  P {100 * s.precision:.1f}  R {100 * s.recall:.1f}  F1 {100 * s.f1:.1f}",
        f"top-{TOP} purity {100 * s.purity:.1f}",
        f"{s.articles} gold articles in {s.events} events; {s.stories} stories hold them, "
        f"{s.unplaced} not in the briefing",
    ]
    for rank, (title, size, purity) in enumerate(s.top, 1):
        lines.append(f"  {rank:2}. {size:3} articles, {100 * purity:5.1f}% main event  {title}")
    return "\n".join(lines)
