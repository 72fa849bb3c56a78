"""Score actor extraction against a CoNLL file of named entities (PERS, ORG, LOC).

The file holds `token TAG` per line (extra middle columns and `-DOCSTART-` lines are
tolerated; PER is read as PERS). Sentences are separated by blank lines, or, when a file
has none (ANERcorp), end at . ! ? ؟ tokens. Sentences are joined with spaces, one a line,
ten to a document, and two things are scored on them:

- the pipeline: the actors `briefing summarize` outputs for that text alone (the
  briefing's own view, groups such as "الجيش الأميركي" included, `group` counted as ORG);
- the tagger: the learned tagger's own spans on the same words, before the pipeline.

Every predicted mention is snapped to the tokens it covers and typed person->PERS,
organization/group->ORG, place->LOC. A mention counts when its tokens and type equal a
gold mention's (a clitic cut off a word does not matter). MISC is ignored on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.text.script import count_arabic

TYPES = ("PERS", "ORG", "LOC")
_ACTOR_TO_TAG = {"person": "PERS", "organization": "ORG", "group": "ORG", "place": "LOC"}
_SENT_END = {".", "!", "?", "؟"}
DEV_FRACTION = 6  # the last sixth of the sentences is the development split


DOC_SENTENCES = 10  # sentences per article when a file marks no documents


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]
    doc: int = -1  # document number from -DOCSTART- lines; -1 when the file has none


def _tag(raw: str) -> str:
    raw = raw.strip().strip("\u200f\u200e")
    if raw == "O" or "-" not in raw:
        return "O"
    prefix, typ = raw.split("-", 1)
    typ = {"PER": "PERS"}.get(typ, typ)
    return f"{prefix}-{typ}"


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file (see module docstring)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    doc = -1

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(tags), doc))
        words.clear()
        tags.clear()

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    has_blank = any(not line.strip() for line in lines)
    for line in lines:
        parts = line.replace("\u200f", " ").replace("\u200e", " ").split()
        if not parts:
            flush()
            continue
        if parts[0] == "-DOCSTART-":
            flush()
            doc += 1
            continue
        if len(parts) < 2:
            continue  # a stray mark without a tag
        words.append(parts[0])
        tags.append(_tag(parts[-1]))
        if not has_blank and parts[0] in _SENT_END:
            flush()
    flush()
    return sentences


def split_sentences(sentences: list[Sentence], split: str) -> tuple[list[Sentence], list[Sentence]]:
    """(train, evaluation) parts: "dev" holds out the last sixth, "all" evaluates everything."""
    if split == "all":
        return [], sentences
    if split == "dev":
        cut = len(sentences) - len(sentences) // DEV_FRACTION
        return sentences[:cut], sentences[cut:]
    if split == "train":
        cut = len(sentences) - len(sentences) // DEV_FRACTION
        return sentences[:cut], sentences[:cut]
    raise ValueError(f"split must be 'dev' or 'all', not {split!r}")


def gold_mentions(tags: tuple[str, ...]) -> set[tuple[int, int, str]]:
    from briefing.analyze.ner.tagger import bio_spans

    return {s for s in bio_spans(list(tags)) if s[2] in TYPES}


def documents(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Articles to run the extractor on: the file's documents, or runs of
    `DOC_SENTENCES` consecutive sentences (ANERcorp keeps an article's sentences
    together but marks no boundaries), so names are seen in context as in real use."""
    docs: list[list[Sentence]] = []
    for s in sentences:
        if docs and (s.doc == docs[-1][0].doc if s.doc >= 0 else len(docs[-1]) < DOC_SENTENCES):
            docs[-1].append(s)
        else:
            docs.append([s])
    return docs


