"""Train the Arabic neural NER tagger (BiLSTM-CRF) and export it as ONNX (ner-ar.onnx).

Runs in a training venv with PyTorch and gensim, never in the product's:

    python3 -m venv .venv-train && .venv-train/bin/pip install torch==2.13.0 gensim onnx onnxruntime -e .
    .venv-train/bin/python scripts/train_ner_neural.py --data /work/shared/eval/anercorp.train.conll \
        --news /work/shared/eval/ant-news.jsonl.gz --train-on five-sixths --out-dir /tmp/ner-neural

Word vectors are learned first (skip-gram, gensim, one worker, fixed seed) on the
unlabelled Arabic news of `--news` and cached in `--work`; the tagger then learns from
ANERcorp (`--train-on all` for the shipped model, `five-sixths` for the development one,
which also prints its scores on the last sixth after each epoch). Fixed seeds,
deterministic algorithms and one thread (run with OMP_NUM_THREADS=1 PYTHONHASHSEED=0,
as gensim hashes words): the same inputs give the same model.
The network and its inputs are described in `scripts/ner_neural.py`; the figures in docs/ner-neural.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

from briefing.analyze.ner import lexicon as lex
from briefing.analyze.ner import tagger as ner
from briefing.evaluate.ner import Sentence, documents, gold_mentions, read_conll, split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ner_neural as neural  # noqa: E402  (beside this script)


def news_documents(path: Path) -> list[list[str]]:
    """Folded tokens of each article of a JSONL(.gz) of news texts."""
    opener = gzip.open if path.suffix == ".gz" else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            docs.append([lex.fold(t.text) for t in ner.tokenize(json.loads(line).get("text", ""))])
    return docs


def word_vectors(news: Path, work: Path, dims: int, seed: int):
    """Skip-gram vectors of the folded words of `news` (cached by inputs and settings)."""
    from gensim.models import KeyedVectors, Word2Vec

    digest = hashlib.sha256(news.read_bytes()).hexdigest()[:12]
    path = work / f"w2v-{digest}-{dims}-{seed}.kv"
    if path.exists():
        return KeyedVectors.load(str(path))
    started = time.time()
    docs = news_documents(news)
    model = Word2Vec(docs, vector_size=dims, window=5, min_count=3, sg=1, negative=5, workers=1, seed=seed, epochs=4)
    work.mkdir(parents=True, exist_ok=True)
    model.wv.save(str(path))
    print(f"word vectors: {len(model.wv)} words in {time.time() - started:.0f}s", flush=True)
    return model.wv


def _train_ner():
    """scripts/train_ner.py, whose CRF recipe gives the first pass."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_ner", Path(__file__).with_name("train_ner.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ner"] = module  # its fold jobs run in worker processes
    spec.loader.exec_module(module)
    return module


