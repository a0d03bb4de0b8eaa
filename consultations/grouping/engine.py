"""Near-duplicate groups of comments (pure): MinHash/LSH candidates, exact verification,
connected components, and a check against each group's core so that a group stays pure.

1. Each comment becomes the set of its word shingles (`consultations.grouping.shingles`).
2. A MinHash signature of `num_perm` values per comment, exactly datasketch's `MinHash`
   (its default "affine32" scheme: its permutations, the MurmurHash3 pre-mix, the minimum per
   permutation; tested equal) over the high 32 bits of the shingles' numbers, computed for all
   comments at once with numpy instead of one `MinHash` object per comment (several times
   faster at 10,000 comments), cut into `bands` bands
   of `num_perm / bands` rows: two comments whose signatures agree on a whole band are
   candidates (with 32 bands of 4 rows, a pair with Jaccard similarity 0.5 is a candidate with
   probability 1 − (1 − 0.5⁴)³² ≈ 0.87 per pair; in a campaign every comment has many
   similar ones, so its component is found with near certainty).
3. A candidate pair is joined only if the exact Jaccard similarity of the shingle sets is at
   least `threshold` (no false join from a hash collision); the joined pairs give connected
   components (union-find).
4. Verification: a component can chain two different campaigns through one comment that
   resembles both. Each component picks its core (the member most similar to the others, over a
   sample), and every member must be at least `core_threshold` similar to it; the members that
   are not are grouped again among themselves (up to `max_rounds` times), so one group is one
   template.

Only groups of two or more comments are returned; a comment without any near-duplicate, or
with no words, is in none. The result does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from consultations.grouping.shingles import DEFAULT_SIZE, Hashes, jaccard, shingle_hashes

# Members compared with each other to choose a component's core.
_CORE_SAMPLE: Final = 24
# Shingles permuted at once when computing signatures (bounds memory: num_perm × chunk × 4 bytes).
_CHUNK: Final = 65_536
# MurmurHash3's 32-bit finalizer: datasketch's pre-mix for its default "affine32" scheme.
_FMIX32: Final = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def minhash_input(hashes: Hashes) -> npt.NDArray[np.uint32]:
    """The 32-bit values a shingle's 64-bit number gives to MinHash (its high half)."""
    return (hashes >> np.uint64(32)).astype(np.uint32)


def signatures_of(hashes: Sequence[Hashes], num_perm: int, seed: int) -> npt.NDArray[np.uint32]:
    """MinHash signatures, one row per array of shingle numbers (none may be empty), equal to
    datasketch's `MinHash(num_perm, seed, hashfunc=int)` updated with `minhash_input(h)`;
    computed for all arrays at once, permutations along the rows (contiguous minima)."""
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    a, b = a.astype(np.uint32), b.astype(np.uint32)
    lengths = np.fromiter(map(len, hashes), dtype=np.int64, count=len(hashes))
    if not len(hashes) or lengths.min() == 0:
        raise ValueError("every comment needs at least one shingle")
    values = minhash_input(np.concatenate(hashes))
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        values ^= values >> s1
        values *= m1
        values ^= values >> s2
        values *= m2
        values ^= values >> s3
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    result = np.empty((num_perm, len(hashes)), dtype=np.uint32)
    first = 0  # whole comments per chunk, so that a minimum never spans two chunks
    while first < len(hashes):
        last = max(int(np.searchsorted(starts, starts[first] + _CHUNK, side="right")), first + 1)
        begin, end = starts[first], starts[last - 1] + lengths[last - 1]
        with np.errstate(over="ignore"):
            permuted = np.multiply.outer(a, values[begin:end])
            permuted += b[:, None]
        result[:, first:last] = np.minimum.reduceat(permuted, starts[first:last] - begin, axis=1)
        first = last
    return np.ascontiguousarray(result.T)


@dataclass(frozen=True)
class Params:
    shingle_size: int = DEFAULT_SIZE
    num_perm: int = 128
    bands: int = 32
    threshold: float = 0.45
    core_threshold: float = 0.3
    max_rounds: int = 3
    seed: int = 1

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError("num_perm must be a multiple of bands")
        if not 0.0 < self.core_threshold <= self.threshold <= 1.0:
            raise ValueError("need 0 < core_threshold <= threshold <= 1")

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True)
class Group:
    """Comment keys of one group, sorted, its core (the member most like the others) and each
    member's Jaccard similarity to the core (in the order of `members`)."""

    members: tuple[int, ...]
    core: int
    similarity: tuple[float, ...] = ()

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]
    compared: int = 0  # exact similarity computations (for the benchmark)
    params: Params = field(default_factory=Params)

    def group_of(self) -> dict[int, int]:
        """Comment key → index of its group in `groups` (comments in no group are absent)."""
        return {key: index for index, group in enumerate(self.groups) for key in group.members}


