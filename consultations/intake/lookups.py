"""The intake's two look-ups on the path of every comment, in plain SQL.

Each is one statement the ORM would also write, but compiling it (a Wagtail page joined to its
specific table, with correlated subqueries; a comment across the three tables of its model) cost
more CPU than the rest of the request together: in the last hour before a deadline the server's
CPU is the limit (docs/benchmarks.md). Table and column names come from the models' metadata;
tests/consultations/test_intake_queries.py and the intake's tests run both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection
from django_comments.models import Comment

from consultations.models import ConsultationComment, ConsultationPage
from regulations.models import Provision

# The consultation's fields the intake reads (`status_at`, `mark_received`, the comment's version).
CONSULTATION_FIELDS = ("version", "opens_at", "closes_at", "closing_date", "closing_time", "stage", "pre_moderation")


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: Any, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def consultation(
    consultation_id: int, user_id: int | None, key: str, article_id: int | None
) -> ConsultationPage | None:
    """The live consultation (only CONSULTATION_FIELDS loaded), with `repeat_id`, the account's
    comment with the same idempotency key (or None), and `unit_kind` and `unit_anchor`, those of
    the provision `article_id` if it is in the consultation's version (else None)."""
    from wagtail.models import Page

    page, comment, unit = ConsultationPage, ConsultationComment, Provision
    columns = ", ".join(f"c.{_column(page, name)}" for name in CONSULTATION_FIELDS)
    sql = (
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
    return next(iter(ConsultationPage.objects.raw(sql, [user_id, key, article_id, consultation_id])), None)


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
    with connection.cursor() as cursor:
        cursor.execute(sql, [consultation_id, fingerprint, since, *person_params, *key_params])
        return [(row[0], row[1]) for row in cursor.fetchall()]
