"""Train the Arabic NER model shipped as briefing/data/ner-ar.crfsuite.

    .venv/bin/python scripts/train_ner.py --data /work/shared/eval/anercorp.train.conll \
        --out briefing/data/ner-ar.crfsuite

Trains on the first five sixths of the sentences (the last sixth is the development
split that `briefing eval actors` reports on) and prints the CRF's own dev scores.
Sentences are grouped ten at a time into pseudo-articles for the article-level features.
Two inputs of the features are shipped data built by this script too:
`--places` rewrites briefing/data/gazetteer-places.txt from CLDR (Babel), and
`--clusters-from /work/shared/eval/ant-news.jsonl.gz` rewrites the word classes
briefing/data/ner-ar-clusters.txt (about two minutes). Same inputs, same model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from briefing.analyze import ner
from briefing.analyze import ner_lexicon as lex
from briefing.evaluate.ner import documents, gold_mentions, read_conll, score, split_sentences


def build_places(path: Path) -> int:
    """Countries and cities, Arabic and English, from CLDR: `id<TAB>ar<TAB>en` lines."""
    from babel import Locale

    ar, en = Locale("ar"), Locale("en")
    rows = []
    for code, name_en in en.territories.items():
        name_ar = ar.territories.get(code)
        if name_ar and code.isalpha():  # letters only: skip regions like "001"
            rows.append((code, name_ar, name_en))
    for zone, data in ar._data["time_zones"].items():
        city_ar = data.get("city")
        city_en = en._data["time_zones"].get(zone, {}).get("city") or zone.split("/")[-1]
        if city_ar and not zone.startswith("Etc/"):
            rows.append(("tz:" + zone, city_ar, city_en.replace("_", " ")))
    lines = ["# Places from CLDR via Babel (scripts/train_ner.py --places): id, Arabic, English."]
    lines += ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def build_clusters(corpus: Path, path: Path, *, vocab: int = 80000, contexts: int = 1500,
                   dims: int = 80, sizes: tuple[int, ...] = (64, 256, 1024), seed: int = 7) -> int:
    """Word classes from unlabelled Arabic news, for the CRF (names seen in no training data
    still fall into the classes of names). Each folded word is described by the counts of its
    left and right neighbours, reduced to `dims` dimensions and grouped by k-means at
    several sizes; lines are `word<TAB>c64<TAB>c256<TAB>c1024` (folded words, most
    frequent first, so the line number is also a frequency rank)."""
    import gzip
    import json
    from collections import Counter

    import numpy as np

    docs = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            docs.append([lex.fold(t.text) for t in ner.tokenize(record.get("text", ""))])
    counts = Counter(k for d in docs for k in d)
    words = [w for w, _ in counts.most_common(vocab)]
    ctx = {w: i for i, w in enumerate(words[:contexts])}
    index = {w: i for i, w in enumerate(words)}
    rows, cols = [], []
    for d in docs:
        for a, b in zip(d, d[1:]):
            if a in index and b in ctx:  # right neighbour of a
                rows.append(index[a]); cols.append(contexts + ctx[b])
            if b in index and a in ctx:  # left neighbour of b
                rows.append(index[b]); cols.append(ctx[a])
    matrix = np.zeros((len(words), 2 * contexts), dtype=np.float32)
    np.add.at(matrix, (np.array(rows), np.array(cols)), 1.0)
    matrix = np.log1p(matrix)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    _, vectors = np.linalg.eigh(matrix.T @ matrix)
    reduced = matrix @ vectors[:, -dims:]
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    labels = []
    for k in sizes:
        centres = reduced[rng.choice(len(words), k, replace=False)]
        for _ in range(25):
            assign = np.argmax(reduced @ centres.T, axis=1)
            for c in range(k):
                members = reduced[assign == c]
                if len(members):
                    centre = members.mean(axis=0)
                    centres[c] = centre / (np.linalg.norm(centre) + 1e-9)
        labels.append(assign)
    lines = [f"# Word classes from unlabelled news (scripts/train_ner.py --clusters-from): key, classes {sizes}."]
    lines += ["\t".join([w, *(str(int(lab[i])) for lab in labels)]) for i, w in enumerate(words)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ANERcorp-style CoNLL file")
    parser.add_argument("--out", type=Path, default=ner.MODEL_PATH)
    parser.add_argument("--places", action="store_true", help="rebuild the CLDR place list first")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (sparser, smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--min-freq", type=int, default=2, help="drop features seen fewer times")
    parser.add_argument("--clusters-from", type=Path,
                        help="rebuild the word classes from this JSONL(.gz) of news texts first")
    args = parser.parse_args(argv)

    import pycrfsuite

    if args.places:
        print(f"places: {build_places(lex.DATA / 'gazetteer-places.txt')}")
        lex.known_names.cache_clear()

    if args.clusters_from:
        started = time.time()
        n = build_clusters(args.clusters_from, lex.DATA / "ner-ar-clusters.txt")
        print(f"word classes: {n} words in {time.time() - started:.0f}s")
        ner.clusters.cache_clear()

    train, dev = split_sentences(read_conll(args.data), "dev")
    print(f"train {len(train)} sentences, dev {len(dev)} sentences")
    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in documents(train):
        for feats, s in zip(ner.document_features([list(s.words) for s in doc]), doc):
            trainer.append(feats, list(s.tags))
    trainer.set_params({
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.minfreq": args.min_freq, "feature.possible_transitions": True,
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"trained in {time.time() - started:.0f}s, model {args.out.stat().st_size / 1e6:.2f} MB")

    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.out))
    gold = [gold_mentions(s.tags) for s in dev]
    pred = []
    for doc in documents(dev):
        for feats in ner.document_features([list(s.words) for s in doc]):
            labels = tagger.tag(feats)
            pred.append({sp for sp in ner.bio_spans(labels) if sp[2] in ("PERS", "ORG", "LOC")})
    result = score(gold, pred)
    print("CRF alone on dev:", result["micro"], {t: v["f1"] for t, v in result["per_type"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