def group_comments(comments: Mapping[int, str] | Iterable[tuple[int, str]], params: Params | None = None) -> Grouping:
    """Near-duplicate groups among `comments` (key → text), ordered by their smallest key."""
    params = params or Params()
    items = sorted(comments.items() if isinstance(comments, Mapping) else comments)
    keys = [key for key, _ in items]
    hashes = [shingle_hashes(text, params.shingle_size) for _, text in items]
    engine = _Engine(keys, hashes, params)
    groups = engine.run()
    return Grouping(groups=groups, compared=engine.compared, params=params)


class _Engine:
    def __init__(self, keys: Sequence[int], hashes: Sequence[Hashes], params: Params) -> None:
        self.keys = keys
        self.hashes = hashes
        self.sets: dict[int, frozenset[int]] = {}
        self.params = params
        self.compared = 0
        self._similar: dict[tuple[int, int], float] = {}
        usable = [i for i, h in enumerate(hashes) if len(h)]
        self.buckets = self._buckets(usable)

    # ---- LSH ----------------------------------------------------------------------------------

    def _buckets(self, usable: list[int]) -> list[list[int]]:
        """Index lists of comments that agree on one band of their signatures (2 or more)."""
        if len(usable) < 2:
            return []
        p = self.params
        signatures = signatures_of([self.hashes[i] for i in usable], p.num_perm, p.seed)
        # One 64-bit key per band and comment (a random linear mix of the band's values; a
        # collision only adds a candidate, which verification then rejects).
        mix = np.random.default_rng(p.seed).integers(1, 2**63, size=p.rows, dtype=np.uint64) | np.uint64(1)
        signatures = signatures.astype(np.uint64)
        indices = np.asarray(usable)
        buckets: list[list[int]] = []
        for band in range(p.bands):
            keys = signatures[:, band * p.rows : (band + 1) * p.rows] @ mix
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            ends = np.r_[starts[1:], len(order)]
            for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
                buckets.append(indices[order[start:end]].tolist())
        return buckets

    # ---- verification -------------------------------------------------------------------------

    def similarity(self, a: int, b: int) -> float:
        pair = (a, b) if a < b else (b, a)
        value = self._similar.get(pair)
        if value is None:
            self.compared += 1
            value = self._similar[pair] = jaccard(self._set(a), self._set(b))
        return value

    def _set(self, index: int) -> frozenset[int]:
        found = self.sets.get(index)
        if found is None:
            found = self.sets[index] = frozenset(self.hashes[index].tolist())
        return found

    def _components(self, allowed: set[int]) -> list[list[int]]:
        """Connected components (2 or more) of verified candidate pairs among `allowed`."""
        parent = {i: i for i in allowed}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        threshold = self.params.threshold
        for bucket in self.buckets:
            members = [i for i in bucket if i in allowed]
            for position in range(1, len(members)):
                current = members[position]
                # Against the bucket's first member, then its previous one: a false candidate
                # in the bucket does not keep the others apart.
                for other in (members[0], members[position - 1]):
                    root_a, root_b = find(current), find(other)
                    if root_a == root_b:
                        break
                    if self.similarity(current, other) >= threshold:
                        parent[max(root_a, root_b)] = min(root_a, root_b)
                        break
        components: dict[int, list[int]] = {}
        for i in allowed:
            components.setdefault(find(i), []).append(i)
        return [sorted(c) for c in components.values() if len(c) > 1]

    def _core(self, component: list[int]) -> int:
        """The member most similar, on average, to an evenly spread sample of the component."""
        step = max(1, len(component) // _CORE_SAMPLE)
        sample = component[::step][:_CORE_SAMPLE]
        best, best_score = sample[0], -1.0
        for candidate in sample:
            score = sum(self.similarity(candidate, other) for other in sample if other != candidate)
            if score > best_score:
                best, best_score = candidate, score
        return best

    def run(self) -> tuple[Group, ...]:
        groups: list[Group] = []
        pending = {i for bucket in self.buckets for i in bucket}
        for _ in range(self.params.max_rounds):
            if len(pending) < 2:
                break
            rejected: set[int] = set()
            for component in self._components(pending):
                core = self._core(component)
                kept = [i for i in component if i == core or self.similarity(i, core) >= self.params.core_threshold]
                rejected.update(i for i in component if i not in kept)
                if len(kept) > 1:
                    groups.append(
                        Group(
                            members=tuple(self.keys[i] for i in kept),
                            core=self.keys[core],
                            similarity=tuple(1.0 if i == core else self.similarity(i, core) for i in kept),
                        )
                    )
            pending = rejected
        return tuple(sorted(groups, key=lambda group: group.members[0]))
