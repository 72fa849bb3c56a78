"""Documents per second: our full analysis vs stock sumy LexRank, same articles, one run.

Usage: .venv/bin/python benchmarks/bench_keypoints.py [--limit 1000] [--data PATH]

"Full analysis" is `briefing.analyze.analyze_text` (key points + actors + quotes) when it
can run here; otherwise key points with segmentation and language detection, and the
output says which one was timed.

Stock sumy needs NLTK's punkt data for PlaintextParser's Tokenizer (English) and
pyarabic for its Arabic tokenizer; neither is available offline here, so stock LexRank
runs on a document built by sumy's PlaintextParser with a naive regex tokenizer, sumy's
own Arabic stemmer and sumy's Arabic stop words — what a user gets without punkt.

The "bound" line runs the same analysis with the Arabic tagger made free (every token
labelled O): what no faster tagger can beat, and so how little time the tagger may take
for a given ratio.

One-process figures are CPU seconds of this process (`time.process_time`), so other work
on the machine disturbs the ratio less; the pooled figure is wall-clock time (its work is
done in other processes), worker start-up included.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from antdata import DEFAULT_DATA, load  # noqa: E402  (benchmarks run as scripts)


class NaiveTokenizer:
    """What a sumy user writes when punkt is missing: split on stops, words on \\w+."""

    language = "arabic"
    _sentences = re.compile(r"(?<=[.!?؟])\s+|\n+")
    _words = re.compile(r"\w+")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s for s in self._sentences.split(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._words.findall(sentence))


def ours(records: list[dict]) -> tuple[str, float]:
    """Time our pipeline; returns (what was timed, CPU seconds)."""
    try:
        from briefing.analyze import analyze_text

        analyze_text(records[0]["text"], title=records[0].get("title", ""))
        label = "analyze_text (key points + actors + quotes)"

        def run(record: dict) -> None:
            analyze_text(record["text"], title=record.get("title", ""))
    except (ImportError, AttributeError) as error:
        from briefing.analyze.keypoints.select import key_points

        label = f"key_points + segmentation + language detection (analyze_text unavailable: {error})"

        def run(record: dict) -> None:
            key_points(record["text"], title=record.get("title", ""))

    started = time.process_time()
    for record in records:
        run(record)
    return label, time.process_time() - started


def ours_without_tagger(records: list[dict]) -> float:
    """CPU seconds for the same analysis with the Arabic tagger made free (every token
    labelled O): the most any faster tagger could give, since the rest must still run."""
    from unittest import mock

    from briefing.analyze import analyze_text
    from briefing.analyze.ner import tagger

    def free(sentences: list[list[str]], *, stacked: bool = True) -> list[list[str]]:
        return [["O"] * len(words) for words in sentences]

    with mock.patch.object(tagger, "tag_document", free):
        analyze_text(records[0]["text"])
        started = time.process_time()
        for record in records:
            analyze_text(record["text"], title=record.get("title", ""))
        return time.process_time() - started


def key_points_only(records: list[dict]) -> float:
    """CPU seconds for key points alone (segmentation and language detection included)."""
    from briefing.analyze.keypoints.select import key_points

    key_points(records[0]["text"])
    started = time.process_time()
    for record in records:
        key_points(record["text"], title=record.get("title", ""))
    return time.process_time() - started


def ours_pooled(records: list[dict]) -> tuple[int, float]:
    """Seconds for the same analysis through `analyze_many` on every CPU (as `briefing
    build` and `briefing summarize --input` run it), worker start-up included."""
    from briefing.analyze.batch import Task, analyze_many, worker_count

    tasks = [Task(r["text"], title=r.get("title", "")) for r in records]
    started = time.perf_counter()
    for _ in analyze_many(tasks):
        pass
    return worker_count(len(tasks)), time.perf_counter() - started


def stock_lexrank(records: list[dict]) -> float:
    """CPU seconds for sumy LexRank, as a user would set it up (offline)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = NaiveTokenizer()
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = get_stop_words("arabic")
    started = time.process_time()
    for record in records:
        parser = PlaintextParser.from_string(record["text"], tokenizer)
        summarizer(parser.document, 4)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}")
        return 1
    records = load(args.data, args.limit)
    label, ours_seconds = ours(records)
    sumy_seconds = stock_lexrank(records)
    workers, pooled_seconds = ours_pooled(records)
    points_rate = len(records) / key_points_only(records)
    bound_rate = len(records) / ours_without_tagger(records)
    ours_rate = len(records) / ours_seconds
    sumy_rate = len(records) / sumy_seconds
    pooled_rate = len(records) / pooled_seconds
    print(f"articles: {len(records)} from {args.data.name}")
    print(f"ours:   {ours_rate:8.1f} docs/s  ({ours_seconds:.2f} CPU s) — {label}, one process")
    print(f"pooled: {pooled_rate:8.1f} docs/s  ({pooled_seconds:.2f} s wall) — the same on {workers} processes")
    print(
        f"sumy:   {sumy_rate:8.1f} docs/s  ({sumy_seconds:.2f} CPU s) — stock LexRank, naive regex tokenizer, one process"
    )
    print(f"points: {points_rate:8.1f} docs/s  — key points alone, one process")
    print(
        f"bound:  {bound_rate:8.1f} docs/s  — ours with the Arabic tagger free (every token O), one process:"
        f" the tagger may cost {max(1000 / (1.5 * sumy_rate) - 1000 / bound_rate, 0):.2f} ms/doc for 1.5x,"
        f" with what it finds it costs {1000 / ours_rate - 1000 / bound_rate:.2f}"
    )
    print(
        f"ratio:  {ours_rate / sumy_rate:.2f}x one process, {pooled_rate / sumy_rate:.2f}x pooled;"
        f" key points alone {points_rate / sumy_rate:.2f}x; tagger free {bound_rate / sumy_rate:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
