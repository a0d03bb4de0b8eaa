"""The outbox keeps every change while OpenSearch is away and delivers it when it is back."""

import socket
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from regulations.agencies import resolve_agency
from regulations.importing import DocumentRecord, save_document
from regulations.library import ensure_folder
from regulations.models import LegalDocumentPage
from regulations.parsers.types import ParsedNode
from regulations.signals import document_state_changed
from search import health
from search.client import alias, get_client
from search.models import IndexRequest
from search.tasks import drain

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DRAIN_TASK = "search.tasks.drain_index_queue"


def law(number="09/2017/QH14", text="Kinh doanh dịch vụ lữ hành phải có giấy phép."):
    return DocumentRecord(
        title="Luật Du lịch",
        doc_type="luat",
        number=number,
        issuer="Quốc hội",
        issued_date=date(2017, 6, 19),
        nodes=[ParsedNode(kind="article", label="31", heading="Kinh doanh lữ hành", text=text, line=0)],
    )


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def indexed_numbers():
    get_client().indices.refresh(index=alias("articles"))
    hits = get_client().search(index=alias("articles"), body={"size": 100})["hits"]["hits"]
    return sorted(hit["_source"]["document_number"] for hit in hits)


def run_worker():
    """What `manage.py db_worker --batch` does: run every due task, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_it_publishes_and_keeps_the_request_while_opensearch_is_unreachable(search_indexes, settings):
    real_url = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = closed_port_url()

    page = save_document(law()).page
    result = drain()

    assert page.live
    requests = list(IndexRequest.objects.order_by("kind"))
    assert [(r.kind, r.object_id, r.attempts) for r in requests] == [
        ("articles", page.pk, 1),
        ("documents", page.pk, 1),
    ]
    assert result.failed == 2
    for request in requests:
        assert "did not answer" in request.last_error
        assert request.available_at > timezone.now()
    retry = DBTaskResult.objects.filter(task_path=DRAIN_TASK, status="READY", run_after__gt=timezone.now())
    assert retry.exists()

    settings.OPENSEARCH_URL = real_url
    call_command("search_drain")

    assert IndexRequest.objects.count() == 0
    assert indexed_numbers() == ["09/2017/QH14"]


def test_it_drains_by_itself_once_opensearch_is_back(search_indexes, settings):
    real_url = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = closed_port_url()
    save_document(law())
    run_worker()  # the task enqueued by the publish runs, fails and enqueues itself for later
    assert list(IndexRequest.objects.values_list("kind", "attempts")) == [("articles", 1), ("documents", 1)]

    settings.OPENSEARCH_URL = real_url
    earlier = timezone.now() - timedelta(seconds=1)  # as if the back-off had passed
    IndexRequest.objects.update(available_at=earlier)
    DBTaskResult.objects.filter(status="READY").update(run_after=earlier)
    run_worker()

    assert IndexRequest.objects.count() == 0
    assert indexed_numbers() == ["09/2017/QH14"]


def test_it_keeps_one_pending_request_per_document_and_kind(search_indexes):
    page = save_document(law()).page
    page.save_revision().publish()
    page.save_revision().publish()

    assert list(IndexRequest.objects.values_list("kind", "object_id", "action")) == [
        ("articles", page.pk, "index"),
        ("documents", page.pk, "index"),
    ]

    page.unpublish()

    assert list(IndexRequest.objects.values_list("kind", "action")) == [("articles", "delete"), ("documents", "delete")]
    assert DBTaskResult.objects.filter(task_path=DRAIN_TASK, status="READY").count() == 1


def test_it_indexes_again_a_document_moved_to_another_folder(search_indexes):
    page = save_document(law()).page
    drain()
    folder = ensure_folder(resolve_agency("Bộ Văn hóa, Thể thao và Du lịch"))

    page.move(folder, pos="last-child")

    assert list(IndexRequest.objects.values_list("kind", "object_id", "action")) == [
        ("articles", page.pk, "index"),
        ("documents", page.pk, "index"),
    ]
    drain()
    get_client().indices.refresh(index=alias("articles"))
    hit = get_client().search(index=alias("articles"), body={"size": 1})["hits"]["hits"][0]
    assert hit["_source"]["url"].startswith(folder.url)


def test_it_indexes_again_a_document_whose_state_changed(search_indexes):
    page = save_document(law()).page
    drain()

    document_state_changed.send(sender=LegalDocumentPage, document_ids=[page.pk])

    assert list(IndexRequest.objects.values_list("kind", "object_id", "action")) == [
        ("articles", page.pk, "index"),
        ("documents", page.pk, "index"),
    ]


def test_it_reports_the_queue_and_an_unreachable_opensearch_in_search_status(search_indexes, settings, capsys):
    save_document(law())
    call_command("search_status")
    reachable = capsys.readouterr().out
    assert "OpenSearch: reachable" in reachable
    assert f"{alias('articles')} -> {search_indexes[alias('articles')]}: 0 entries" in reachable
    assert "Queue: 2 pending" in reachable
    assert f"{alias('documents')} -> {search_indexes[alias('documents')]}: 0 entries; queue: 1" in reachable

    settings.OPENSEARCH_URL = closed_port_url()
    health.reset()
    call_command("search_status")

    assert "OpenSearch: NOT reachable" in capsys.readouterr().out
