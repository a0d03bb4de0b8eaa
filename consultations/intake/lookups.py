"""The intake's look-ups on the path of every comment, in plain SQL.

Each is one statement the ORM would also write, but compiling it (a Wagtail page joined to its
specific table, with correlated subqueries; a comment across the three tables of its model; an
API key with its account) cost more CPU than the rest of the request together: in the last hour
before a deadline the server's CPU is the limit (docs/benchmarks.md). Table and column names come
from the models' metadata; each statement is built once per database vendor, and the rows become
model instances through ``Model.from_db`` (what the ORM itself calls), without a RawQuerySet.
tests/consultations/test_intake_queries.py and the intake's tests run them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import DEFERRED
from django_comments.models import Comment

from consultations.models import ApiKey, ConsultationComment, ConsultationPage
from consultations.models.prepared import prepared_cursor
from regulations.models import Provision

# The consultation's fields the intake reads (`status_at`, `mark_received`, the comment's version).
CONSULTATION_FIELDS = ("version", "opens_at", "closes_at", "closing_date", "closing_time", "stage", "pre_moderation")


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: Any, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


_statements: dict[tuple[str, str], str] = {}


def _statement(name: str, build: Callable[[], str]) -> str:
    """The statement `name` for this connection's database, built once per process."""
    key = (connection.vendor, name)
    sql = _statements.get(key)
    if sql is None:
        sql = _statements[key] = build()
    return sql


def _attnames(model: Any) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


_converters: dict[tuple[str, str], list[tuple[list[Any], Any]]] = {}


