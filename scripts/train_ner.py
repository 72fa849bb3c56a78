"""Train the Arabic NER models shipped in briefing/data/ (ner-ar.crfsuite, the first
pass, and ner-ar-stack.crfsuite, the second) and describe them in ner-ar.json.

    .venv/bin/python scripts/train_ner.py --data /work/shared/eval/anercorp.train.conll
    .venv/bin/python scripts/train_ner.py --data /work/shared/eval/anercorp.train.conll \
        --train-on five-sixths --out-dir /tmp/ner-dev        # the development model

The shipped models learn from every sentence of the file (`--train-on all`): each sixth
more of ANERcorp was worth about three F1 points on the development split (four sixths
72.5, five sixths 75.5), so the product should not leave one out. Development scores come
from a model trained on the first five sixths only (`--train-on five-sixths`), scored on
the last sixth with `briefing eval actors FILE --model DIR`; the command refuses to score
the shipped model on a split it learned from. With five sixths the script also prints
the CRF's own scores on the last sixth.
Sentences are grouped ten at a time into pseudo-articles for the article-level features.
The second pass (`ner_stack.py`) is trained on first-pass labels of models that did not
see those sentences (4 folds), never on gold labels: two to three minutes on two cores.
Two inputs of the features are shipped data built by this script too:
`--places` rewrites briefing/data/gazetteer-places.txt from CLDR (Babel), and
`--clusters-from /work/shared/eval/ant-news.jsonl.gz` rewrites the word classes
briefing/data/ner-ar-clusters.txt (about two minutes). Same inputs, same model.

NewsFANE (`--newsfane newsfane.ar.tsv`, read by `briefing.evaluate.fane`) labels
ANERcorp's own articles again, in 50 classes folded to PERS/ORG/LOC. Its sentences are
sorted by the ANERcorp text they repeat (`same_text`): those on training text may join the
training data (`--labels both`) or replace ANERcorp's labels (`--labels newsfane`, the
cross-corpus check); those on held-out text only score; those on text the file leaves out
(ANERcorp's test part) are never used. Adding them lowered both checks, so the shipped
models learn from ANERcorp alone; the card's scores come from `ner-ar-scores.json`.
`--card-only` rewrites the card without training.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import stack as ner_stack
from briefing.analyze.ner import tagger as ner
from briefing.atomic import write_atomic
from briefing.evaluate.fane import read_newsfane
from briefing.evaluate.ner import Sentence, documents, gold_mentions, read_conll, score, split_sentences


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


def build_clusters(
    corpus: Path,
    path: Path,
    *,
    vocab: int = 80000,
    contexts: int = 1500,
    dims: int = 80,
    sizes: tuple[int, ...] = (64, 256, 1024),
    seed: int = 7,
) -> int:
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
                rows.append(index[a])
                cols.append(contexts + ctx[b])
            if b in index and a in ctx:  # left neighbour of b
                rows.append(index[b])
                cols.append(ctx[a])
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


def _text_shingles(s: Sentence, n: int = 12) -> set[str]:
    """Pieces of a sentence's folded letters, to find the same text under two tokenisations."""
    letters = "".join(c for w in s.words for c in lex.fold(w) if c.isalpha())
    return {letters[i : i + n] for i in range(max(1, len(letters) - n + 1))}


def same_text(
    extra: list[Sentence], train: list[Sentence], held: list[Sentence]
) -> tuple[list[Sentence], list[Sentence]]:
    """Split the `extra` corpus's sentences by the main file's text: (those whose text is
    in `train`, those whose text is in `held`). NewsFANE re-annotates ANERcorp's own
    articles, so its sentences are sorted by what they repeat. Sentences of neither (text
    the main file leaves out: ANERcorp's test part) are used for nothing."""
    pieces_train = set().union(*map(_text_shingles, train)) if train else set()
    pieces_held = set().union(*map(_text_shingles, held)) if held else set()
    in_train, in_held = [], []
    for s in extra:
        pieces = _text_shingles(s)
        a = len(pieces & pieces_train) / len(pieces)
        b = len(pieces & pieces_held) / len(pieces)
        if a >= 0.5 and b < 0.2:
            in_train.append(s)
        elif b >= 0.5 and a < 0.2:
            in_held.append(s)
    return in_train, in_held


