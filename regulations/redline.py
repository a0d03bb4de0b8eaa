"""A redline between two versions of a text, article by article (pure, typed: no Django).

Articles of the older version are matched to articles of the newer one by the similarity of
their words, not only by their number, so an article renumbered by an insertion ("Điều 5"
becoming "Điều 6") is still the same article; an article without a counterpart is added or
removed. Within a matched pair, the words inserted and deleted are found by difflib over
syllables (Vietnamese words are written one syllable at a time) compared in the one
normalised form of `regulations.legaltext.normalize` ("hoà" and "hòa" are the same word, a
non-breaking space is a space); the newer text is shown.

The unit is called an article here, but any ordered units with a key, a label and a text
work (the consultations feed sections of a draft without articles the same way).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from regulations.legaltext.normalize import normalize

# Two articles are the same article when this share of their syllables lines up...
MATCH_RATIO = 0.5
# ...or, when they keep the same number, this share (an article rewritten in place).
SAME_LABEL_RATIO = 0.25
# Between two candidates of equal similarity, the one keeping its number wins.
SAME_LABEL_BONUS = 0.05

_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])", re.UNICODE)


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Article:
    """One unit of a version: `key` names it in its version (an anchor), `label` is how it is
    numbered ("Điều 5"), `text` its whole text (clauses and points included)."""

    key: str
    label: str
    heading: str
    text: str


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str

    @property
    def lead(self) -> str:
        """The spacing before the words (shown outside an insertion's or deletion's marks)."""
        return self.text[: len(self.text) - len(self.text.lstrip())]

    @property
    def words(self) -> str:
        return self.text.lstrip()


@dataclass(frozen=True)
class ArticleChange:
    kind: ChangeKind
    old: Article | None
    new: Article | None
    similarity: float  # 0..1, of the matched pair (0 for an added or removed article)
    heading: tuple[Segment, ...]
    body: tuple[Segment, ...]

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label

    @property
    def inserted_words(self) -> int:
        return _count(self.heading + self.body, Op.INSERT)

    @property
    def deleted_words(self) -> int:
        return _count(self.heading + self.body, Op.DELETE)


@dataclass(frozen=True)
class Redline:
    changes: tuple[ArticleChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[ArticleChange, ...]:
        return tuple(change for change in self.changes if change.kind == kind)

    @property
    def modified(self) -> tuple[ArticleChange, ...]:
        """Every change but the unchanged articles (a renumbered article counts)."""
        return tuple(c for c in self.changes if c.kind != ChangeKind.UNCHANGED or c.renumbered)

    def counterpart(self, old_key: str) -> Article | None:
        """The newer version's article that the older article `old_key` became (None if removed)."""
        for change in self.changes:
            if change.old is not None and change.old.key == old_key:
                return change.new
        return None


def _count(segments: Sequence[Segment], op: Op) -> int:
    return sum(len(_TOKEN.findall(segment.text)) for segment in segments if segment.op == op)


# ---- words ------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The syllables and punctuation marks of `text`, each with the spacing before it, so that
    joining them gives the text back (trailing spacing dropped)."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def _key(token: str) -> str:
    return normalize(token)


def _keys(text: str) -> list[str]:
    return [_key(token) for token in tokens(text)]


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """The words of `new` with those inserted since `old` and those of `old` deleted, in
    reading order (a deletion before the insertion that replaces it); consecutive segments of
    one kind are merged."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [_key(t) for t in old_tokens], [_key(t) for t in new_tokens], autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, Op.EQUAL, "".join(new_tokens[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _append(segments, Op.DELETE, "".join(old_tokens[i1:i2]))
        if tag in ("insert", "replace"):
            _append(segments, Op.INSERT, "".join(new_tokens[j1:j2]))
    return tuple(segments)


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def similarity(old: Article, new: Article) -> float:
    """The share of syllables (heading and text) the two articles have in common, in order."""
    return _similarity(_keys(f"{old.heading}\n{old.text}"), _keys(f"{new.heading}\n{new.text}"))


def _similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# ---- articles ---------------------------------------------------------------------------------


def match(old: Sequence[Article], new: Sequence[Article]) -> dict[int, tuple[int, float]]:
    """Which article of `new` each article of `old` became: {old index: (new index, similarity)}.

    Identical texts pair first (the same number preferred); the rest pair greedily by
    similarity, highest first, when it reaches MATCH_RATIO, or SAME_LABEL_RATIO for an
    article that kept its number."""
    old_keys = [_keys(f"{a.heading}\n{a.text}") for a in old]
    new_keys = [_keys(f"{a.heading}\n{a.text}") for a in new]
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()

    by_text: dict[tuple[str, ...], list[int]] = {}
    for j, keys in enumerate(new_keys):
        by_text.setdefault(tuple(keys), []).append(j)
    for i, keys in enumerate(old_keys):
        free = [j for j in by_text.get(tuple(keys), ()) if j not in taken]
        if free:
            j = next((j for j in free if new[j].label == old[i].label), free[0])
            pairs[i] = (j, 1.0)
            taken.add(j)

    candidates: list[tuple[float, int, int, float]] = []
    old_left = [i for i in range(len(old)) if i not in pairs]
    new_left = [j for j in range(len(new)) if j not in taken]
    for i in old_left:
        for j in new_left:
            same_label = old[i].label == new[j].label
            floor = SAME_LABEL_RATIO if same_label else MATCH_RATIO
            matcher = SequenceMatcher(None, old_keys[i], new_keys[j], autojunk=False)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor:
                candidates.append((ratio + (SAME_LABEL_BONUS if same_label else 0.0), i, j, ratio))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _score, i, j, ratio in candidates:
        if i in pairs or j in taken:
            continue
        pairs[i] = (j, ratio)
        taken.add(j)
    return pairs


def redline(old: Sequence[Article], new: Sequence[Article]) -> Redline:
    """The changes from `old` to `new`, in the newer version's order; a removed article comes
    right after the newer article that its nearest matched predecessor became."""
    pairs = match(old, new)
    matched_new = {j: i for i, (j, _ratio) in pairs.items()}
    removed_after: dict[int, list[int]] = {}  # new index (-1: before the first) -> removed old indexes
    last_new = -1
    for i in range(len(old)):
        if i in pairs:
            last_new = pairs[i][0]
        else:
            removed_after.setdefault(last_new, []).append(i)

    changes: list[ArticleChange] = [_removed(old[i]) for i in removed_after.get(-1, [])]
    for j, article in enumerate(new):
        if j in matched_new:
            i = matched_new[j]
            changes.append(_pair(old[i], article, pairs[i][1]))
        else:
            changes.append(_added(article))
        changes.extend(_removed(old[i]) for i in removed_after.get(j, []))
    return Redline(tuple(changes))


def _pair(old: Article, new: Article, ratio: float) -> ArticleChange:
    heading = diff_words(old.heading, new.heading)
    body = diff_words(old.text, new.text)
    same = all(segment.op == Op.EQUAL for segment in heading + body)
    kind = ChangeKind.UNCHANGED if same else ChangeKind.CHANGED
    return ArticleChange(kind, old, new, 1.0 if same else ratio, heading, body)


def _added(new: Article) -> ArticleChange:
    return ArticleChange(ChangeKind.ADDED, None, new, 0.0, _whole(Op.INSERT, new.heading), _whole(Op.INSERT, new.text))


def _removed(old: Article) -> ArticleChange:
    return ArticleChange(
        ChangeKind.REMOVED, old, None, 0.0, _whole(Op.DELETE, old.heading), _whole(Op.DELETE, old.text)
    )


def _whole(op: Op, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()
