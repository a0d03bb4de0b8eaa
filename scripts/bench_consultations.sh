#!/usr/bin/env bash
# The consultation benchmarks (part of `make bench`; alone: scripts/bench_consultations.sh):
#
#   1. a fresh PostgreSQL database `<name>_bench_consultations` next to DATABASE_URL (default
#      postgres://portal:portal@127.0.0.1:5432/portal), migrated;
#   2. the last hour before a deadline: gunicorn (GUNICORN_WORKERS processes, default 4, of
#      GUNICORN_THREADS threads, default 2: gthread, kept-alive connections; persistent database
#      connections) on 127.0.0.1, 40 concurrent commenters through POST /api/v1/consultations/{id}/comments
#      for BENCH_LOAD_SECONDS (default 60) each phase (bench/comment_load.py, a small asyncio HTTP/1.1
#      client, loopback only): first at BENCH_RATE comments a second offered in all (default 100: how
#      long a comment waits at that rate, on a fresh database), then back to back (how many the server
#      takes); the CPU time gunicorn and the bench database's
#      PostgreSQL backends spent during the load (bench/cpu_meter.py, /proc); every receipt read
#      back through the API, then checked against the database (bench/consultation_bench.py verify);
#   3. the consultation page with 20 articles and 200 comments, then 200 and 2,000: SQL queries, time,
#      size and comments drawn (bounded: a few threads per unit);
#   4. the figures written into docs/benchmarks.md (BENCH_DOC) between the consultations markers.
#
# BENCH_PAGE=0 skips step 3 (a quick look at the load alone; the page's table then keeps its figures).
#
# The rate limits are raised for the run (RATE_LIMIT_*): the 40 virtual commenters share one IP
# address and each sends several comments a second, which the real limits refuse; the limiter
# still counts every request (its SQL is part of the cost measured).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
OUT="$ROOT/var/bench/consultations"
DOC="${BENCH_DOC:-$ROOT/docs/benchmarks.md}"
PAGE="${BENCH_PAGE:-1}"
CONCURRENCY="${BENCH_COMMENTERS:-40}"
SECONDS_OF_LOAD="${BENCH_LOAD_SECONDS:-60}"
RATE="${BENCH_RATE:-100}"  # comments a second offered in the second phase (the issue's target)
# 4 processes of 2 threads on 2 cores: fewer threads share each process's GIL (3 × 4 took
# 119 comments/s back to back and 13.2 ms of CPU each, 4 × 2 159/s and 12.0 ms; docs/benchmarks.md).
WORKERS="${GUNICORN_WORKERS:-4}"
THREADS="${GUNICORN_THREADS:-2}"
export DJANGO_SETTINGS_MODULE="${BENCH_SETTINGS:-bench.settings}"
export PYTHONDONTWRITEBYTECODE=1
# Every server thread keeps its database connection for the whole run (the CPU of its backend is
# measured; a backend that exits during the load would be lost from the figure).
export DB_CONN_MAX_AGE=3600
export RATE_LIMIT_ACCOUNT_PER_MINUTE=100000 RATE_LIMIT_ACCOUNT_PER_HOUR=1000000
export RATE_LIMIT_IP_PER_MINUTE=1000000 RATE_LIMIT_IP_PER_HOUR=10000000
say() { echo "==> $*" >&2 || true; }
die() { echo "bench_consultations: $*" >&2; exit 1; }
[ -x "$PY" ] || die "no virtualenv: run make venv"
rm -rf "$OUT"
mkdir -p "$OUT"

pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "fresh PostgreSQL database"
BASE_URL="${DATABASE_URL:-postgres://portal:portal@127.0.0.1:5432/portal}"
case "$BASE_URL" in postgres*) ;; *) BASE_URL="postgres://portal:portal@127.0.0.1:5432/portal";; esac
DATABASE_URL="$("$PY" - "$BASE_URL" <<'PYEOF'
import sys
from urllib.parse import urlsplit, urlunsplit
import psycopg
from psycopg import sql
parts = urlsplit(sys.argv[1])
name = (parts.path.lstrip("/") or "portal").removesuffix("_bench") + "_bench_consultations"
# The database in DATABASE_URL need not exist: create and drop through the maintenance database.
admin = urlunsplit(parts._replace(path="/postgres"))
with psycopg.connect(admin, autocommit=True, connect_timeout=10) as connection:
    connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
print(urlunsplit(parts._replace(path=f"/{name}")))
PYEOF
)"
export DATABASE_URL
DB_NAME="${DATABASE_URL##*/}"
ADMIN_URL="${DATABASE_URL%/*}/postgres"
"$PY" manage.py migrate --noinput -v0
"$PY" bench/consultation_bench.py setup --commenters "$CONCURRENCY" --out "$OUT/setup.json"

