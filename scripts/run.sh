#!/usr/bin/env bash
# Sets up and runs the app on its bundled data: http://localhost:8501
# (.venv from requirements.txt, the lock; nothing is installed when it is up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python.sh
# .venv from test.sh (requirements-dev.txt) holds requirements.txt too, at its pins.
make_venv requirements.txt requirements-dev.txt
if [ $# -eq 0 ]; then
  echo "Starting the app on http://localhost:8501 (open it in a browser; Ctrl+C stops it) …"
else
  echo "Starting the app: streamlit run app.py $* …"
fi
# Streamlit's command with the pacer installed before it serves (components/server.py).
exec .venv/bin/python -m components.server run app.py "$@"
