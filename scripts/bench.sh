#!/usr/bin/env bash
# `make bench`: the search benchmark, side by side in one run, written into docs/benchmarks.md.
#
#   1. a fresh bench database (SQLite var/bench/bench.sqlite3, or `<name>_bench` next to a
#      PostgreSQL DATABASE_URL), SEARCH_INDEX_PREFIX=bench, migrate, import_legal_corpus of
#      $CORPUS_DIR/search-benchmark/corpus.jsonl, search_reindex;
#   2. indexing: search_reindex articles/s vs underthesea word_tokenize (bench/segment_ceiling.py);
#      diacritic restoration on the dev queries stripped of accents (bench/restoration.py);
#   3. quality: ../shared/bench/search_quality.py on dev/queries.jsonl and dev/queries.natural.jsonl
#      for the portal API, the portal API without diacritics, and the `standard`-analyzer baseline
#      (bench/baseline_server.py) with and without diacritics, and plain BM25 on underthesea-segmented
#      text as the reference the issue quotes;
#      semantic ranking: re-ranking the lexical top k vs k-NN retrieval, fusion weights chosen by
#      5-fold cross-validation on dev (bench/fusion_cv.py);
#   4. speed: the portal API (gunicorn, 2 workers, bench.settings = dev with DEBUG off, started afresh
#      and warmed with other queries, so nothing measured is cached) vs the same
#      query bodies straight to OpenSearch vs the database fallback (OPENSEARCH_URL=127.0.0.1:9)
#      on both databases (the run's, and the other one: a PostgreSQL `<name>_bench` database
#      found by scripts/postgres.sh or BENCH_POSTGRES_URL, or a SQLite file, imported alike);
#      the first answer after OpenSearch freezes (bench/freeze.py: a private node on port
#      BENCH_FREEZE_PORT, default 9252, stopped with SIGSTOP);
#      a rebuild with vectors from an empty cache vs segmentation + embedding alone, on a sample
#      (BENCH_VECTOR_LAWS; bench/vector_ceiling.py);
#   5. import speed (bench/import_speed.py); 5b. the consultation synthesis (bench/synthesis_bench.py);
#   6. compliance cost: 10,000 regulations' profiles recomputed and the per-agency totals, timed,
#      their SQL queries counted (bench/cost_recompute.py, on the bench database);
#   7. the tables printed and written into docs/benchmarks.md between the bench markers;
#   8. near-duplicate grouping of 10,000 generated comments (bench/grouping_bench.py: time, purity,
#      recall, groups), written between the bench:grouping markers.
#
# Environment: CORPUS_DIR (default ../shared/corpus), DATABASE_URL (PostgreSQL instead of SQLite),
# BENCH_PREFIX (index prefix, default bench: two people benchmarking on one node each pick one),
# OPENSEARCH_URL (an existing local node; else scripts/opensearch.sh start, stopped afterwards if
# this run started it), BENCH_DB_QUERIES (database-backend latency sample, default 30),
# BENCH_SKIP_IMPORT_SPEED=1 to leave out step 5, BENCH_SKIP_SYNTHESIS=1 step 5b,
# BENCH_COST_REGULATIONS (default 10000) for step 6. Every server started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STARTED_AT=$(date +%s)
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
export DJANGO_SETTINGS_MODULE="${BENCH_SETTINGS:-bench.settings}"
export SEARCH_INDEX_PREFIX="${BENCH_PREFIX:-bench}"
BASELINE_INDEX="$SEARCH_INDEX_PREFIX-baseline-standard"
SEGMENTED_INDEX="$SEARCH_INDEX_PREFIX-baseline-segmented"
export PYTHONDONTWRITEBYTECODE=1
CORPUS_DIR="$(realpath -m "${CORPUS_DIR:-../shared/corpus}")"
BENCH_CORPUS="$CORPUS_DIR/search-benchmark"
CORPUS="$BENCH_CORPUS/corpus.jsonl"
DEV="$BENCH_CORPUS/dev"
SEARCH_QUALITY="$(realpath -m "${SEARCH_QUALITY:-$ROOT/../shared/bench/search_quality.py}")"
export SEARCH_QUALITY
OUT="$ROOT/var/bench"
RESULTS="$OUT/results"
DOC="$ROOT/docs/benchmarks.md"
DB_QUERIES="${BENCH_DB_QUERIES:-30}"

say() { echo "==> $*" >&2 || true; }
die() { echo "bench: $*" >&2; exit 1; }

