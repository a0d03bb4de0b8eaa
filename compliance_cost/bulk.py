"""Write different values to many rows in one SQL statement, whatever their number.

Django's ``bulk_update`` writes one ``CASE WHEN`` per field per batch: its statement grows with
the rows (and the database's work with their square), and it is split into batches by the
parameter limit, so the number of queries grows with the rows. Here the rows travel as one JSON
parameter, unpacked by the database (``jsonb_to_recordset`` in PostgreSQL, ``json_each`` in
SQLite), and one ``UPDATE … FROM`` writes them all.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models

POSTGRES_TYPES = {
    "AutoField": "bigint",
    "BigAutoField": "bigint",
    "BigIntegerField": "bigint",
    "IntegerField": "bigint",
    "PositiveIntegerField": "bigint",
    "PositiveSmallIntegerField": "bigint",
    "PositiveBigIntegerField": "bigint",
    "SmallIntegerField": "bigint",
    "ForeignKey": "bigint",
    "DecimalField": "numeric",
    "FloatField": "double precision",
    "CharField": "text",
    "TextField": "text",
    "BooleanField": "boolean",
    "DateTimeField": "timestamptz",
    "DateField": "date",
    "JSONField": "jsonb",
}


def _json_value(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    prepared = field.get_db_prep_save(value, connection)
    if isinstance(prepared, Decimal):
        return str(prepared)
    if isinstance(prepared, datetime.datetime | datetime.date):
        return prepared.isoformat()
    if isinstance(prepared, bool | int | float | str):
        return prepared
    return str(prepared)


def update_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Set ``names`` of each row (``{"pk": …, name: value, …}``) in one statement; returns the
    number of rows sent."""
    fields = [model._meta.get_field(name) for name in names]
    payload = [
        {"pk": row["pk"], **{field.column: _json_value(field, row[field.name]) for field in fields}} for row in rows
    ]
    if not payload:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        columns = ", ".join(f"{quote(f.column)} {POSTGRES_TYPES[f.get_internal_type()]}" for f in fields)
        assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
        sql = (
            f"UPDATE {table} SET {assignments} FROM jsonb_to_recordset(%s::jsonb) AS v(pk bigint, {columns}) "
            f"WHERE {table}.{pk} = v.pk"
        )
    elif connection.vendor == "sqlite":
        assignments = ", ".join(f"{quote(f.column)} = {_sqlite_value(f)}" for f in fields)
        sql = f"UPDATE {table} SET {assignments} FROM json_each(%s) AS v WHERE {table}.{pk} = v.value ->> '$.pk'"
    else:  # pragma: no cover - the portal runs on PostgreSQL or SQLite
        raise NotImplementedError(f"update_rows does not support {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(payload)])
    return len(payload)


def _sqlite_value(field: models.Field[Any, Any]) -> str:
    path = f"'$.{field.column}'"
    if isinstance(field, models.JSONField):
        return f"v.value -> {path}"
    return f"v.value ->> {path}"