say "gunicorn ($WORKERS workers x $THREADS threads) on 127.0.0.1"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$GUNICORN" --chdir "$ROOT" --worker-class gthread --workers "$WORKERS" --threads "$THREADS" --keep-alive 30 --bind "127.0.0.1:$PORT" --timeout 60 --graceful-timeout 5 \
  --access-logfile - portal.wsgi:application > "$OUT/gunicorn.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$PORT/api/v1/consultations" 2>/dev/null && break
  sleep 0.5
done
curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$PORT/api/v1/consultations" || die "gunicorn did not answer"

say "load: $CONCURRENCY commenters offering $RATE comments a second for $SECONDS_OF_LOAD s"
"$PY" bench/comment_load.py --base "http://127.0.0.1:$PORT" --setup "$OUT/setup.json" \
  --concurrency "$CONCURRENCY" --duration "$SECONDS_OF_LOAD" --warmup 5 --rate "$RATE" --out "$OUT/load_rate.json" \
  --server-pid "$pid" --database "$DB_NAME" --admin-url "$ADMIN_URL"
say "load: $CONCURRENCY commenters for $SECONDS_OF_LOAD s"
"$PY" bench/comment_load.py --base "http://127.0.0.1:$PORT" --setup "$OUT/setup.json" \
  --concurrency "$CONCURRENCY" --duration "$SECONDS_OF_LOAD" --warmup 2 --out "$OUT/load.json" \
  --server-pid "$pid" --database "$DB_NAME" --admin-url "$ADMIN_URL"
SERVER_ERRORS_LOGGED="$(grep -cE '" 5[0-9][0-9] ' "$OUT/gunicorn.log" || true)"
cleanup
pid=""
"$PY" bench/consultation_bench.py verify --setup "$OUT/setup.json" --load "$OUT/load.json" "$OUT/load_rate.json" \
  --out "$OUT/verify.json"

if [ "$PAGE" != "0" ]; then
  say "the consultation page: 20 x 200, then 200 x 2,000"
  "$PY" bench/consultation_bench.py page --out "$OUT/page.json"
fi

