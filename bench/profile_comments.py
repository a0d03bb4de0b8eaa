"""Profile the comment API in process: what a gunicorn worker spends on one accepted comment.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://…/portal_bench_consultations \\
        python bench/profile_comments.py --setup var/bench/consultations/setup.json \\
        [--requests 400] [--top 40] [--no-profile] [--out var/bench/profile_comments.txt]

Each comment goes through Django's WSGI handler as gunicorn calls it (a WSGI environ with the
body and the X-Api-Key header, the response iterated and closed), one after the other on one
connection to the bench database (bench/consultation_bench.py setup makes the consultation and
the keys; the rate limits should be raised as scripts/bench_consultations.sh does). After a
warm-up, it prints the process CPU time (user + system) per comment, without then with cProfile,
the share of the middleware and of the view, and the functions with the most cumulative and own
time. The PostgreSQL side is not in these figures: bench/comment_load.py measures both.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("RATE_LIMIT_ACCOUNT_PER_MINUTE", "100000")
os.environ.setdefault("RATE_LIMIT_ACCOUNT_PER_HOUR", "1000000")
os.environ.setdefault("RATE_LIMIT_IP_PER_MINUTE", "1000000")
os.environ.setdefault("RATE_LIMIT_IP_PER_HOUR", "10000000")

RUN = f"{int(time.time()) % 100000:05d}"


def _environ(path: str, key: str, body: bytes) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_X_API_KEY": key,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", required=True)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--out", default="")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()
    setup = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    path = f"/api/v1/consultations/{setup['consultation_id']}/comments"
    articles, keys = setup["articles"], setup["keys"]
    counter = {"n": 0}
    statuses: dict[str, int] = {}

    def send() -> None:
        counter["n"] += 1
        n = counter["n"]
        body = json.dumps(
            {
                "article_id": None if n % 5 == 0 else articles[n % len(articles)],
                "text": f"Góp ý số {n} (hồ sơ {RUN}): đề nghị làm rõ thời hạn và hồ sơ.",
                "commenter_type": "business",
                "organization": f"Công ty TNHH Thử tải {n % len(keys)}",
                "tax_code": setup["tax_code"],
                "idempotency_key": f"profile-{RUN}-{n}",
            }
        ).encode()

        def start_response(status: str, headers: list, exc_info=None) -> None:
            statuses[status] = statuses.get(status, 0) + 1

        response = application(_environ(path, keys[n % len(keys)], body), start_response)
        for _chunk in response:
            pass
        response.close()

    def timed(count: int) -> float:
        started = time.process_time()
        for _ in range(count):
            send()
        return (time.process_time() - started) * 1000 / count

    for _ in range(50):  # warm-up: imports, connections, caches
        send()
    plain = timed(args.requests)
    lines = [f"CPU per comment (process time, no profiler): {plain:.2f} ms over {args.requests}; answers {statuses}"]
    if not args.no_profile:
        profiler = cProfile.Profile(time.process_time)  # CPU time, not wall time
        profiler.enable()
        timed(args.requests)
        profiler.disable()
        for order in ("cumulative", "tottime"):
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(args.top)
            lines.append(buffer.getvalue())
    text = "\n".join(lines)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
