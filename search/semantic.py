"""Semantic ranking, wired into search: which kinds embed, the vectors of their entries, the
worker's embedding task, the status, and the re-ranking of a query's lexical top hits.

How it works (docs/architecture.md, "Semantic ranking"):

* A kind embeds when it declares ``chunk_title`` (articles: "law title. Điều N. heading").
  ``mark`` stamps that title on its entries before the NLP; search/entries.py cuts the text
  into clause-sized chunks; search/vectors/attach.py gives the entry one vector per chunk
  (``vectors``; plus its title alone when it has a heading) and the model's name with the
  passage scheme (``embedded``), from the cache (a file, search/vectors/
  cache.py) or the model.
* `search_reindex` embeds in its NLP processes (each loads the model once); a drain of the
  outbox only takes vectors the cache already has and leaves the rest to
  ``embed_missing_vectors``, a django-tasks task the worker runs after it, so new text is
  searchable lexically at once and semantically a little later.
* A query: the lexical ranking fetches its top ``DEPTH`` hits with their vectors while the
  query is embedded in a thread; the hits are re-ranked by ``lexical + DENSE_WEIGHT × best
  passage + SECOND_WEIGHT × second-best chunk`` (min-max normalised, search/vectors/fusion.py).
  Deeper pages keep the lexical order. Without a model, or when no hit has vectors yet, the
  lexical order stands.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from django.conf import settings
from django_tasks import task
from opensearchpy import helpers

from search import kinds
from search.client import SearchUnavailable, bulk_timeout, get_client, unavailable
from search.entries import Prepared
from search.kinds.base import SearchKind
from search.nlp.lexicon import Lexicon
from search.query import reading_surface
from search.vectors import embedder
from search.vectors.attach import (
    CHUNK_TITLE,
    EMBEDDED,
    VECTORS,
    attach,
    chunk_entries,
    embedded_mark,
    ends_with_title,
)
from search.vectors.cache import VectorCache
from search.vectors.codec import Matrix, Vector, decode_many
from search.vectors.fusion import fuse, passage_scores

if TYPE_CHECKING:
    from search.query import ParsedQuery
    from search.request import SearchRequest

logger = logging.getLogger(__name__)

# Chosen on the dev queries (bench/fusion_cv.py, docs/benchmarks.md "Semantic ranking"): in 5-fold
# cross-validation every fold chose depth 50 and a weight of 2.25-2.75; 2.25 is the best on all
# of dev for queries typed as given and stripped of diacritics together (one setting serves both).
DEPTH: Final = 50
DENSE_WEIGHT: Final = 2.25
# The second-best chunk of an article's text, weighed a little (branch searchq2, with the title
# passage: every fold chose 0.25; cross-validated 0.8777 -> 0.8793 dev, 0.6925 -> 0.6963 natural).
SECOND_WEIGHT: Final = 0.25
# The query's vector may take this long (it runs while OpenSearch answers); then lexical order.
QUERY_VECTOR_TIMEOUT: Final = 1.0
# The worker embeds this many entries per round, and at most this long per task run (then it
# enqueues itself again, so a drain waiting behind it waits at most that long).
EMBED_BATCH: Final = 32
EMBED_BUDGET_SECONDS: Final = 30.0

# How long the request's thread waits for the vector's thread to start (search/semantic.py:
# ``start_vector``); it starts within a tenth of a millisecond unless both threads are busy.
VECTOR_START_WAIT: Final = 0.002

_executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="query-vector")


# ---- the model and the cache -----------------------------------------------------------------


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_EMBEDDER", ""))


def model() -> embedder.Embedder | None:
    """The process's model (None when semantic ranking is off or the model cannot load)."""
    if not enabled():
        return None
    embedder.configure(settings.SEARCH_EMBEDDER, settings.SEARCH_EMBEDDER_MODEL or None)
    return embedder.shared()


