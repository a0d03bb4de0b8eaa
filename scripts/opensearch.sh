#!/usr/bin/env bash
# A local OpenSearch for development and tests, fetched from Maven Central.
#   scripts/opensearch.sh fetch             # download (mvn) and unpack once into var/opensearch/
#   scripts/opensearch.sh start [--optional] # fetch if needed, start in the background, wait
#                                           # for /_cluster/health yellow|green (bounded)
#   scripts/opensearch.sh stop              # stop the node started here (pid file)
#   scripts/opensearch.sh status            # one line; exit 0 if healthy
#   scripts/opensearch.sh url               # the URL to use
#
# Environment:
#   OPENSEARCH_URL        an existing cluster: nothing is fetched or started, the URL is checked
#   OPENSEARCH_PORT       HTTP port of the local node (default 9200), bound to 127.0.0.1 only
#   OPENSEARCH_VERSION    default 2.19.6 (integ-test distribution from Maven Central)
#   OPENSEARCH_JAVA_OPTS  default "-Xms1g -Xmx1g"
#   OPENSEARCH_WAIT       seconds to wait for the node to be healthy (default 120)
#   OPENSEARCH_STARTED_FILE  if set, `start` writes 1 there when it launched the node itself
#
# The integ-test distribution ships only the transport-netty4 module; the analysis-common
# module (asciifolding, synonym, ... filters) is fetched from Maven Central as a jar and
# installed under modules/.  It has no security plugin: keep it on loopback.
#
# OpenSearch refuses to run as root: as root this creates the system user `opensearch`, hands
# it the install folder, and starts the node with `runuser -u opensearch`.  If that user cannot
# reach the work tree, the install folder is /var/lib/portal-opensearch/<tree>-<hash> instead.
#
# `start --optional` (used by `make run`): if Java or Maven is missing, print one line and exit 0.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${OPENSEARCH_VERSION:-2.19.6}"
PORT="${OPENSEARCH_PORT:-9200}"
WAIT="${OPENSEARCH_WAIT:-120}"
JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms1g -Xmx1g}"
OS_USER=opensearch
DIST_ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip"
ANALYSIS_ARTIFACT="org.opensearch.plugin:analysis-common:${VERSION}:jar"
UNAVAILABLE="OpenSearch không khả dụng: thiếu Java 17 / Maven — cổng vẫn chạy, tìm kiếm dùng cơ sở dữ liệu"

log() { echo "opensearch: $*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }

local_url() { echo "http://127.0.0.1:${PORT}"; }

# ---- where it lives ---------------------------------------------------------------------
BASE_LOCAL="$ROOT/var/opensearch"
BASE_ALT="/var/lib/portal-opensearch/$(basename "$ROOT")-$(printf '%s' "$ROOT" | sha256sum | cut -c1-8)"

user_can_reach() {
  # can the unprivileged user traverse every folder down to the work tree?
  id -u "$OS_USER" >/dev/null 2>&1 && runuser -u "$OS_USER" -- test -x "$ROOT/." 2>/dev/null
}

choose_base() {
  if ! is_root; then echo "$BASE_LOCAL"; return; fi
  if [ -d "$BASE_ALT" ] && [ ! -d "$BASE_LOCAL" ]; then echo "$BASE_ALT"; return; fi
  if ! id -u "$OS_USER" >/dev/null 2>&1 || user_can_reach; then echo "$BASE_LOCAL"; else echo "$BASE_ALT"; fi
}

# One install per tree; config, data, logs and pid files per port (9200 has no suffix).
SFX=""
[ "$PORT" = 9200 ] || SFX="-$PORT"
set_paths() {
  BASE="$1"
  HOME_DIR="$BASE/opensearch-$VERSION"
  CONF_DIR="$BASE/config$SFX"
  DATA_DIR="$BASE/data$SFX"
  LOGS_DIR="$BASE/logs$SFX"
  TMP_DIR="$BASE/tmp$SFX"
  PID_FILE="$BASE/opensearch$SFX.pid"
  LAUNCHER_PID_FILE="$BASE/launcher$SFX.pid"
  OUT_LOG="$LOGS_DIR/stdout.log"
}
set_paths "$(choose_base)"

# ---- HTTP ---------------------------------------------------------------------------------
health_status() {
  # prints green|yellow|red, or nothing when the URL does not answer
  local url="${1%/}" body
  if command -v curl >/dev/null 2>&1; then
    body="$(curl -fsS --max-time 5 "$url/_cluster/health" 2>/dev/null)" || return 0
  else
    body="$(python3 -c 'import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1]+"/_cluster/health",timeout=5).read().decode())' "$url" 2>/dev/null)" || return 0
  fi
  sed -n 's/.*"status"[[:space:]]*:[[:space:]]*"\([a-z]*\)".*/\1/p' <<<"$body"
}

healthy() {
  case "$(health_status "$1")" in green|yellow) return 0 ;; *) return 1 ;; esac
}

# ---- processes ----------------------------------------------------------------------------
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

