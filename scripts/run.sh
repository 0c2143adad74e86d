#!/usr/bin/env bash
# Sets up and runs the app on its bundled data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python.sh
make_venv requirements.txt
exec .venv/bin/streamlit run app.py "$@"
