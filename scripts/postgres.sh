#!/usr/bin/env bash
# PostgreSQL for the tests (and for `make run` if you want it instead of SQLite).
#   scripts/postgres.sh start    # install if missing (root), start the cluster, create the
#                                # role `portal` (password `portal`, CREATEDB) and the databases
#                                # `portal` and `portal_test`; idempotent
#   scripts/postgres.sh stop
#   scripts/postgres.sh status
#   scripts/postgres.sh url      # print the DATABASE_URL only
# Messages go to stderr; `start` and `url` print the DATABASE_URL to use as the last line of
# stdout. If DATABASE_URL is already set, it is used as is and nothing is installed or started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-start}"

PG_USER=portal
PG_PASSWORD=portal
PG_DATABASES=(portal portal_test)

log() { echo "postgres: $*" >&2; }

cluster_line() {
  # "<version> <name> <port> <status> ..." of the newest cluster named main
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters --no-header 2>/dev/null | awk '$2=="main"' | sort -V | tail -n1
}

print_url() {
  local port="${1:-5432}"
  echo "postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/portal"
}

check_url() {
  # succeed if the URL answers a query
  local url="$1"
  if command -v psql >/dev/null 2>&1; then
    psql "$url" -tAc 'select 1' >/dev/null 2>&1
  elif command -v pg_isready >/dev/null 2>&1; then
    pg_isready -d "$url" -q
  else
    return 0
  fi
}

as_postgres() { runuser -u postgres -- "$@"; }

psql_admin() {
  local port="$1"; shift
  (cd / && as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@")
}

start() {
  if [ -n "${DATABASE_URL:-}" ]; then
    if check_url "$DATABASE_URL"; then
      log "using DATABASE_URL from the environment"
    else
      log "DATABASE_URL is set but does not answer"
      exit 1
    fi
    echo "$DATABASE_URL"
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    # Not root: we cannot install or manage the cluster; use one that already answers.
    local url; url="$(print_url)"
    if check_url "$url"; then
      log "PostgreSQL answers at 127.0.0.1:5432"
      echo "$url"
      return
    fi
    log "not root and no PostgreSQL answers with the portal role: run 'sudo $0 start' or set DATABASE_URL"
    exit 1
  fi

  "$ROOT/scripts/system_deps.sh" postgres

  local line version port status
  line="$(cluster_line || true)"
  if [ -z "$line" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
    log "creating cluster $version/main"
    pg_createcluster --locale C.UTF-8 --encoding UTF8 "$version" main >/dev/null
    line="$(cluster_line)"
  fi
  read -r version _ port status _ <<<"$line"

  if [[ "$status" != online* ]]; then
    log "starting cluster $version/main on port $port"
    pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 -p "$port" || { log "cluster $version/main does not answer"; exit 1; }

  if [ "$(psql_admin "$port" -c "SELECT 1 FROM pg_roles WHERE rolname='${PG_USER}'")" = 1 ]; then
    psql_admin "$port" -c "ALTER ROLE ${PG_USER} WITH LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'"
  else
    psql_admin "$port" -c "CREATE ROLE ${PG_USER} WITH LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'"
  fi
  local db
  for db in "${PG_DATABASES[@]}"; do
    if [ "$(psql_admin "$port" -c "SELECT 1 FROM pg_database WHERE datname='${db}'")" != 1 ]; then
      psql_admin "$port" -c "CREATE DATABASE ${db} OWNER ${PG_USER} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
    fi
  done

  # The search fallback's text search needs `unaccent` (search/migrations/0003): a trusted
  # extension the database's owner may create from PostgreSQL 13 on; in template1 it is there
  # for every database created afterwards (the test databases too), whatever the version.
  psql_admin "$port" -d template1 -c "CREATE EXTENSION IF NOT EXISTS unaccent"

  if [ "$(psql_admin "$port" -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname='template1'")" != UTF8 ]; then
    log "warning: cluster $version/main is not UTF-8; test databases copied from template1 will not be"
  fi

  local url; url="$(print_url "$port")"
  check_url "$url" || { log "cannot connect with $url"; exit 1; }
  log "PostgreSQL $version ready on 127.0.0.1:$port (role ${PG_USER}, databases ${PG_DATABASES[*]})"
  echo "$url"
}

stop() {
  local line version
  line="$(cluster_line || true)"
  [ -n "$line" ] || { log "no cluster"; return; }
  read -r version _ <<<"$line"
  pg_ctlcluster "$version" main stop || true
  log "cluster $version/main stopped"
}

status() {
  if [ -n "${DATABASE_URL:-}" ]; then
    check_url "$DATABASE_URL" && { log "DATABASE_URL answers"; return 0; }
    log "DATABASE_URL does not answer"; return 1
  fi
  local line; line="$(cluster_line || true)"
  [ -n "$line" ] || { log "no cluster"; return 1; }
  log "$line"
  local url; url="$(print_url "$(awk '{print $3}' <<<"$line")")"
  check_url "$url" && { echo "$url"; return 0; }
  return 1
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url)
    if [ -n "${DATABASE_URL:-}" ]; then echo "$DATABASE_URL"
    else line="$(cluster_line || true)"; print_url "$(awk '{print $3}' <<<"${line:-x x 5432}")"; fi ;;
  *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