def cache() -> VectorCache | None:
    path = getattr(settings, "SEARCH_VECTOR_CACHE", "")
    return VectorCache(str(path)) if path else None


def semantic_kinds() -> list[SearchKind]:
    return [kind for kind in kinds.all_kinds() if kind.embeds]


# ---- entries ---------------------------------------------------------------------------------


def mark(group: list[SearchKind], prepared: Prepared) -> None:
    """Stamp the chunk title on the entries of the kinds that embed (before the NLP)."""
    if not enabled():
        return
    for kind in group:
        if kind.embeds:
            for entry in kind.entries(prepared):
                entry[CHUNK_TITLE] = kind.chunk_title(entry)


def attach_cached(prepared: Prepared) -> int:
    """Vectors the cache has (no embedding); returns how many entries still lack them."""
    entries = [entry for group in prepared.values() for entry in group]
    chunked = [entry for entry in entries if "_chunks" in entry]
    if not chunked:
        return 0
    current = model()
    attach(chunked, current, cache(), model_name=current.name if current else "", embed=False)
    return sum(1 for entry in chunked if VECTORS not in entry)


# ---- the worker's embedding task -------------------------------------------------------------


def missing_query(name: str) -> dict[str, Any]:
    """Entries without vectors of model ``name`` cut into passages the current way."""
    return {"bool": {"must_not": [{"term": {EMBEDDED: embedded_mark(name)}}]}}


def missing(kind: SearchKind, name: str) -> int:
    """Entries of ``kind`` without vectors of model ``name`` (or embedded another way)."""
    with unavailable(f"counting entries without vectors in {kind.alias}"):
        return int(get_client().count(index=kind.alias, body={"query": missing_query(name)})["count"])


@dataclass
class EmbedResult:
    entries: int = 0
    chunks: int = 0
    conflicts: int = 0
    left: int = 0


def embed_missing(
    *, budget: float = EMBED_BUDGET_SECONDS, progress: Callable[[int], None] | None = None
) -> EmbedResult:
    """Give vectors to the entries that lack them, kind by kind, for at most ``budget`` seconds.
    An entry changed meanwhile (a newer version in the index) is left for the next round."""
    result = EmbedResult()
    current = model()
    if current is None:
        return result
    store = cache()
    client = get_client()
    started = time.monotonic()
    for kind in semantic_kinds():
        after: list[Any] | None = None
        while time.monotonic() - started < budget:
            body: dict[str, Any] = {
                "size": EMBED_BATCH,
                "query": missing_query(current.name),
                "sort": [{kind.fields.id_field: "asc"}],
                "seq_no_primary_term": True,
                "_source": ["text", *kind.chunk_fields],
            }
            if after is not None:
                body["search_after"] = after
            with unavailable(f"reading entries without vectors in {kind.alias}"):
                hits = client.search(index=kind.alias, body=body, request_timeout=bulk_timeout())["hits"]["hits"]
            if not hits:
                break
            after = hits[-1]["sort"]
            entries = []
            for hit in hits:
                source = dict(hit["_source"])
                source[CHUNK_TITLE] = kind.chunk_title(source)
                entries.append(source)
            chunk_entries(entries)
            result.chunks += attach(entries, current, store, progress=progress)
            actions = [
                {
                    "_op_type": "update",
                    "_index": hit["_index"],
                    "_id": hit["_id"],
                    "if_seq_no": hit["_seq_no"],
                    "if_primary_term": hit["_primary_term"],
                    "doc": {VECTORS: entry[VECTORS], EMBEDDED: entry[EMBEDDED]},
                }
                for hit, entry in zip(hits, entries, strict=True)
                if VECTORS in entry
            ]
            if actions:
                with unavailable("writing vectors"):
                    _, errors = helpers.bulk(client, actions, raise_on_error=False, request_timeout=bulk_timeout())
                result.conflicts += sum(1 for e in errors if next(iter(e.values())).get("status") == 409)
                result.entries += len(actions) - len(errors)
    for kind in semantic_kinds():
        with unavailable("refreshing"):
            client.indices.refresh(index=kind.alias, request_timeout=bulk_timeout())
        result.left += missing(kind, current.name)
    return result