for f in "$CORPUS" "$DEV/queries.jsonl" "$DEV/queries.natural.jsonl" "$DEV/qrels.tsv" "$SEARCH_QUALITY"; do
  [ -r "$f" ] || die "missing $f"
done
[ -x "$PY" ] || die "no virtualenv: run make venv"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- servers and their cleanup ----------------------------------------------------------
pids=()
started_opensearch=0
cleanup() {
  trap - EXIT INT TERM
  trap '' PIPE HUP
  set +e
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
    fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ "$started_opensearch" = 1 ]; then
    say "stopping OpenSearch started by this run"
    scripts/opensearch.sh stop
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() {  # url, seconds: bounded wait for an HTTP 200
  local url="$1" tries=$(( $2 * 2 ))
  for _ in $(seq 1 "$tries"); do
    curl -fsS --max-time 5 -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

is_loopback() { case "$1" in http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) return 0;; *) return 1;; esac; }

# ---- OpenSearch ---------------------------------------------------------------------------
say "OpenSearch"
if [ -z "${OPENSEARCH_URL:-}" ]; then
  started_file="$(mktemp)"
  OPENSEARCH_STARTED_FILE="$started_file" scripts/opensearch.sh start
  [ -s "$started_file" ] && started_opensearch=1
  rm -f "$started_file"
  OPENSEARCH_URL="$(scripts/opensearch.sh url)"
fi
OPENSEARCH_URL="${OPENSEARCH_URL%/}"
is_loopback "$OPENSEARCH_URL" || die "OPENSEARCH_URL must be a local node (127.0.0.1), not $OPENSEARCH_URL"
export OPENSEARCH_URL
OPENSEARCH_VERSION_SEEN="$(curl -fsS --max-time 5 "$OPENSEARCH_URL" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["version"]["number"])')"

# ---- 1. fresh database, import, reindex -----------------------------------------------------
say "fresh bench database"
DATABASE_URL="$("$PY" bench/fresh_db.py "$OUT/bench.sqlite3")"
export DATABASE_URL
DB_KIND="${DATABASE_URL%%:*}"
say "migrate ($DB_KIND)"
"$PY" manage.py migrate --noinput -v0
say "import_legal_corpus $CORPUS"
"$PY" manage.py import_legal_corpus "$CORPUS" --no-progress | tee "$RESULTS/import.txt"
# Twice (the second rebuild also swaps the alias away from the first); the faster run is reported,
# because the machine may be shared and a benchmark should not measure the neighbours.
for run in 1 2; do
  say "search_reindex, run $run of 2 (prefix $SEARCH_INDEX_PREFIX)"
  "$PY" manage.py search_reindex --no-progress --workers 2 | tee "$RESULTS/reindex-$run.txt"
done
"$PY" - "$RESULTS"/reindex-1.txt "$RESULTS"/reindex-2.txt > "$RESULTS/reindex.json" <<'PYEOF'
import json, re, sys
runs = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    m = re.search(r"Reindexed (\d+) objects in ([\d.]+) s with (\d+) NLP process\(es\): .*?\barticles (\d+) entries \(([\d.]+)/s\)", text)
    if not m:
        sys.exit(f"bench: search_reindex did not print its articles line ({path})")
    runs.append({"documents": int(m[1]), "articles": int(m[4]), "seconds": float(m[2]),
                 "articles_per_s": float(m[5]), "workers": int(m[3])})
best = max(runs, key=lambda r: r["articles_per_s"])
print(json.dumps({**best, "runs": [r["articles_per_s"] for r in runs]}))
PYEOF

# ---- 1b. the other database, for the fallback's speed on both -------------------------------
OTHER_URL=""
if [ "$DB_KIND" = sqlite ]; then
  pg_url="${BENCH_POSTGRES_URL:-$(env -u DATABASE_URL scripts/postgres.sh status 2>/dev/null | tail -n1 || true)}"
  if [ -n "$pg_url" ]; then
    OTHER_URL="$(DATABASE_URL="$pg_url" "$PY" bench/fresh_db.py "$OUT/unused.sqlite3")"
  else
    say "no PostgreSQL answers (scripts/postgres.sh status, BENCH_POSTGRES_URL): the fallback is measured on SQLite only"
  fi
else
  OTHER_URL="$(env -u DATABASE_URL "$PY" bench/fresh_db.py "$OUT/fallback.sqlite3")"
