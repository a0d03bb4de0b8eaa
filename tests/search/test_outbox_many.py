"""``outbox.request_many``: many objects of one kind queued in a fixed number of statements, a
pending request folded in, a new one written for the rest, as ``request`` does one by one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.models import IndexAction, IndexRequest
from search.outbox import request_many

pytestmark = pytest.mark.django_db


def test_it_folds_pending_requests_and_writes_one_row_for_each_new_object():
    earlier = timezone.now() - timezone.timedelta(hours=1)
    pending = IndexRequest.objects.create(
        kind="costs", object_id=2, action=IndexAction.INDEX, requested_at=earlier, available_at=earlier
    )
    other_kind = IndexRequest.objects.create(kind="articles", object_id=3, action=IndexAction.INDEX)

    assert request_many("costs", [3, 2, 1, 3], IndexAction.DELETE) == 3

    rows = {row.object_id: row for row in IndexRequest.objects.filter(kind="costs")}
    assert sorted(rows) == [1, 2, 3]
    assert rows[2].pk == pending.pk and rows[2].requested_at > earlier  # folded, not duplicated
    assert {row.action for row in rows.values()} == {IndexAction.DELETE}
    new = rows[1]
    assert (new.attempts, new.last_error) == (0, "")
    assert abs((new.available_at - timezone.now()).total_seconds()) < 60 and new.created_at == new.requested_at
    other_kind.refresh_from_db()
    assert other_kind.action == IndexAction.INDEX  # another kind's request for the same id untouched


def test_it_queues_any_number_of_objects_in_the_same_number_of_statements():
    def statements(ids):
        with CaptureQueriesContext(connection) as captured:
            request_many("costs", ids, IndexAction.INDEX)
        return len(captured.captured_queries)

    few = statements(list(range(1, 4)))
    many = statements(list(range(100, 2100)))
    assert few == many
    assert IndexRequest.objects.filter(kind="costs").count() == 2003
