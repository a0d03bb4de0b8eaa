"""Print the DATABASE_URL of a fresh, empty bench database (used by scripts/bench.sh).

    python bench/fresh_db.py SQLITE_PATH

Without DATABASE_URL in the environment: deletes SQLITE_PATH and prints `sqlite:///SQLITE_PATH`.
With a PostgreSQL DATABASE_URL: drops and re-creates the database `<name>_bench` on the same
server (the role needs CREATEDB; `<name>` need not exist) and prints its URL; the original
database is not touched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        path = Path(sys.argv[1]).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        print(f"sqlite:///{path}")
        return
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"bench: unsupported DATABASE_URL scheme {parts.scheme!r} (SQLite or PostgreSQL)")
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/") or "postgres"
    bench_name = name if name.endswith("_bench") else f"{name}_bench"
    # The server's maintenance database: the one named in the URL need not exist.
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(bench_name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(bench_name)))
    print(urlunsplit(parts._replace(path=f"/{bench_name}")))


if __name__ == "__main__":
    main()