def _sentences(doc) -> list[list[str]]:
    return [list(s.words) for s in doc]


def train_crf(items, out: Path, params: dict) -> None:
    """Train one CRF on (features, tags) sentences."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in items:
        trainer.append(feats, tags)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def tag_docs(path: Path, feats: list[list[list[list[str]]]]) -> list[list[list[str]]]:
    """Labels of each sentence of each document (features already built) by a model file."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [[tagger.tag(f) for f in doc] for doc in feats]


def stacked(base: list[list[list[str]]], docs, labels) -> list[list[list[str]]]:
    """Second-pass features: the first pass's, plus what its `labels` say."""
    extra = ner_stack.stack_features(_sentences(docs), labels)
    return [[f + list(x) for f, x in zip(fs, xs)] for fs, xs in zip(base, extra)]


# The terms each training file comes under, recorded in the card.
LICENCES = {
    "anercorp.train.conll": "ANERcorp (Benajiba, Rosso & Benedí 2007): research use",
    "newsfane.ar.tsv": "NewsFANE: CC BY-SA 3.0; cite Alotaibi & Lee, COLING 2014",
}
# Scores of the shipped models' recipe, measured on models that held the scored text out
# (they cannot come from the shipped models, which learned from it): see the file.
SCORES = Path(__file__).with_name("ner-ar-scores.json")

# Filled before the worker processes fork (they read, never write them).
_JOB: dict = {}


