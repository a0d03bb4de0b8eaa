"""Cursors for the few statements on the path of every comment, prepared on PostgreSQL.

Django's PostgreSQL backend binds parameters on the client (the values are quoted into the SQL
text) and turns psycopg's prepared statements off (for connection poolers in transaction mode).
Each statement the intake sends is then parsed and planned again by the server for every
comment. These few fixed statements (the API key, the consultation, the earlier comment, the
comment's rows, the e-mail task's row; their SQL is built once per process) are instead bound on
the server and prepared once per database connection (``execute(..., prepare=True)``), which
spares PostgreSQL the parsing and planning and the server the quoting. The cursor is Django's
own wrapper (errors wrapped, queries logged in tests) around psycopg's server-binding cursor.

A connection pooler in front of PostgreSQL must then keep prepared statements per server
connection (PgBouncer 1.21+ with ``max_prepared_statements``, or session pooling); the portal
connects directly. Any other database, or when Django logs the queries: Django's ordinary cursor.
"""

from __future__ import annotations

from functools import cache
from typing import Any

ONLY_WHEN_ASKED = 2**31 - 1  # psycopg's prepare_threshold: executions before a statement is prepared


def prepared_cursor(connection: Any) -> Any:
    """A cursor whose `execute` prepares its statement on the server (PostgreSQL), else Django's."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        # Also when Django logs the queries (DEBUG, or a test capturing them): its log reads the
        # SQL with its values from psycopg, which a prepared execution does not keep.
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off (None), which `prepare=True` does not override:
        # prepare only what is asked (Django's own cursors bind on the client and never prepare).
        raw.prepare_threshold = ONLY_WHEN_ASKED
    with connection.wrap_database_errors:
        return connection._prepare_cursor(_preparing_cursor_class()(raw))


@cache
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs.setdefault("prepare", True)
            return super().execute(query, params, **kwargs)

    return PreparingCursor
