# Sourced by test.sh and bench.sh: Debian's chromium and nginx with its njs module
# (installed when run as root) and .venv from requirements-dev.txt, the lock of the
# app and the test and benchmark tools.
. scripts/debian.sh
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ] \
  || [ ! -e "$NJS_MODULE" ]; then
  need_debian chromium fonts-noto-cjk nginx libnginx-mod-http-js
fi

. scripts/python.sh
make_venv requirements-dev.txt
