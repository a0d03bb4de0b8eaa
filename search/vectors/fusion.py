"""Lexical and dense scores combined: each min-max normalised over the candidates, then
``lexical + weight × dense`` (the weights: search/semantic.py, chosen by cross-validation on the
dev queries, docs/benchmarks.md). An entry scores by its best passage (a chunk, or its title
alone when it has a heading: search/vectors/attach.py).
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


def _minmax(values: Sequence[float]) -> list[float]:
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return [1.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


def fuse(lexical: Sequence[float], dense: Sequence[float | None], weight: float) -> list[float]:
    """Fused scores of candidates in the same order. A candidate without vectors takes the mean
    of the others' normalised dense scores (neither lifted nor sunk by what it lacks); with no
    vectors at all, the lexical order stands."""
    if not lexical:
        return []
    lex = _minmax(lexical)
    known = [d for d in dense if d is not None]
    if not known or weight == 0:
        return lex
    normalised = iter(_minmax(known))
    dense_norm = [next(normalised) if d is not None else None for d in dense]
    mean = sum(v for v in dense_norm if v is not None) / len(known)
    return [lx + weight * (d if d is not None else mean) for lx, d in zip(lex, dense_norm, strict=True)]