@task(priority=5)
def embed_missing_vectors() -> dict[str, Any]:
    """Embed the entries that lack vectors (run by `db_worker` after drains); again later if
    some are left."""
    try:
        result = embed_missing()
    except SearchUnavailable as exc:
        logger.warning("embedding postponed: %s", exc)
        schedule_embedding(delay=60)
        return {"error": str(exc)}
    if result.left and result.entries + result.conflicts:
        schedule_embedding()
    return {"entries": result.entries, "chunks": result.chunks, "conflicts": result.conflicts, "left": result.left}


def schedule_embedding(delay: float = 0) -> None:
    """Enqueue the embedding task unless one waits already. Never raises."""
    if model() is None:
        return
    try:
        import datetime

        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        if DBTaskResult.objects.filter(status="READY", task_path=embed_missing_vectors.module_path).exists():
            return
        queued = embed_missing_vectors
        if delay:
            queued = queued.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        queued.enqueue()
    except Exception:  # noqa: BLE001 - vectors are an aid; indexing goes on without them
        logger.exception("could not schedule the embedding task")


# ---- the query -------------------------------------------------------------------------------


@dataclass
class Plan:
    """A search re-ranked by vectors: the lexical top ``depth`` hits, the query's vector coming."""

    depth: int
    vector: concurrent.futures.Future[Vector | None]
    dim: int = 0  # the model's: the hits' vectors are decoded while the query's is computed


# The query's vector started by ``prefetch`` for the request this thread is serving.
_prefetched = threading.local()


def _reranks(kind: SearchKind, sort: str, end: int) -> bool:
    return kind.embeds and sort == "relevance" and end <= DEPTH


def prefetch(raw: str, kind_type: str, sort: str, end: int, lexicon: Lexicon | None) -> None:
    """Start the query's vector before the query is analysed (search/request.py calls this for
    the API and the page, once the request is valid): the vector is usually what a hybrid
    search waits for last, and the analysis (segmentation, recognisers) takes milliseconds it
    need not wait for. ``plan`` takes it up when its text is the one the parsed query embeds
    (search.query.reading_surface gives the same text without the analysis)."""
    _prefetched.job = None
    if not _reranks(kinds.by_type(kind_type), sort, end) or model() is None:
        return
    surface = reading_surface(raw, lexicon)
    if surface is None:
        return
    text = surface.syllables or surface.text
    _prefetched.job = (text, start_vector(text))


def plan(request: SearchRequest) -> Plan | None:
    """Re-rank this search? Its kind embeds, it is sorted by relevance, its page lies within the
    re-ranked depth and a model is loaded; the query's vector starts in a thread (or was started
    by ``prefetch``)."""
    kind = kinds.by_type(request.kind)
    query = request.query
    job = getattr(_prefetched, "job", None)
    _prefetched.job = None
    if not _reranks(kind, request.sort, request.offset + request.size) or not query.is_searchable:
        return None
    current = model()
    if current is None:
        return None
    text = query_text(query)
    if job is not None and job[0] == text:
        vector = job[1]
    else:
        vector = start_vector(text)
    return Plan(depth=DEPTH, vector=vector, dim=current.dim)


def start_vector(text: str) -> concurrent.futures.Future[Vector | None]:
    """The query's vector, computed in a thread; returns once that thread runs.

    The engine lets go of the interpreter's lock while it computes, so the request's analysis
    runs beside it. But a new thread first needs that lock for a few lines of Python, and a
    thread busy with Python (the analysis) gives it up only every 5 ms (the switch interval):
    the vector started 2-4 ms late (p50 3.1 ms after the request came in, docs/benchmarks.md).
    Waiting here for the thread to start hands it the lock at once."""
    started = threading.Event()

    def job() -> Vector | None:
        started.set()
        return embedder.query_vector(text)

    future = _executor.submit(job)
    started.wait(VECTOR_START_WAIT)
    return future


