#!/usr/bin/env bash
# One-off: bring the whole code base to `ruff format` style and apply ruff's safe fixes
# (import order, pyupgrade), then show what is left for `make lint`. Run it once on main
# after the branches in flight are merged (formatting everything on a branch would
# conflict with every other branch), check the tests, and commit the result alone:
#     scripts/format-all.sh && make test && git commit -am "Format the code base with ruff"
set -euo pipefail
cd "$(dirname "$0")/.."

PATHS=(briefing tests scripts benchmarks)
RUFF=${RUFF:-.venv/bin/ruff}
[ -x "$RUFF" ] || { echo "error: $RUFF not found: run 'make install-dev' first" >&2; exit 2; }

"$RUFF" check --fix --quiet "${PATHS[@]}" || true   # safe fixes only; the rest is listed below
"$RUFF" format --quiet "${PATHS[@]}"
echo "--- left for make lint (fix by hand):"
status=0
"$RUFF" check "${PATHS[@]}" || status=1
"$RUFF" format --check --quiet "${PATHS[@]}" || status=1
.venv/bin/mypy || status=1
exit $status
