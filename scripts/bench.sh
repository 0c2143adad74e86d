#!/usr/bin/env bash
# Sets up like test.sh and runs the benchmark: bench/RESULTS.md (about 25 minutes;
# --soak 60 shortens the 10-minute memory soak, --smoke runs one of everything).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/dev_env.sh
exec .venv/bin/python bench/run.py "$@"
