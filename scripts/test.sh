#!/usr/bin/env bash
# Sets up and runs every check: lint, unit, AppTest and real-browser tests.
# Needs only Python 3.11 or newer (scripts/python.sh finds it); as root it installs
# Debian's chromium-headless-shell for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/dev_env.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
