"""Score English actors on a CoNLL file two ways: the tagger alone, and what users get.

(a) `score_tagger`: the English CRF's PER/ORG/LOC spans against the gold ones (MISC is
    no actor and is left out on both sides).
(b) `score_summarize`: every sentence of the file becomes its own record (tokens joined
    with spaces), the records go through `briefing summarize --input … --output …` in a
    subprocess, exactly as a user runs it, and the actors' mentions in the output are
    mapped back to tokens: person -> PER, organization and group -> ORG, place -> LOC.
A mention counts when its tokens and type equal a gold mention's. The gap between (a)
and (b) is what the actor pipeline loses (or adds) on top of the tagger.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.evaluate.ner import Sentence, gold_mentions, read_conll, score

_ACTOR_TO_TAG = {"person": "PERS", "organization": "ORG", "group": "ORG", "place": "LOC"}
_TAGGER_TO_TAG = {"PER": "PERS", "ORG": "ORG", "LOC": "LOC"}


def split_articles(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Reuters articles of a CoNLL file without document marks: each starts at the
    headline before a short dateline sentence ending in a date ("LONDON 1996-08-30")."""
    import re

    date = re.compile(r"\d{4}-\d{2}-\d{2}$")
    docs: list[list[Sentence]] = []
    for n, s in enumerate(sentences):
        nxt = sentences[n + 1] if n + 1 < len(sentences) else None
        starts = nxt is not None and len(nxt.words) <= 8 and bool(date.match(nxt.words[-1]))
        if not docs or starts:
            docs.append([])
        docs[-1].append(s)
    return docs


def tagger_mentions(docs: list[list[Sentence]]) -> list[set[tuple[int, int, str]]]:
    """PER/ORG/LOC spans the English tagger finds in each sentence (articles as given)."""
    from briefing.analyze.ner import english
    from briefing.analyze.ner.tagger import bio_spans

    out = []
    for doc in docs:
        for labels in english.tag_document([list(s.words) for s in doc]):
            out.append({(a, b, _TAGGER_TO_TAG[t]) for a, b, t in bio_spans(labels) if t in _TAGGER_TO_TAG})
    return out


def score_tagger(path: Path, *, by: str = "sentence") -> dict:
    """Scores of the English tagger alone on a CoNLL file; `by` "article" tags the
    articles whole (`split_articles`), "sentence" each sentence alone."""
    sentences = read_conll(Path(path))
    docs = split_articles(sentences) if by == "article" else [[s] for s in sentences]
    result = score([gold_mentions(s.tags) for s in sentences], tagger_mentions(docs))
    result.update(
        {"file": str(path), "by": by, "sentences": len(sentences), "tokens": sum(len(s.words) for s in sentences)}
    )
    return result


def mentions_from_record(sentence: Sentence, record: dict) -> set[tuple[int, int, str]]:
    """Token spans of the actors' mentions of one `summarize` output record whose text
    was the sentence's tokens joined by spaces."""
    where = []
    pos = 0
    for i, w in enumerate(sentence.words):
        where.append((i, pos, pos + len(w)))
        pos += len(w) + 1
    found = set()
    for actor in record.get("actors") or []:
        typ = _ACTOR_TO_TAG.get(actor.get("type"))
        if typ is None:
            continue
        for m in actor.get("mentions") or []:
            covered = [i for i, a, b in where if a < m["end"] and b > m["start"]]
            if covered:
                found.add((covered[0], covered[-1] + 1, typ))
    return found


def score_summarize(path: Path, *, lang: str = "en", workers: int = 0, limit: int | None = None) -> dict:
    """Scores of what `briefing summarize` outputs, each sentence of the CoNLL file a
    record of its own (see module docstring)."""
    sentences = read_conll(Path(path))[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for n, s in enumerate(sentences):
                fh.write(
                    json.dumps({"id": f"s{n}", "lang": lang, "text": " ".join(s.words)}, ensure_ascii=False) + "\n"
                )
        cmd = [
            sys.executable,
            "-m",
            "briefing",
            "summarize",
            "--input",
            str(src),
            "--output",
            str(dst),
            "--workers",
            str(workers),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not dst.exists():
            from briefing.errors import BriefingError

            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise BriefingError(f"`briefing summarize` failed on {path} (exit {done.returncode}): " + " | ".join(tail))
        records = {}
        for line in dst.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            records[rec.get("id")] = rec
    pred = [mentions_from_record(s, records.get(f"s{n}", {})) for n, s in enumerate(sentences)]
    result = score([gold_mentions(s.tags) for s in sentences], pred)
    result.update(
        {
            "file": str(path),
            "by": "summarize, one record per sentence",
            "sentences": len(sentences),
            "tokens": sum(len(s.words) for s in sentences),
        }
    )
    return result


def evaluate_english(path: Path, *, workers: int = 0) -> dict:
    """Both figures for `briefing eval actors --lang en`."""
    check_not_trained_on(path)
    return {"tagger": score_tagger(path, by="sentence"), "summarize": score_summarize(path, workers=workers)}


def check_not_trained_on(path: Path) -> None:
    """Refuse to score the English model on the file it learned from (UsageError)."""
    import hashlib

    from briefing.analyze.ner import english
    from briefing.errors import UsageError

    trained = english.model_info().get("data", {}).get("train_sha256")
    if trained and trained == hashlib.sha256(Path(path).read_bytes()).hexdigest():
        raise UsageError(
            f"the English model was trained on {Path(path).name}; score it on a file it "
            f"did not learn from, such as conll2003.dev.conll"
        )


def format_english(results: dict) -> str:
    """Both tables, the tagger's and what `summarize` gives, for people."""
    from briefing.evaluate.ner import format_scores

    parts = []
    for name, label in (("tagger", "English tagger alone"), ("summarize", "what `briefing summarize` outputs")):
        r = dict(results[name], split="all", language="en", model=label, records="sentence")
        parts.append(format_scores(r))
    return "\n\n".join(parts)
