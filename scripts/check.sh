#!/usr/bin/env bash
# `make check` (and `make test` before pytest): the code, not only the tests.
#   ruff (lint and format), mypy, migrations in step with the models, import-linter's layers.
# Runs every check, prints how long each took, and exits non-zero if any failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.venv/bin"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.test}"

failed=()
run() {
  local name="$1"; shift
  local started=$SECONDS
  if "$@"; then
    echo "==> check $name: ok ($((SECONDS - started)) s)" >&2
  else
    echo "==> check $name: FAILED ($((SECONDS - started)) s)" >&2
    failed+=("$name")
  fi
}

import_contracts() {
  # lint-imports prints a banner; keep its verdicts, and everything when a contract is broken.
  local out status
  out="$("$BIN/lint-imports" --no-cache 2>&1)"; status=$?
  if [ "$status" -eq 0 ]; then grep -E "KEPT|BROKEN|^Contracts:|warning|No matches" <<<"$out" >&2; else echo "$out" >&2; fi
  return "$status"
}

run "ruff check" "$BIN/ruff" check --quiet .
run "ruff format" "$BIN/ruff" format --check --quiet .
run "mypy" "$BIN/mypy"
run "migrations" "$BIN/python" -W ignore::RuntimeWarning manage.py makemigrations --check --dry-run
run "import contracts" import_contracts

if [ "${#failed[@]}" -gt 0 ]; then
  echo "==> checks failed: ${failed[*]}" >&2
  exit 1
fi
