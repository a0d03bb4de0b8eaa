"""Rebuild the search indexes with no downtime: new indexes, bulk load, one alias swap."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from opensearchpy import helpers
from tqdm import tqdm

from search import documents_builder as builder
from search import outbox
from search.client import KINDS, SearchUnavailable, bulk_timeout, get_client, unavailable
from search.models import IndexRequest
from search.search_index import (
    MAPPING_VERSION,
    create_index,
    delete_indexes,
    finish_bulk_load,
    swap_aliases,
)
from search.tasks import drain

# Documents read from the database and handed to the NLP workers at a time.
BATCH_DOCUMENTS = 20
BULK_CHUNK = 500


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes from every live, public legal document: create new concrete "
        "indexes, bulk-load them (the Vietnamese NLP on --workers processes), swap the aliases "
        "in one request, delete the old indexes. Searches keep working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["all", *KINDS], default="all")
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="processes running the NLP (default 2; 0 runs it in this process)",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_DOCUMENTS)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, kind, workers, batch_size, no_progress, **options):
        kinds = list(KINDS) if kind == "all" else [kind]
        started = time.monotonic()
        # Drains wait (and retry by themselves) while the indexes are being replaced.
        with outbox.indexing_lock(wait=True):
            snapshot = dict(IndexRequest.objects.values_list("id", "requested_at"))
            new = {k: create_index(k, bulk_load=True) for k in kinds}
            try:
                loaded = self._load(new, workers=workers, batch_size=batch_size, progress=not no_progress)
                for name in new.values():
                    finish_bulk_load(name)
                counts = self._counts(new)
                old = swap_aliases(new)
            except BaseException as exc:
                self._discard(new)
                if isinstance(exc, SearchUnavailable):
                    raise CommandError(f"rebuild abandoned, aliases unchanged: {exc}") from exc
                raise
            delete_indexes(old)
            done = self._settle_outbox(snapshot) if kind == "all" else 0
            for pk in loaded["failed"]:
                if pk > 0:
                    outbox.request_index(pk)
        elapsed = time.monotonic() - started
        after = drain()  # requests that arrived during the rebuild

        for pk, error in loaded["errors"][:20]:
            self.stderr.write(f"document {pk} not indexed ({error}); queued for a retry")
        articles = loaded["articles"]
        rate = articles / elapsed if elapsed else 0.0
        entries = ", ".join(f"{k} {counts[k]} entries in {new[k]}" for k in kinds)
        self.stdout.write(f"Aliases now point at: {entries} (mapping v{MAPPING_VERSION}).")
        if old:
            self.stdout.write(f"Deleted old indexes: {', '.join(old)}.")
        self.stdout.write(
            f"Outbox: {done} requests covered by the rebuild, {after.indexed + after.deleted} "
            f"sent after it, {after.remaining} left."
        )
        self.stdout.write(
            f"Reindexed {loaded['documents']} documents, {articles} articles in {elapsed:.1f} s "
            f"({rate:.1f} articles/s, {workers or 1} NLP process(es)); "
            f"{len(loaded['failed'])} documents failed."
        )

    # ---- loading -------------------------------------------------------------------------

    def _prepared_batches(self, batch_size: int) -> Iterator[list[dict[str, Any]]]:
        ids = list(builder.documents_queryset().order_by("pk").values_list("pk", flat=True))
        self.total = len(ids)
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            provisions = builder.load_provisions(chunk)
            pages = builder.documents_queryset().filter(pk__in=chunk).order_by("pk")
            yield [builder.prepare(page, provisions.get(page.pk, [])) for page in pages]

    def _load(self, new: dict[str, str], *, workers: int, batch_size: int, progress: bool) -> dict[str, Any]:
        stats: dict[str, Any] = {"documents": 0, "articles": 0, "errors": [], "failed": set()}
        batches = self._prepared_batches(max(batch_size, 1))
        first = next(batches, None)
        bar = tqdm(total=self.total, desc="Reindex", unit="doc", disable=not progress)
        try:
            if first is None:
                return stats
            if workers <= 1:
                for batch in [first, *batches]:
                    self._write([builder.enrich_safely(p) for p in batch], batch, new, stats, bar)
                return stats
            # "spawn": fresh interpreters that load their own NLP models and share no socket
            # with this process (its database connection holds the indexing lock).
            context = multiprocessing.get_context("spawn")
            with context.Pool(workers, initializer=builder.warm_up) as pool:
                previous = (first, pool.map_async(builder.enrich_safely, first, chunksize=1))
                for batch in batches:  # read the next batch while the workers run the NLP
                    current = (batch, pool.map_async(builder.enrich_safely, batch, chunksize=1))
                    self._write(previous[1].get(), previous[0], new, stats, bar)
                    previous = current
                self._write(previous[1].get(), previous[0], new, stats, bar)
            return stats
        finally:
            bar.close()

    def _write(self, results, batch, new: dict[str, str], stats: dict[str, Any], bar) -> None:
        actions: list[dict[str, Any]] = []
        owner: dict[str, int] = {}
        for (enriched, error), prepared in zip(results, batch, strict=True):
            pk = prepared["document"]["document_id"]
            if enriched is None:
                stats["errors"].append((pk, error))
                stats["failed"].add(pk)
                continue
            if "articles" in new:
                for entry in enriched["articles"]:
                    _id = builder.article_id(entry["provision_id"])
                    owner[_id] = pk
                    actions.append({"_index": new["articles"], "_id": _id, "_source": entry})
                stats["articles"] += len(enriched["articles"])
            if "documents" in new:
                _id = builder.document_id(pk)
                owner[_id] = pk
                actions.append({"_index": new["documents"], "_id": _id, "_source": enriched["document"]})
            stats["documents"] += 1
        if actions:
            with unavailable("bulk loading the new indexes"):
                _, errors = helpers.bulk(
                    get_client(),
                    actions,
                    chunk_size=BULK_CHUNK,
                    raise_on_error=False,
                    request_timeout=bulk_timeout(),
                )
            for item in errors:
                _op, info = next(iter(item.items()))
                pk = owner.get(info.get("_id"), -1)
                if pk not in stats["failed"]:
                    stats["failed"].add(pk)
                    stats["errors"].append((pk, f"{info.get('status')} {info.get('error')}"))
        bar.update(len(batch))

    # ---- finishing -----------------------------------------------------------------------

    def _counts(self, new: dict[str, str]) -> dict[str, int]:
        with unavailable("counting the new indexes"):
            return {k: get_client().count(index=name)["count"] for k, name in new.items()}

    def _discard(self, new: dict[str, str]) -> None:
        try:
            delete_indexes(list(new.values()))
        except SearchUnavailable as exc:
            self.stderr.write(f"could not delete the unfinished indexes: {exc}")

    def _settle_outbox(self, snapshot: dict[int, Any]) -> int:
        """Delete the requests the rebuild covered: those pending when it started and not
        renewed since (a request renewed during the rebuild may postdate what was read)."""
        covered = [
            pk
            for pk, requested_at in IndexRequest.objects.filter(id__in=list(snapshot)).values_list("id", "requested_at")
            if snapshot[pk] == requested_at
        ]
        IndexRequest.objects.filter(id__in=covered).delete()
        return len(covered)
