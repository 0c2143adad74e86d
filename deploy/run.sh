#!/usr/bin/env bash
# One command for a press day on one machine: nginx in front of N Streamlit processes.
#   bash deploy/run.sh --replicas 4 --port 8080      (see python -m deploy.serve --help)
# Needs Debian's nginx and its njs module (installed here when run as root) and
# Python 3.11 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian.sh
if { ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; } \
  || [ ! -e "$NJS_MODULE" ]; then
  need_debian nginx libnginx-mod-http-js
fi
. scripts/python.sh
make_venv requirements.txt requirements-dev.txt
exec .venv/bin/python -m deploy.serve "$@"
