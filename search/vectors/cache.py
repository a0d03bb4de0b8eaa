"""Vectors by a hash of their text (and model), in one SQLite file under var/.

Why a file and not a table of the portal's database: the vectors are derived data (recomputed
from the text at will), 0.8 KB per chunk, written by the thousand during a rebuild. In the
portal's own SQLite database those writes would hold its one write lock against imports and
publishing; in PostgreSQL they would swell every backup with what the text already gives. A
separate file is written by the processes that embed (the index worker and `search_reindex`'s
NLP pool; SQLite WAL, so they write side by side), survives a new database (a fresh bench or
demo database embeds nothing it has seen), and is thrown away without loss. On several hosts each
keeps its own; the vectors themselves live in the index entries, which every web process reads.

Keys come from ``chunks.text_hash(model, text)``; a reindex whose texts did not change finds
every chunk here and embeds nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping

from search.vectors.codec import Vector, from_bytes, to_bytes

_BATCH = 500


class VectorCache:
    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
            )
            self._local.conn = conn
        return conn

    def get_many(self, keys: Iterable[str]) -> dict[str, Vector]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Vector] = {}
        conn = self._connection()
        for start in range(0, len(wanted), _BATCH):
            part = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(part))
            for key, raw in conn.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part):
                found[key] = from_bytes(raw)
        return found

    def put_many(self, vectors: Mapping[str, Vector]) -> None:
        if not vectors:
            return
        conn = self._connection()
        rows = [(key, to_bytes(vector)) for key, vector in vectors.items()]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def count(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