def _inputs_digest(data: Path, train_on: str, folds: int) -> str:
    """A hash of what the CRF's labels depend on: its code, word lists and data."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{train_on}:{folds}".encode())
    paths = [root / "scripts" / "train_ner.py", *sorted((root / "briefing" / "analyze" / "ner").glob("*.py"))]
    paths += sorted(
        p for p in (root / "briefing" / "data").glob("*") if p.suffix in (".txt",) or p.name == "aliases.json"
    )
    paths += sorted((root / "briefing" / "data").glob("aliases*.json"))
    for path in [*paths, data]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def crf_first_pass(data: Path, train_on: str, train, dev, work: Path, out: Path, folds: int = 4, jobs: int = 2):
    """The CRF first pass (train_ner.py's recipe and settings): its model on all of `train`,
    written to `out`, and labels of every sentence from a model that never saw it (training
    sentences: `folds` contiguous folds; held-out ones: the full model). Cached in `work`."""
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    cache = work / f"crf-{_inputs_digest(data, train_on, folds)}"
    if not (cache / "labels.json").exists():
        started = time.time()
        tn = _train_ner()
        params = {
            "c1": 0.05,
            "c2": 0.01,
            "max_iterations": 200,
            "feature.minfreq": 2,
            "feature.possible_transitions": True,
        }
        docs = documents(train)
        feats = [ner.document_features([list(s.words) for s in d]) for d in docs]
        tags = [[list(s.tags) for s in d] for d in docs]
        fold_of = [d * folds // len(docs) for d in range(len(docs))]
        first: list = [None] * len(docs)
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            tn._JOB.update(
                feats=feats, tags=tags, folds=fold_of, params=params, tmp=Path(tmp), out=cache / "first.crfsuite"
            )
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for result in pool.map(tn._fold_job, [-1, *range(folds)]):
                    for d, labels in result:
                        first[d] = labels
        held_docs = documents(dev)
        held = tn.tag_docs(
            cache / "first.crfsuite", [ner.document_features([list(s.words) for s in d]) for d in held_docs]
        )
        labels = {"train": [x for doc in first for x in doc], "dev": [x for doc in held for x in doc]}
        (cache / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
        print(f"CRF first pass and {folds} folds in {time.time() - started:.0f}s", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(cache / "first.crfsuite", out / ner.MODEL_PATH.name)
    labels = json.loads((cache / "labels.json").read_text(encoding="utf-8"))
    return labels["train"], labels["dev"]


def char_table(sentences: list[Sentence], min_count: int = 2) -> list[str]:
    counts: dict[str, int] = {}
    for s in sentences:
        for w in s.words:
            for c in lex.fold(w):
                counts[c] = counts.get(c, 0) + 1
    return sorted(c for c, n in counts.items() if n >= min_count)


def encode(encoder: neural.Encoder, sentences: list[Sentence], first: list | None) -> list[tuple[dict, list[int]]]:
    """(inputs, label ids) of each sentence, the article features taken ten sentences at a
    time; `first`: the CRF's first-pass labels of each sentence, or None."""
    index = {label: i for i, label in enumerate(neural.LABELS)}
    out = []
    done = 0
    for doc in documents(sentences):
        labels = first[done : done + len(doc)] if first is not None else None
        done += len(doc)
        inputs = encoder.document([list(s.words) for s in doc], labels)
        for s, feed in zip(doc, inputs):
            if feed:
                out.append((feed, [index.get(t, 0) for t in s.tags]))
    return out


def build_network(torch, vectors: np.ndarray, chars: int, args):
    nn = torch.nn

    class CharCNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(chars + 2, args.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)

        def forward(self, ids):  # (B, T, W) -> (B, T, filters)
            b, t, w = ids.shape
            x = self.embed(ids.reshape(b * t, w)).transpose(1, 2)
            x = torch.relu(self.conv(x))
            pad = (ids.reshape(b * t, 1, w) == 0).to(x.dtype)
            x = x - pad * 1e4  # padding never wins the max
            return x.max(dim=2).values.clamp(min=0.0).reshape(b, t, -1)

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(vectors.shape[0], vectors.shape[1], padding_idx=0)
            self.words.weight.data.copy_(torch.from_numpy(vectors))
            self.chars = CharCNN()
            self.classes = nn.ModuleList([nn.Embedding(n + 1, d) for n, d in ((64, 8), (256, 16), (1024, 16))])
            size = 2 * vectors.shape[1] + args.char_filters + 40 + neural.FEATURES
            size += neural.STACK_FEATURES if args.crf else 0
            self.drop = nn.Dropout(args.dropout)
            self.lstm = nn.LSTM(size, args.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * args.hidden, len(neural.LABELS))

        def forward(self, words, cores, chars, classes, feats):
            parts = [self.words(words), self.words(cores), self.chars(chars)]
            parts += [emb(classes[:, :, n]) for n, emb in enumerate(self.classes)]
            x = self.drop(torch.cat([*parts, feats], dim=2))
            h, _ = self.lstm(x)
            return self.out(self.drop(h))

    return Network()


class CRF:
    """Transition, start and end scores and the CRF's loss (negative log-likelihood)."""

    def __init__(self, torch, labels: int) -> None:
        self.torch = torch
        self.trans = torch.nn.Parameter(torch.zeros(labels, labels))
        self.start = torch.nn.Parameter(torch.zeros(labels))
        self.end = torch.nn.Parameter(torch.zeros(labels))

    def parameters(self):
        return [self.trans, self.start, self.end]

    def loss(self, emit, tags, mask):
        """emit (B, T, L), tags (B, T), mask (B, T) bool, first column all true."""
        torch = self.torch
        b, t, _ = emit.shape
        rows = torch.arange(b)
        gold = self.start[tags[:, 0]] + emit[rows, 0, tags[:, 0]]
        alpha = self.start[None] + emit[:, 0]
        for i in range(1, t):
            m = mask[:, i]
            step = self.trans[tags[:, i - 1], tags[:, i]] + emit[rows, i, tags[:, i]]
            gold = gold + step * m
            nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + emit[:, i, None, :], dim=1)
            alpha = torch.where(m[:, None], nxt, alpha)
        last = tags[rows, mask.sum(dim=1) - 1]
        gold = gold + self.end[last]
        norm = torch.logsumexp(alpha + self.end[None], dim=1)
        return (norm - gold).sum()