our_pid() {
  # the pid from our pid files, if that process is alive and is ours
  local f pid
  for f in "$PID_FILE" "$LAUNCHER_PID_FILE"; do
    [ -s "$f" ] || continue
    pid="$(tr -dc '0-9' <"$f")"
    if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$HOME_DIR"; then
      echo "$pid"; return 0
    fi
    if pid_alive "$pid" && [ "$f" = "$LAUNCHER_PID_FILE" ]; then
      echo "$pid"; return 0
    fi
  done
  return 1
}

# ---- tools --------------------------------------------------------------------------------
java_home() {
  local java
  if [ -n "${OPENSEARCH_JAVA_HOME:-}" ] && [ -x "$OPENSEARCH_JAVA_HOME/bin/java" ]; then
    echo "$OPENSEARCH_JAVA_HOME"; return 0
  fi
  java="$(command -v java 2>/dev/null)" || return 1
  java="$(readlink -f "$java")"
  echo "${java%/bin/java}"
}

java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1
}

tools_ok() {
  # Java >= 11 (17 on our machines) always; Maven only when something is still to download
  local jh major
  jh="$(java_home)" || return 1
  major="$(java_major "$jh")"
  [ -n "$major" ] && [ "$major" -ge 11 ] || return 1
  if [ ! -f "$BASE/dist/opensearch-$VERSION.zip" ] || [ ! -f "$BASE/dist/analysis-common-$VERSION.jar" ]; then
    command -v mvn >/dev/null 2>&1 || return 1
  fi
  command -v unzip >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 || command -v jar >/dev/null 2>&1 || return 1
}

# ---- fetch & install ----------------------------------------------------------------------
mvn_copy() {
  local artifact="$1" out="$2" logf="$BASE/mvn.log"
  log "downloading $artifact (Maven Central)"
  if ! (cd "$BASE/dist" && mvn -q -B -Dstyle.color=never dependency:copy \
          -Dartifact="$artifact" -DoutputDirectory="$out" >"$logf" 2>&1); then
    tail -n 20 "$logf" >&2
    log "download of $artifact failed"
    return 1
  fi
}

unpack_zip() {
  local zip="$1" dest="$2"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$dest"
  else
    python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$dest"
  fi
}

