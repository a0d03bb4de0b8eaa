"""Word shingles of a comment's normalised Vietnamese text (pure).

A comment is normalised with `regulations.legaltext.normalize` (one Unicode form, one tone
placement: "hoà" and "hòa" are the same word), case-folded, cut into words (Vietnamese writes
one syllable per word, so a word here is a syllable) and turned into the set of its runs of
`size` consecutive words. Two comments made from the same template share most of their
shingles; two comments written apart share few.

A shingle is kept as a 64-bit number: each word has a fixed 64-bit value (BLAKE2b of the
word, so the same in every process) and a shingle is a weighted sum of its words' values
(modulo 2⁶⁴, one odd weight per position, so "a b c" and "c b a" differ). Computed with numpy
over the whole comment at once; two different shingles share a number with probability about
2⁻⁶⁴, and the only effect of that would be two comments looking a hair more alike.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt

from regulations.legaltext.normalize import normalize

_WORD_RE: Final = re.compile(r"\w+")

DEFAULT_SIZE: Final = 3
# One odd weight per position in a shingle (fixed: the numbers must not change between runs).
_WEIGHTS: Final = np.random.default_rng(20261201).integers(1, 2**63, size=16, dtype=np.uint64) * np.uint64(
    2
) + np.uint64(1)
MAX_SIZE: Final = len(_WEIGHTS)

Hashes = npt.NDArray[np.uint64]


def words(text: str) -> list[str]:
    """The words of `text`, normalised and case-folded, punctuation dropped.

    Normalisation works within a run of non-space characters (NFC, invisible characters, tone
    placement at the end of a syllable), so each distinct run is normalised once and cached:
    a campaign repeats the same words thousands of times. The result is the words of
    `normalize(text).casefold()` (tested)."""
    found: list[str] = []
    for run in text.split():
        found.extend(_run_words(run))
    return found


@lru_cache(maxsize=1 << 17)
def _run_words(run: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(normalize(run).casefold()))


@lru_cache(maxsize=1 << 17)
def _word_value(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def shingle_hashes(text: str, size: int = DEFAULT_SIZE) -> Hashes:
    """The distinct shingles of `text` as sorted 64-bit numbers (a text shorter than `size`
    words is one shingle of all its words; a text without words has none)."""
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"shingle size must be between 1 and {MAX_SIZE}")
    tokens = words(text)
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    values = np.fromiter(map(_word_value, tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    with np.errstate(over="ignore"):
        mixed = values[:count] * _WEIGHTS[0]
        for offset in range(1, width):
            mixed += values[offset : offset + count] * _WEIGHTS[offset]
    return np.unique(mixed)


def shingles(text: str, size: int = DEFAULT_SIZE) -> frozenset[int]:
    """`shingle_hashes` as a set."""
    return frozenset(shingle_hashes(text, size).tolist())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)