fi
if [ -n "$OTHER_URL" ]; then
  say "the other database (${OTHER_URL%%:*}): migrate, import_legal_corpus"
  DATABASE_URL="$OTHER_URL" "$PY" manage.py migrate --noinput -v0
  DATABASE_URL="$OTHER_URL" "$PY" manage.py import_legal_corpus "$CORPUS" --no-progress | tee "$RESULTS/import-other.txt"
fi

say "diacritic restoration on the dev queries without diacritics (bench/restoration.py)"
"$PY" bench/restoration.py --queries "$DEV/queries.jsonl" --out "$RESULTS/restoration.json"

# ---- 2. the indexing ceiling ----------------------------------------------------------------
say "underthesea word_tokenize on the same texts (ceiling)"
"$PY" bench/segment_ceiling.py "$CORPUS" --workers 2 --repeat 2 --json --out "$OUT/segmented.jsonl" | tee "$RESULTS/ceiling.json"

# ---- servers: baseline, portal (OpenSearch), portal (database) ------------------------------
say "baseline index (standard analyzer)"
"$PY" bench/baseline_server.py build "$CORPUS" --opensearch "$OPENSEARCH_URL" --index "$BASELINE_INDEX"
BASELINE_PORT="$(free_port)"
"$PY" bench/baseline_server.py serve --port "$BASELINE_PORT" --opensearch "$OPENSEARCH_URL" --index "$BASELINE_INDEX" \
  > "$OUT/baseline.log" 2>&1 &
pids+=($!)
BASELINE="http://127.0.0.1:$BASELINE_PORT/search"
say "reference index (plain BM25 on underthesea-segmented text)"
"$PY" bench/baseline_server.py build "$OUT/segmented.jsonl" --segmented --opensearch "$OPENSEARCH_URL" --index "$SEGMENTED_INDEX"
SEGMENTED_PORT="$(free_port)"
"$PY" bench/baseline_server.py serve --segmented --port "$SEGMENTED_PORT" --opensearch "$OPENSEARCH_URL" --index "$SEGMENTED_INDEX" \
  > "$OUT/segmented.log" 2>&1 &
pids+=($!)
SEGMENTED="http://127.0.0.1:$SEGMENTED_PORT/search"

start_portal() {  # port, log, extra env...: gunicorn with 2 workers (no --preload), NLP warmed up
  local port="$1" log="$2"
  shift 2
  env PORTAL_WARMUP=1 "$@" "$GUNICORN" --chdir "$ROOT" --workers 2 --bind "127.0.0.1:$port" --timeout 120 \
    --graceful-timeout 5 portal.wsgi:application > "$log" 2>&1 &
  pids+=($!)
}
API_PORT="$(free_port)"
start_portal "$API_PORT" "$OUT/gunicorn-api.log" OPENSEARCH_URL="$OPENSEARCH_URL"
API="http://127.0.0.1:$API_PORT/api/v1/search"
DB_PORT="$(free_port)"
start_portal "$DB_PORT" "$OUT/gunicorn-database.log" OPENSEARCH_URL=http://127.0.0.1:9 OPENSEARCH_TIMEOUT=1
DBAPI="http://127.0.0.1:$DB_PORT/api/v1/search"
OTHER_DBAPI=""
if [ -n "$OTHER_URL" ]; then
  OTHER_PORT="$(free_port)"
  start_portal "$OTHER_PORT" "$OUT/gunicorn-database-other.log" DATABASE_URL="$OTHER_URL" \
    OPENSEARCH_URL=http://127.0.0.1:9 OPENSEARCH_TIMEOUT=1
  OTHER_DBAPI="http://127.0.0.1:$OTHER_PORT/api/v1/search"
fi

wait_http "$BASELINE?q=x" 30 || die "the baseline server did not answer (see $OUT/baseline.log)"
wait_http "$SEGMENTED?q=x" 60 || die "the segmented reference did not answer (see $OUT/segmented.log)"
wait_http "$API?q=x" 90 || die "the portal API did not answer at $API (see $OUT/gunicorn-api.log)"
wait_http "$DBAPI?q=x" 90 || die "the database-backend portal did not answer (see $OUT/gunicorn-database.log)"
if [ -n "$OTHER_DBAPI" ]; then
  wait_http "$OTHER_DBAPI?q=x" 90 || die "the other database's portal did not answer (see $OUT/gunicorn-database-other.log)"
fi
backend="$(curl -fsS --max-time 30 "$API?q=doanh+nghi%E1%BB%87p" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["backend"])')"
[ "$backend" = opensearch ] || die "the portal API answers from $backend, not opensearch"

