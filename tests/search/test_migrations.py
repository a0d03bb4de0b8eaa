"""The outbox migration keys pending requests by (kind, object id) and loses none of them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0001_initial")]
AFTER = [("search", "0002_index_request_kind")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps.get_model("search", "IndexRequest")


def test_it_turns_each_pending_document_request_into_one_per_kind_and_back():
    retry_at = timezone.now() + datetime.timedelta(minutes=5)
    try:
        old = migrate(BEFORE)
        old.objects.create(
            document_id=7, action="index", attempts=2, last_error="OpenSearch down", available_at=retry_at
        )
        old.objects.create(document_id=9, action="delete")

        new = migrate(AFTER)

        rows = new.objects.order_by("object_id", "kind").values_list(
            "kind", "object_id", "action", "attempts", "last_error", "available_at"
        )
        assert list(rows) == [
            ("articles", 7, "index", 2, "OpenSearch down", retry_at),
            ("documents", 7, "index", 2, "OpenSearch down", retry_at),
            ("articles", 9, "delete", 0, "", rows.get(kind="articles", object_id=9)[5]),
            ("documents", 9, "delete", 0, "", rows.get(kind="documents", object_id=9)[5]),
        ]

        old = migrate(BEFORE)
        assert sorted(old.objects.values_list("document_id", "action")) == [(7, "index"), (9, "delete")]
    finally:
        migrate(AFTER)
