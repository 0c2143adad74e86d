# Sourced by the setup scripts: sets PYTHON to the first interpreter on PATH that is
# Python 3.11 or newer, whatever it is called on this machine.
PYTHON=""
for candidate in python3 python3.14 python3.13 python3.12 python3.11 python; do
  if command -v "$candidate" >/dev/null 2>&1 \
    && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PYTHON="$candidate"
    break
  fi
done
if [ -z "$PYTHON" ]; then
  echo "Python 3.11 or newer is needed; none was found on PATH." >&2
  exit 1
fi

# make_venv REQUIREMENTS: .venv with $PYTHON and the pinned packages of that file.
make_venv() {
  "$PYTHON" -m venv .venv
  .venv/bin/pip install --quiet -r "$1"
}
