"""The last hour before a deadline: many commenters sending comments through the API at once.

    python bench/comment_load.py --base http://127.0.0.1:PORT --setup setup.json \
        --concurrency 40 --duration 60 --out load.json [--rate 100] [--server-pid PID --database NAME --admin-url URL]

Loopback only (the base URL must be 127.0.0.1/localhost), bounded in time (`--duration`, and
every request times out after 30 s). Each of the `--concurrency` virtual commenters has its own
API key (from the setup file of bench/consultation_bench.py) and its own kept-alive connection,
and sends comments one after the other, each with a new text and idempotency key, on an article
picked in turn (one in five on the draft as a whole). Then every receipt issued is read back
through GET /api/v1/comments/{number}.

Two ways to send: back to back (the default: each commenter sends its next comment as soon as the
last is answered, which measures how many the server can take, and makes every latency the
queue's length divided by that rate), or at an offered rate (`--rate 100`: 100 comments a second
in all, spread over the commenters, as in the last hour when many people each send a comment),
which measures how long a comment waits at that rate. With `--rate`, a comment's latency counts
from the moment it was due, so a server that falls behind shows in the figures.

The client is a small HTTP/1.1 client on asyncio streams (kept-alive connections, one process):
it shares the server's cores, so it must cost little; its own CPU time is reported. With
`--server-pid` (gunicorn's master) and `--database` (the bench database's name, its backends
found through `--admin-url`), the CPU time the server and PostgreSQL spent during the measured
phase is read from /proc (bench/cpu_meter.py): CPU ms per accepted comment, a figure that does
not depend on what else the machine is doing, and the ceiling it implies on this machine's cores.

Writes the figures as JSON: accepted, accepted per second, p50/p95/p99 latency, status counts,
server errors, transport errors, receipts read back, CPU, load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cpu_meter import CpuMeter  # noqa: E402

TIMEOUT = 30.0
# Texts and idempotency keys differ from one run to the next, so a run on a database that
# already holds an earlier run's comments is not answered with repeats (200).
RUN = f"{int(time.time()) % 100000:05d}"


class TransportError(Exception):
    pass


class Connection:
    """One kept-alive HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None):
        try:
            return await asyncio.wait_for(self._request(method, path, body, headers or {}), TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            await self.close()
            raise TransportError(type(error).__name__) from error

    async def _request(self, method: str, path: str, body: bytes, headers: dict[str, str]):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        if body:
            lines.append("Content-Type: application/json")
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        received = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                received[name.strip().lower()] = value.strip()
        if "content-length" not in received:
            raise ValueError("no Content-Length")
        content = await self.reader.readexactly(int(received["content-length"]))
        if received.get("connection", "").lower() == "close":
            await self.close()
        return status, content


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass(frozen=True)
class Pace:
    """An offered load: ``rate`` comments a second in all, spread evenly over the commenters
    (commenter i's k-th comment is due at start + (i + k × commenters) / rate)."""

    start: float
    rate: float
    commenters: int

    def due(self, number: int, sent: int) -> float:
        return self.start + ((number % self.commenters) + sent * self.commenters) / self.rate


def new_results() -> dict:
    return {"status": {}, "latencies": [], "transport_errors": [], "receipts": []}


async def commenter(
    number: int, connection: Connection, setup: dict, deadline: float, results: dict, pace: Pace | None = None
) -> None:
    """Sends comments until ``deadline``: back to back, or on ``pace``'s schedule (then the latency
    counts from the moment the comment was due, so a server that falls behind is not hidden by
    the client waiting for it)."""
    key = setup["keys"][number % len(setup["keys"])]
    articles = setup["articles"]
    path = f"/api/v1/consultations/{setup['consultation_id']}/comments"
    sent = 0
    while time.monotonic() < deadline:
        due = pace.due(number, sent) if pace else None
        if due is not None:
            if due >= deadline:
                break
            await asyncio.sleep(max(0.0, due - time.monotonic()))
        sent += 1
        article = None if sent % 5 == 0 else articles[(number * 7 + sent) % len(articles)]
        body = {
            "article_id": article,
            "text": f"Góp ý số {sent} của người góp ý {number} (lượt {RUN}): đề nghị làm rõ thời hạn và hồ sơ.",
            "commenter_type": "business",
            "organization": f"Công ty TNHH Thử tải {number}",
            "tax_code": setup["tax_code"],
            "idempotency_key": f"bench-{RUN}-{number}-{sent}",
        }
        started = time.monotonic() if due is None else due
        try:
            status, content = await connection.request("POST", path, json.dumps(body).encode(), {"X-Api-Key": key})
        except TransportError as error:
            results["transport_errors"].append(str(error))
            continue
        elapsed = (time.monotonic() - started) * 1000
        results["status"][status] = results["status"].get(status, 0) + 1
        if status == 201:
            results["latencies"].append(elapsed)
            results["receipts"].append(json.loads(content)["receipt_number"])


async def read_back(connections: list[Connection], receipts: list[str]) -> dict:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for number in receipts:
        queue.put_nowait(number)
    outcome: dict = {"readable": 0, "unreadable": []}

    async def reader(connection: Connection) -> None:
        while not queue.empty():
            number = queue.get_nowait()
            try:
                status, content = await connection.request("GET", f"/api/v1/comments/{number}")
            except TransportError:
                status, content = 0, b""
            if status == 200 and json.loads(content)["receipt_number"] == number:
                outcome["readable"] += 1
            else:
                outcome["unreadable"].append(number)

    await asyncio.gather(*(reader(connection) for connection in connections[:20]))
    return outcome


async def run(args: argparse.Namespace) -> dict:
    setup = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    parts = urlsplit(args.base)
    connections = [Connection(parts.hostname or "127.0.0.1", parts.port or 80) for _ in range(args.concurrency)]
    meter = CpuMeter(args.server_pid, args.database, args.admin_url)
    warm = new_results()
    if args.warmup:
        warm_deadline = time.monotonic() + args.warmup
        await asyncio.gather(*(commenter(n, c, setup, warm_deadline, warm) for n, c in enumerate(connections)))
    results = new_results()
    before = meter.sample()
    started = time.monotonic()
    deadline = started + args.duration
    pace = Pace(started, args.rate, args.concurrency) if args.rate else None
    await asyncio.gather(
        *(commenter(n + args.concurrency, c, setup, deadline, results, pace) for n, c in enumerate(connections))
    )
    elapsed = time.monotonic() - started
    after = meter.sample()
    receipts = results["receipts"]
    read = await read_back(connections, receipts)
    for connection in connections:
        await connection.close()
    latencies = results["latencies"]
    cpu = after.since(before)
    accepted = len(receipts)
    server_side = cpu["server_ms"] + cpu["database_ms"]
    per_comment = round(server_side / accepted, 2) if accepted and args.server_pid else None
    cores = os.cpu_count() or 1
    return {
        "concurrency": args.concurrency,
        "offered_per_s": args.rate or None,
        "duration_s": round(elapsed, 1),
        "accepted": accepted,
        "accepted_per_s": round(accepted / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        "status": {str(code): count for code, count in sorted(results["status"].items())},
        "server_errors": sum(count for code, count in results["status"].items() if code >= 500),
        "transport_errors": len(results["transport_errors"]),
        "read_back": read["readable"],
        "unreadable": read["unreadable"][:20],
        "warmup_accepted": len(warm["receipts"]),
        "warmup_server_errors": sum(count for code, count in warm["status"].items() if code >= 500),
        "warmup_transport_errors": len(warm["transport_errors"]),
        "cpu": {
            **cpu,
            "cores": cores,
            "server_ms_per_comment": round(cpu["server_ms"] / accepted, 2) if accepted else None,
            "database_ms_per_comment": round(cpu["database_ms"] / accepted, 2) if accepted else None,
            "client_ms_per_comment": round(cpu["client_ms"] / accepted, 2) if accepted else None,
            "ms_per_comment": per_comment,
            "ceiling_per_s": round(cores * 1000 / per_comment, 1) if per_comment else None,
        },
        "load_before": before.load,
        "load_after": after.load,
        "receipts": receipts + warm["receipts"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--setup", required=True, help="JSON written by bench/consultation_bench.py setup")
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (bounded)")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load before measuring")
    parser.add_argument(
        "--rate", type=float, default=0.0, help="comments a second offered in all (0: each sends back to back)"
    )
    parser.add_argument("--server-pid", type=int, default=None, help="the server's master process (CPU time)")
    parser.add_argument("--database", default="", help="the database whose PostgreSQL backends are measured")
    parser.add_argument("--admin-url", default="", help="a connection URL to another database, to list them")
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
