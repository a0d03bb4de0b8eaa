"""Profile the search API end to end, in process, against a populated index.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... SEARCH_INDEX_PREFIX=bench \\
        python bench/profile_api.py --queries ../shared/corpus/search-benchmark/dev/queries.jsonl \\
        [--sample 200] [--top 35] [--repeat] [--out var/bench/profile.txt]

Each query goes through Django's whole request stack (WSGI handler, middleware, DRF view,
serializer, JSON renderer) with Django's test client, so what the profile shows is what a worker of
`make bench` does for a request, less the HTTP parsing of gunicorn. After a warm-up (the NLP
models loaded, one query of each kind), the sample runs under cProfile; printed: the wall time per
request, the share of the main steps of the query path (docs/architecture.md), and the functions
with the most cumulative and own time. `--repeat` sends the sample twice and profiles the second
pass (what a repeated query costs: the query analysis is cached, search/query.py).

Only the local OpenSearch of the settings is contacted (scripts/bench.sh leaves a populated
`bench` index and database behind after a run).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# The steps of the query path (module, function) whose wall time is reported separately.
STEPS = [
    ("search.request", "parse_request"),
    ("search.engine", "msearch"),
    ("search.engine", "_hit"),
    ("search.results", "label_facets"),
    ("search.api", "SearchResponseSerializer.to_representation"),
    ("rest_framework.renderers", "JSONRenderer.render"),
]


def _sample(queries: list[dict], n: int) -> list[dict]:
    if n <= 0 or n >= len(queries):
        return queries
    step = len(queries) / n
    return [queries[int(i * step)] for i in range(n)]


def _wrap_steps(totals: dict[str, float]) -> None:
    """Accumulate the wall time of each step (outermost call only)."""
    import importlib

    for module_name, qualname in STEPS:
        module = importlib.import_module(module_name)
        owner, _, name = qualname.rpartition(".")
        holder = getattr(module, owner) if owner else module
        original = getattr(holder, name)
        label = f"{module_name}.{qualname}"
        depth = {"n": 0}

        def timed(*args, __original=original, __label=label, __depth=depth, **kwargs):
            __depth["n"] += 1
            started = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                __depth["n"] -= 1
                if __depth["n"] == 0:
                    totals[__label] += time.perf_counter() - started

        setattr(holder, name, timed)
        # Modules that imported the function by name before the wrap keep the original: rebind.
        for other in list(sys.modules.values()):
            if other is not None and other is not module and not owner and getattr(other, name, None) is original:
                if getattr(other, "__name__", "").startswith("search"):
                    setattr(other, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--repeat", action="store_true", help="profile a second pass of the same queries")
    parser.add_argument("--no-profile", action="store_true", help="the step times only, without cProfile's overhead")
    parser.add_argument("--out", help="also write the report here")
    parser.add_argument(
        "--dump",
        help="instead of profiling, write every answer of the sample (and of variants: documents, a filter, "
        "sort by date, page 2) to this JSON file, to compare the results before and after a change",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from search import health

    if not health.is_available():
        sys.exit(f"OpenSearch at {settings.OPENSEARCH_URL} does not answer")
    queries = _sample([json.loads(line) for line in open(args.queries, encoding="utf-8") if line.strip()], args.sample)
    client = Client(SERVER_NAME="127.0.0.1")

    def send(text: str) -> None:
        response = client.get("/api/v1/search", {"q": text, "type": "article", "size": 10})
        if response.status_code != 200:
            raise SystemExit(f"{text!r} answered {response.status_code}: {response.content[:300]!r}")
        if response.json()["backend"] != "opensearch":
            raise SystemExit("the API answered from the database: is the index populated?")

    send("Điều 5 Nghị định 24/2012/NĐ-CP điều kiện cấp giấy phép kinh doanh vàng")  # load the models
    send("thu tuc dang ky doanh nghiep")
    if args.repeat:
        for q in queries:
            send(q["text"])

    if args.dump:
        variants = [
            {"type": "article", "size": 10},
            {"type": "document", "size": 5},
            {"type": "article", "size": 5, "agency": "quoc-hoi"},
            {"type": "article", "size": 5, "sort": "date", "page": 2},
        ]
        answers = {}
        for q in queries:
            for params in variants:
                response = client.get("/api/v1/search", {"q": q["text"], **params})
                key = f"{q['id']} {json.dumps(params, sort_keys=True)}"
                answers[key] = {"status": response.status_code, "body": response.json()}
        Path(args.dump).parent.mkdir(parents=True, exist_ok=True)
        Path(args.dump).write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(answers)} answers written to {args.dump}")
        return

    totals: dict[str, float] = defaultdict(float)
    _wrap_steps(totals)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    if not args.no_profile:
        profiler.enable()
    for q in queries:
        send(q["text"])
    profiler.disable()
    elapsed = time.perf_counter() - started

    out = io.StringIO()
    n = len(queries)
    what = f"{n} requests{' (second pass)' if args.repeat else ''}"
    under = "" if args.no_profile else " under the profiler"
    print(f"{what}: {elapsed / n * 1000:.2f} ms each{under}", file=out)
    print("\nwall time per request by step (outermost calls):", file=out)
    for label, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / n * 1000:7.2f} ms  {label}", file=out)
    for key, title in () if args.no_profile else (("cumulative", "cumulative time"), ("tottime", "own time")):
        print(f"\n---- top {args.top} by {title} ----", file=out)
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
    report = out.getvalue()
    print(report)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