# ---- 3. quality -----------------------------------------------------------------------------
quality() {  # name, api, query set, extra flags
  local name="$1" api="$2" set="$3"
  shift 3
  local queries="$DEV/queries.jsonl"
  [ "$set" = natural ] && queries="$DEV/queries.natural.jsonl"
  say "quality: $name on $set"
  "$PY" "$SEARCH_QUALITY" --api "$api" --queries "$queries" --qrels "$DEV/qrels.tsv" --json "$@" \
    2> "$RESULTS/quality-$name-$set.err" | tee "$RESULTS/quality-$name-$set.json" || say "quality $name $set failed"
}
for set in dev natural; do
  quality portal "$API" "$set"
  quality portal-stripped "$API" "$set" --strip-diacritics
  quality baseline "$BASELINE" "$set"
  quality baseline-stripped "$BASELINE" "$set" --strip-diacritics
  quality segmented "$SEGMENTED" "$set"
done
say "nDCG by query type and source"
"$PY" bench/search_bench.py breakdown --api "$API" --queries "$DEV/queries.jsonl" --qrels "$DEV/qrels.tsv" \
  --out "$RESULTS/breakdown-portal.json"
"$PY" bench/search_bench.py breakdown --api "$API" --queries "$DEV/queries.jsonl" --qrels "$DEV/qrels.tsv" \
  --strip-diacritics --out "$RESULTS/breakdown-portal-stripped.json"
"$PY" bench/search_bench.py breakdown --api "$BASELINE" --queries "$DEV/queries.jsonl" --qrels "$DEV/qrels.tsv" \
  --out "$RESULTS/breakdown-baseline.json"
"$PY" bench/search_bench.py breakdown --api "$SEGMENTED" --queries "$DEV/queries.jsonl" --qrels "$DEV/qrels.tsv" \
  --out "$RESULTS/breakdown-segmented.json"

say "semantic ranking: re-ranking vs k-NN, fusion weights by 5-fold cross-validation (bench/fusion_cv.py)"
"$PY" bench/fusion_cv.py --queries "$DEV/queries.jsonl" --natural "$DEV/queries.natural.jsonl" \
  --qrels "$DEV/qrels.tsv" --out "$RESULTS/fusion.json"

# ---- 4. speed -------------------------------------------------------------------------------
# Timed on a portal started afresh: the one above has answered every dev query already (quality,
# breakdown), and would serve their vectors and analyses from its caches. The warm-up sends the
# natural questions, so each timed query is new to the server, as a user's question is.
say "speed: portal API over the dev queries (a fresh server: nothing cached)"
SPEED_PORT="$(free_port)"
start_portal "$SPEED_PORT" "$OUT/gunicorn-speed.log" OPENSEARCH_URL="$OPENSEARCH_URL"
SPEED_API="http://127.0.0.1:$SPEED_PORT/api/v1/search"
wait_http "$SPEED_API?q=x" 90 || die "the fresh portal did not answer (see $OUT/gunicorn-speed.log)"
"$PY" bench/search_bench.py latency --api "$SPEED_API" --queries "$DEV/queries.jsonl" \
  --warmup-queries "$DEV/queries.natural.jsonl" --out "$RESULTS/latency-api.json"
say "speed: the same query bodies straight to OpenSearch (floor)"
"$PY" bench/search_bench.py floor --queries "$DEV/queries.jsonl" --out "$RESULTS/latency-floor.json"
say "speed: database backend, $DB_KIND ($DB_QUERIES dev queries)"
"$PY" bench/search_bench.py latency --api "$DBAPI" --queries "$DEV/queries.jsonl" --sample "$DB_QUERIES" \
  --warmup 8 --out "$RESULTS/latency-database-$DB_KIND.json"
if [ -n "$OTHER_DBAPI" ]; then
  other_kind="${OTHER_URL%%:*}"
  say "speed: database backend, $other_kind ($DB_QUERIES dev queries)"
  "$PY" bench/search_bench.py latency --api "$OTHER_DBAPI" --queries "$DEV/queries.jsonl" --sample "$DB_QUERIES" \
    --warmup 8 --out "$RESULTS/latency-database-$other_kind.json"
fi
say "speed: the first answer after OpenSearch freezes (a private node on port ${BENCH_FREEZE_PORT:-9252})"
"$PY" bench/freeze.py --queries "$DEV/queries.jsonl" --port "${BENCH_FREEZE_PORT:-9252}" \
  --out "$RESULTS/freeze.json" || say "the freeze measurement failed"