"$PY" - "$OUT" "$DOC" "$WORKERS" "$THREADS" "$SERVER_ERRORS_LOGGED" <<'PYEOF'
import json, os, re, sys, datetime
out, doc, workers, threads, logged_errors = sys.argv[1:6]
load = json.load(open(f"{out}/load.json"))
verify = json.load(open(f"{out}/verify.json"))
paced = json.load(open(f"{out}/load_rate.json"))
sent_paced = sum(paced["status"].values()) + paced["transport_errors"]
errors = sum(run["server_errors"] + run["warmup_server_errors"] for run in (load, paced))
transport = sum(run["transport_errors"] + run.get("warmup_transport_errors", 0) for run in (load, paced))
page = json.load(open(f"{out}/page.json")) if os.path.exists(f"{out}/page.json") else None
cpu = load["cpu"]
ok = lambda good: "yes" if good else "**NO**"
loads = lambda triple: " / ".join(f"{value:.2f}" for value in triple)
lines = [
    "<!-- bench:consultations:begin -->",
    f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `scripts/bench_consultations.sh` (`make bench`): "
    f"PostgreSQL and gunicorn ({workers} gthread workers × {threads} threads, kept-alive connections, persistent "
    f"database connections, DEBUG off) on this machine ({os.cpu_count()} cores, shared with other engineers), "
    "the load tool on the same cores.",
    "",
    f"**The last hour before a deadline**: {load['concurrency']} concurrent commenters, each with its own API key "
    "and connection (`bench/comment_load.py`, loopback), in two phases against the same server and a fresh "
    f"database: first, after 5 s of warm-up, together they offer {paced['offered_per_s']:g} comments a second "
    f"for {paced['duration_s']} s (how long a comment waits at the target's rate, counted from the moment it was "
    "due, so a server that falls behind shows); then, after 2 s of warm-up, each sends its comments back to back "
    f"for {load['duration_s']} s (how many comments the server takes; every latency is then the queue of 40 divided "
    f"by that rate). Load average (1 / 5 / 15 min) when the first phase began: {loads(paced['load_before'])}; "
    f"when the second ended: {loads(load['load_after'])}.",
    "",
    "| figure | measured | target | met |",
    "|---|---|---|---|",
    f"| comments accepted per second, sent back to back | {load['accepted_per_s']} | ≥ 100 | {ok(load['accepted_per_s'] >= 100)} |",
    f"| latency p50 / p95 / p99 (ms), sent back to back | {load['p50_ms']} / {load['p95_ms']} / {load['p99_ms']} | — | — |",
    f"| comments accepted with {paced['offered_per_s']:g} a second offered | {paced['accepted']} of {sent_paced} sent ({paced['accepted_per_s']}/s) | all, at ≥ 100/s | {ok(paced['accepted'] == sent_paced and paced['offered_per_s'] >= 100)} |",
    f"| latency p50 / p95 / p99 (ms) with {paced['offered_per_s']:g} a second offered | {paced['p50_ms']} / {paced['p95_ms']} / {paced['p99_ms']} | p95 < 300 | {ok(paced['p95_ms'] < 300)} |",
    f"| comments accepted (warm-ups + measured, both phases) | {verify['issued']} | — | — |",
    f"| receipts lost (issued, not in the database) | {verify['lost']} | 0 | {ok(verify['lost'] == 0)} |",
    f"| comments stored without a receipt given | {verify['stored_without_receipt']} | 0 | {ok(verify['stored_without_receipt'] == 0)} |",
    f"| receipts read back by GET /api/v1/comments/{{n}} | {load['read_back'] + paced['read_back']} of {load['accepted'] + paced['accepted']} | all | {ok(load['read_back'] + paced['read_back'] == load['accepted'] + paced['accepted'])} |",
    f"| server errors (5xx), transport errors | {errors} ({logged_errors} in the log), {transport} | 0 | {ok(errors == 0 and transport == 0)} |",
    f"| answers by status, back to back; at {paced['offered_per_s']:g} a second | {', '.join(f'{k}: {v}' for k, v in load['status'].items())}; {', '.join(f'{k}: {v}' for k, v in paced['status'].items())} | — | — |",
    "",
    "**What one accepted comment costs, whatever the machine's other load** (CPU time during the measured phase, "
    "from /proc: gunicorn's processes, and the PostgreSQL backends of the bench database; `bench/cpu_meter.py`):",
    "",
    "| CPU per accepted comment | ms |",
    "|---|---|",
    f"| gunicorn (Django) | {cpu['server_ms_per_comment']} |",
    f"| PostgreSQL backends | {cpu['database_ms_per_comment']} |",
    f"| **server side, together** | **{cpu['ms_per_comment']}** |",
    f"| the load tool itself (not counted above) | {cpu['client_ms_per_comment']} |",
    "",
    f"On {cpu['cores']} cores, {cpu['ms_per_comment']} ms of CPU per comment is a ceiling of "
    f"**{cpu['ceiling_per_s']} comments per second** ({cpu['cores']} × 1,000 ms / {cpu['ms_per_comment']} ms) for this "
    "server on this machine with nothing else running (the load tool's own CPU aside); the target of 100 per second "
    f"{'fits under' if (cpu['ceiling_per_s'] or 0) >= 100 else 'is above'} that ceiling.",
]
if page is not None:
    small, large = page["20x200"], page["200x2000"]
    lines += [
        "",
        "**The consultation page** (`bench/consultation_bench.py page`, rendered in process, median of 10):",
        "",
        "| articles × comments | SQL queries | time (ms) | HTML (KB) |",
        "|---|---|---|---|",
        f"| 20 × 200 | {small['queries']} | {small['median_ms']} | {small['bytes'] // 1024} |",
        f"| 200 × 2,000 | {large['queries']} | {large['median_ms']} | {large['bytes'] // 1024} |",
        "",
        f"Same number of queries at both sizes: {ok(small['queries'] == large['queries'])}.",
    ]
    if "drawn" in large:
        bound = large["units"] * 3  # INLINE_THREADS threads per unit and for the general comments (no replies here)
        lines += [
            "",
            f"Comments drawn at 200 × 2,000: {large['drawn']} of 2,000 (each article and the general comments "
            f"draw their first 3 threads, then «Xem tất cả N góp ý»): at most {bound}: {ok(large['drawn'] <= bound)}; "
            f"HTML at most 512 KB: {ok(large['bytes'] <= 512 * 1024)}.",
        ]
else:
    lines += ["", "The consultation page was not measured in this run (BENCH_PAGE=0)."]
lines.append("<!-- bench:consultations:end -->")
block = "\n".join(lines)
text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else ""
pattern = re.compile(r"<!-- bench:consultations:begin -->.*?<!-- bench:consultations:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _m: block, text)
else:
    text = text.rstrip("\n") + "\n\n## Consultations: comments in the last hour, the consultation page\n\n" + block + "\n"
open(doc, "w", encoding="utf-8").write(text)
print(block)
PYEOF
