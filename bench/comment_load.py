"""The last hour before a deadline: many commenters sending comments through the API at once.

    python bench/comment_load.py --base http://127.0.0.1:PORT --setup setup.json \
        --concurrency 40 --duration 60 --out load.json

Loopback only (the base URL must be 127.0.0.1/localhost), bounded in time (`--duration`, and
every request times out after 30 s). Each of the `--concurrency` virtual commenters has its own
API key (from the setup file of bench/consultation_bench.py) and sends comments one after the
other, each with a new text and idempotency key, on an article picked in turn (one in five on the
draft as a whole). Then every receipt issued is read back through GET /api/v1/comments/{number}.
Writes the figures as JSON: accepted, accepted per second, p50/p95/p99 latency, status counts,
server errors, transport errors, receipts read back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

TIMEOUT = httpx.Timeout(30.0)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def commenter(
    number: int, client: httpx.AsyncClient, setup: dict, deadline: float, results: dict, receipts: list
) -> None:
    key = setup["keys"][number % len(setup["keys"])]
    articles = setup["articles"]
    url = f"/api/v1/consultations/{setup['consultation_id']}/comments"
    sent = 0
    while time.monotonic() < deadline:
        sent += 1
        article = None if sent % 5 == 0 else articles[(number * 7 + sent) % len(articles)]
        body = {
            "article_id": article,
            "text": f"Góp ý số {sent} của người góp ý {number}: đề nghị làm rõ thời hạn và hồ sơ tại điều này.",
            "commenter_type": "business",
            "organization": f"Công ty TNHH Thử tải {number}",
            "tax_code": setup["tax_code"],
            "idempotency_key": f"bench-{number}-{sent}",
        }
        started = time.perf_counter()
        try:
            response = await client.post(url, json=body, headers={"X-Api-Key": key})
        except httpx.HTTPError as error:
            results["transport_errors"].append(type(error).__name__)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        results["status"][response.status_code] = results["status"].get(response.status_code, 0) + 1
        if response.status_code == 201:
            results["latencies"].append(elapsed)
            receipts.append(response.json()["receipt_number"])
        results["all_latencies"].append(elapsed)


async def read_back(client: httpx.AsyncClient, receipts: list[str], workers: int = 20) -> dict:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for number in receipts:
        queue.put_nowait(number)
    outcome = {"readable": 0, "unreadable": []}

    async def reader() -> None:
        while not queue.empty():
            number = queue.get_nowait()
            response = await client.get(f"/api/v1/comments/{number}")
            if response.status_code == 200 and response.json()["receipt_number"] == number:
                outcome["readable"] += 1
            else:
                outcome["unreadable"].append(number)

    await asyncio.gather(*(reader() for _ in range(workers)))
    return outcome


async def run(args: argparse.Namespace) -> dict:
    setup = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    limits = httpx.Limits(max_connections=args.concurrency + 5, max_keepalive_connections=args.concurrency + 5)
    results: dict = {"status": {}, "latencies": [], "all_latencies": [], "transport_errors": []}
    receipts: list[str] = []
    async with httpx.AsyncClient(base_url=args.base, timeout=TIMEOUT, limits=limits) as client:
        warm: dict = {"status": {}, "latencies": [], "all_latencies": [], "transport_errors": []}
        warm_receipts: list[str] = []
        if args.warmup:
            warm_deadline = time.monotonic() + args.warmup
            await asyncio.gather(
                *(commenter(n, client, setup, warm_deadline, warm, warm_receipts) for n in range(args.concurrency))
            )
        started = time.monotonic()
        deadline = started + args.duration
        await asyncio.gather(
            *(
                commenter(n + args.concurrency, client, setup, deadline, results, receipts)
                for n in range(args.concurrency)
            )
        )
        elapsed = time.monotonic() - started
        read = await read_back(client, receipts)
    latencies = results["latencies"]
    return {
        "concurrency": args.concurrency,
        "duration_s": round(elapsed, 1),
        "accepted": len(receipts),
        "accepted_per_s": round(len(receipts) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        "status": {str(code): count for code, count in sorted(results["status"].items())},
        "server_errors": sum(count for code, count in results["status"].items() if code >= 500),
        "transport_errors": len(results["transport_errors"]),
        "read_back": read["readable"],
        "unreadable": read["unreadable"][:20],
        "warmup_accepted": len(warm_receipts),
        "warmup_server_errors": sum(count for code, count in warm["status"].items() if code >= 500),
        "receipts": receipts + warm_receipts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--setup", required=True, help="JSON written by bench/consultation_bench.py setup")
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (bounded)")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load before measuring")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    host = urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"comment_load: loopback only, not {host}")
    if not 0 < args.duration <= 600:
        sys.exit("comment_load: --duration must be between 0 and 600 seconds")
    result = asyncio.run(run(args))
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    shown = {key: value for key, value in result.items() if key != "receipts"}
    print(json.dumps(shown, ensure_ascii=False))


if __name__ == "__main__":
    main()