def _converted(name: str, fields: list[Any], values: tuple[Any, ...]) -> list[Any]:
    """The row's values as the ORM gives them (the database's and the fields' converters: on
    SQLite, datetimes made aware and booleans made bool; none on PostgreSQL)."""
    key = (connection.vendor, name)
    found = _converters.get(key)
    if found is None:
        found = []
        for field in fields:
            column = field.get_col(field.model._meta.db_table)
            found.append((connection.ops.get_db_converters(column) + field.get_db_converters(connection), column))
        _converters[key] = found
    converted = []
    for value, (converters, column) in zip(values, found, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return converted


def _key_sql() -> str:
    user = get_user_model()
    columns = [f"k.{_column(ApiKey, f.name)}" for f in ApiKey._meta.concrete_fields]
    columns += [f"u.{_column(user, f.name)}" for f in user._meta.concrete_fields]
    return (
        f"SELECT {', '.join(columns)} FROM {_table(ApiKey)} k "  # noqa: S608 - names from the models
        f"JOIN {_table(user)} u ON u.{_column(user, user._meta.pk.name)} = k.{_column(ApiKey, 'user')} "
        f"WHERE k.{_column(ApiKey, 'prefix')} = %s"
    )


def api_key(prefix: str) -> ApiKey | None:
    """The API key with this prefix (unique), its account loaded with it (`key.user`), or None."""
    user = get_user_model()
    with prepared_cursor(connection) as cursor:
        cursor.execute(_statement("api_key", _key_sql), [prefix])
        row = cursor.fetchone()
    if row is None:
        return None
    key_fields, user_fields = list(ApiKey._meta.concrete_fields), list(user._meta.concrete_fields)
    values = _converted("api_key", key_fields + user_fields, row)
    split = len(key_fields)
    key = ApiKey.from_db(connection.alias, _attnames(ApiKey), values[:split])
    key.user = user.from_db(connection.alias, _attnames(user), values[split:])
    return key


def _consultation_sql() -> str:
    from wagtail.models import Page

    page, comment, unit = ConsultationPage, ConsultationComment, Provision
    columns = ", ".join(f"c.{_column(page, name)}" for name in CONSULTATION_FIELDS)
    return (
        f"SELECT c.{_column(page, 'page_ptr')}, {columns}, "  # noqa: S608 - names from the models, values as parameters
        f"(SELECT x.{_column(comment, 'xtdcomment_ptr')} FROM {_table(comment)} x "
        f"WHERE x.{_column(comment, 'sent_by')} = %s AND x.{_column(comment, 'idempotency_key')} = %s "
        f"AND x.{_column(comment, 'idempotency_key')} <> '' LIMIT 1) AS repeat_id, "
        f"u.{_column(unit, 'kind')} AS unit_kind, u.{_column(unit, 'anchor')} AS unit_anchor "
        f"FROM {_table(page)} c JOIN {_table(Page)} p ON p.{_column(Page, 'id')} = c.{_column(page, 'page_ptr')} "
        f"LEFT JOIN {_table(unit)} u ON u.{_column(unit, 'id')} = %s "
        f"AND u.{_column(unit, 'version')} = c.{_column(page, 'version')} "
        f"WHERE c.{_column(page, 'page_ptr')} = %s AND p.{_column(Page, 'live')}"
    )


def consultation(
    consultation_id: int, user_id: int | None, key: str, article_id: int | None
) -> ConsultationPage | None:
    """The live consultation (only CONSULTATION_FIELDS loaded, the rest deferred), with
    `repeat_id`, the account's comment with the same idempotency key (or None), and `unit_kind`
    and `unit_anchor`, those of the provision `article_id` if it is in the consultation's
    version (else None)."""
    with prepared_cursor(connection) as cursor:
        cursor.execute(_statement("consultation", _consultation_sql), [user_id, key, article_id, consultation_id])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = [ConsultationPage._meta.pk, *(ConsultationPage._meta.get_field(name) for name in CONSULTATION_FIELDS)]
    split = len(fields)
    values = _converted("consultation", fields, row[:split])
    loaded = {field.attname: value for field, value in zip(fields, values, strict=True)}
    # from_db takes the values in the model's field order; the fields not read stay deferred.
    names = _attnames(ConsultationPage)
    page = ConsultationPage.from_db(connection.alias, names, [loaded.get(name, DEFERRED) for name in names])
    page.repeat_id, page.unit_kind, page.unit_anchor = row[split:]
    return page


def earlier_comments(
    consultation_id: int,
    fingerprint: str,
    since: datetime,
    user_id: int | None,
    email: str,
    key: str,
) -> list[tuple[int, str]]:
    """(id, idempotency key) of at most two comments: the same text (by its fingerprint) from the
    same person (the account, else an anonymous commenter's e-mail address, in any case) on the
    consultation since `since`, and the account's comment with the same idempotency key."""
    comment = ConsultationComment
    pk, its_key, sent_by = (_column(comment, n) for n in ("xtdcomment_ptr", "idempotency_key", "sent_by"))
    base_pk, submitted, email_column = (_column(Comment, n) for n in ("id", "submit_date", "user_email"))
    if user_id is not None:
        person, person_params = f"c.{sent_by} = %s", [user_id]
    else:
        person, person_params = f"c.{sent_by} IS NULL AND UPPER(b.{email_column}) = UPPER(%s)", [email]
    same_key, key_params = "FALSE", []
    if user_id is not None and key:
        same_key, key_params = f"(c.{sent_by} = %s AND c.{its_key} = %s)", [user_id, key]
    sql = (
        f"SELECT c.{pk}, c.{its_key} FROM {_table(comment)} c "  # noqa: S608 - names from the models
        f"JOIN {_table(Comment)} b ON b.{base_pk} = c.{pk} "
        f"WHERE (c.{_column(comment, 'consultation')} = %s AND c.{_column(comment, 'fingerprint')} = %s "
        f"AND b.{submitted} >= %s AND {person}) OR {same_key} "
        f"ORDER BY c.{pk} LIMIT 2"
    )
    # An account's look-up is prepared (the API's path); an e-mail address's stays client-bound
    # (UPPER of an untyped parameter).
    with prepared_cursor(connection) if user_id is not None else connection.cursor() as cursor:
        cursor.execute(sql, [consultation_id, fingerprint, since, *person_params, *key_params])
        return [(row[0], row[1]) for row in cursor.fetchall()]
