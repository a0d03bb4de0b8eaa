"""Vectors in an index entry: unit vectors quantised to signed bytes, base64, one string per
chunk (384 dimensions → 512 characters). Scores computed from them differ from float32 cosine
by less than 0.01, far below what changes a ranking.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

SCALE: Final = 127.0

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]


def encode(vector: Vector) -> str:
    q = np.clip(np.rint(np.asarray(vector, dtype=np.float32) * SCALE), -127, 127).astype(np.int8)
    return base64.b64encode(q.tobytes()).decode("ascii")


def decode_many(encoded: Sequence[str], dim: int) -> Matrix:
    """The vectors of one entry as a matrix (rows in chunk order); malformed strings are skipped."""
    rows = []
    for text in encoded:
        try:
            raw = base64.b64decode(text, validate=True)
        except (ValueError, TypeError):
            continue
        if len(raw) == dim:
            rows.append(np.frombuffer(raw, dtype=np.int8))
    if not rows:
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack(rows).astype(np.float32) / SCALE


def to_bytes(vector: Vector) -> bytes:
    """Cache form: float16, exact enough and half the size of float32."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(raw: bytes) -> Vector:
    return np.frombuffer(raw, dtype=np.float16).astype(np.float32)
