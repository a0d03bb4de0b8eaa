#!/usr/bin/env bash
# `make run`: the portal on http://127.0.0.1:${PORT:-8000} with SQLite (DATABASE_URL overrides),
# a local OpenSearch when Java 17 and Maven are there (search falls back to the database
# otherwise), demo data, the index worker in the background and runserver in the foreground.
# The worker indexes the demo data (lexical search at once), then embeds its articles in the
# background (search/semantic.py: a few minutes per thousand articles, nothing when the vector
# cache under var/vectors/ already has them): search turns hybrid entry by entry;
# `manage.py search_status` says how many are still missing.
# Ctrl-C stops the worker, and OpenSearch if this run started it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
PORT="${PORT:-8000}"
CORPUS_DIR="${CORPUS_DIR:-../shared/corpus}"
CORPUS_DIR="$(realpath -m "$CORPUS_DIR")"   # relative to the repo root
export CORPUS_DIR
PY="$ROOT/.venv/bin/python"

say() { echo "==> $*" >&2 || true; }

say "virtualenv"
scripts/venv.sh

if [ "$(id -u)" -eq 0 ]; then
  say "system packages (gettext, curl)"
  scripts/system_deps.sh run
fi

worker_pid=""
started_opensearch=0
cleanup() {
  # runs on every exit; must finish even if the terminal or a pipe reading our output is gone
  trap - EXIT INT TERM
  trap '' PIPE HUP
  set +e
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    say "stopping the worker (pid $worker_pid)"
    kill -TERM "$worker_pid" 2>/dev/null || true
    wait "$worker_pid" 2>/dev/null || true
  fi
  if [ "$started_opensearch" = 1 ]; then
    say "stopping OpenSearch started by this run"
    scripts/opensearch.sh stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "OpenSearch"
started_file="$(mktemp)"
OPENSEARCH_STARTED_FILE="$started_file" scripts/opensearch.sh start --optional
[ -s "$started_file" ] && started_opensearch=1
rm -f "$started_file"
if [ -z "${OPENSEARCH_URL:-}" ] && scripts/opensearch.sh status >/dev/null 2>&1; then
  OPENSEARCH_URL="$(scripts/opensearch.sh url)"
  export OPENSEARCH_URL
fi

say "migrate"
"$PY" manage.py migrate --noinput

if command -v msgfmt >/dev/null 2>&1 && compgen -G "*/locale/*/LC_MESSAGES/*.po" >/dev/null; then
  say "compilemessages"
  "$PY" manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0
else
  say "gettext missing: skipping compilemessages (apt-get install gettext)"
fi

say "demo data from $CORPUS_DIR"
"$PY" manage.py load_demo_data --corpus "$CORPUS_DIR"

say "demo accounts (development only; passwords in var/demo-accounts.json)"
WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$PORT}" "$PY" manage.py demo_accounts

say "worker (db_worker) in the background"
"$PY" manage.py db_worker &
worker_pid=$!

say "http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
PORTAL_WARMUP=1 "$PY" manage.py runserver "127.0.0.1:$PORT"
