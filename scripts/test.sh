#!/usr/bin/env bash
# Sets up and runs every check: lint, unit, AppTest and real-browser tests.
# Needs only Python 3.11 or newer (scripts/python.sh finds it); as root it installs
# Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  else
    echo "chromium is missing: sudo apt-get install chromium fonts-noto-cjk" >&2
    exit 1
  fi
fi

. scripts/python.sh
"$PYTHON" -m venv .venv
.venv/bin/pip install --quiet -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