def _token_spans(doc: list[Sentence]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The document's text (one sentence a line, words apart by spaces) and, for each
    word, (sentence, token, start, end) in that text."""
    where = []
    pos = 0
    for n, s in enumerate(doc):
        for i, w in enumerate(s.words):
            where.append((n, i, pos, pos + len(w)))
            pos += len(w) + 1
    return "\n".join(" ".join(s.words) for s in doc), where


def _snap(actors, doc: list[Sentence], where) -> list[set[tuple[int, int, str]]]:
    """Each actor mention as (first token, end token, type) in its sentence. A mention
    that covers part of a word counts as the word, so a proclitic cut off ("و" of
    "وبلينكن") on either side is ignored."""
    found: list[set] = [set() for _ in doc]
    for actor in actors:
        typ = _ACTOR_TO_TAG.get(actor.type)
        if typ is None:
            continue
        for m in actor.mentions:
            covered = [(n, i) for n, i, a, b in where if a < m.end and b > m.start]
            if covered and covered[0][0] == covered[-1][0]:
                found[covered[0][0]].add((covered[0][1], covered[-1][1] + 1, typ))
    return found


def predicted_mentions(
    doc: list[Sentence], language: str, *, named_only: bool = True
) -> list[set[tuple[int, int, str]]]:
    """Run `extract_actors` on the document (one sentence a line) and map every mention
    back to the tokens of its sentence."""
    from briefing.analyze.actors.extract import extract_actors

    text, where = _token_spans(doc)
    return _snap(extract_actors(text, language=language, named_only=named_only), doc, where)


def pipeline_mentions(doc: list[Sentence], language: str | None = None) -> list[set[tuple[int, int, str]]]:
    """What users get: the actors `briefing summarize` outputs for the document's text,
    given the text alone (language detected as summarize does, no title)."""
    from briefing.analyze import analyze_text

    text, where = _token_spans(doc)
    return _snap(analyze_text(text, language=language).actors, doc, where)


def tagger_mentions(doc: list[Sentence], language: str) -> list[set[tuple[int, int, str]]] | None:
    """The learned tagger's own PERS/ORG/LOC spans on the document's words (both passes
    of the Arabic CRF), before the actor pipeline; None for a language without one."""
    from briefing.analyze.ner import tagger as ner

    if language != "ar" or not ner.model_available():
        return None
    labels = ner.tag_document([list(s.words) for s in doc])
    return [{sp for sp in ner.bio_spans(lab) if sp[2] in TYPES} for lab in labels]


def guess_language(sentences: list[Sentence]) -> str:
    sample = "".join(w for s in sentences[:200] for w in s.words)
    arabic = count_arabic(sample)
    return "ar" if arabic > len(sample) * 0.3 else "en"


def score(gold: list[set], pred: list[set]) -> dict:
    """Micro and per-type precision, recall and F1 (in %) over mention sets."""
    counts = {t: [0, 0, 0] for t in TYPES}  # true positives, predicted, gold
    for g, p in zip(gold, pred):
        for t in TYPES:
            gt = {m for m in g if m[2] == t}
            pt = {m for m in p if m[2] == t}
            counts[t][0] += len(gt & pt)
            counts[t][1] += len(pt)
            counts[t][2] += len(gt)

    def prf(tp: int, npred: int, ngold: int) -> dict:
        p = 100.0 * tp / npred if npred else 0.0
        r = 100.0 * tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 2),
            "recall": round(r, 2),
            "f1": round(f, 2),
            "gold": ngold,
            "predicted": npred,
            "correct": tp,
        }

    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": prf(*total), "per_type": {t: prf(*counts[t]) for t in TYPES}}


def check_held_out(path: Path, split: str) -> None:
    """Refuse to score the Arabic models on sentences they were trained on: the shipped
    models learn from all of ANERcorp's training file, so its dev split needs the
    development model (UsageError with the command that builds it)."""
    import hashlib

    from briefing.analyze.ner import tagger as ner
    from briefing.errors import UsageError

    info = ner.model_info()
    if info.get("trained_on") != "all" or info.get("sha256") != hashlib.sha256(Path(path).read_bytes()).hexdigest():
        return
    raise UsageError(
        f"the Arabic model in use was trained on all of {Path(path).name}, so its {split} split "
        f"is not held out; build the development model with `.venv/bin/python scripts/train_ner.py "
        f"--data {path} --train-on five-sixths --out-dir DIR` and score it with --model DIR"
    )


def evaluate_conll(
    path: Path, *, split: str = "dev", language: str | None = None, records: str = "article", losses: bool = False
) -> dict:
    """Score what users get on a CoNLL file, and the tagger alone beside it (`tagger`).

    The top-level scores are the pipeline's: the actors `summarize` outputs, given the
    text alone, `group` counted as ORG. `tagger` holds the learned tagger's own scores on
    the same documents (None when the language has no tagger). `records`: "article"
    gives ten sentences at a time (the file's documents when it marks them), "sentence"
    each sentence alone."""
    check_held_out(path, split)
    sentences = read_conll(Path(path))
    _, held = split_sentences(sentences, split)
    lang = language or guess_language(held)
    docs = documents(held) if records == "article" else [[s] for s in held]
    gold = [gold_mentions(s.tags) for s in held]
    pred = [p for doc in docs for p in pipeline_mentions(doc, language)]
    result = score(gold, pred)
    per_doc = [tagger_mentions(doc, lang) for doc in docs]
    # The named view (descriptions such as "الجيش الأميركي" left out, `named_only`): what
    # of the gap between tagger and pipeline those descriptions make.
    named = [p for doc in docs for p in predicted_mentions(doc, lang, named_only=True)]
    result["named"] = score(gold, named)
    tagged = None if any(t is None for t in per_doc) else [p for t in per_doc if t is not None for p in t]
    result["tagger"] = tagged and score(gold, tagged)
    if losses and tagged:
        result["losses"] = lost_mentions(held, gold, tagged, pred)
    from briefing.analyze.ner import tagger as ner

    result.update(
        {
            "file": str(path),
            "split": split,
            "language": lang,
            "records": records,
            "sentences": len(held),
            "tokens": sum(len(s.words) for s in held),
            "model": ner.model_info().get("trained_on", "unknown") if lang == "ar" else "english-crf",
        }
    )
    return result


def lost_mentions(held: list[Sentence], gold: list[set], tagged: list[set], pred: list[set], examples: int = 8) -> dict:
    """Where the pipeline parts from the tagger, by kind: the tagger's correct mentions it
    retypes, cuts or widens, or drops; the correct ones it adds; the wrong ones it adds."""
    kinds: dict[str, list] = {}

    def note(kind: str, s: Sentence, span: tuple, other: tuple | None = None) -> None:
        rows = kinds.setdefault(f"{kind} {span[2]}", [])
        text = " ".join(s.words[span[0] : span[1]])
        if other is not None:
            text += f"  ->  {' '.join(s.words[other[0] : other[1]])} ({other[2]})"
        rows.append(text)

    for s, g, t, p in zip(held, gold, tagged, pred):
        for span in sorted((t & g) - p):
            same = [o for o in p if o[:2] == span[:2]]
            near = [o for o in p if o[0] < span[1] and span[0] < o[1]]
            if same:
                note("lost: retyped", s, span, same[0])
            elif any(o[2] == span[2] for o in near):
                note("lost: other bounds", s, span, next(o for o in near if o[2] == span[2]))
            elif near:
                note("lost: other bounds and type", s, span, near[0])
            else:
                note("lost: dropped", s, span)
        for span in sorted((p & g) - t):
            note("gained: correct, not tagged", s, span)
        for span in sorted(p - g - t):
            note("added: wrong, not tagged", s, span)
    return {
        k: {"count": len(v), "examples": v[:examples]} for k, v in sorted(kinds.items(), key=lambda kv: -len(kv[1]))
    }


def format_scores(result: dict) -> str:
    """A small table of the scores, for people: the tagger's and the pipeline's side by side."""
    tagger = result.get("tagger")
    lines = [
        f"{result.get('file', '')}  split={result.get('split')}  language={result.get('language')}"
        f"  sentences={result.get('sentences')}  tokens={result.get('tokens')}"
        f"  model={result.get('model')}  records={result.get('records', 'article')}",
        f"{'':<6} {'tagger':^20}   {'pipeline (summarize actors)':^34}",
        f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}",
    ]
    rows = [(t, result["per_type"][t], tagger and tagger["per_type"][t]) for t in TYPES]
    rows.append(("micro", result["micro"], tagger and tagger["micro"]))
    for name, s, t in rows:
        left = f"{t['precision']:>6.2f} {t['recall']:>6.2f} {t['f1']:>6.2f}" if t else f"{'-':>6} {'-':>6} {'-':>6}"
        lines.append(
            f"{name:<6} {left}   {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f}"
            f" {s['gold']:>6} {s['predicted']:>6}"
        )
    if result.get("named"):
        n = result["named"]["micro"]
        lines.append(
            f"pipeline without described groups (named_only): P {n['precision']:.2f}"
            f"  R {n['recall']:.2f}  F1 {n['f1']:.2f}"
        )
    for kind, found in (result.get("losses") or {}).items():
        lines.append(f"{kind}: {found['count']}")
        lines += [f"    {e}" for e in found["examples"]]
    return "\n".join(lines)
