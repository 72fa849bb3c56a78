"""A real `briefing worker` for the tests, able to inject two faults into the analyser.

- An article whose title contains "[poison]" always makes the analyser raise.
- With BRIEFING_TEST_GATE=<folder>, an article whose title contains "[gate]" writes
  <folder>/started-<pid> and waits until <folder>/open exists: the test decides when the
  task may go on (or kills the worker while it waits).

Everything else is the worker as users run it: `python tests/celery_worker.py --config ...`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import briefing.analyze as analyze

_real = analyze.analyze_text


def _faulty(text: str, *, title: str = "", **options):
    if "[poison]" in title:
        raise RuntimeError("this article always crashes the analyser (test fault)")
    gate = os.environ.get("BRIEFING_TEST_GATE")
    if gate and "[gate]" in title:
        Path(gate, f"started-{os.getpid()}").write_text(title, encoding="utf-8")
        deadline = time.monotonic() + 900  # a hang guard, not a synchronisation
        while not Path(gate, "open").exists():
            if time.monotonic() > deadline:
                raise TimeoutError("the test never opened the gate")
            time.sleep(0.05)
    return _real(text, title=title, **options)


if __name__ == "__main__":
    analyze.analyze_text = _faulty
    from briefing.cli import main

    sys.exit(main(["worker", *sys.argv[1:]]))