def query_text(query: ParsedQuery) -> str:
    """What the query's vector is computed from: the question without its conversational
    wrapper (``syllables``; for a query typed without diacritics, of its restored reading). On
    dev the vector of the subject alone ranks better than that of the whole question (nDCG@10
    0.8751 / 0.6809 against 0.8734 / 0.6655, natural questions second; docs/benchmarks.md)."""
    reading = query.restored if query.restored is not None else query
    return reading.syllables or reading.text


def hit_scores(
    vector: Vector, source: dict[str, Any], vectors: Matrix | None = None
) -> tuple[float | None, float | None]:
    """(best passage, second-best chunk) of a hit's stored vectors (``vectors``: already
    decoded); its last vector is its title alone when it has a heading and was embedded the
    current way (search/vectors/attach.py)."""
    if vectors is None:
        vectors = decode_many(source.get(VECTORS) or [], vector.shape[0])
    return passage_scores(vector, vectors, titled=ends_with_title(source))


def rerank(
    plan: Plan, hits: list[dict[str, Any]], meanwhile: Callable[[Plan], None] | None = None
) -> list[dict[str, Any]]:
    """The raw OpenSearch hits in fused order (their ``_score`` replaced by the fused score).
    ``meanwhile`` is called after the hits' vectors are decoded, before waiting for the query's."""
    if not hits:
        return hits
    # The hits' vectors are decoded while the query's is still being computed.
    chunks = [decode_many(hit.get("_source", {}).get(VECTORS) or [], plan.dim) for hit in hits] if plan.dim else []
    if meanwhile is not None:
        meanwhile(plan)
    try:
        vector = plan.vector.result(timeout=QUERY_VECTOR_TIMEOUT)
    except concurrent.futures.TimeoutError:
        logger.warning("query vector too slow; lexical order")
        return hits
    if vector is None:
        return hits
    if plan.dim != vector.shape[0]:
        chunks = [decode_many(hit.get("_source", {}).get(VECTORS) or [], vector.shape[0]) for hit in hits]
    scores = [hit_scores(vector, hit.get("_source", {}), matrix) for hit, matrix in zip(hits, chunks, strict=True)]
    dense = [best for best, _ in scores]
    if all(d is None for d in dense):
        return hits
    second = [s for _, s in scores]
    fused = fuse([float(hit.get("_score") or 0.0) for hit in hits], dense, DENSE_WEIGHT, second, SECOND_WEIGHT)
    order = sorted(range(len(hits)), key=lambda i: -fused[i])
    out = []
    for i in order:
        hit = dict(hits[i])
        hit["_score"] = round(fused[i], 4)
        out.append(hit)
    return out


def status() -> list[str]:
    """Lines for `search_status`: the model, and per kind that embeds, the entries without vectors."""
    if not enabled():
        return ["Vectors: off (SEARCH_EMBEDDER is empty): search is lexical."]
    current = model()
    state = embedder.state()
    if current is None:
        return [f"Vectors: WARNING — the model cannot be used ({state.detail}); search is lexical."]
    lines = [
        f"Vectors: model {current.name} ({current.dim} dimensions, engine {current.engine}), "
        f"cache {settings.SEARCH_VECTOR_CACHE}"
    ]
    for kind in semantic_kinds():
        try:
            with unavailable(f"counting {kind.alias}"):
                total = int(get_client().count(index=kind.alias)["count"])
            lacking = missing(kind, current.name)
        except SearchUnavailable as exc:
            lines.append(f"  {kind.alias}: {exc}")
            continue
        note = " (lexical ranking for them until the worker embeds them)" if lacking else ""
        lines.append(f"  {kind.alias}: {total - lacking} of {total} entries have vectors, {lacking} missing{note}")
    return lines
