"""Drain the outbox into OpenSearch: the `drain_index_queue` task and `drain()` behind it.

A batch is up to `BATCH_SIZE` requests, locked with SKIP LOCKED inside one transaction:
documents to index are read in a fixed number of queries and their entries built; the article
entries these documents have in the index now are listed (one scroll), and everything goes to
OpenSearch in one `helpers.bulk`: article and document entries, deletions of the article entries
that no longer exist (articles dropped from a republished document, all articles of a removed
one) and of removed documents' entries. Requests that succeeded are deleted. (Listing then
deleting by id, rather than delete-by-query, works on clusters without the `reindex` module,
such as the integ-test distribution we run locally.)

When OpenSearch is unavailable the batch's requests stay, with `attempts`, `last_error` and a
back-off in `available_at`, and the task enqueues itself again for then: the queue drains on
its own once OpenSearch is back.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django_tasks import task
from opensearchpy import helpers

from search import documents_builder as builder
from search.client import SearchUnavailable, alias, bulk_timeout, get_client, unavailable
from search.models import IndexAction, IndexRequest
from search.outbox import backoff, indexing_lock, lock_rows, schedule_drain
from search.search_index import ensure_aliases

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# When another drain or a rebuild holds the indexing lock, look again this much later.
BUSY_RETRY = datetime.timedelta(seconds=5)


@dataclass
class DrainResult:
    indexed: int = 0  # documents written
    deleted: int = 0  # documents removed (unpublished, deleted, no longer public)
    articles: int = 0  # article entries written
    failed: int = 0  # requests kept for a retry
    remaining: int = 0  # requests still queued at the end
    busy: bool = False  # another drain or a rebuild was running: nothing done
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Ahead of Wagtail's own tasks on the same queue (reference index, admin search), which come
# by the hundred during an import.
@task(priority=10)
def drain_index_queue() -> dict[str, Any]:
    """Send pending index requests to OpenSearch (run by `manage.py db_worker`)."""
    return drain().as_dict()


def drain(
    *,
    batch_size: int = BATCH_SIZE,
    ignore_backoff: bool = False,
    reschedule: bool = True,
) -> DrainResult:
    """Process the queue until it is empty or OpenSearch fails.

    `ignore_backoff` also takes requests whose retry time has not come (an operator asking
    now). With `reschedule`, requests left in the queue get a drain task enqueued for when
    they are due.
    """
    result = DrainResult()
    with indexing_lock() as acquired:
        if not acquired:
            result.busy = True
        else:
            _drain_locked(result, batch_size=batch_size, ignore_backoff=ignore_backoff)
    result.remaining = IndexRequest.objects.count()
    if reschedule:
        _schedule_follow_up(result)
    return result


def _drain_locked(result: DrainResult, *, batch_size: int, ignore_backoff: bool) -> None:
    after_id = 0  # each request is tried at most once per drain
    aliases_ready = False
    while True:
        with transaction.atomic():
            queued = IndexRequest.objects.all() if ignore_backoff else IndexRequest.objects.due()
            rows = list(lock_rows(queued.filter(id__gt=after_id).order_by("id"))[:batch_size])
            if not rows:
                return
            after_id = rows[-1].id
            try:
                if not aliases_ready:
                    ensure_aliases()
                    aliases_ready = True
                failures = _process(rows, result)
            except SearchUnavailable as exc:
                logger.warning("search indexing postponed: %s", exc)
                _postpone(rows, str(exc))
                result.failed += len(rows)
                result.errors.append(str(exc))
                return
            done = [row.id for row in rows if row.document_id not in failures]
            IndexRequest.objects.filter(id__in=done).delete()
            failed = [row for row in rows if row.document_id in failures]
            for row in failed:
                _postpone([row], failures[row.document_id])
            result.failed += len(failed)
            result.errors.extend(f"{doc}: {error}" for doc, error in failures.items())


def _article_ids(client: Any, index: str, document_ids: list[int]) -> dict[int, set[str]]:
    """The ids of the article entries these documents have in the index now."""
    found: dict[int, set[str]] = {}
    if not document_ids:
        return found
    with unavailable("reading the current article entries"):
        # Entries written less than a refresh interval ago must be seen too.
        client.indices.refresh(index=index, request_timeout=bulk_timeout())
        hits = helpers.scan(
            client,
            index=index,
            query={"query": {"terms": {"document_id": document_ids}}, "_source": ["document_id"]},
            size=2000,
            request_timeout=bulk_timeout(),
        )
        for hit in hits:
            found.setdefault(hit["_source"]["document_id"], set()).add(hit["_id"])
    return found


def _postpone(rows: list[IndexRequest], error: str) -> None:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.last_error = error[:2000]
        row.available_at = now + backoff(row.attempts)
        row.save(update_fields=["attempts", "last_error", "available_at"])


def _schedule_follow_up(result: DrainResult) -> None:
    now = timezone.now()
    if result.busy:
        schedule_drain(run_after=now + BUSY_RETRY)
        return
    due = IndexRequest.objects.aggregate(next=Min("available_at"))["next"]
    if due is not None:
        schedule_drain(run_after=max(due, now))


def _process(rows: list[IndexRequest], result: DrainResult) -> dict[int, str]:
    """Write one batch; return {document_id: error} for documents that must be retried.

    Raises SearchUnavailable when OpenSearch cannot be reached (the whole batch is retried).
    """
    wanted: dict[int, str] = {}
    for row in rows:  # ordered by id: the latest request for a document wins
        wanted[row.document_id] = row.action
    to_index = [doc for doc, action in wanted.items() if action == IndexAction.INDEX]
    # A document that is gone, unpublished or private is removed, whatever was asked.
    pages = {page.pk: page for page in builder.documents_queryset().filter(pk__in=to_index)}
    to_delete = [doc for doc in wanted if doc not in pages]
    provisions = builder.load_provisions(pages)

    articles_alias, documents_alias = alias("articles"), alias("documents")
    failures: dict[int, str] = {}
    actions: list[dict[str, Any]] = []
    owner: dict[str, int] = {}  # bulk _id -> document id
    kept_articles: dict[int, list[str]] = {}
    for pk, page in pages.items():
        try:
            prepared = builder.build(page, provisions.get(pk, []))
        except Exception as exc:  # noqa: BLE001 - one bad document must not block the queue
            logger.exception("could not build the index entries of document %s", pk)
            failures[pk] = f"building entries: {type(exc).__name__}: {exc}"
            continue
        document_actions = builder.index_actions(
            prepared, articles_index=articles_alias, documents_index=documents_alias
        )
        for action in document_actions:
            owner[action["_id"]] = pk
        actions.extend(document_actions)
        kept_articles[pk] = [builder.article_id(a["provision_id"]) for a in prepared["articles"]]
    client = get_client()
    # Article entries that are no longer there: articles dropped from a republished document,
    # every article of a removed one. They are found first and deleted in the same bulk.
    existing = _article_ids(client, articles_alias, [*kept_articles, *to_delete])
    for pk in [*kept_articles, *to_delete]:
        keep = set(kept_articles.get(pk, ()))
        for _id in sorted(existing.get(pk, set()) - keep):
            owner[_id] = pk
            actions.append({"_op_type": "delete", "_index": articles_alias, "_id": _id})
    for pk in to_delete:
        _id = builder.document_id(pk)
        owner[_id] = pk
        actions.append({"_op_type": "delete", "_index": documents_alias, "_id": _id})

    if actions:
        with unavailable("writing to the search indexes"):
            _, errors = helpers.bulk(
                client,
                actions,
                raise_on_error=False,
                request_timeout=bulk_timeout(),
            )
        for item in errors:
            op, info = next(iter(item.items()))
            if op == "delete" and info.get("status") == 404:
                continue  # already absent
            pk = owner.get(info.get("_id"), -1)
            failures.setdefault(pk, f"{op} {info.get('_id')}: {info.get('status')} {info.get('error')}")

    removed = [pk for pk in to_delete if pk not in failures]
    written = [pk for pk in kept_articles if pk not in failures]
    result.indexed += len(written)
    result.deleted += len(removed)
    result.articles += sum(len(kept_articles[pk]) for pk in written)
    return failures
