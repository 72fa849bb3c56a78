"""Train the English NER model shipped in briefing/data/ (ner-en.crfsuite) and describe it
in ner-en.json, with its scores on the CoNLL-2003 development part.

    .venv/bin/python scripts/train_ner_en.py                 # the shipped model
    .venv/bin/python scripts/train_ner_en.py --clusters      # rebuild the word classes first
    .venv/bin/python scripts/train_ner_en.py --out-dir /tmp/ner-en --c1 0.2   # try settings

Data: `../shared/eval/conll2003.train.conll` to learn from, `conll2003.dev.conll` to
choose settings and report (never learned from). The files mark no articles, so an
article is cut where a dateline sentence ("LONDON 1996-08-30") follows its headline, as
the Reuters stories are laid out; the article features (`english.document_features`)
need them. Every other article is learned one sentence at a time (`--alone-every 2`),
so the model also does well without them: on a short text, or a record of one sentence.
Word classes (`--clusters`, about two minutes): each word of unlabelled text is
described by counts of its left and right neighbours, reduced to a few dimensions and
grouped by k-means at three sizes. The text is the CoNLL training tokens and the raw,
unlabelled article texts of `cnn.dev.jsonl` and `bbc.dev.jsonl.gz` (no labels, no
summaries). The shipped classes file is an input of training, so the same command on
the same files rebuilds the same model byte for byte.
Building the shipped model (the default --out-dir) also scores, for its card, what
`briefing summarize` outputs on the dev part and on our own fixture
tests/fixtures/ner-en.conll; these figures never choose settings.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

from briefing.analyze.ner import english as en
from briefing.analyze.ner import tagger as ner
from briefing.atomic import write_atomic
from briefing.evaluate.actors_pipeline import split_articles
from briefing.evaluate.ner import read_conll

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval"
FIXTURE = ROOT / "tests" / "fixtures" / "ner-en.conll"


def _texts(paths: list[Path]):
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                yield [t.text for t in ner.tokenize(text)]


def build_clusters(
    train: Path,
    texts: list[Path],
    out: Path,
    *,
    vocab: int = 60000,
    contexts: int = 2000,
    dims: int = 80,
    seed: int = 7,
) -> int:
    """Word classes from unlabelled text; lines `word<TAB>c64<TAB>c256<TAB>c1024`, most
    frequent words first."""
    import numpy as np

    docs = [list(s.words) for s in read_conll(train)] + list(_texts(texts))
    counts = Counter(w for d in docs for w in d)
    words = [w for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2][:vocab]
    index = {w: i for i, w in enumerate(words)}
    ctx = {w: i for i, w in enumerate(words[:contexts])}
    pairs: Counter = Counter()
    for d in docs:
        for a, b in zip(d, d[1:]):
            if a in index and b in ctx:
                pairs[(index[a], contexts + ctx[b])] += 1
            if b in index and a in ctx:
                pairs[(index[b], ctx[a])] += 1
    # Rows are built a block at a time (the whole count matrix would not fit in memory):
    # once for the Gram matrix, once more to project onto its top eigenvectors.
    cells = sorted(pairs.items())
    bounds = [0]
    block = 4000
    for start in range(block, len(words), block):
        bounds.append(next((n for n in range(bounds[-1], len(cells)) if cells[n][0][0] >= start), len(cells)))
    bounds.append(len(cells))

    def rows(b: int):
        part = cells[bounds[b] : bounds[b + 1]]
        m = np.zeros((min(block, len(words) - b * block), 2 * contexts), dtype=np.float64)
        for (r, c), v in part:
            m[r - b * block, c] = v
        m = np.log1p(m)
        return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)

    gram = np.zeros((2 * contexts, 2 * contexts))
    for b in range(len(bounds) - 1):
        m = rows(b)
        gram += m.T @ m
    _, vectors = np.linalg.eigh(gram)
    top = vectors[:, -dims:]
    reduced = np.concatenate([rows(b) @ top for b in range(len(bounds) - 1)])
    rng = np.random.default_rng(seed)
    labels = []
    for k in (int(s) for s in en.CLUSTER_SIZES):
        centres = reduced[rng.choice(len(words), k, replace=False)].copy()
        for _ in range(20):
            assign = np.argmax(reduced @ centres.T, axis=1)
            sums = np.zeros_like(centres)
            np.add.at(sums, assign, reduced)
            used = np.bincount(assign, minlength=k) > 0
            centres[used] = sums[used] / (np.linalg.norm(sums[used], axis=1, keepdims=True) + 1e-9)
        labels.append(assign)
    lines = [
        f"# English word classes from unlabelled text (scripts/train_ner_en.py --clusters):"
        f" word, classes {', '.join(en.CLUSTER_SIZES)}."
    ]
    lines += ["\t".join([w, *(str(int(lab[i])) for lab in labels)]) for i, w in enumerate(words)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(words)


def featurize(docs, alone_every: int = 0) -> list[list[list[list[str]]]]:
    """Features of each article's sentences; every `alone_every`-th article (0: none) one
    sentence at a time, as if each were a text of its own, so the model also learns to
    do without the article features (a short text, a record of one sentence)."""
    out = []
    for n, doc in enumerate(docs):
        sentences = [list(s.words) for s in doc]
        if alone_every and n % alone_every == 0:
            out.append([en.document_features([words])[0] for words in sentences])
        else:
            out.append(en.document_features(sentences))
    return out


def _tag(label: str) -> str:
    """The CoNLL label as the model learns it (PER, not the reader's PERS)."""
    return label.replace("PERS", "PER")


def train(docs, out: Path, params: dict, alone_every: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, feats in zip(docs, featurize(docs, alone_every)):
        for s, f in zip(doc, feats):
            trainer.append(f, [_tag(t) for t in s.tags])
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def evaluate(model: Path, dev_path: Path) -> dict:
    """The tagger's scores on a CoNLL file: articles as cut by `split_articles`, and each
    sentence alone (as `briefing summarize` gets it when a record is one sentence)."""
    from briefing.evaluate.actors_pipeline import score_tagger

    en.use_model(model)
    try:
        return {"articles": score_tagger(dev_path, by="article"), "sentences": score_tagger(dev_path, by="sentence")}
    finally:
        en.use_model(None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=EVAL, help="directory of conll2003.*.conll")
    parser.add_argument("--out-dir", type=Path, default=en.MODEL_PATH.parent)
    parser.add_argument("--clusters", action="store_true", help="rebuild the word classes from unlabelled text first")
    parser.add_argument("--c1", type=float, default=0.1, help="L1 penalty (sparser, smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--min-freq", type=int, default=2, help="drop features seen fewer times")
    parser.add_argument(
        "--alone-every", type=int, default=2, help="every Nth article is learned one sentence at a time (0: never)"
    )
    args = parser.parse_args(argv)

    train_path = args.data / "conll2003.train.conll"
    dev_path = args.data / "conll2003.dev.conll"
    for path in (train_path, dev_path):
        if not path.exists():
            sys.exit(f"{path} is missing: give --data DIR with the CoNLL-2003 files")
    if args.clusters:
        started = time.time()
        n = build_clusters(train_path, [args.data / "cnn.dev.jsonl", args.data / "bbc.dev.jsonl.gz"], en.CLUSTERS_PATH)
        print(f"word classes: {n} words in {time.time() - started:.0f}s")
        en.clusters.cache_clear()
        en.word_features.cache_clear()
        en.window_features.cache_clear()

    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.min_freq,
        "feature.possible_transitions": True,
    }
    settings = {**params, "alone_every": args.alone_every}
    docs = split_articles(read_conll(train_path))
    started = time.time()
    out = args.out_dir / en.MODEL_PATH.name
    train(docs, out, params, args.alone_every)
    print(
        f"trained on {sum(map(len, docs))} sentences ({len(docs)} articles) in"
        f" {time.time() - started:.0f}s, model {out.stat().st_size / 1e6:.2f} MB"
    )
    scores = evaluate(out, dev_path)
    for name, result in scores.items():
        print(f"dev, {name}:", result["micro"], {t: v["f1"] for t, v in result["per_type"].items()})
    card = {
        "model": en.MODEL_PATH.name,
        "task": "English named entities, BIO over PER, ORG, LOC, MISC (MISC is not an actor)",
        "data": {
            "train": train_path.name,
            "train_sha256": hashlib.sha256(train_path.read_bytes()).hexdigest(),
            "sentences": sum(map(len, docs)),
            "articles": len(docs),
            "settings_chosen_on": dev_path.name,
        },
        "licence": "CoNLL-2003 English (Reuters RCV1): research use only; cite Tjong Kim Sang & De Meulder 2003",
        "word_classes": {
            "file": en.CLUSTERS_PATH.name,
            "from": "unlabelled text: CoNLL-2003 training tokens and the raw article"
            " texts of cnn.dev.jsonl and bbc.dev.jsonl.gz (also key-point"
            " evaluation sets; only their text, no labels or summaries)",
            "sha256": hashlib.sha256(en.CLUSTERS_PATH.read_bytes()).hexdigest() if en.CLUSTERS_PATH.exists() else None,
        },
        "params": settings,
        "scores_dev_PER_ORG_LOC": {
            name: {"micro": r["micro"], "per_type": {t: v["f1"] for t, v in r["per_type"].items()}}
            for name, r in scores.items()
        },
        "rebuild": "python scripts/train_ner_en.py  (add --clusters to rebuild the word classes)",
    }
    if args.out_dir.resolve() == en.MODEL_PATH.parent.resolve():
        # The shipped model only: what users get on dev, and our own fixture, scored once
        # the settings are chosen (never used to choose them).
        from briefing.evaluate.actors_pipeline import score_summarize, score_tagger

        def brief(r: dict) -> dict:
            return {"micro": r["micro"], "per_type": {t: v["f1"] for t, v in r["per_type"].items()}}

        card["scores_dev_summarize_one_record_per_sentence"] = brief(score_summarize(dev_path))
        card["scores_own_fixture"] = {
            "file": "tests/fixtures/ner-en.conll (written by the team; not used to choose settings)",
            "tagger_by_sentence": brief(score_tagger(FIXTURE, by="sentence")),
            "summarize_one_record_per_sentence": brief(score_summarize(FIXTURE)),
        }
        for name in ("scores_dev_summarize_one_record_per_sentence",):
            print(name, card[name])
        print("own fixture", card["scores_own_fixture"])
        write_atomic(en.INFO_PATH, (json.dumps(card, indent=1) + "\n").encode("utf-8"))
    else:
        (args.out_dir / en.INFO_PATH.name).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
