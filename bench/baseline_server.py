"""The quality baseline: OpenSearch's `standard` analyzer on the raw article text.

    python bench/baseline_server.py build CORPUS.jsonl [--opensearch URL] [--index NAME]
    python bench/baseline_server.py serve [--port 8799] [--opensearch URL] [--index NAME]
    python bench/baseline_server.py build SEGMENTED.jsonl --segmented   (index bench-baseline-segmented)
    python bench/baseline_server.py serve --segmented ...

`build` (re)creates the index `bench-baseline-standard`: one entry per corpus article with
`external_id` (keyword) and `text` (the article's title and body, `standard` analyzer: Unicode
word splitting and lower case, no Vietnamese segmentation, no folding; default BM25).
`serve` answers `GET /?q=...&size=10` (any path) with `{"results": [{"external_id": ...}],
"count": N, "backend": "baseline-standard"}` from a `match` query on `text`, so that
../shared/bench/search_quality.py can score it exactly as it scores the portal's API.
Standard library only; it listens on 127.0.0.1 and talks to OpenSearch on the given URL.

`--segmented` is the reference the issue quotes ("plain BM25 on word-segmented text"): the index
`bench-baseline-segmented` holds the underthesea-segmented text written by
bench/segment_ceiling.py --out (`whitespace` tokenizer + `lowercase`, default BM25), and each
query is segmented with underthesea's `word_tokenize` the same way before the `match` query.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

INDEX = "bench-baseline-standard"
SEGMENTED_INDEX = "bench-baseline-segmented"
SEGMENTED_ANALYSIS = {"analyzer": {"segmented": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}}}
MAX_SIZE = 100


def call(url: str, method: str = "GET", body: object | None = None, ndjson: bool = False) -> dict:
    data = None
    headers = {}
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        headers["Content-Type"] = "application/x-ndjson" if ndjson else "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def build(corpus: Path, opensearch: str, index: str, segmented: bool = False) -> int:
    base = f"{opensearch.rstrip('/')}/{index}"
    try:
        call(base, "DELETE")
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
    call(
        base,
        "PUT",
        {
            "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "refresh_interval": "-1",
                **({"analysis": SEGMENTED_ANALYSIS} if segmented else {}),
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "external_id": {"type": "keyword"},
                    "text": {"type": "text", "analyzer": "segmented" if segmented else "standard"},
                },
            },
        },
    )
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    for start in range(0, len(rows), 1000):
        lines = []
        for row in rows[start : start + 1000]:
            lines.append(json.dumps({"index": {"_index": index, "_id": row["id"]}}))
            if segmented:
                text = row["words"]
            else:
                text = f"{row.get('title') or ''}\n{row.get('text') or ''}".strip()
            lines.append(json.dumps({"external_id": row["id"], "text": text}, ensure_ascii=False))
        answer = call(f"{opensearch.rstrip('/')}/_bulk", "POST", "\n".join(lines) + "\n", ndjson=True)
        if answer.get("errors"):
            sys.exit(f"bulk load of {index} failed: {json.dumps(answer)[:500]}")
    call(f"{base}/_settings", "PUT", {"index": {"refresh_interval": "1s"}})
    call(f"{base}/_refresh", "POST")
    return int(call(f"{base}/_count")["count"])


def segment_query(text: str) -> str:
    from underthesea import word_tokenize

    words = word_tokenize(text, format="text").lower().split()
    return " ".join(w for w in words if any(c.isalnum() for c in w))


def make_handler(opensearch: str, index: str, segmented: bool = False) -> type[BaseHTTPRequestHandler]:
    search_url = f"{opensearch.rstrip('/')}/{index}/_search"
    backend = "baseline-segmented" if segmented else "baseline-standard"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            q = (params.get("q") or [""])[0]
            try:
                size = max(1, min(MAX_SIZE, int((params.get("size") or ["10"])[0])))
            except ValueError:
                size = 10
            if segmented and q.strip():
                q = segment_query(q)
            if not q.strip():
                self._send(200, {"count": 0, "backend": backend, "results": []})
                return
            body = {"size": size, "_source": ["external_id"], "query": {"match": {"text": q}}}
            try:
                answer = call(search_url, "POST", body)
            except (urllib.error.URLError, TimeoutError, ValueError) as error:
                self._send(502, {"error": str(error)})
                return
            hits = answer.get("hits", {})
            total = hits.get("total", {})
            self._send(
                200,
                {
                    "count": total.get("value", 0) if isinstance(total, dict) else total,
                    "backend": backend,
                    "results": [
                        {"external_id": h["_source"]["external_id"], "score": h.get("_score")}
                        for h in hits.get("hits", [])
                    ],
                },
            )

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: hundreds of requests per run

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--opensearch", default="http://127.0.0.1:9200")
    parser.add_argument("--index")
    parser.add_argument("--segmented", action="store_true")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    args.index = args.index or (SEGMENTED_INDEX if args.segmented else INDEX)
    if args.command == "build":
        if not args.corpus:
            parser.error("build needs the corpus file")
        print(f"{args.index}: {build(args.corpus, args.opensearch, args.index, args.segmented)} articles")
        return
    if args.segmented:
        segment_query("Khởi động mô hình tách từ.")  # load underthesea before the first request
    handler = make_handler(args.opensearch, args.index, args.segmented)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"baseline on http://127.0.0.1:{args.port}/ (index {args.index})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
