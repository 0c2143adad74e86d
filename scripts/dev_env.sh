# Sourced by test.sh and bench.sh: Debian's chromium and nginx (installed when run
# as root) and .venv with the pinned test and benchmark tools.
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk nginx >/dev/null
  else
    echo "missing: sudo apt-get install chromium fonts-noto-cjk nginx" >&2
    exit 1
  fi
fi

. scripts/python.sh
"$PYTHON" -m venv .venv
.venv/bin/pip install --quiet -r requirements-dev.txt
