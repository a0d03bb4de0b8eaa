"""Give index entries their vectors: chunk, look up the cache, embed what it lacks.

Entries to embed carry ``CHUNK_TITLE`` (set by search/semantic.py from the kind's
``chunk_title``) before the NLP; after it, ``chunk_entries`` cuts their normalised text into
chunks (plus the title alone when the entry has a heading: ``passages_of``), and ``attach``
fills ``vectors`` (one string per passage, search/vectors/codec.py) and ``embedded`` (the
model's name and the passage scheme, ``embedded_mark``) — from the cache alone, or embedding
the rest too. Entries left without vectors are found later by the worker's embedding task
(their ``embedded`` differs from ``embedded_mark`` of the model). Pure: no Django.
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
# How entries are cut into passages (``passages_of``): stored with the model's name in
# ``EMBEDDED``, so that a change of it, like a new model, leaves the entries embedded the old way
# "missing" for the worker to embed again (they keep ranking by their old vectors meanwhile).
PASSAGES_SCHEME: Final = "title"


def embedded_mark(model_name: str) -> str:
    """What ``EMBEDDED`` holds for an entry embedded by ``model_name`` the current way."""
    return f"{model_name}+{PASSAGES_SCHEME}"


def body_of(text: str, heading: str) -> str:
    """An entry's text without its first line when that line is the heading (already in the
    chunk title)."""
    first, _, rest = text.partition("\n")
    return rest if heading and first.strip() == heading.strip() else text


def passages_of(text: str, heading: str, title: str) -> list[str]:
    """What an entry is embedded as: its chunks (search/vectors/chunks.py), and, when it has a
    heading, its title alone ("law title. Điều N. heading") as one more passage, so that an
    article whose heading answers the question scores by it even when its clauses say it in
    other words (an entry scores by its best passage). Chosen by 5-fold cross-validation on
    dev: nDCG@10 0.8771 → 0.8789 (dev), 0.6914 → 0.6972 (natural questions) out of fold;
    docs/benchmarks.md. Without a heading the title says nothing of its own, so none."""
    chunks = chunk_text(body_of(text, heading), title)
    title = " ".join(title.split())
    if heading.strip() and title and title not in chunks:
        chunks.append(title)
    return chunks


def ends_with_title(entry: dict[str, Any]) -> bool:
    """Is the last of an indexed entry's vectors its title alone? (It has a heading and was
    embedded the current way, ``passages_of``, with more than one passage.)"""
    mark = str(entry.get(EMBEDDED) or "")
    return bool((entry.get("heading") or "").strip()) and mark.endswith(f"+{PASSAGES_SCHEME}")


def chunk_entries(entries: Iterable[dict[str, Any]]) -> None:
    """Passages for each entry carrying a chunk title (its text as indexed, normalised)."""
    for entry in entries:
        title = entry.pop(CHUNK_TITLE, None)
        if title is not None:
            entry[CHUNKS] = passages_of(entry.get("text") or "", entry.get("heading") or "", title)


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
            entry[EMBEDDED] = embedded_mark(name)
    return embedded