# the servers are not needed any more: stop them before the import timings
cleanup_servers() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup_servers

# ---- 4b. a rebuild with vectors from an empty cache vs segmentation + embedding alone ----------
# On a sample of the corpus (BENCH_VECTOR_LAWS): embedding every chunk of the whole corpus twice
# would take most of an hour on 2 cores; articles/s is what is compared.
VECTOR_LAWS="${BENCH_VECTOR_LAWS:-24/2012/NĐ-CP,09/2017/QH14,60/2014/QH13,02/2011/QH13,52/2010/QH12}"
say "rebuild with vectors, empty cache, on a sample ($VECTOR_LAWS)"
"$PY" - "$CORPUS" "$OUT/vector-sample.jsonl" "$VECTOR_LAWS" <<'PYEOF'
import json, sys
laws = set(sys.argv[3].split(","))
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    out.writelines(line for line in f if line.strip() and json.loads(line)["law_id"] in laws)
PYEOF
rm -f "$OUT"/vector-sample.sqlite3* "$OUT"/vector-sample-cache.sqlite3*
(
  export DATABASE_URL="sqlite:///$OUT/vector-sample.sqlite3" SEARCH_INDEX_PREFIX=bench-sample \
    SEARCH_VECTOR_CACHE="$OUT/vector-sample-cache.sqlite3" SEARCH_VECTORS_ON_REINDEX=1
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py import_legal_corpus "$OUT/vector-sample.jsonl" --no-progress > /dev/null
  "$PY" manage.py search_reindex --no-progress --workers 2 | tee "$RESULTS/reindex-vectors.txt"
  curl -fsS -XDELETE --max-time 30 "$OPENSEARCH_URL/bench-sample-*" > /dev/null || true
)
say "segmentation + embedding alone on the same sample (bench/vector_ceiling.py)"
"$PY" bench/vector_ceiling.py "$OUT/vector-sample.jsonl" --workers 2 --json | tee "$RESULTS/vector-ceiling.json"

# ---- 5. import speed ------------------------------------------------------------------------
if [ "${BENCH_SKIP_IMPORT_SPEED:-0}" != 1 ]; then
  say "import speed (bench/import_speed.py)"
  "$PY" bench/import_speed.py "$CORPUS" | tee "$RESULTS/import_speed.md"
fi

# ---- 5b. the consultation synthesis (its own database; figures in docs/benchmarks.md) --------
if [ "${BENCH_SKIP_SYNTHESIS:-0}" != 1 ]; then
  say "synthesis report, 200 articles and 2,000 comments (bench/synthesis_bench.py)"
  "$PY" bench/synthesis_bench.py | tee "$RESULTS/synthesis.md"
fi

# ---- 6. compliance cost at scale --------------------------------------------------------------
say "compliance cost: recompute 10,000 regulations and the per-agency totals (bench/cost_recompute.py)"
"$PY" bench/cost_recompute.py --regulations "${BENCH_COST_REGULATIONS:-10000}" | tee "$RESULTS/cost_recompute.md"

# ---- 7. report ------------------------------------------------------------------------------
"$PY" - "$RESULTS/meta.json" <<PYEOF
import json, os, platform, sys
mem = next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
url = os.environ["DATABASE_URL"]
json.dump({
    "command": "make bench",
    "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
    "seconds": $(( $(date +%s) - STARTED_AT )),
    "nproc": os.cpu_count(),
    "cpu": cpu,
    "memory": f"{int(mem) / 1024 / 1024:.0f} GiB",
    "load_before": "$LOAD_BEFORE",
    "load_after": " ".join(open("/proc/loadavg").read().split()[:3]),
    "opensearch": "$OPENSEARCH_VERSION_SEEN",
    "database": "SQLite" if url.startswith("sqlite") else "PostgreSQL",
    "prefix": os.environ["SEARCH_INDEX_PREFIX"],
    "corpus": "search-benchmark/corpus.jsonl (4,971 articles, 37 documents)",
}, open(sys.argv[1], "w"))
PYEOF
"$PY" bench/search_bench.py report --results "$RESULTS" --doc "$DOC"

# ---- 8. near-duplicate grouping of comments -------------------------------------------------
say "grouping 10,000 generated comments (bench/grouping_bench.py)"
"$PY" bench/grouping_bench.py --corpus "$CORPUS_DIR" --doc "$DOC" --json "$RESULTS/grouping.json" \
  || say "grouping missed a target (see the table)"
say "written to docs/benchmarks.md ($(( $(date +%s) - STARTED_AT )) s)"
