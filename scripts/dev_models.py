"""Build (once) the Arabic development NER models that the dev-split quality floor scores.

    make dev-models                      # or: .venv/bin/python scripts/dev_models.py
    .venv/bin/python scripts/dev_models.py --print-path

The shipped models (briefing/data/) learned from all of ANERcorp's training file, so they
cannot be scored on its development split. The development models are trained by
scripts/train_ner.py on the first five sixths only (about nine minutes on two cores) and
kept in a cache folder named by a hash of everything they depend on: the training script,
the code that makes features, the word lists and the data. Nothing changed, nothing is
trained again; the test suite itself never trains (tests/test_ner_eval.py only looks here).

The cache lives outside the checkout, so fresh clones on one machine (CI) share it:
$BRIEFING_DEV_MODELS, or else ~/.cache/briefing/ner-dev.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANERCORP = ROOT.parent / "shared" / "eval" / "anercorp.train.conll"
SHIPPED = {"ner-ar.crfsuite", "ner-ar-stack.crfsuite", "ner-ar.json"}  # outputs, not inputs
NOT_NER = {"keypoints-model.json"}  # other models in briefing/data: training never reads them


def cache_root() -> Path:
    default = Path.home() / ".cache" / "briefing" / "ner-dev"
    return Path(os.environ.get("BRIEFING_DEV_MODELS") or default)


def training_inputs(data: Path = ANERCORP) -> list[Path]:
    """Every file the development models depend on, in a stable order."""
    # only what training imports: a change to quotes or key points does not retrain them
    code = [ROOT / "scripts" / "train_ner.py", ROOT / "briefing" / "atomic.py"]
    for package in ("analyze/ner", "text"):
        code += sorted((ROOT / "briefing" / package).rglob("*.py"))
    code += [ROOT / "briefing" / "evaluate" / name for name in ("ner.py", "fane.py")]
    words = [
        p for p in sorted((ROOT / "briefing" / "data").iterdir()) if p.is_file() and p.name not in SHIPPED | NOT_NER
    ]
    return [*code, *words, data]


def model_dir(data: Path = ANERCORP) -> Path:
    """Where the development models for the current code and data are (or will be) kept."""
    digest = hashlib.sha256()
    for path in training_inputs(data):
        # named relative to the checkout (the data by its file name): any clone, same hash
        name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return cache_root() / digest.hexdigest()[:20]


def build(data: Path = ANERCORP) -> Path:
    """Train into the cache unless the models for these inputs are there already."""
    out = model_dir(data)
    if (out / "ner-ar.json").exists():
        print(f"development models up to date: {out}")
        return out
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    print(f"training the development models into {out} (about nine minutes) ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_ner.py"),
            "--data",
            str(data),
            "--train-on",
            "five-sixths",
            "--out-dir",
            str(partial),
        ],
        check=True,
    )
    partial.rename(out)  # whole or not at all: an interrupted run leaves only *.partial
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ANERCORP, help="ANERcorp-style CoNLL file")
    parser.add_argument("--print-path", action="store_true", help="print the cache folder and exit")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} is not here (the evaluation data lives in ../shared/eval)", file=sys.stderr)
        return 2
    if args.print_path:
        print(model_dir(args.data))
        return 0
    try:
        build(args.data)
    except subprocess.CalledProcessError as exc:
        print(f"error: training failed (exit {exc.returncode}); see the output above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
