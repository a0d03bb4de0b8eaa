#!/usr/bin/env bash
# `make test` (and CI): virtualenv, Debian packages, PostgreSQL, OpenSearch (required), then
# scripts/check.sh (ruff, mypy, migrations, import-linter; `make check`) and pytest with
# portal.settings.test.  Exits with pytest's code, or non-zero if the checks failed.  Stops the
# OpenSearch it started.
# Extra arguments go to pytest:  scripts/test.sh -k search -x
# Serially (one process, as before pytest-xdist):  PYTEST_WORKERS=0 scripts/test.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CORPUS_DIR="${CORPUS_DIR:-../shared/corpus}"
CORPUS_DIR="$(realpath -m "$CORPUS_DIR")"   # relative to the repo root
export CORPUS_DIR
if [ ! -f "$CORPUS_DIR/seeds/index.json" ]; then
  echo "test.sh: the shared corpus is not at $CORPUS_DIR (no seeds/index.json); set CORPUS_DIR to it" >&2
  exit 2
fi
PY="$ROOT/.venv/bin/python"

say() { echo "==> $*" >&2 || true; }

say "virtualenv"
scripts/venv.sh

say "system packages"
scripts/system_deps.sh test

say "PostgreSQL"
DATABASE_URL="$(scripts/postgres.sh start | tail -n 1)"
export DATABASE_URL

started_opensearch=0
cleanup() {
  # runs on every exit; must finish even if the terminal or a pipe reading our output is gone
  trap - EXIT INT TERM
  trap '' PIPE HUP
  set +e
  if [ "$started_opensearch" = 1 ]; then
    say "stopping OpenSearch started by this run"
    scripts/opensearch.sh stop >&2 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "OpenSearch"
started_file="$(mktemp)"
OPENSEARCH_STARTED_FILE="$started_file" scripts/opensearch.sh start || {
  [ -s "$started_file" ] && started_opensearch=1; rm -f "$started_file"; exit 1; }
[ -s "$started_file" ] && started_opensearch=1
rm -f "$started_file"
OPENSEARCH_URL="$(scripts/opensearch.sh url)"
export OPENSEARCH_URL

export DJANGO_SETTINGS_MODULE=portal.settings.test
# Playwright drives Debian's Chromium; it never downloads a browser of its own.
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if command -v msgfmt >/dev/null 2>&1 && compgen -G "*/locale/*/LC_MESSAGES/*.po" >/dev/null; then
  say "compilemessages"
  "$PY" manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0
fi

# The code first (scripts/check.sh, `make check`), then the tests; both always run, and the
# run fails if either fails.
say "checks (ruff, mypy, migrations, import layers)"
set +e
scripts/check.sh
check_status=$?

# Two pytest-xdist workers by default (the 2 cores of CI and the developers' machines): each has
# its own PostgreSQL test database and OpenSearch index prefix. PYTEST_WORKERS=0 runs serially,
# PYTEST_WORKERS=auto one worker per core. `--dist load` (xdist's default) hands each worker the
# tests in pytest-django's order (database tests, then transactional ones, then the rest), which
# the transactional tests need: `worksteal` and `loadfile` break it (a flushed database under a
# later test, content types created twice).
workers="${PYTEST_WORKERS:-2}"
parallel=()
[ "$workers" != 0 ] && parallel=(-n "$workers" --dist load)
say "pytest (${parallel[*]:-serial}; DATABASE_URL=$DATABASE_URL OPENSEARCH_URL=$OPENSEARCH_URL CORPUS_DIR=$CORPUS_DIR)"
"$PY" -m pytest "${parallel[@]}" "$@"
status=$?
set -e
if [ "$status" -eq 0 ] && [ "$check_status" -ne 0 ]; then
  say "pytest passed, but the checks failed (see above)"
  exit "$check_status"
fi
exit "$status"
