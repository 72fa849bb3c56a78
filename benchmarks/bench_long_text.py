"""Time and peak memory of `analyze_text` on one long text, at growing lengths.

Usage: .venv/bin/python benchmarks/bench_long_text.py [--sentences 2000 4000 8000] [--lang en|ar]

Each length runs in a fresh process (so the peak resident size is that length's own) on a
made-up text of news-like sentences with quotes and names, written for this benchmark.
Linear analysis keeps "ms/sentence" flat as the text grows; a quadratic step makes it
grow with the length.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

EN = [
    "The minister said on Tuesday that the talks in Muscat would resume in week {n}.",
    "Officials from both delegations met at the Foreign Ministry to discuss the agenda.",
    "Prices of bread rose by {n} percent in Basra after the floods closed the main roads.",
    '"We will not accept any delay," the governor told reporters in the city.',
    "The United Nations envoy called for calm and urged all sides to keep talking.",
]
AR = [
    "قال الوزير يوم الثلاثاء إن المحادثات في مسقط ستستأنف في الأسبوع رقم {n}.",
    "والتقى مسؤولون من الوفدين في وزارة الخارجية لبحث جدول الأعمال.",
    "وارتفعت أسعار الخبز بنسبة {n} في المئة في البصرة بعد أن أغلقت الفيضانات الطرق.",
    "وقال المحافظ للصحفيين «لن نقبل أي تأخير».",
    "ودعا مبعوث الأمم المتحدة إلى التهدئة وحث جميع الأطراف على مواصلة الحوار.",
]


def long_text(sentences: int, language: str) -> str:
    pool = AR if language == "ar" else EN
    return " ".join(pool[i % len(pool)].format(n=i) for i in range(sentences))


def measure(sentences: int, language: str) -> dict:
    """In this process: one warm-up, then one timed analysis."""
    from briefing.analyze import analyze_text

    analyze_text("A short warm-up. It loads the models.", language=language)
    text = long_text(sentences, language)
    started = time.perf_counter()
    analysis = analyze_text(text, language=language)
    seconds = time.perf_counter() - started
    return {
        "sentences": sentences,
        "chars": len(text),
        "seconds": round(seconds, 2),
        "ms_per_sentence": round(1000 * seconds / sentences, 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "key_points": len(analysis.key_points),
        "quotes": len(analysis.quotes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    parser.add_argument("--lang", default="en", choices=["en", "ar"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.lang)))
        return
    print(f"{'sentences':>10} {'chars':>10} {'seconds':>8} {'ms/sent':>8} {'peak MB':>8}")
    for count in args.sentences:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(count), "--lang", args.lang],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{row['sentences']:>10} {row['chars']:>10} {row['seconds']:>8} {row['ms_per_sentence']:>8} "
            f"{row['peak_mb']:>8}",
            flush=True,
        )


if __name__ == "__main__":
    main()
