"""Learn the default key-point scorer: the weights of newsrank.FEATURES and the MMR penalty.

Coordinate ascent on ROUGE-1 F1 of what `briefing eval summaries` scores, against
public human extractive summaries (records `{lang, title, text, references}`; the
sentence count per document as in evaluation), started from hand-set weights. Every set
counts the same in the objective, whatever its size, so Arabic is not drowned by
English. With --folds K the script first reports each set's score on held-out folds
(weights fitted on the other K-1 parts of every set) beside lead's on the same parts,
the honest estimate; the shipped weights are fitted on all.

--headlines adds Arabic news: ANT articles of one outlet (BBC Arabic by default) whose
own headline is the reference for a one-sentence summary (the headline is hidden from
the ranker), a stand-in for editors' abstracts. It tunes only the lede's weights (see
LEDE). --write-headlines saves it as records for `briefing eval summaries`. --check
retrains and compares with the --out file instead of writing it: the model must
rebuild byte for byte from the same data. The model card records data, licences and
scores.

    .venv/bin/python scripts/train_keypoints.py ../shared/eval/cnn.dev.jsonl \
        ../shared/eval/easc.dev.jsonl --headlines ../shared/eval/ant-news.jsonl.gz \
        --folds 3 --out briefing/data/keypoints-model.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from briefing.analyze.keypoints import newsrank as newsrank
from briefing.analyze.keypoints.select import Document, dateline_end, key_points
from briefing.evaluate.rouge import rouge_n, score, tokens
from briefing.evaluate.summaries import points_for, read_records
from briefing.text.segment import split_sentences

# Where the search starts: hand-set weights.
START = {"position": 1.0, "centrality": 1.0, "title": 0.5, "length": 0.8}
START_REDUNDANCY = 0.8
# Two stages. The sentence weights are learned from the extractive gold summaries (CNN,
# EASC) with the lede's share left out; then the lede's weights alone are fitted on
# every set, the Arabic headlines included. Freeing every weight on the headline set
# chased noise: in-sample gains on EASC's 93 articles, losses on CNN.
LEDE = ("first", "lede_budget")
LEDE_START = 2.0
STEPS = (0.5, 0.25, 0.1)
MIN_GAIN = 0.02  # ROUGE-1 points: smaller gains are noise
HEADLINES = "ant-headlines"


def headline_records(path: Path, source: str, limit: int | None = None) -> Iterator[dict]:
    """ANT articles of `source` as summarization records: the headline is the reference
    of a one-sentence summary, and the ranker does not see it (title left empty)."""
    opener = gzip.open if path.suffix == ".gz" else open
    count = 0
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and count >= limit:
                return
            record = json.loads(line) if line.strip() else {}
            if record.get("source") != source or not record.get("title", "").strip():
                continue
            if not record.get("text", "").strip():
                continue
            count += 1
            yield {
                "id": record["id"],
                "lang": record.get("lang") or "ar",
                "title": "",
                "text": record["text"],
                "references": [record["title"]],
                "points": 1,
            }


def prepare(records: Iterable[dict]) -> list[dict]:
    """Per document, as `briefing eval summaries` sees it: features, similarities, the
    number of points, the tokens of each candidate as shown (dateline cut), the
    references' tokens and the lead method's ROUGE-1 on the same document."""
    docs = []
    for record in records:
        refs = [r for r in record.get("references") or [] if r.strip()]
        if not refs or not record.get("text", "").strip():
            continue
        lang = record.get("lang") or "und"
        sentences = tuple(split_sentences(record["text"], lang))
        count = min(points_for(record), len(sentences))
        if count <= 0:
            continue
        document = Document(record["text"], record.get("title", ""), lang, sentences)
        ranked, candidates, x, sims = newsrank.ranking_inputs(document, count)
        shown = [ranked[i].text[dateline_end(ranked[i].text, first=ranked[i].index == 0) :] for i in candidates]
        lead = key_points(record["text"], title=record.get("title", ""), language=lang, method="lead", points=count)
        docs.append(
            {
                "x": x,
                "sims": sims,
                "count": count,
                "tokens": [tokens(text, lang) for text in shown],
                "refs": [tokens(r, lang) for r in refs],
                "lead": score(" ".join(p.text for p in lead), refs, lang).rouge1,
            }
        )
    return docs


def rouge1(docs: list[dict], weights: np.ndarray, redundancy: float) -> float:
    """Mean ROUGE-1 F1 (percent) of the picks, references averaged as in evaluation."""
    total = 0.0
    for d in docs:
        chosen = sorted(newsrank.select(d["x"] @ weights, d["sims"], d["count"], redundancy))
        summary = [t for k in chosen for t in d["tokens"][k]]
        total += sum(rouge_n(summary, r, 1) for r in d["refs"]) / len(d["refs"])
    return 100 * total / len(docs)


def objective(sets: dict[str, list[dict]], weights: np.ndarray, redundancy: float) -> float:
    """Mean ROUGE-1 over the sets: each set counts the same, whatever its size."""
    return float(np.mean([rouge1(docs, weights, redundancy) for docs in sets.values()]))


def fit(sets: dict[str, list[dict]], lede_sets: dict[str, list[dict]] | None = None) -> dict:
    """Stage one on `sets` (every weight but `lede_budget`), stage two on `lede_sets`
    (only the weights in LEDE, from where stage one left them)."""
    weights = np.array([START.get(name, 0.0) for name in newsrank.FEATURES])
    free = [j for j, name in enumerate(newsrank.FEATURES) if name != "lede_budget"]
    weights, redundancy = ascend(sets, weights, START_REDUNDANCY, free + [len(weights)])
    if lede_sets:
        weights[newsrank.FEATURES.index("lede_budget")] = LEDE_START
        lede = [newsrank.FEATURES.index(name) for name in LEDE]
        weights, redundancy = ascend(lede_sets, weights, redundancy, lede)
    return {"weights": weights, "redundancy": redundancy}


def ascend(sets: dict[str, list[dict]], weights: np.ndarray, redundancy: float, free: list[int]):
    """Coordinate ascent on the objective over the `free` coordinates (index len(weights)
    is the redundancy penalty), with shrinking steps."""
    best = objective(sets, weights, redundancy)
    for step in STEPS:
        improved = True
        while improved:
            improved = False
            for j in free:
                for sign in (-1, 1):
                    w, r = weights.copy(), redundancy
                    if j == len(weights):
                        r = max(0.0, r + sign * step)
                    else:
                        w[j] += sign * step
                    value = objective(sets, w, r)
                    if value > best + MIN_GAIN:
                        best, weights, redundancy, improved = value, w, r, True
    return weights, redundancy


def folds(sets: dict[str, list[dict]], k: int) -> list[tuple[dict, dict]]:
    """(train, test) pairs: every set cut in k interleaved parts."""
    return [
        (
            {n: [d for i, d in enumerate(ds) if i % k != f] for n, ds in sets.items()},
            {n: [d for i, d in enumerate(ds) if i % k == f] for n, ds in sets.items()},
        )
        for f in range(k)
    ]


# What each set is and on what terms we use it (../shared/eval/README.md), for the card.
SOURCES = {
    "cnn": ("CNN Corpus (Lins et al. 2019), English news, gold extractive sentences", "research corpus"),
    "easc": (
        "EASC (2010), Arabic articles with 5 human extractive summaries",
        "EASC copyright: news parts distributed with permission, Wikipedia parts CC-BY-SA 3.0",
    ),
    HEADLINES: (
        "ANT corpus, Arabic news from RSS; each article's headline is the reference of a one-sentence summary",
        "research use; cite the ANT corpus paper (Chouigui et al.)",
    ),
}


def _fit_and_score(job: tuple[dict, dict, list[str]]) -> dict[str, tuple[float, float]]:
    """(ROUGE-1 of the model fitted on the other folds, lead's) on each held-out part."""
    train_sets, test_sets, first_stage = job
    model = fit({n: train_sets[n] for n in first_stage}, train_sets)
    return {n: (rouge1(docs, **model), _lead(docs)) for n, docs in test_sets.items()}


def _lead(docs: list[dict]) -> float:
    return 100 * sum(d["lead"] for d in docs) / len(docs)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="summarization records (.jsonl[.gz]) to learn from")
    parser.add_argument("--limit", type=int, default=None, help="at most this many records of each set")
    parser.add_argument("--headlines", type=Path, help="ANT corpus (.jsonl.gz): add its headline set")
    parser.add_argument("--headlines-source", default="BBC", help="ANT outlet of the headline set (default BBC)")
    parser.add_argument("--write-headlines", type=Path, help="save the headline set as records and stop")
    parser.add_argument("--folds", type=int, default=3, help="cross-validation folds to report (0: none)")
    parser.add_argument("--out", type=Path, help="write the model JSON here")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args()
    if args.write_headlines:
        if not args.headlines:
            parser.error("--write-headlines needs --headlines")
        with args.write_headlines.open("w", encoding="utf-8") as out:
            for record in headline_records(args.headlines, args.headlines_source, args.limit):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print("wrote", args.write_headlines)
        return
    if not args.paths:
        parser.error("name the summarization records to learn from")
    if args.check and not (args.out and args.out.exists()):
        parser.error("--check needs --out naming the model to compare with")
    files = {p.name.split(".")[0]: p for p in args.paths}
    sets = {n: prepare(read_records(p, args.limit)) for n, p in files.items()}
    first_stage = list(sets)  # the headline set only tunes the lede's weights
    if args.headlines:
        files[HEADLINES] = args.headlines
        sets[HEADLINES] = prepare(headline_records(args.headlines, args.headlines_source, args.limit))
    scores: dict[str, dict] = {n: {"documents": len(docs), "lead": round(_lead(docs), 2)} for n, docs in sets.items()}
    if args.folds > 1:
        with multiprocessing.Pool(min(args.folds, os.cpu_count() or 1)) as pool:
            results = pool.map(_fit_and_score, [(*pair, first_stage) for pair in folds(sets, args.folds)])
        for n in sets:
            scores[n][f"{args.folds}-fold"] = round(float(np.mean([r[n][0] for r in results])), 2)
            scores[n][f"{args.folds}-fold lead"] = round(float(np.mean([r[n][1] for r in results])), 2)
    model = fit({n: sets[n] for n in first_stage}, sets)
    weights = [round(float(w), 3) for w in model["weights"]]
    redundancy = round(float(model["redundancy"]), 3)
    for n, docs in sets.items():
        scores[n]["fitted on all"] = round(rouge1(docs, np.array(weights), redundancy), 2)
        print(n, scores[n])
    print("weights:", dict(zip(newsrank.FEATURES, weights)), "redundancy", redundancy)
    data = {
        "features": list(newsrank.FEATURES),
        "weights": weights,
        "redundancy": redundancy,
        "trained_on": sorted(sets),
        "lede_weights_only": [HEADLINES] if args.headlines else [],
        "script": "scripts/train_keypoints.py",
        "objective": "ROUGE-1 F1 of what `briefing eval summaries` scores, each set counting the same;"
        " the weights of first and lede_budget alone are fitted on every set, the others on the rest",
        "data": {
            n: {
                "file": files[n].name,
                "sha256": _sha256(files[n]),
                "what": SOURCES.get(n, ("", ""))[0],
                "licence": SOURCES.get(n, ("", ""))[1],
                **({"outlet": args.headlines_source} if n == HEADLINES else {}),
                **({"limit": args.limit} if args.limit else {}),
            }
            for n in sets
        },
        "scores_rouge1": scores,
    }
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.check:
        same = args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'rebuilds byte for byte' if same else 'DIFFERS from this training'}")
        sys.exit(0 if same else 1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
