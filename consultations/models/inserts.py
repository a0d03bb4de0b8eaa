"""Rows on the path of every comment inserted without compiling the ORM's INSERT (PostgreSQL).

`insert_row` inserts one row of a model without parents (the e-mail task's row); `insert_new_thread`
a new top-level comment's three rows in one SQL statement.

A `ConsultationComment` is three tables (django_comments' row, xtd's, ours): the ORM's save
compiles and sends three INSERTs. In the last hour before a deadline the server's CPU is the
limit (docs/benchmarks.md), and compiling those three was the largest single cost left on the
comment's path. Here the statement is built once per model from its fields' metadata, and the
values are what the ORM itself would send (each field's ``pre_save`` and ``get_db_prep_save``):

    WITH b AS (INSERT INTO django_comments (...) VALUES (...) RETURNING id),
         x AS (INSERT INTO xtd (comment_ptr_id, thread_id, parent_id, ...)
               VALUES ((SELECT id FROM b), (SELECT id FROM b), (SELECT id FROM b), ...) RETURNING comment_ptr_id)
    INSERT INTO ours (xtdcomment_ptr_id, ...) VALUES ((SELECT comment_ptr_id FROM x), ...) RETURNING xtdcomment_ptr_id

The new comment is its own thread and parent (as xtd makes a top-level comment). `pre_save` and
`post_save` are sent as the ORM's save sends them (the regrouping and the search listen). Both
statements are prepared on the server (consultations/models/prepared.py).
"""

from __future__ import annotations

from typing import Any

from django.db import connections, transaction
from django.db.models.signals import post_save, pre_save

from consultations.models.prepared import prepared_cursor

# The xtd row's columns that take the new comment's id.
SELF_REFERENCES = ("thread_id", "parent_id")

_statements: dict[Any, tuple[str, list[tuple[Any, list[Any]]]]] = {}
_rows: dict[Any, tuple[str, list[Any]]] = {}


def insert_row(instance: Any, using: str) -> None:
    """Insert `instance`, new, of a model without parents and with its primary key set (such as
    a UUID drawn in Python), as the ORM's save would: `pre_save`, the fields' own `pre_save`
    (auto_now_add) and database values, then `post_save`. The statement is built once per model."""
    model = type(instance)
    connection = connections[using]
    if model._meta.parents or instance.pk is None:
        raise ValueError(f"insert_row takes a model without parents and a row with its key: {model}")
    found = _rows.get(model)
    if found is None:
        meta = model._meta
        quote = connection.ops.quote_name
        fields = list(meta.local_concrete_fields)
        columns = ", ".join(quote(field.column) for field in fields)
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        found = _rows[model] = (sql, fields)
    sql, fields = found
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    params = [field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields]
    with transaction.mark_for_rollback_on_error(using=using), prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
    instance._state.adding = False
    instance._state.db = using
    post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)


def _build(model: Any, connection: Any) -> tuple[str, list[tuple[Any, list[Any]]]]:
    """The statement, and per table the fields whose values it takes (in parameter order)."""
    base, xtd = reversed(model._meta.get_parent_list())  # django_comments' Comment, then XtdComment
    quote = connection.ops.quote_name
    plan: list[tuple[Any, list[Any]]] = []
    parts: list[str] = []
    previous = ""  # the CTE holding the row above's id, and that id's column
    for alias, table_model in (("b", base), ("x", xtd), ("", model)):
        meta = table_model._meta
        columns, values, fields = [], [], []
        for field in meta.local_concrete_fields:
            if field is meta.pk and not previous:
                continue  # the base row's id: drawn by its sequence
            columns.append(quote(field.column))
            if field is meta.pk or (table_model is xtd and field.attname in SELF_REFERENCES):
                values.append(f"(SELECT {previous})")
            else:
                values.append("%s")
                fields.append(field)
        plan.append((table_model, fields))
        insert = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) VALUES ({', '.join(values)}) "
            f"RETURNING {quote(meta.pk.column)}"
        )
        if alias:
            parts.append(f"{alias} AS ({insert})")
            previous = f"{quote(meta.pk.column)} FROM {alias}"
        else:
            parts.append(insert)
    return f"WITH {parts[0]}, {parts[1]} {parts[2]}", plan


def insert_new_thread(comment: Any, using: str) -> None:
    """Insert `comment` (new, top level, its fields filled) in one statement; set its id."""
    model = type(comment)
    connection = connections[using]
    found = _statements.get(model)
    if found is None:
        found = _statements[model] = _build(model, connection)
    sql, plan = found
    pre_save.send(sender=model, instance=comment, raw=False, using=using, update_fields=None)
    params = [
        field.get_db_prep_save(field.pre_save(comment, True), connection=connection)
        for _table_model, fields in plan
        for field in fields
    ]
    with transaction.mark_for_rollback_on_error(using=using), prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        new_id = cursor.fetchone()[0]
    for table_model, _fields in plan:
        setattr(comment, table_model._meta.pk.attname, new_id)
    comment.thread_id = comment.parent_id = new_id
    comment._state.adding = False
    comment._state.db = using
    post_save.send(sender=model, instance=comment, created=True, update_fields=None, raw=False, using=using)
