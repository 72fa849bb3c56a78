"""Cross-corpus check of the Arabic actors: the tagger and what `summarize` outputs, scored
against NewsFANE's labels of the ANERcorp dev split's text (a corpus nobody tuned on).

    .venv/bin/python scripts/eval_actors_newsfane.py [--model DIR] [--records article|sentence]

NewsFANE re-annotates ANERcorp's own articles; its sentences on the dev split's text are
found as `scripts/train_ner.py --newsfane` finds them (`same_text`), with the development
models by default (`make dev-models`), which never saw that text.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def _train_ner():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    from briefing.analyze.ner import tagger as ner
    from briefing.evaluate import ner as ev
    from briefing.evaluate.fane import read_newsfane

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="Arabic models (default: the development models)")
    parser.add_argument("--anercorp", type=Path, default=SHARED / "anercorp.train.conll")
    parser.add_argument("--newsfane", type=Path, default=SHARED / "newsfane.ar.tsv")
    parser.add_argument("--records", choices=["article", "sentence"], default="article")
    args = parser.parse_args(argv)
    if args.model is None:
        spec = importlib.util.spec_from_file_location("dev_models", ROOT / "scripts" / "dev_models.py")
        assert spec is not None and spec.loader is not None
        dev_models = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(dev_models)
        args.model = dev_models.model_dir(args.anercorp)
    ner.use_models(args.model)
    if ner.model_info().get("trained_on") != "five-sixths":
        print(f"{args.model}: not a model of the first five sixths; run `make dev-models`", file=sys.stderr)
        return 2
    train, dev = ev.split_sentences(ev.read_conll(args.anercorp), "dev")
    _, held = _train_ner().same_text(read_newsfane(args.newsfane), train, dev)
    docs = ev.documents(held) if args.records == "article" else [[s] for s in held]
    gold = [ev.gold_mentions(s.tags) for s in held]
    result = ev.score(gold, [p for d in docs for p in ev.pipeline_mentions(d, "ar")])
    result["tagger"] = ev.score(gold, [p for d in docs for p in ev.tagger_mentions(d, "ar") or []])
    result.update(
        file=f"{args.newsfane.name} on the dev text of {args.anercorp.name}",
        split="dev",
        language="ar",
        sentences=len(held),
        tokens=sum(len(s.words) for s in held),
        model="five-sixths",
        records=args.records,
    )
    print(ev.format_scores(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
