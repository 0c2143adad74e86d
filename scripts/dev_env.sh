# Sourced by test.sh and bench.sh: Debian's chromium (the benchmark's browser), its
# chromium-headless-shell (the browser tests'), and nginx with its njs module
# (installed when run as root) and .venv from requirements-dev.txt, the lock of the
# app and the test and benchmark tools.
. scripts/debian.sh
if ! command -v chromium >/dev/null 2>&1 \
  || ! command -v chromium-headless-shell >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ] \
  || [ ! -e "$NJS_MODULE" ]; then
  need_debian chromium chromium-headless-shell fonts-noto-cjk nginx libnginx-mod-http-js
fi

. scripts/python.sh
make_venv requirements-dev.txt
