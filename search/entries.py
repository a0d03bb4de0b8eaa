"""The NLP step of building index entries: pure (no database, no Django settings), so that
`search_reindex` runs it in worker processes.

An entry builder (search/kinds/base.py) reads the database and prepares plain entries, grouped by
kind: ``{"articles": [{...}, ...], "documents": [{...}]}``. ``enrich`` runs the Vietnamese
pipeline (search/nlp/) on each entry's ``text``: the text normalised as indexed, ``words`` (the
segmented words, for the `words` fields) and ``citations`` (the document numbers it cites).
"""

from __future__ import annotations

from typing import Any

from search.nlp.pipeline import analyze
from search.vectors import embedder
from search.vectors.attach import attach, chunk_entries
from search.vectors.cache import VectorCache

# Entries by kind name, as a builder prepares them: plain data, picklable.
Prepared = dict[str, list[dict[str, Any]]]

# Entities whose `.number` is a document the text cites.
_CITING_LABELS = frozenset({"LEGAL_REF", "ARTICLE_REF"})


def analyse(entry: dict[str, Any]) -> list[str]:
    """Fill an entry's `text` (normalised), `words` and `citations`; return the citations."""
    analysis = analyze(entry["text"])
    entry["text"] = analysis.normalized  # NFC, one tone placement, lines kept
    entry["words"] = " ".join(analysis.words)
    citations = [e.number for e in analysis.entities if e.label in _CITING_LABELS and e.number]
    unique: list[str] = list(dict.fromkeys(citations))
    entry["citations"] = unique
    return unique


def enrich(prepared: Prepared) -> Prepared:
    """Analyse every entry of every kind (in place), in the order they were prepared; entries
    to embed (search/semantic.py marks them) are cut into chunks."""
    for entries in prepared.values():
        for entry in entries:
            analyse(entry)
        chunk_entries(entries)
    return prepared


def embed(prepared: Prepared, cache_path: str, model_name: str, compute: bool) -> int:
    """Vectors for the chunked entries from the cache file, and with ``compute`` from this
    process's model (configured by ``warm_up``) for the rest; returns the chunks embedded.
    Entries left without vectors stay lexical until the worker embeds them."""
    model = embedder.shared() if compute else None
    entries = [entry for group in prepared.values() for entry in group]
    cache = VectorCache(cache_path) if cache_path else None
    return attach(entries, model, cache, model_name=model.name if model else model_name, embed=compute)


# A job of a rebuild's worker process: entries, the cache file, the model's name, embed or not.
Job = tuple[Prepared, str, str, bool]


def enrich_and_embed(job: Job) -> tuple[Prepared | None, str, int]:
    """`enrich` then `embed`, for worker processes: (result, "", chunks embedded) or (None, what
    went wrong, 0)."""
    prepared, cache_path, model_name, compute = job
    try:
        enrich(prepared)
        return prepared, "", embed(prepared, cache_path, model_name, compute)
    except Exception as exc:  # noqa: BLE001 - reported per object by the caller
        return None, f"{type(exc).__name__}: {exc}", 0


def enrich_safely(prepared: Prepared) -> tuple[Prepared | None, str]:
    """`enrich` for worker processes: (result, "") or (None, what went wrong)."""
    try:
        return enrich(prepared), ""
    except Exception as exc:  # noqa: BLE001 - reported per object by the caller
        return None, f"{type(exc).__name__}: {exc}"


def warm_up(embedder_kind: str = "", model_path: str = "") -> None:
    """Load the NLP models now (the initializer of each worker process), and the embedder when
    one is named (one thread: the pool has one process per core)."""
    analyze("Điều 1. Phạm vi điều chỉnh theo Nghị định số 01/2020/NĐ-CP.")
    if embedder_kind:
        embedder.configure(embedder_kind, model_path or None, threads=1)
        embedder.shared()