def batches(data, size: int, rng: random.Random):
    """Sentences of like length together, batches in random order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][1]), rng.random()))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    return groups


def collate(torch, data, group):
    longest = max(len(data[i][1]) for i in group)
    out = {}
    for name in ("words", "cores", "chars", "classes", "feats"):
        parts = []
        for i in group:
            a = data[i][0][name][0]
            pad = [(0, longest - len(a))] + [(0, 0)] * (a.ndim - 1)
            parts.append(np.pad(a, pad))
        out[name] = torch.from_numpy(np.stack(parts))
    tags = np.zeros((len(group), longest), dtype=np.int64)
    mask = np.zeros((len(group), longest), dtype=bool)
    for n, i in enumerate(group):
        tags[n, : len(data[i][1])] = data[i][1]
        mask[n, : len(data[i][1])] = True
    return out, torch.from_numpy(tags), torch.from_numpy(mask)


def f1(gold: list[set], pred: list[set]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    ng, np_ = sum(map(len, gold)), sum(map(len, pred))
    return 200.0 * tp / (ng + np_) if ng + np_ else 0.0


def evaluate(torch, network, crf, data, sentences) -> float:
    """PERS/ORG/LOC micro-F1 of the network on encoded sentences."""
    network.eval()
    trans, start, end = (p.detach().numpy().astype(np.float64) for p in crf.parameters())
    pred = []
    with torch.no_grad():
        for feed, _ in data:
            emit = network(*(torch.from_numpy(feed[k]) for k in ("words", "cores", "chars", "classes", "feats")))
            path = neural.viterbi(emit[0].numpy().astype(np.float64), trans, start, end)
            pred.append(gold_mentions(tuple(neural.LABELS[k] for k in path)))
    network.train()
    return f1([gold_mentions(s.tags) for s in sentences], pred)


def halve_word_vectors(model) -> None:
    """Store the word vectors (most of the file) as float16, cast back after the lookup."""
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    table = max(graph.initializer, key=lambda t: int(np.prod(t.dims)))
    half = numpy_helper.from_array(numpy_helper.to_array(table).astype(np.float16), table.name)
    table.CopyFrom(half)
    nodes = list(graph.node)
    del graph.node[:]
    for node in nodes:
        if node.op_type == "Gather" and node.input[0] == table.name:
            wide = node.output[0]
            node.output[0] = wide + "_half"
            graph.node.extend([node, helper.make_node("Cast", [wide + "_half"], [wide], to=TensorProto.FLOAT)])
        else:
            graph.node.append(node)


def export(torch, network, crf, vocab: list[str], chars: list[str], path: Path, card: dict) -> None:
    """The network as ONNX, with what `neural.Model` needs as metadata."""
    import onnx

    network.eval()
    names = ("words", "cores", "chars", "classes", "feats")
    example = (
        torch.ones(1, 5, dtype=torch.long),
        torch.ones(1, 5, dtype=torch.long),
        torch.ones(1, 5, neural.CHAR_WIDTH, dtype=torch.long),
        torch.ones(1, 5, 3, dtype=torch.long),
        torch.zeros(1, 5, neural.FEATURES + (neural.STACK_FEATURES if card["settings"]["crf"] else 0)),
    )
    axes = {n: {1: "tokens"} for n in names}
    axes["scores"] = {1: "tokens"}
    tmp = path.with_suffix(".tmp.onnx")
    torch.onnx.export(
        network, example, str(tmp), input_names=list(names), output_names=["scores"],
        dynamic_axes=axes, opset_version=17, dynamo=False,
    )  # fmt: skip
    model = onnx.load(str(tmp))
    tmp.unlink()
    halve_word_vectors(model)
    trans, start, end = (p.detach().numpy().astype(float).round(6).tolist() for p in crf.parameters())
    meta = {
        "words": json.dumps(vocab, ensure_ascii=False),
        "chars": json.dumps(chars, ensure_ascii=False),
        "crf": json.dumps(
            {
                "labels": list(neural.LABELS),
                "transitions": trans,
                "start": start,
                "end": end,
                "uses_crf": card["settings"]["crf"],
            }
        ),
        "card": json.dumps(card, ensure_ascii=False),
    }
    for k, v in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    model.producer_name = "briefing scripts/train_ner_neural.py"
    onnx.save(model, str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ANERcorp-style CoNLL file")
    parser.add_argument("--news", type=Path, required=True, help="JSONL(.gz) of unlabelled Arabic news texts")
    parser.add_argument("--train-on", choices=["all", "five-sixths"], default="all")
    parser.add_argument("--out-dir", type=Path, required=True, help="not briefing/data: nothing ships from here")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "briefing" / "ner-neural")
    parser.add_argument("--vocab", type=int, default=40000, help="most frequent news words kept")
    parser.add_argument("--dims", type=int, default=100, help="word vector size")
    parser.add_argument("--hidden", type=int, default=150)
    parser.add_argument("--char-dim", type=int, default=30)
    parser.add_argument("--char-filters", type=int, default=50)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=7, help="of the network's training")
    parser.add_argument("--vectors-seed", type=int, default=7, help="of the word vectors' training")
    parser.add_argument("--crf", action=argparse.BooleanOptionalAction, default=True, help="read the CRF's first pass")
    args = parser.parse_args(argv)

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(args.seed)

    sentences = read_conll(args.data)
    train, dev = split_sentences(sentences, "dev")
    if args.train_on == "all":
        train, dev = sentences, []
    kv = word_vectors(args.news, args.work, args.dims, args.vectors_seed)
    vocab = list(kv.index_to_key[: args.vocab])
    scale = float(np.std(kv.vectors[: len(vocab)]))
    vectors = np.concatenate(
        [
            np.zeros((1, args.dims)),
            np.random.default_rng(args.seed).normal(0, scale, (1, args.dims)),
            kv.vectors[: len(vocab)],
        ]
    ).astype(np.float32)
    chars = char_table(train)
    encoder = neural.Encoder({w: i + 2 for i, w in enumerate(vocab)}, {c: i + 2 for i, c in enumerate(chars)})
    first_train = first_dev = None
    if args.crf:
        first_train, first_dev = crf_first_pass(args.data, args.train_on, train, dev, args.work, args.out_dir)
    started = time.time()
    data, held = encode(encoder, train, first_train), encode(encoder, dev, first_dev)
    print(f"train {len(data)} sentences, held out {len(held)}; inputs in {time.time() - started:.0f}s", flush=True)

    network = build_network(torch, vectors, len(chars), args)
    crf = CRF(torch, len(neural.LABELS))
    params = list(network.parameters()) + crf.parameters()
    optimiser = torch.optim.Adam(params, lr=args.lr)
    history = []
    for epoch in range(1, args.epochs + 1):
        started = time.time()
        total = 0.0
        for group in batches(data, args.batch, rng):
            feed, tags, mask = collate(torch, data, group)
            emit = network(*(feed[k] for k in ("words", "cores", "chars", "classes", "feats")))
            loss = crf.loss(emit, tags, mask)
            optimiser.zero_grad()
            (loss / len(group)).backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            optimiser.step()
            total += float(loss.detach())
        score = evaluate(torch, network, crf, held, dev) if dev else None
        history.append(score)
        shown = f", dev F1 {score:.2f}" if score is not None else ""
        print(f"epoch {epoch}: loss {total / len(data):.3f}{shown} ({time.time() - started:.0f}s)", flush=True)

    card = {
        "data": args.data.name,
        "word_vectors_from": args.news.name,
        "licences": {
            args.data.name: "ANERcorp (Benajiba, Rosso & Benedí 2007): research use",
            args.news.name: "ANT corpus (Chouigui et al.): unlabelled text for the word vectors; cite the paper",
        },
        "trained_on": args.train_on,
        "sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "settings": {k: v for k, v in vars(args).items() if k not in ("data", "news", "out_dir", "work")},
        "dev_f1_by_epoch": history if dev else None,
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    export(torch, network, crf, vocab, chars, args.out_dir / neural.MODEL_NAME, card)
    (args.out_dir / ner.INFO_NAME).write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out_dir / neural.MODEL_NAME} and {ner.INFO_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
