"""The first answer after OpenSearch freezes, for `make bench` (scripts/bench.sh runs it).

    python bench/freeze.py --queries Q.jsonl --out F.json [--port 9252] [--rounds 3]

Starts a private OpenSearch node on its own port (scripts/opensearch.sh, as
tests/search/test_opensearch_restart.py does; the shared node is never touched), points the
portal at it (empty indexes of its own prefix), and in each round: one search answered by
OpenSearch (the breaker closed), then the node frozen with SIGSTOP (it still accepts
connections and answers nothing), then the time of the first search (it waits
OPENSEARCH_SEARCH_TIMEOUT and falls back to the database of DATABASE_URL) and of the next one
(the breaker is open: straight to the database); then SIGCONT and the node answers again. The
requests go through Django's whole stack in this process (test client). The node is always
resumed and stopped at the end. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def node(port: str, command: str) -> str:
    env = dict(os.environ, OPENSEARCH_PORT=port, OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m")
    env.pop("OPENSEARCH_URL", None)
    done = subprocess.run(
        [str(ROOT / "scripts" / "opensearch.sh"), command], env=env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise SystemExit(f"opensearch.sh {command} on port {port} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", default="9252")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in open(args.queries, encoding="utf-8") if line.strip()]

    node(args.port, "start")
    pid = None
    try:
        found = re.search(r"pid (\d+)", node(args.port, "status"))
        if not found:
            raise SystemExit("opensearch.sh status named no pid")
        pid = int(found[1])
        os.environ["OPENSEARCH_URL"] = f"http://127.0.0.1:{args.port}"
        os.environ["SEARCH_INDEX_PREFIX"] = f"{os.environ.get('SEARCH_INDEX_PREFIX', 'bench')}-freeze"
        import django

        django.setup()
        logging.disable(logging.WARNING)  # each fallback logs a warning with a traceback
        from django.conf import settings
        from django.test import Client

        from search import health
        from search.indexes import ensure_aliases

        ensure_aliases()
        client = Client(SERVER_NAME="127.0.0.1")

        def search(text: str) -> tuple[float, str]:
            started = time.perf_counter()
            response = client.get("/api/v1/search", {"q": text, "type": "article", "size": 10})
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{text!r} answered {response.status_code}")
            return elapsed, response.json()["backend"]

        first, second = [], []
        for round_ in range(args.rounds):
            health.reset()
            _ms, backend = search(texts[3 * round_])
            if backend != "opensearch":
                raise SystemExit(f"round {round_ + 1}: the private node did not answer before the freeze")
            os.kill(pid, signal.SIGSTOP)
            try:
                ms, backend = search(texts[3 * round_ + 1])
                first.append((round(ms, 1), backend))
                ms, backend = search(texts[3 * round_ + 2])
                second.append((round(ms, 1), backend))
            finally:
                os.killpg(os.getpgid(pid), signal.SIGCONT)
            deadline = time.monotonic() + 60
            while not health.is_available(max_age=0) and time.monotonic() < deadline:
                time.sleep(0.5)
        result = {
            "search_timeout_s": float(settings.OPENSEARCH_SEARCH_TIMEOUT),
            "first_ms": [ms for ms, _ in first],
            "second_ms": [ms for ms, _ in second],
            "backends": sorted({b for _, b in first + second}),
            "first_max_ms": max(ms for ms, _ in first),
            "first_median_ms": round(statistics.median(ms for ms, _ in first), 1),
            "second_max_ms": max(ms for ms, _ in second),
        }
        Path(args.out).write_text(json.dumps(result, indent=1))
        print(
            f"first answer after a freeze: {result['first_ms']} ms; the next: {result['second_ms']} ms "
            f"(backends {result['backends']})"
        )
    finally:
        if pid is not None:
            try:
                os.killpg(os.getpgid(pid), signal.SIGCONT)
            except ProcessLookupError:
                pass
        node(args.port, "stop")


if __name__ == "__main__":
    main()