def _fold_job(fold: int) -> list:
    """Train the first pass without fold `fold` (-1: on everything) and tag that fold."""
    feats, tags, folds, params, tmp = (_JOB[k] for k in ("feats", "tags", "folds", "params", "tmp"))
    out = tmp / f"fold{fold}.crfsuite" if fold >= 0 else _JOB["out"]
    items = [(f, t) for d in range(len(feats)) if folds[d] != fold for f, t in zip(feats[d], tags[d])]
    train_crf(items, out, params)
    if fold < 0:
        return []
    held = [d for d in range(len(feats)) if folds[d] == fold]
    return list(zip(held, tag_docs(out, [feats[d] for d in held])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ANERcorp-style CoNLL file")
    parser.add_argument(
        "--out-dir", type=Path, default=lex.DATA, help="where ner-ar.crfsuite, ner-ar-stack.crfsuite and ner-ar.json go"
    )
    parser.add_argument(
        "--train-on",
        choices=["all", "five-sixths"],
        default="all",
        help="all: the shipped model; five-sixths: the development model",
    )
    parser.add_argument(
        "--folds",
        type=int,
        default=4,
        help="first-pass folds for the second pass (0: first pass only, for quick comparisons)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="CRFs trained at once")
    parser.add_argument("--places", action="store_true", help="rebuild the CLDR place list first")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (sparser, smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--min-freq", type=int, default=2, help="drop features seen fewer times")
    parser.add_argument(
        "--newsfane",
        type=Path,
        help="NewsFANE file (newsfane.ar.tsv): its labels of the same text join the training data",
    )
    parser.add_argument(
        "--labels",
        choices=["both", "anercorp", "newsfane"],
        default="both",
        help="whose labels to learn from (with --newsfane); the others' only score",
    )
    parser.add_argument(
        "--card-only",
        action="store_true",
        help="rewrite the card (ner-ar.json) of the models in --out-dir without training",
    )
    parser.add_argument(
        "--clusters-from", type=Path, help="rebuild the word classes from this JSONL(.gz) of news texts first"
    )
    args = parser.parse_args(argv)

    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    if args.places:
        print(f"places: {build_places(lex.DATA / 'gazetteer-places.txt')}")
        lex.known_names.cache_clear()

    if args.clusters_from:
        started = time.time()
        n = build_clusters(args.clusters_from, lex.DATA / "ner-ar-clusters.txt")
        print(f"word classes: {n} words in {time.time() - started:.0f}s")
        ner.clusters.cache_clear()

    args.out_dir.mkdir(parents=True, exist_ok=True)
    args.out = args.out_dir / ner.MODEL_PATH.name
    args.stack_out = args.out_dir / ner.STACK_PATH.name
    sentences = read_conll(args.data)
    train, dev = split_sentences(sentences, "dev")
    if args.train_on == "all":
        train, dev = sentences, []
    fane_train: list[Sentence] = []
    fane_dev: list[Sentence] = []
    if args.newsfane:
        fane_train, fane_dev = same_text(read_newsfane(args.newsfane), train, dev)
        print(f"NewsFANE: {len(fane_train)} sentences on training text, {len(fane_dev)} on held-out text")
    if not args.newsfane or args.labels == "both":
        train = train + fane_train
    elif args.labels == "newsfane":
        train = fane_train
    print(f"train {len(train)} sentences, held out {len(dev)} sentences")
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.min_freq,
        "feature.possible_transitions": True,
    }
    if args.card_only:
        write_card(args, train, fane_train, params)
        return 0
    started = time.time()
    docs = documents(train)
    feats = [ner.document_features(_sentences(d)) for d in docs]
    tags = [[list(s.tags) for s in d] for d in docs]
    # Contiguous folds: neighbouring pseudo-articles often share a story.
    folds = [d * args.folds // len(docs) for d in range(len(docs))]
    first: list = [None] * len(docs)
    with tempfile.TemporaryDirectory() as tmp:
        _JOB.update(feats=feats, tags=tags, folds=folds, params=params, tmp=Path(tmp), out=args.out)
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for result in pool.map(_fold_job, [-1, *range(args.folds)]):
                for d, labels in result:
                    first[d] = labels
    print(
        f"first pass and {args.folds} folds in {time.time() - started:.0f}s,"
        f" model {args.out.stat().st_size / 1e6:.2f} MB"
    )
    if args.folds:
        started = time.time()
        items = [(f, t) for d in range(len(docs)) for f, t in zip(stacked(feats[d], docs[d], first[d]), tags[d])]
        train_crf(items, args.stack_out, params)
        print(f"second pass in {time.time() - started:.0f}s, model {args.stack_out.stat().st_size / 1e6:.2f} MB")
    else:
        args.stack_out.unlink(missing_ok=True)

    write_card(args, train, fane_train, params)
    for name, held in (("ANERcorp dev", dev), ("NewsFANE on the dev text", fane_dev)):
        if held:
            result = score_crf(args, held)
            print(f"CRF on {name}:", result["micro"], {t: v["f1"] for t, v in result["per_type"].items()})
    return 0


def write_card(args, train: list[Sentence], fane_train: list[Sentence], params: dict) -> None:
    """ner-ar.json: what the models learned from, under which terms, with which settings,
    and (shipped models) the recipe's development scores."""
    card = {
        "data": args.data.name,
        "sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "trained_on": args.train_on,
        "sentences": len(train),
        "params": {**params, "folds": args.folds},
    }
    if args.newsfane:
        card["newsfane"] = {
            "data": args.newsfane.name,
            "labels": args.labels,
            "sha256": hashlib.sha256(args.newsfane.read_bytes()).hexdigest(),
            "sentences": len(fane_train),
        }
    used = [args.data.name] + ([args.newsfane.name] if args.newsfane else [])
    if args.train_on == "all" and SCORES.exists():
        card["scores"] = json.loads(SCORES.read_text(encoding="utf-8"))
        used += [name for name in card["scores"].get("data", []) if name not in used]
    card["licences"] = {name: LICENCES.get(name, "unknown: check before shipping") for name in used}
    write_atomic(args.out_dir / ner.INFO_NAME, (json.dumps(card, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def score_crf(args, held: list[Sentence]) -> dict:
    """Scores of the models just trained (the second pass's, if any) on `held` sentences."""
    gold = [gold_mentions(s.tags) for s in held]
    held_docs = documents(held)
    held_feats = [ner.document_features(_sentences(d)) for d in held_docs]
    labels = tag_docs(args.out, held_feats)
    if args.stack_out.exists():
        labels = tag_docs(args.stack_out, [stacked(f, d, lab) for f, d, lab in zip(held_feats, held_docs, labels)])
    pred = [{sp for sp in ner.bio_spans(lab) if sp[2] in ("PERS", "ORG", "LOC")} for doc in labels for lab in doc]
    return score(gold, pred)


if __name__ == "__main__":
    sys.exit(main())
