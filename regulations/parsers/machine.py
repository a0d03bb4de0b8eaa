"""The state machine that places numbered markers into a tree of units (``ParsedNode``s).

A numbered line only becomes a node where that number can continue the numbering around it
("3." after "2." in the same container, "b)" after "a)"...); anything else is text of the
enclosing node. An enumeration that restarts inside a sentence ("(1) ... (2) ..." inside an
item) stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from regulations.parsers.header import is_caps
from regulations.parsers.markers import Marker, classify, follows
from regulations.parsers.types import ParsedNode

__all__ = ["Machine"]

# Markers that also number lists inside a sentence ("(1) ..., (2) ...").
_SENTENCE_KINDS = frozenset({"clause", "point", "decimal"})
_KINH_GUI = re.compile(r"^(?:Kính gửi|KÍNH GỬI)\b")

# Rank of each kind of unit: a new unit closes every open unit of equal or lower rank.
_RANK = {
    "attachment": 0.0,
    "appendix": 1.0,
    "part": 2.0,  # roman part outside any article ("I. QUAN ĐIỂM" of a plan)
    "chapter": 3.0,
    "section": 4.0,
    "article": 5.0,
    "part_in_article": 5.5,  # roman part inside an article (Điều 1 containing I.–VI.)
    "clause": 6.0,
    "decimal": 6.5,  # "1.1." items, kept as points of their clause
    "point": 7.0,
    "bullet": 8.0,
}


@dataclass
class _Frame:
    kind: str  # node kind, or "root"
    rank: float
    node: ParsedNode | None = None
    text: list[str] = field(default_factory=list)
    last: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    inline: dict[str, int] = field(default_factory=dict)
    symbol: str = ""
    collect_heading: str = ""  # "caps" or "line" while the heading continues on the next lines
    is_scope: bool = False  # root or appendix: articles and chapters are numbered within it


# -- the state machine -------------------------------------------------------------------------


class Machine:
    def __init__(self, root_kind: str) -> None:
        rank = _RANK["article"] if root_kind == "article" else -1.0
        self.root = _Frame(kind=root_kind, rank=rank, is_scope=True)
        self.stack: list[_Frame] = [self.root]
        self.nodes: list[ParsedNode] = []
        self.root_bullets_as_text = False

    # public -----------------------------------------------------------------------------------

    def feed(self, line: str, number: int) -> None:
        stripped = " ".join(line.split())
        if not stripped:
            return
        top = self.stack[-1]
        if top.collect_heading and top.node is not None:
            if self._take_heading_line(top, stripped):
                return
        marker = classify(stripped)
        if marker is not None and self._place(marker, number):
            return
        self._add_text(stripped, marker)

    def close_all(self) -> None:
        for frame in self.stack[1:]:
            frame.collect_heading = ""
        del self.stack[1:]

    def restart_numbering(self) -> None:
        self.root.last.clear()
        self.root.inline.clear()

    def finish(self) -> tuple[str, list[ParsedNode]]:
        self.close_all()
        return "\n".join(self.root.text), self.nodes

    # text -------------------------------------------------------------------------------------

    def _add_text(self, stripped: str, rejected: Marker | None) -> None:
        top = self.stack[-1]
        if rejected is not None and rejected.kind in _SENTENCE_KINDS:
            # an enumeration restarting inside a sentence: its next items are text too
            if rejected.value == 1:
                top.inline[rejected.kind] = 1
            else:
                for frame in reversed(self.stack):
                    if frame.inline.get(rejected.kind) == rejected.value - 1:
                        frame.inline[rejected.kind] = rejected.value
                        break
        if top is self.root:
            self.root.text.append(stripped)
            if not (rejected is not None and rejected.kind == "bullet"):
                self.root_bullets_as_text = bool(_KINH_GUI.match(stripped))
            return
        assert top.node is not None
        top.text.append(stripped)
        top.node.text = "\n".join(top.text)

    def _take_heading_line(self, frame: _Frame, stripped: str) -> bool:
        """Headings printed under "Chương I" / "Phụ lục" on their own lines."""
        assert frame.node is not None
        mode = frame.collect_heading
        if classify(stripped) is not None:
            frame.collect_heading = ""
            return False
        if mode == "line" or (mode == "caps" and is_caps(stripped)):
            frame.node.heading = f"{frame.node.heading} {stripped}".strip()
            frame.collect_heading = "caps" if is_caps(stripped) else ""
            return True
        frame.collect_heading = ""
        return False

    # structure --------------------------------------------------------------------------------

    def _scope_index(self) -> int:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].is_scope:
                return index
        return 0

    def _parent_index(self, rank: float) -> int:
        index = len(self.stack) - 1
        while index > 0 and self.stack[index].rank >= rank:
            index -= 1
        return index

    def _inline_run(self, marker: Marker) -> bool:
        if marker.kind not in _SENTENCE_KINDS:
            return False
        return any(frame.inline.get(marker.kind) == marker.value - 1 for frame in self.stack)

    def _place(self, marker: Marker, number: int) -> bool:
        kind = marker.kind
        scope_at = self._scope_index()
        if kind == "bullet":
            return self._place_bullet(marker, number)
        if kind == "appendix":
            rank = _RANK["appendix"]
            parent_at = self._parent_index(rank)
            parent = self.stack[parent_at]
            count = parent.counts.get("appendix", 0) + 1
            label = marker.label or str(count)
            if marker.label and marker.value <= parent.last.get("appendix", 0):
                return False
            self._push(parent_at, "appendix", rank, label, marker.rest, "", number, count=count)
            frame = self.stack[-1]
            frame.is_scope = True
            frame.collect_heading = "" if marker.rest else "caps"
            if marker.label:
                parent.last["appendix"] = marker.value
            return True
        if self._inline_run(marker):
            return False
        if kind in ("chapter", "article"):
            scope = self.stack[scope_at]
            last = scope.last.get(kind, 0)
            inserted = kind == "article" and marker.label != str(marker.value)  # "Điều 5a."
            if last and not (last < marker.value <= last + 3 or (inserted and marker.value == last)):
                return False
            rank = _RANK[kind]
            parent_at = max(self._parent_index(rank), scope_at)
            heading = marker.rest
            self._push(parent_at, kind, rank, marker.label, heading, "", number)
            scope.last[kind] = marker.value
            if kind == "chapter":
                self.stack[-1].collect_heading = "" if heading else "line"
            return True
        if kind == "section":
            chapter_at = next(
                (i for i in range(len(self.stack) - 1, scope_at, -1) if self.stack[i].kind == "chapter"),
                None,
            )
            if chapter_at is None:
                return False
            chapter = self.stack[chapter_at]
            if not follows(marker.value, chapter.last.get("section", 0)):
                return False
            self._push(chapter_at, "section", _RANK["section"], marker.label, marker.rest, "", number)
            chapter.last["section"] = marker.value
            self.stack[-1].collect_heading = "" if marker.rest else "line"
            return True
        if kind == "part":
            rank = self._part_rank(scope_at)
            parent_at = max(self._parent_index(rank), scope_at)
            parent = self.stack[parent_at]
            if not follows(marker.value, parent.last.get("part", 0)):
                return False
            self._push(parent_at, "part", rank, marker.label, marker.rest, "", number)
            parent.last["part"] = marker.value
            if not marker.rest:
                self.stack[-1].collect_heading = "caps"
            return True
        if kind == "decimal":
            rank = _RANK["decimal"]
            parent_at = self._parent_index(rank)
            parent = self.stack[parent_at]
            if parent.kind != "clause" or parent.node is None or parent.node.label != marker.sub_of:
                return False
            if not follows(marker.value, parent.last.get("decimal", 0)):
                return False
            self._push(parent_at, "point", rank, marker.label, "", marker.rest, number)
            parent.last["decimal"] = marker.value
            return True
        # clause or point
        rank = _RANK[kind]
        parent_at = self._parent_index(rank)
        parent = self.stack[parent_at]
        if not follows(marker.value, parent.last.get(kind, 0)):
            return False
        self._push(parent_at, kind, rank, marker.label, "", marker.rest, number)
        parent.last[kind] = marker.value
        return True

    def _part_rank(self, scope_at: int) -> float:
        for index in range(len(self.stack) - 1, scope_at, -1):
            if self.stack[index].kind == "part":
                return self.stack[index].rank
        for index in range(len(self.stack) - 1, scope_at - 1, -1):
            if self.stack[index].kind == "article":
                return _RANK["part_in_article"]
        return _RANK["part"]

    def _place_bullet(self, marker: Marker, number: int) -> bool:
        index = len(self.stack) - 1
        parent_at = index
        while index > 0 and self.stack[index].kind == "bullet":
            if self.stack[index].symbol == marker.symbol:
                parent_at = index - 1
                break
            index -= 1
        else:
            if marker.symbol == "-":
                # "-" items are the first level by convention, even after "+" sub-items
                parent_at = index
        parent = self.stack[parent_at]
        if parent is self.root and self.root_bullets_as_text:
            return False  # "Kính gửi:" and its list of addressees
        count = parent.counts.get("bullet", 0) + 1
        rank = max(_RANK["bullet"], parent.rank + 1.0)
        self._push(parent_at, "bullet", rank, str(count), "", marker.rest, number, count=count)
        self.stack[-1].symbol = marker.symbol
        return True

    def _push(
        self,
        parent_at: int,
        kind: str,
        rank: float,
        label: str,
        heading: str,
        text: str,
        number: int,
        count: int | None = None,
    ) -> None:
        for frame in self.stack[parent_at + 1 :]:
            frame.collect_heading = ""
        del self.stack[parent_at + 1 :]
        parent = self.stack[parent_at]
        node = ParsedNode(kind=kind, label=label, heading=heading.strip(), text=text.strip(), line=number)
        if parent.node is None:
            self.nodes.append(node)
        else:
            parent.node.children.append(node)
        parent.counts[kind] = count if count is not None else parent.counts.get(kind, 0) + 1
        frame = _Frame(kind=kind, rank=rank, node=node)
        if text.strip():
            frame.text.append(text.strip())
        self.stack.append(frame)
