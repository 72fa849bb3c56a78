#!/usr/bin/env bash
# Run the test suite RUNS times in a row (default 3) while a CPU hog keeps every core busy,
# to prove no test depends on timing or on an idle machine. Stops at the first failing run.
#     make stress-test            # or: RUNS=1 scripts/stress-test.sh -k scheduler
# Extra arguments go to pytest. The hog processes are ours: they are killed by their ids on
# any exit (success, failure or Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
HOGS=${HOGS:-$(nproc)}
PYTHON=${PYTHON:-.venv/bin/python}

hogs=()
stop_hogs() {
    for pid in "${hogs[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${hogs[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_hogs EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 "$HOGS"); do
    "$PYTHON" -c "while True: pass" &
    hogs+=("$!")
done
echo "stress-test: $HOGS CPU hog(s) running (pids ${hogs[*]}); $RUNS run(s) of the suite"

for run in $(seq 1 "$RUNS"); do
    echo "=== stress-test run $run of $RUNS ==="
    started=$(date +%s)
    if ! "$PYTHON" -m pytest -p no:cacheprovider "$@"; then
        echo "stress-test: run $run FAILED after $(( $(date +%s) - started )) s" >&2
        exit 1
    fi
    echo "stress-test: run $run passed in $(( $(date +%s) - started )) s"
done
echo "stress-test: all $RUNS runs passed under load"
