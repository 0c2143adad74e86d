# Sourced by the setup scripts: sets PYTHON to the first interpreter on PATH that is
# Python 3.11 or newer, whatever it is called on this machine, and defines make_venv.
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

# pinned_count LOCK: how many packages a lock pins (a package pinned per Python
# range counts once).
pinned_count() {
  grep -o '^[a-z0-9][a-z0-9._-]*==' "$1" | sort -u | wc -l | tr -d ' '
}

# lock_hash LOCK: sha256 of the lock, pyproject.toml (the editable install's entry
# points) and .venv's Python version; .venv/.lock-hash holds the one installed.
lock_hash() {
  .venv/bin/python - "$1" <<'EOF'
import hashlib, sys
digest = hashlib.sha256(sys.version.encode())
for name in (sys.argv[1], "pyproject.toml"):
    with open(name, "rb") as file:
        digest.update(hashlib.sha256(file.read()).digest())
print(digest.hexdigest())
EOF
}

# make_venv LOCK [LOCK...]: .venv with $PYTHON, the packages of LOCK (hashes checked)
# and this project, editable (.venv/bin/trip). Nothing is installed when .venv
# already holds LOCK, or one of the other LOCKs named (supersets of LOCK at the same
# pins: requirements-dev.txt of requirements.txt, as scripts/lock.sh makes them).
make_venv() {
  local lock=$1 fresh="" candidate
  if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    >/dev/null 2>&1; then
    echo "Creating .venv with $PYTHON ($("$PYTHON" -V 2>&1)) …"
    "$PYTHON" -m venv --clear .venv
    fresh=1
  fi
  if [ -f .venv/.lock-hash ]; then
    for candidate in "$@"; do
      if [ -f "$candidate" ] && [ "$(lock_hash "$candidate")" = "$(cat .venv/.lock-hash)" ]; then
        echo ".venv is up to date with $candidate."
        return 0
      fi
    done
  fi
  rm -f .venv/.lock-hash
  if [ -n "$fresh" ]; then
    echo "Installing $(pinned_count "$lock") pinned packages from $lock" \
      "(first run: under a minute) …"
  else
    echo "Updating .venv to $lock ($(pinned_count "$lock") pinned packages) …"
  fi
  # uv (requirements-setup.txt, installed by pip, hashes checked) installs the lock in
  # under a minute on a fresh machine where pip took three and a half. Quiet: only
  # warnings and errors, no notice about pip's own version, no warning about running
  # as root (CI, containers).
  export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
  if ! .venv/bin/python -m pip install -qq --require-hashes -r requirements-setup.txt; then
    echo "Installing uv (requirements-setup.txt) failed (pip's error above)." >&2
    exit 1
  fi
  if ! .venv/bin/uv pip install --python .venv/bin/python -q --require-hashes \
    -r "$lock"; then
    echo "Installing $lock failed (uv's error above)." >&2
    exit 1
  fi
  # The project itself, editable, from the checkout: its build backend (setuptools)
  # came from the lock, so nothing is downloaded here.
  if ! .venv/bin/uv pip install --python .venv/bin/python -q --no-deps \
    --no-build-isolation -e .; then
    echo "Installing this project into .venv failed (uv's error above)." >&2
    exit 1
  fi
  lock_hash "$lock" >.venv/.lock-hash
}
