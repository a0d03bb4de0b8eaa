"""Give index entries their vectors: chunk, look up the cache, embed what it lacks.

Entries to embed carry ``CHUNK_TITLE`` (set by search/semantic.py from the kind's
``chunk_title``) before the NLP; after it, ``chunk_entries`` cuts their normalised text into
chunks, and ``attach`` fills ``vectors`` (one string per chunk, search/vectors/codec.py) and
``embedded`` (the model's name) — from the cache alone, or embedding the rest too. Entries left
without vectors are found later by the worker's embedding task (their ``embedded`` differs
from the model's name). Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

from search.vectors.cache import VectorCache
from search.vectors.chunks import chunk_text, text_hash
from search.vectors.codec import Vector, encode
from search.vectors.embedder import Embedder

CHUNK_TITLE: Final = "_chunk_title"
CHUNKS: Final = "_chunks"
VECTORS: Final = "vectors"
EMBEDDED: Final = "embedded"
BATCH: Final = 16


def body_of(text: str, heading: str) -> str:
    """An entry's text without its first line when that line is the heading (already in the
    chunk title)."""
    first, _, rest = text.partition("\n")
    return rest if heading and first.strip() == heading.strip() else text


def chunk_entries(entries: Iterable[dict[str, Any]]) -> None:
    """Chunks for each entry carrying a chunk title (its text as indexed, normalised)."""
    for entry in entries:
        title = entry.pop(CHUNK_TITLE, None)
        if title is not None:
            entry[CHUNKS] = chunk_text(body_of(entry.get("text") or "", entry.get("heading") or ""), title)


def attach(
    entries: list[dict[str, Any]],
    embedder: Embedder | None,
    cache: VectorCache | None,
    *,
    model_name: str = "",
    embed: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Fill ``vectors``/``embedded`` of the chunked entries; returns the chunks embedded (the
    cache's misses). Without ``embed`` (or without a model) only cached vectors are used, and an
    entry with any chunk missing is left without vectors. ``CHUNKS`` is removed either way."""
    name = embedder.name if embedder is not None else model_name
    todo = [e for e in entries if CHUNKS in e]
    if not todo or not name:
        for entry in todo:
            entry.pop(CHUNKS, None)
        return 0
    keys = {text: text_hash(name, text) for e in todo for text in e[CHUNKS]}
    known: dict[str, Vector] = cache.get_many(keys.values()) if cache is not None else {}
    missing = [text for text, key in keys.items() if key not in known]
    embedded = 0
    if missing and embed and embedder is not None:
        fresh: dict[str, Vector] = {}
        for start in range(0, len(missing), BATCH):
            part = missing[start : start + BATCH]
            for text, vector in zip(part, embedder.passages(part), strict=True):
                fresh[keys[text]] = vector
            if cache is not None:
                cache.put_many({k: fresh[k] for k in (keys[t] for t in part)})
            embedded += len(part)
            if progress is not None:
                progress(len(part))
        known.update(fresh)
    for entry in todo:
        chunks = entry.pop(CHUNKS)
        vectors = [known.get(keys[text]) for text in chunks]
        if chunks and all(v is not None for v in vectors):
            entry[VECTORS] = [encode(v) for v in vectors if v is not None]
            entry[EMBEDDED] = name
    return embedded
