#!/usr/bin/env bash
# Regenerates the locks from the files people edit:
#   requirements.in     -> requirements.txt      (the app; run.sh, deploy/Dockerfile)
#   requirements-dev.in -> requirements-dev.txt  (the app + test tools; test.sh, CI)
#   requirements-setup.in -> requirements-setup.txt (uv, which installs the others)
# Every package, transitive ones too, pinned with the sha256 of each of its files
# on PyPI, resolved for Python 3.11 and newer at once (--universal; a package that
# has no release for all of them gets one line per Python range). The dev lock takes
# the app's packages at the very versions of requirements.txt (-c).
# Needs PyPI; the resolver (uv, as requirements-setup.in pins it) goes into a throwaway
# venv, not .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
# The uv that resolves is the one the setup installs (requirements-setup.in).
UV_VERSION=$(sed -n 's/^uv==//p' requirements-setup.in)
LOCK_VENV=${LOCK_VENV:-/tmp/lockvenv}
. scripts/python.sh

case "$("$LOCK_VENV/bin/uv" --version 2>/dev/null)" in
  "uv $UV_VERSION" | "uv $UV_VERSION "*) ;;
  *)
    echo "Installing uv $UV_VERSION into $LOCK_VENV …"
    "$PYTHON" -m venv "$LOCK_VENV"
    "$LOCK_VENV/bin/pip" install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    ;;
esac

# lock INPUT OUTPUT [UV OPTION...]: OUTPUT's pins are kept where INPUT allows them
# (uv reads its -o file first), unless this script's own options say otherwise.
lock() {
  local input=$1 output=$2
  shift 2
  local options=(--universal --python-version 3.11 --fork-strategy fewest
    --generate-hashes "$@")
  rm -f "$output.new"
  if [ -f "$output" ]; then cp "$output" "$output.new"; fi
  if ! "$LOCK_VENV/bin/uv" pip compile "$input" -o "$output.new" --quiet --no-header \
    --default-index https://pypi.org/simple "${options[@]}"; then
    rm -f "$output.new"
    exit 1
  fi
  {
    echo "# The lock of $input: generated, do not edit. Regenerate: bash scripts/lock.sh"
    echo "# (uv $UV_VERSION: uv pip compile $input ${options[*]})"
    cat "$output.new"
  } >"$output"
  rm "$output.new"
  echo "$output: $(pinned_count "$output") pinned packages"
}

# bash scripts/lock.sh --upgrade-package NAME (or --upgrade): newer versions of
# packages the .in files do not pin; without options, the locks' pins stay.
lock requirements.in requirements.txt "$@"
lock requirements-dev.in requirements-dev.txt -c requirements.txt "$@"
lock requirements-setup.in requirements-setup.txt "$@"
