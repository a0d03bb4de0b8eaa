"""The provisions' tree, read in one query each way (a recursive common table expression, which
PostgreSQL and SQLite both run), for the database fallback (search/kinds/articles.py):

* ``ancestors(ids)``: each provision and its ancestors up to its article (or, for documents
  without articles, the top of its tree);
* ``subtrees(ids)``: each unit and every descendant, with what rendering its full text needs.

Walking the tree level by level took one round trip per level (seven per query on the corpus);
on a loaded database server each of them costs more than the walk itself.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from django.db import connection

from regulations.models import Provision, ProvisionKind

# Deeper than any legal text (article > clause > point > sub-point ...): a guard against a cycle.
MAX_DEPTH: Final = 16

ProvisionRow = tuple[int | None, str, str, str, int, str]  # parent, heading, text, kind, position, label


def _table() -> str:
    return connection.ops.quote_name(Provision._meta.db_table)


def _placeholders(ids: Collection[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def ancestors(ids: Collection[int]) -> dict[int, tuple[int | None, str]]:
    """``{pk: (parent_id, kind)}`` for the provisions ``ids`` and their ancestors, going up no
    further than an article."""
    if not ids:
        return {}
    table = _table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE up(id, parent_id, kind, depth) AS (
                    SELECT id, parent_id, kind, 0 FROM {table} WHERE id IN ({_placeholders(ids)})
                    UNION ALL
                    SELECT p.id, p.parent_id, p.kind, up.depth + 1
                    FROM {table} p JOIN up ON p.id = up.parent_id
                    WHERE up.kind <> %s AND up.depth < %s
                )
                SELECT DISTINCT id, parent_id, kind FROM up""",
            [*ids, str(ProvisionKind.ARTICLE), MAX_DEPTH],
        )
        return {pk: (parent, kind) for pk, parent, kind in cursor.fetchall()}


def subtrees(ids: Collection[int], depth: int = 6) -> dict[int, ProvisionRow]:
    """The provisions ``ids`` and their descendants down to ``depth`` levels below them."""
    if not ids:
        return {}
    table = _table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE down(id, depth) AS (
                    SELECT id, 0 FROM {table} WHERE id IN ({_placeholders(ids)})
                    UNION ALL
                    SELECT p.id, down.depth + 1 FROM {table} p JOIN down ON p.parent_id = down.id
                    WHERE down.depth < %s
                )
                SELECT p.id, p.parent_id, p.heading, p.text, p.kind, p.position, p.label
                FROM {table} p WHERE p.id IN (SELECT id FROM down)""",
            [*ids, depth],
        )
        return {
            pk: (parent, heading, text, kind, position, label)
            for pk, parent, heading, text, kind, position, label in cursor.fetchall()
        }
