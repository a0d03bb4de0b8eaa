"""Rebuild the search indexes with no downtime: new indexes, bulk load, one alias swap."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from opensearchpy import helpers
from tqdm import tqdm

from search import entries, kinds, outbox, semantic, statistics
from search.client import SearchUnavailable, bulk_timeout, get_client, unavailable
from search.indexes import create_index, delete_indexes, finish_bulk_load, swap_aliases
from search.kinds.base import EntryBuilder, SearchKind
from search.models import IndexRequest
from search.nlp.lexicon import LexiconBuilder
from search.tasks import drain

# Objects read from the database and handed to the NLP workers at a time.
BATCH_OBJECTS = 20
BULK_CHUNK = 500

Batch = list[tuple[int, entries.Prepared]]


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes of every registered kind (or of --kind) from the database: "
        "create new concrete indexes, bulk-load them (the Vietnamese NLP on --workers processes), "
        "swap the aliases in one request, delete the old indexes. Searches keep working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["all", *kinds.names()], default="all")
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="processes running the NLP (default 2; 0 runs it in this process)",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_OBJECTS)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="leave the embedding to the worker (the new indexes are lexical until it has run); "
            "the default embeds here, reusing every vector the cache has",
        )

    def handle(self, *args, kind, workers, batch_size, no_progress, no_vectors, **options):
        selected = kinds.all_kinds() if kind == "all" else [kinds.get(kind)]
        started = time.monotonic()
        stats: dict[str, Any] = {
            "objects": 0,
            "entries": {k.name: 0 for k in selected},
            "errors": [],
            "failed": set(),
            "chunks": 0,
            "unembedded": 0,
        }
        self.vectors = semantic.enabled() and not no_vectors and settings.SEARCH_VECTORS_ON_REINDEX
        current = semantic.model() if semantic.enabled() else None
        if self.vectors and current is None:
            self.stderr.write(f"no vectors: {semantic.embedder.state().detail}; the index will be lexical")
            self.vectors = False
        # Vectors of this model that the cache has are reused even with --no-vectors.
        self.model_name = current.name if current is not None else ""
        self.lexicon = LexiconBuilder() if kind == "all" else None
        # Drains wait (and retry by themselves) while the indexes are being replaced.
        with outbox.indexing_lock(wait=True):
            rebuilt = IndexRequest.objects.filter(kind__in=[k.name for k in selected])
            snapshot = dict(rebuilt.values_list("id", "requested_at"))
            new = {k.name: create_index(k, bulk_load=True) for k in selected}
            try:
                for builder, group in kinds.by_builder(selected):
                    self._load(
                        builder, group, new, stats, workers=workers, batch_size=batch_size, progress=not no_progress
                    )
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
            if self.lexicon is not None:
                statistics.store(self.lexicon.build())
            done = self._settle_outbox(snapshot)
            for name, pk in stats["failed"]:
                if pk > 0:
                    outbox.request_index(name, pk)
        elapsed = time.monotonic() - started
        after = drain()  # requests that arrived during the rebuild

        for name, pk, error in stats["errors"][:20]:
            self.stderr.write(f"{name} {pk} not indexed ({error}); queued for a retry")
        written = ", ".join(f"{name} {counts[name]} entries in {new[name]}" for name in new)
        mapping = ", ".join(sorted({f"v{k.mapping_version}" for k in selected}))
        self.stdout.write(f"Aliases now point at: {written} (mapping {mapping}).")
        if old:
            self.stdout.write(f"Deleted old indexes: {', '.join(old)}.")
        self.stdout.write(
            f"Outbox: {done} requests covered by the rebuild, {after.indexed + after.deleted} "
            f"sent after it, {after.remaining} left."
        )
        rates = ", ".join(
            f"{name} {n} entries ({n / elapsed if elapsed else 0.0:.1f}/s)" for name, n in stats["entries"].items()
        )
        self.stdout.write(
            f"Reindexed {stats['objects']} objects in {elapsed:.1f} s with {workers or 1} NLP process(es): "
            f"{rates}; {len({pk for _name, pk in stats['failed']})} objects failed."
        )
        if self.vectors:
            self.stdout.write(f"Vectors: {stats['chunks']} chunks embedded, the others from the cache.")
        elif semantic.enabled():
            self.stdout.write("Vectors: not computed here; the worker embeds the new entries.")
        if stats["unembedded"] or not self.vectors:
            semantic.schedule_embedding()

    # ---- loading -------------------------------------------------------------------------

    def _batches(self, builder: EntryBuilder, batch_size: int) -> Iterator[Batch]:
        ids = builder.object_ids()
        self.total = len(ids)
        for start in range(0, len(ids), batch_size):
            yield list(builder.prepare(ids[start : start + batch_size]).items())

    def _load(
        self,
        builder: EntryBuilder,
        group: list[SearchKind],
        new: dict[str, str],
        stats: dict[str, Any],
        *,
        workers: int,
        batch_size: int,
        progress: bool,
    ) -> None:
        batches = self._batches(builder, max(batch_size, 1))
        first = next(batches, None)
        bar = tqdm(total=self.total, desc=f"Reindex {builder.name}", unit="obj", disable=not progress)
        cache_path = str(settings.SEARCH_VECTOR_CACHE or "") if semantic.enabled() else ""
        model_args = (settings.SEARCH_EMBEDDER, settings.SEARCH_EMBEDDER_MODEL or "") if self.vectors else ("", "")
        model_name = self.model_name

        def work(prepared: entries.Prepared) -> entries.Job:
            return prepared, cache_path, model_name, self.vectors

        def write(results: list[tuple[entries.Prepared | None, str, int]], batch: Batch) -> None:
            stats["chunks"] += sum(r[2] for r in results)
            self._write([(r[0], r[1]) for r in results], batch, builder, group, new, stats)
            bar.update(len(batch))
            if self.vectors:
                bar.set_postfix(chunks_embedded=stats["chunks"], refresh=False)

        try:
            if first is None:
                return
            if workers <= 1:
                if self.vectors:
                    entries.warm_up(*model_args)
                for batch in [first, *batches]:
                    for _pk, prepared in batch:
                        semantic.mark(group, prepared)
                    write([entries.enrich_and_embed(work(prepared)) for _pk, prepared in batch], batch)
                return
            # "spawn": fresh interpreters that load their own NLP models (and embedder) and share
            # no socket with this process (its database connection holds the indexing lock).
            context = multiprocessing.get_context("spawn")
            with context.Pool(workers, initializer=entries.warm_up, initargs=model_args) as pool:

                def start(batch: Batch) -> Any:
                    for _pk, prepared in batch:
                        semantic.mark(group, prepared)
                    jobs = [work(prepared) for _pk, prepared in batch]
                    return pool.map_async(entries.enrich_and_embed, jobs, chunksize=1)

                previous = (first, start(first))
                for batch in batches:  # read the next batch while the workers run the NLP
                    current = (batch, start(batch))
                    write(previous[1].get(), previous[0])
                    previous = current
                write(previous[1].get(), previous[0])
        finally:
            bar.close()

    def _write(
        self,
        results: list[tuple[entries.Prepared | None, str]],
        batch: Batch,
        builder: EntryBuilder,
        group: list[SearchKind],
        new: dict[str, str],
        stats: dict[str, Any],
    ) -> None:
        actions: list[dict[str, Any]] = []
        owner: dict[str, tuple[str, int]] = {}
        for (enriched, error), (pk, _prepared) in zip(results, batch, strict=True):
            if enriched is not None:
                try:
                    builder.finish(enriched)
                except Exception as exc:  # noqa: BLE001 - reported and queued for a retry
                    enriched, error = None, f"{type(exc).__name__}: {exc}"
            if enriched is None:
                for kind in group:
                    stats["errors"].append((kind.name, pk, error))
                    stats["failed"].add((kind.name, pk))
                continue
            for kind in group:
                for entry in kind.entries(enriched):
                    if self.lexicon is not None:
                        self.lexicon.add(entry.get("text") or "")
                    if kind.embeds and "vectors" not in entry:
                        stats["unembedded"] += 1
                    _id = kind.entry_id(entry)
                    owner[f"{kind.name}:{_id}"] = (kind.name, pk)
                    actions.append({"_index": new[kind.name], "_id": _id, "_source": entry})
                stats["entries"][kind.name] += len(kind.entries(enriched))
            stats["objects"] += 1
        if not actions:
            return
        with unavailable("bulk loading the new indexes"):
            _, errors = helpers.bulk(
                get_client(),
                actions,
                chunk_size=BULK_CHUNK,
                raise_on_error=False,
                request_timeout=bulk_timeout(),
            )
        by_index = {index: name for name, index in new.items()}
        for item in errors:
            _op, info = next(iter(item.items()))
            name = by_index.get(info.get("_index", ""), "?")
            key = owner.get(f"{name}:{info.get('_id')}", (name, -1))
            if key not in stats["failed"]:
                stats["failed"].add(key)
                stats["errors"].append((*key, f"{info.get('status')} {info.get('error')}"))

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
        """Delete the requests the rebuild covered: those of the rebuilt kinds pending when it
        started and not renewed since (a request renewed during the rebuild may postdate what
        was read)."""
        covered = [
            pk
            for pk, requested_at in IndexRequest.objects.filter(id__in=list(snapshot)).values_list("id", "requested_at")
            if snapshot[pk] == requested_at
        ]
        IndexRequest.objects.filter(id__in=covered).delete()
        return len(covered)