fetch() {
  mkdir -p "$BASE/dist"
  [ -f "$BASE/dist/opensearch-$VERSION.zip" ] || mvn_copy "$DIST_ARTIFACT" "$BASE/dist"
  [ -f "$BASE/dist/analysis-common-$VERSION.jar" ] || mvn_copy "$ANALYSIS_ARTIFACT" "$BASE/dist"

  if [ ! -f "$HOME_DIR/.portal-installed" ]; then
    log "unpacking OpenSearch $VERSION into $HOME_DIR"
    local tmp="$BASE/unpack.$$"
    rm -rf "$tmp" "$HOME_DIR"
    mkdir -p "$tmp"
    unpack_zip "$BASE/dist/opensearch-$VERSION.zip" "$tmp"
    mv "$tmp/opensearch-$VERSION" "$HOME_DIR"
    rm -rf "$tmp"
    chmod +x "$HOME_DIR"/bin/* 2>/dev/null || true
    # the analysis-common module: asciifolding, synonym, synonym_graph, word_delimiter, ...
    mkdir -p "$HOME_DIR/modules/analysis-common"
    cp "$BASE/dist/analysis-common-$VERSION.jar" "$HOME_DIR/modules/analysis-common/"
    cat >"$HOME_DIR/modules/analysis-common/plugin-descriptor.properties" <<EOF
description=Adds "built in" analyzers to OpenSearch.
version=$VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    touch "$HOME_DIR/.portal-installed"
  fi
}

ensure_user() {
  is_root || return 0
  if ! id -u "$OS_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$OS_USER"
    log "created system user $OS_USER"
  fi
}

configure() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOGS_DIR" "$TMP_DIR"
  # start from the distribution's config each time, then our settings
  cp -f "$HOME_DIR/config/jvm.options" "$HOME_DIR/config/log4j2.properties" "$CONF_DIR/"
  mkdir -p "$CONF_DIR/jvm.options.d"
  cat >"$CONF_DIR/opensearch.yml" <<EOF
# Written by scripts/opensearch.sh — edits are overwritten at each start.
cluster.name: portal-local
node.name: portal-local-1
network.host: 127.0.0.1
http.port: $PORT
discovery.type: single-node
path.data: $DATA_DIR
path.logs: $LOGS_DIR
# a development node on a developer's disk: never turn indices read-only when the disk fills
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  if is_root; then
    chown -R "$OS_USER:$OS_USER" "$BASE/."  # "/.": through a symlinked var/opensearch too
    # parents we created must stay traversable for the unprivileged user
    [ "$BASE" = "$BASE_LOCAL" ] && chmod o+x "$ROOT/var" 2>/dev/null || true
  fi
}

# ---- commands -----------------------------------------------------------------------------
unavailable() {
  # $1: --optional or empty
  echo "$UNAVAILABLE"
  if [ "${1:-}" = --optional ]; then exit 0; fi
  exit 1
}

cmd_fetch() {
  tools_ok || unavailable "${1:-}"
  ensure_user
  if is_root && [ "$BASE" = "$BASE_LOCAL" ] && ! user_can_reach; then
    set_paths "$BASE_ALT"
  fi
  if [ "$BASE" = "$BASE_ALT" ] && [ ! -f "$HOME_DIR/.portal-installed" ]; then
    log "user $OS_USER cannot reach $ROOT: OpenSearch goes to $BASE instead of var/opensearch"
  fi
  fetch
  configure
}

cmd_start() {
  local optional="${1:-}"
  if [ -n "${OPENSEARCH_URL:-}" ]; then
    if healthy "$OPENSEARCH_URL"; then
      echo "OpenSearch at $OPENSEARCH_URL is $(health_status "$OPENSEARCH_URL") (OPENSEARCH_URL; nothing started)"
      return 0
    fi
    echo "OpenSearch at $OPENSEARCH_URL does not answer (OPENSEARCH_URL)"
    [ "$optional" = --optional ] && return 0
    return 1
  fi

  # one start at a time per tree and port; a second caller waits, then finds it running
  mkdir -p "$BASE"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$BASE/start$SFX.lock"
    flock -w 300 9 || true
  fi

  local url; url="$(local_url)"
  if our_pid >/dev/null && healthy "$url"; then
    echo "OpenSearch $VERSION already running at $url ($(health_status "$url"), pid $(our_pid))"
    return 0
  fi
  if ! our_pid >/dev/null && healthy "$url"; then
    echo "OpenSearch already answers at $url ($(health_status "$url")); not started by this tree, reusing it"
    return 0
  fi

  cmd_fetch "$optional"

  if ! our_pid >/dev/null; then
    rm -f "$PID_FILE" "$LAUNCHER_PID_FILE"
    local jh; jh="$(java_home)"
    local -a envs=(
      "OPENSEARCH_JAVA_HOME=$jh"
      "JAVA_HOME=$jh"
      "OPENSEARCH_PATH_CONF=$CONF_DIR"
      "OPENSEARCH_TMPDIR=$TMP_DIR"
      "OPENSEARCH_JAVA_OPTS=$JAVA_OPTS"
    )
    local -a runner=()
    is_root && runner=(runuser -u "$OS_USER" --)
    log "starting OpenSearch $VERSION on $url (java $(java_major "$jh"), heap: $JAVA_OPTS, home: $BASE)"
    : >"$OUT_LOG"
    is_root && chown "$OS_USER:$OS_USER" "$OUT_LOG"
    (cd "$BASE" && exec setsid "${runner[@]}" env "${envs[@]}" "$HOME_DIR/bin/opensearch" -p "$PID_FILE" \
        >>"$OUT_LOG" 2>&1 </dev/null 9>&-) &
    echo $! >"$LAUNCHER_PID_FILE"
    # tell the caller (make run / make test) that this call started the node
    if [ -n "${OPENSEARCH_STARTED_FILE:-}" ]; then echo 1 >"$OPENSEARCH_STARTED_FILE"; fi
  fi

  local waited=0
  while [ "$waited" -lt "$WAIT" ]; do
    if healthy "$url"; then
      echo "OpenSearch $VERSION ready at $url ($(health_status "$url"), pid $(our_pid || echo '?'), data in $DATA_DIR)"
      return 0
    fi
    if ! our_pid >/dev/null; then
      log "OpenSearch exited during start-up; last lines of $OUT_LOG:"
      tail -n 30 "$OUT_LOG" >&2 || true
      [ "$optional" = --optional ] && { echo "OpenSearch không khởi động được — cổng vẫn chạy, tìm kiếm dùng cơ sở dữ liệu"; return 0; }
      return 1
    fi
    sleep 2; waited=$((waited + 2))
  done
  log "OpenSearch did not become healthy within ${WAIT}s; see $LOGS_DIR"
  tail -n 30 "$OUT_LOG" >&2 || true
  [ "$optional" = --optional ] && return 0
  return 1
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE" "$LAUNCHER_PID_FILE"
    echo "OpenSearch: not running (no live pid in $BASE)"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    pid_alive "$pid" || break
    sleep 0.5
  done
  if pid_alive "$pid"; then
    log "pid $pid did not stop in 30 s; killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$LAUNCHER_PID_FILE"
  echo "OpenSearch stopped (pid $pid)"
}

cmd_status() {
  local url="${OPENSEARCH_URL:-$(local_url)}" st
  st="$(health_status "$url")"
  if [ -n "$st" ]; then
    echo "OpenSearch at $url: $st$(our_pid >/dev/null && echo ", pid $(our_pid)")"
    case "$st" in green|yellow) return 0 ;; *) return 1 ;; esac
  fi
  echo "OpenSearch at $url: not answering"
  return 1
}

case "${1:-}" in
  fetch) shift; cmd_fetch "${1:-}" ;;
  start) shift; cmd_start "${1:-}" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "${OPENSEARCH_URL:-$(local_url)}" ;;
  *) echo "usage: $0 {fetch|start [--optional]|stop|status|url}" >&2; exit 2 ;;
esac
