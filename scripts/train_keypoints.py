"""Learn the default key-point scorer: the weights of newsrank.FEATURES and the MMR penalty.

Coordinate ascent on ROUGE-1 F1 against public human extractive summaries (records
`{lang, title, text, references}`; the sentence count per document as in evaluation),
started from the hand-set weights it replaces. Every set counts the same in the
objective, whatever its size, so Arabic is not drowned by English. With --folds K the
script first reports each set's score on held-out folds (weights fitted on the other
K-1 parts of every set), the honest estimate; the shipped weights are fitted on all.

    .venv/bin/python scripts/train_keypoints.py ../shared/eval/cnn.dev.jsonl \
        ../shared/eval/easc.dev.jsonl --folds 3 --out briefing/data/keypoints-model.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
from pathlib import Path

import numpy as np

from briefing.analyze.keypoints import newsrank as newsrank
from briefing.evaluate.rouge import rouge_n, tokens
from briefing.evaluate.summaries import points_for, read_records
from briefing.text.segment import split_sentences

# Where the search starts: the hand-set weights the learned ones replace.
START = {"position": 1.0, "centrality": 1.0, "title": 0.5, "length": 0.8}
START_REDUNDANCY = 0.8
STEPS = (0.5, 0.25, 0.1)
MIN_GAIN = 0.02  # ROUGE-1 points: smaller gains are noise


def prepare(path: Path, limit: int | None = None) -> list[dict]:
    """Per document: features, similarities, sentence count, sentence and reference tokens."""
    docs = []
    for record in read_records(path, limit):
        refs = [r for r in record.get("references") or [] if r.strip()]
        if not refs or not record.get("text", "").strip():
            continue
        lang = record.get("lang") or "und"
        sentences = tuple(split_sentences(record["text"], lang))[: newsrank.MAX_GRAPH]
        candidates, stems = newsrank.candidates_of(sentences, lang)
        if len(candidates) < 2:
            continue
        x, sims = newsrank.features(sentences, candidates, stems, record.get("title", ""), lang)
        docs.append(
            {
                "x": x,
                "sims": sims,
                "count": points_for(record),
                "tokens": [tokens(sentences[i].text, lang) for i in candidates],
                "refs": [tokens(r, lang) for r in refs],
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


def fit(sets: dict[str, list[dict]]) -> dict:
    """Coordinate ascent on the objective from the hand-set weights, with shrinking steps."""
    weights = np.array([START.get(name, 0.0) for name in newsrank.FEATURES])
    redundancy = START_REDUNDANCY
    best = objective(sets, weights, redundancy)
    for step in STEPS:
        improved = True
        while improved:
            improved = False
            for j in range(len(weights) + 1):
                for sign in (-1, 1):
                    w, r = weights.copy(), redundancy
                    if j == len(weights):
                        r = max(0.0, r + sign * step)
                    else:
                        w[j] += sign * step
                    value = objective(sets, w, r)
                    if value > best + MIN_GAIN:
                        best, weights, redundancy, improved = value, w, r, True
    return {"weights": weights, "redundancy": redundancy}


def folds(sets: dict[str, list[dict]], k: int) -> list[tuple[dict, dict]]:
    """(train, test) pairs: every set cut in k interleaved parts."""
    return [
        (
            {n: [d for i, d in enumerate(ds) if i % k != f] for n, ds in sets.items()},
            {n: [d for i, d in enumerate(ds) if i % k == f] for n, ds in sets.items()},
        )
        for f in range(k)
    ]


def lead_weights() -> np.ndarray:
    return np.array([1.0 if name == "position" else 0.0 for name in newsrank.FEATURES])


def _fit_and_score(pair: tuple[dict, dict]) -> dict[str, float]:
    train_sets, test_sets = pair
    model = fit(train_sets)
    return {n: rouge1(docs, **model) for n, docs in test_sets.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--folds", type=int, default=3, help="cross-validation folds to report (0: none)")
    parser.add_argument("--out", type=Path, help="write the model JSON here")
    args = parser.parse_args()
    sets = {p.name.split(".")[0]: prepare(p, args.limit) for p in args.paths}
    lead = {n: rouge1(docs, lead_weights(), 0.0) for n, docs in sets.items()}
    if args.folds > 1:
        with multiprocessing.Pool(min(args.folds, os.cpu_count() or 1)) as pool:
            results = pool.map(_fit_and_score, folds(sets, args.folds))
        for n in sets:
            held = np.mean([r[n] for r in results])
            print(f"{n}: ROUGE-1 {held:.2f} on held-out folds (lead among candidates {lead[n]:.2f})")
    model = fit(sets)
    print(
        "weights:",
        dict(zip(newsrank.FEATURES, np.round(model["weights"], 2))),
        "redundancy",
        round(model["redundancy"], 2),
    )
    for n, docs in sets.items():
        print(f"{n}: ROUGE-1 {rouge1(docs, **model):.2f} fitted on all (lead {lead[n]:.2f})")
    if args.out:
        data = {
            "features": list(newsrank.FEATURES),
            "weights": [round(float(w), 3) for w in model["weights"]],
            "redundancy": round(float(model["redundancy"]), 3),
            "trained_on": sorted(sets),
            "script": "scripts/train_keypoints.py",
        }
        args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
