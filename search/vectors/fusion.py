"""Lexical and dense scores combined: each min-max normalised over the candidates, then
``lexical + weight × best + second_weight × second`` (the weights: search/semantic.py, chosen by
cross-validation on the dev queries, docs/benchmarks.md). An entry scores by its best passage (a
chunk, or its title alone when it has a heading: search/vectors/attach.py), and a little by its
second-best chunk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from search.vectors.codec import Matrix, Vector


def best_chunk(query: Vector, chunks: Matrix) -> float | None:
    """Cosine of the query with the entry's closest chunk (vectors are unit length); None
    without chunks."""
    if chunks.shape[0] == 0:
        return None
    return float(np.max(chunks @ query))


def passage_scores(query: Vector, passages: Matrix, *, titled: bool) -> tuple[float | None, float | None]:
    """(best passage, second-best chunk) of an entry: ``titled`` when its last passage is its
    title alone (not a chunk of its text). An entry of one chunk has that chunk as its second;
    (None, None) without passages."""
    if passages.shape[0] == 0:
        return None, None
    sims = passages @ query
    chunks = np.sort(sims[:-1] if titled and sims.shape[0] > 1 else sims)[::-1]
    return float(np.max(sims)), float(chunks[1] if chunks.shape[0] > 1 else chunks[0])


def _minmax(values: Sequence[float]) -> list[float]:
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return [1.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


def _normalised(values: Sequence[float | None]) -> list[float] | None:
    """Min-max normalised; a missing value takes the mean of the others (neither lifted nor sunk
    by what it lacks); None when every value is missing."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    normalised = iter(_minmax(known))
    out = [next(normalised) if v is not None else None for v in values]
    mean = sum(v for v in out if v is not None) / len(known)
    return [v if v is not None else mean for v in out]


def fuse(
    lexical: Sequence[float],
    dense: Sequence[float | None],
    weight: float,
    second: Sequence[float | None] | None = None,
    second_weight: float = 0.0,
) -> list[float]:
    """Fused scores of candidates in the same order. A candidate without vectors takes the mean
    of the others' normalised dense scores; with no vectors at all, the lexical order stands."""
    if not lexical:
        return []
    lex = _minmax(lexical)
    dense_norm = _normalised(dense)
    if dense_norm is None or weight == 0:
        return lex
    fused = [lx + weight * d for lx, d in zip(lex, dense_norm, strict=True)]
    second_norm = _normalised(second) if second is not None and second_weight else None
    if second_norm is not None:
        fused = [f + second_weight * s for f, s in zip(fused, second_norm, strict=True)]
    return fused
