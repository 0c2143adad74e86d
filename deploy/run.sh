#!/usr/bin/env bash
# One command for a press day on one machine: nginx in front of N Streamlit processes.
#   bash deploy/run.sh --replicas 4 --port 8080      (see python -m deploy.serve --help)
# Needs Debian's nginx (installed here when run as root) and Python 3.11 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nginx >/dev/null
  else
    echo "nginx is missing: sudo apt-get install nginx" >&2
    exit 1
  fi
fi
. scripts/python.sh
"$PYTHON" -m venv .venv
.venv/bin/pip install --quiet -r requirements.txt
exec .venv/bin/python -m deploy.serve "$@"
