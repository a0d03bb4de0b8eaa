#!/usr/bin/env bash
# Create .venv with Python 3.11 if missing, and `pip install -e '.[dev]'` whenever
# pyproject.toml changed since the last successful install (stamp: .venv/.pyproject.sha256).
#   PYTHON=/path/to/python3.11 scripts/venv.sh   # to choose the interpreter
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.pyproject.sha256"
cd "$ROOT"

log() { echo "venv: $*" >&2; }

find_python() {
  local c
  for c in ${PYTHON:-} python3.11 /usr/bin/python3.11 /usr/local/bin/python3.11; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1 \
       && "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
  py="$(find_python)" || { log "Python 3.11 not found (set PYTHON=/path/to/python3.11)"; exit 1; }
  # Debian's own python3.11 needs python3.11-venv for ensurepip
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ] && [ "$py" = /usr/bin/python3.11 ]; then
      log "installing python3.11-venv"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null
    else
      log "$py has no venv/ensurepip module (Debian: apt-get install python3.11-venv)"; exit 1
    fi
  fi
  log "creating $VENV with $py"
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
  rm -f "$STAMP"
fi

want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
  log "pyproject.toml changed: pip install -e '.[dev]' (this can take several minutes on a new machine)"
  export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  # compat mode: a plain .pth entry for the repo root, no import hooks (namespace-safe)
  "$VENV/bin/python" -m pip install -q --config-settings editable_mode=compat -e '.[dev]'
  echo "$want" >"$STAMP"
  log "installed"
fi
