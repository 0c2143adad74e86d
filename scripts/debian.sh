# Sourced by dev_env.sh and deploy/run.sh: need_debian PACKAGE... installs Debian
# packages when run as root (CI, a fresh container), else says what to install.
# nginx's njs module (libnginx-mod-http-js) signs the route cookie; deploy/serve.py
# loads it from here.
NJS_MODULE=/usr/lib/nginx/modules/ngx_http_js_module.so
need_debian() {
  if [ "$(id -u)" = "0" ]; then
    echo "Installing from Debian: $* …"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "missing: sudo apt-get install $*" >&2
    exit 1
  fi
}
