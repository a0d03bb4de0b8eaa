"""Search benchmark helpers for `make bench` (scripts/bench.sh runs them; see docs/benchmarks.md).

    search_bench.py latency --api URL --queries Q.jsonl --out F.json [--sample N] [--warmup N]
                            [--warmup-queries W.jsonl]
        GET {api}?q=...&type=article&size=10 for each query, one at a time, after a warm-up;
        per-query client-side latency and the backend that answered. The warm-up sends other
        texts than the measured ones (from W.jsonl, or queries outside the sample): a text the
        server has answered before is served from its caches (the query's vector, its analysis),
        so a measured query is one the server sees for the first time.
    search_bench.py floor --queries Q.jsonl --out F.json [--warmup N]      (needs Django settings)
        For each query, the body the portal itself would send (search.request.parse_request,
        search.bodies.pin_bodies and main_body, built in this process) sent straight to OpenSearch on a kept-alive
        connection: POST {alias}/_search, or _msearch when the query pins cited articles (as the
        portal does). Latency as seen by the client and OpenSearch's own `took`.
    search_bench.py breakdown --api URL --queries Q.jsonl --qrels R.tsv --out F.json [--strip-diacritics]
        nDCG@10 per query type and source, and the misses, using the functions of
        ../shared/bench/search_quality.py (imported, not copied).
    search_bench.py report --results DIR --doc docs/benchmarks.md
        Tables from the JSON files in DIR: printed, and written into the doc between
        <!-- bench:begin --> and <!-- bench:end --> (the prose around them is kept).
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import math
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout's packages, not those of the checkout the shared virtualenv was installed from.
sys.path.insert(0, str(ROOT))
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
K = 10


def load_queries(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sample(queries: list[dict], n: int) -> list[dict]:
    """n queries spread evenly over the file (every k-th), deterministic."""
    if n <= 0 or n >= len(queries):
        return queries
    step = len(queries) / n
    return [queries[int(i * step)] for i in range(n)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def summary(latencies_ms: list[float]) -> dict:
    if not latencies_ms:
        return {"n": 0}
    return {
        "n": len(latencies_ms),
        "p50_ms": round(statistics.median(latencies_ms), 1),
        "p95_ms": round(percentile(latencies_ms, 0.95), 1),
        "mean_ms": round(statistics.fmean(latencies_ms), 1),
    }


def quality_module():
    path = Path(os.environ.get("SEARCH_QUALITY", ROOT.parent / "shared" / "bench" / "search_quality.py"))
    spec = importlib.util.spec_from_file_location("search_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- latency of an HTTP search endpoint ------------------------------------------------------


def get(api: str, text: str, timeout: float = 30.0) -> tuple[float, dict]:
    url = api + ("&" if "?" in api else "?") + urllib.parse.urlencode({"q": text, "type": "article", "size": K})
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = json.load(response)
    return (time.perf_counter() - started) * 1000, body


def warmup_queries(everything: list[dict], measured: list[dict], n: int) -> list[dict]:
    """What to send before timing: queries outside the measured ones (a warm-up query timed
    again would be answered from the process's caches); when there are none (every query is
    measured and no other file is given), the first ``n``, which are then timed warm."""
    texts = {q["text"] for q in measured}
    rest = [q for q in everything if q["text"] not in texts]
    return sample(rest, n)[:n] if rest else measured[:n]


def cmd_latency(args) -> None:
    everything = load_queries(args.queries)
    queries = sample(everything, args.sample)
    pool = load_queries(args.warmup_queries) if args.warmup_queries else everything
    for q in warmup_queries(pool, queries, args.warmup):
        try:
            get(args.api, q["text"])
        except OSError:
            pass
    per_query, failed, backends = {}, 0, set()
    for q in queries:
        try:
            ms, body = get(args.api, q["text"])
        except (OSError, ValueError) as error:
            failed += 1
            print(f"query {q['id']} failed: {error}", file=sys.stderr)
            continue
        per_query[q["id"]] = round(ms, 2)
        backends.add(body.get("backend"))
    result = {"api": args.api, "failed": failed, "backend": sorted(b for b in backends if b), "per_query": per_query}
    result.update(summary(list(per_query.values())))
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"{args.api}: {summary(list(per_query.values()))} backend={result['backend']} failed={failed}")


# ---- the floor: the portal's own query body, straight to OpenSearch --------------------------


def cmd_floor(args) -> None:
    import django

    django.setup()
    from django.conf import settings

    from search import backends, kinds, semantic
    from search.bodies import main_body, pin_bodies
    from search.request import parse_request
    from search.vectors import embedder

    parsed = urllib.parse.urlsplit(settings.OPENSEARCH_URL)
    if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"the floor is measured on a local OpenSearch only, not {settings.OPENSEARCH_URL}")
    index = kinds.get("articles").alias
    vocabulary = backends.vocabulary()
    requests = []
    # The query's vector, as the portal computes it (search/semantic.py: one model, one thread,
    # the question without its wrapper, of the restored reading for a query without
    # diacritics: semantic.query_text); timed alone, once per query (the
    # portal computes it while OpenSearch answers; here it is simply added).
    embed_ms: dict[str, float] = {}
    hybrid = semantic.model() is not None and kinds.get("articles").embeds
    for q in load_queries(args.queries):
        request = parse_request({"q": q["text"], "type": "article", "size": str(K)}, vocabulary)
        pins = pin_bodies(request)
        main = main_body(request, extra=len(pins), rerank_depth=semantic.DEPTH if hybrid else 0)
        if hybrid and request.query.is_searchable:
            reading = semantic.query_text(request.query)
            started = time.perf_counter()
            embedder.query_vector(reading + " ")  # a miss in the process's query cache
            embed_ms[q["id"]] = round((time.perf_counter() - started) * 1000, 2)
        if pins:
            lines = []
            for body in [*pins, main]:
                lines += [json.dumps({"index": index}), json.dumps(body, ensure_ascii=False)]
            requests.append((q["id"], "/_msearch", "\n".join(lines) + "\n", "application/x-ndjson"))
        else:
            requests.append((q["id"], f"/{index}/_search", json.dumps(main, ensure_ascii=False), "application/json"))
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port or 9200, timeout=30)

    def send(path: str, body: str, content_type: str) -> tuple[float, dict]:
        started = time.perf_counter()
        connection.request("POST", path, body=body.encode(), headers={"Content-Type": content_type})
        response = connection.getresponse()
        answer = json.loads(response.read())
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {json.dumps(answer)[:300]}")
        return elapsed, answer

    for _, path, body, content_type in requests[: args.warmup]:
        send(path, body, content_type)
    per_query, took, pinned = {}, [], 0
    for qid, path, body, content_type in requests:
        ms, answer = send(path, body, content_type)
        per_query[qid] = round(ms, 2)
        if path == "/_msearch":
            pinned += 1
            took.append(sum(r.get("took", 0) for r in answer.get("responses", [])))
        else:
            took.append(answer.get("took", 0))
    connection.close()
    result = {"index": index, "with_pins": pinned, "per_query": per_query, "took": summary(took)}
    result.update(summary(list(per_query.values())))
    if embed_ms:
        with_vector = {qid: round(ms + embed_ms.get(qid, 0.0), 2) for qid, ms in per_query.items()}
        result["embed"] = summary(list(embed_ms.values()))
        result["with_embedding"] = {"per_query": with_vector, **summary(list(with_vector.values()))}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"OpenSearch floor on {index}: {summary(list(per_query.values()))}; took {summary(took)}")


# ---- per-type breakdown ----------------------------------------------------------------------


def cmd_breakdown(args) -> None:
    sq = quality_module()
    queries = sq.load_queries(args.queries)
    qrels = sq.load_qrels(args.qrels)
    rows = []
    for q in queries:
        rels = qrels.get(str(q["id"]))
        if not rels:
            continue
        text = sq.strip_diacritics(q["text"]) if args.strip_diacritics else q["text"]
        try:
            ranked, _, _ = sq.search(args.api, text, K, 30.0)
        except (OSError, ValueError):
            ranked = []
        rows.append(
            {
                "id": q["id"],
                "type": q.get("type"),
                "source": str(q["id"]).rsplit("-", 1)[0],
                "ndcg": sq.ndcg(ranked, rels, K),
                "recall": sq.recall(ranked, rels, K),
                "top": ranked[:3],
                "relevant": sorted(rels),
            }
        )
    groups: dict[str, dict[str, list[float]]] = {}
    for row in rows:
        for key in (f"type:{row['type']}", f"source:{row['source']}"):
            groups.setdefault(key, {"ndcg": [], "recall": []})
            groups[key]["ndcg"].append(row["ndcg"])
            groups[key]["recall"].append(row["recall"])
    result = {
        "groups": {
            k: {
                "n": len(v["ndcg"]),
                "ndcg": round(statistics.fmean(v["ndcg"]), 4),
                "recall": round(statistics.fmean(v["recall"]), 4),
            }
            for k, v in sorted(groups.items())
        },
        "per_query": rows,
    }
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))


# ---- report ----------------------------------------------------------------------------------


# ---- shared with the report (bench/search_report.py) -------------------------------------


def read_json(folder: Path, name: str) -> dict | None:
    path = folder / name
    if not path.exists() or not path.stat().st_size:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def md_row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    from search_report import cmd_report  # the report half (bench/search_report.py)

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("latency")
    p.add_argument("--api", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--sample", type=int, default=0)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--warmup-queries", default="")
    p.set_defaults(func=cmd_latency)
    p = sub.add_parser("floor")
    p.add_argument("--queries", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--warmup", type=int, default=20)
    p.set_defaults(func=cmd_floor)
    p = sub.add_parser("breakdown")
    p.add_argument("--api", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--qrels", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--strip-diacritics", action="store_true")
    p.set_defaults(func=cmd_breakdown)
    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--doc", required=True)
    p.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
