# Sourced by test.sh and bench.sh: Debian's chromium and nginx (installed when run
# as root) and .venv with the pinned test and benchmark tools.
. scripts/debian.sh
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then
  need_debian chromium fonts-noto-cjk nginx
fi

. scripts/python.sh
make_venv requirements-dev.txt
