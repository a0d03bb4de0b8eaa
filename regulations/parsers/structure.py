"""Split the body of a Vietnamese document into its numbered units.

Laws and decrees: Chương I / Mục 1 / Điều 5. / 1. (khoản) / a) (điểm).
Letters, resolutions and plans: I. (phần) / 1. / a) / "-" and "+" items.
Both can mix: "Điều" under roman parts, or roman parts inside an "Điều"; "Phụ lục" sections;
a second whole document attached after the first one's signature (an "attachment" node).

A numbered line only becomes a node where that number can continue the numbering around it
("3." after "2." in the same container, "b)" after "a)"...); anything else is text of the
enclosing node. An enumeration that restarts inside a sentence ("(1) ... (2) ..." inside an
item) stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from regulations.parsers.header import fold_key, is_caps, parse_header
from regulations.parsers.readers import normalize_text
from regulations.parsers.types import ParsedNode

# Vietnamese points run a, b, c, d, đ, e, g, h... (no f, j, w, z); f, j, w and z are kept in
# the order so that a stray "f)" still has a place, and "g" may follow "e" (one letter skipped).
POINT_LETTERS = "abcdđefghijklmnopqrstuvwxyz"
BULLET_SYMBOLS = "-–—+•●▪◦∙·*"

_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<label>[IVXLC]+|\d{1,3})(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$")
_SECTION = re.compile(r"^(?:Mục|MỤC)\s+(?P<label>\d{1,3}|[IVXLC]+)(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d{1,4})(?P<sub>[a-zđ])?\s*(?:[.:]\s*(?P<rest>.*))?$")
_PART_WORD = re.compile(
    r"^(?:Phần|PHẦN)\s+(?P<label>[IVXLC]+|\d{1,2}|thứ\s+\w+|THỨ\s+\w+)(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_PART_ROMAN = re.compile(r"^(?P<label>[IVXLC]{1,6})\s*[.:](?:\s+(?P<rest>\S.*))?$")
_CLAUSE = re.compile(r"^(?:(?P<n>\d{1,3})\s*\.(?![\d/])|\((?P<p>\d{1,3})\)|(?P<b>\d{1,3})\))(?:\s+(?P<rest>.*)|$)")
_DECIMAL = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?(?:\s+(?P<rest>\S.*)|$)")
_POINT = re.compile(r"^(?:[-–+•]\s*)?(?P<label>[a-zđ])\s*\)(?:\s*(?P<rest>.*))$")
_BULLET = re.compile(r"^(?P<symbol>[-–—+•●▪◦∙·*])\s*(?P<rest>[^\s\-–—_=*].*)$")
_APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục|PHỤ\s+LỤC)(?:\s+(?:SỐ\s+|số\s+)?(?P<label>[IVXLC]+|\d{1,3}[a-z]?|[A-Z]))?"
    r"(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_RECIPIENTS = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*:?", re.IGNORECASE)
_FILED = re.compile(r"^[-–+•]\s*(?:Lưu|LƯU)\s*:")
_SIGNATURE = re.compile(r"^(?:TM|T\.M|KT|K\.T|TL|T\.L|TUQ|T\.U\.Q|Q|PP|P\.P)\s*\.\s*(?P<rest>\S.*)$")
# Markers that also number lists inside a sentence ("(1) ..., (2) ...").
_SENTENCE_KINDS = frozenset({"clause", "point", "decimal"})
# Numbered content that may follow a closing block (an appendix, a regulation issued with it).
_RESUMING_KINDS = frozenset({"appendix", "chapter", "section", "article", "part"})
_ATTACHED_NOTE = re.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm theo|Kèm theo|KÈM THEO)\b")
_KINH_GUI = re.compile(r"^(?:Kính gửi|KÍNH GỬI)\b")
_INLINE_POINT = re.compile(r"(?:(?<=[:;.])|(?<=[:;.][”\"])|(?<=[:;.]\)))\s*(?P<label>[a-zđ])\)\s+(?=\S)")

_FIRST_CLAUSE_INLINE = re.compile(r"(?<=:)\s+(?=1\.\s+\S)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_WORD_ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip

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
class _Marker:
    kind: str
    label: str
    value: int
    rest: str
    symbol: str = ""
    sub_of: str = ""  # "1.2." is a sub-item of clause "1"


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


# -- public ------------------------------------------------------------------------------------


def parse_structure(lines: list[str], start_line: int = 1) -> tuple[str, list[ParsedNode], str]:
    """Split body lines into (preamble, nodes, closing).

    ``start_line`` is the 1-based line number of ``lines[0]`` in the source, so that node
    line numbers point into the original file. The closing collects the signature blocks and
    "Nơi nhận:" lists (of the main document and of any attached document), blank-line separated.
    """
    clean = [_clean_line(line) for line in lines]
    starts = _attachment_starts(clean)
    bounds = [0, *starts, len(clean)]

    preamble, nodes, closing = _parse_segment(clean[: bounds[1]], start_line)
    closings = [closing] if closing else []
    attachment_count = 0
    for begin, end in zip(bounds[1:-1], bounds[2:], strict=True):
        segment = clean[begin:end]
        header = parse_header("\n".join(segment))
        body_start = min(header.body_start_line, len(segment))
        pre, children, closing = _parse_segment(segment[body_start:], start_line + begin + body_start)
        attachment_count += 1
        label = header.number or str(attachment_count)
        nodes.append(
            ParsedNode(
                kind="attachment",
                label=label,
                heading=header.title or "",
                text=pre,
                line=start_line + begin + _first_text(segment),
                children=children,
            )
        )
        if closing:
            closings.append(closing)
    return preamble, nodes, "\n\n".join(closings)


def parse_article_body(text: str) -> tuple[str, list[ParsedNode]]:
    """Split the body of one article ("1. ...\\na) ...", points may also run inline after
    "...sau đây: a) ... b) ...") into (intro text, clauses with their points)."""
    lines: list[str] = []
    for raw in _unwrap(normalize_text(text)):
        lines.extend(_split_inline_points(raw))
    machine = _Machine(root_kind="article")
    for index, line in enumerate(lines):
        machine.feed(line, index + 1)
    return machine.finish()


# -- segments: attachments and closing blocks --------------------------------------------------


def _clean_line(line: str) -> str:
    return normalize_text(line).replace("\n", " ")


def _first_text(lines: Sequence[str]) -> int:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return 0


def _is_closing_marker(stripped: str) -> bool:
    if _RECIPIENTS.match(stripped) or _is_filed(stripped):
        return True
    match = _SIGNATURE.match(stripped)
    return bool(match and is_caps(match.group("rest")))


def _attachment_starts(lines: Sequence[str]) -> list[int]:
    """Where a second whole document begins, after the first one's signature or recipients."""
    starts: list[int] = []
    seen_closing = False
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if _is_closing_marker(stripped):
            seen_closing = True
        elif seen_closing and "CỘNG" in stripped and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in fold_key(stripped):
            start = index
            back = index - 1
            while back >= 0 and (not lines[back].strip() or _is_issuer_line(lines[back])):
                if lines[back].strip():
                    start = back
                back -= 1
            if not starts or start > starts[-1]:
                starts.append(start)
            seen_closing = False
        elif seen_closing and _starts_attached_document(lines, index):
            starts.append(index)
            seen_closing = False
        index += 1
    return starts


def _is_issuer_line(line: str) -> bool:
    stripped = line.strip()
    return is_caps(stripped) and not _SIGNATURE.match(stripped) and not stripped.endswith(":")


def _starts_attached_document(lines: Sequence[str], index: int) -> bool:
    """A titled document in capitals ("QUY CHẾ ...") followed by "(Ban hành kèm theo ...)"."""
    stripped = lines[index].strip()
    if not is_caps(stripped) or _APPENDIX.match(stripped) or _SIGNATURE.match(stripped):
        return False
    seen = 0
    for following in lines[index + 1 :]:
        text = following.strip()
        if not text:
            continue
        if _ATTACHED_NOTE.match(text) and "Ban hành" in text:
            return True
        seen += 1
        if seen > 4 or not is_caps(text):
            return False
    return False


def _is_filed(stripped: str) -> bool:
    """ "- Lưu: VT, KSTT." — the last line of a recipients list (VT: văn thư, the registry)."""
    return (
        bool(_FILED.match(stripped))
        and len(stripped) < 150
        and ("VT" in stripped or "Văn thư" in stripped or "văn thư" in stripped)
    )


def _closing_range(lines: Sequence[str]) -> tuple[int, int] | None:
    """[start, end) of the signature / recipients block of one document, if any.

    It starts at "Nơi nhận:", at a signature line ("TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG") or at a
    recipients list ending in "- Lưu: VT..." and ends where numbered content resumes
    ("Phụ lục", "Điều", "Chương", a roman part), or at the end."""
    start: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _RECIPIENTS.match(stripped):
            start = index
            break
        match = _SIGNATURE.match(stripped)
        if match and is_caps(match.group("rest")):
            start = index
            break
        if _is_filed(stripped):
            start = _recipient_run_start(lines, index)
            break
    if start is None:
        return None
    # the closing sentence ("... ./.") just before belongs to the closing formula
    back = start - 1
    while back >= 0 and not lines[back].strip():
        back -= 1
    if back >= 0:
        stripped = lines[back].strip()
        if stripped.endswith("./.") and _classify(stripped) is None:
            start = back
    end = len(lines)
    for index in range(start + 1, len(lines)):
        marker = _classify(lines[index].strip())
        if marker is not None and marker.kind in _RESUMING_KINDS:
            end = index
            break
    return start, end


def _recipient_run_start(lines: Sequence[str], filed_at: int) -> int:
    start = filed_at
    index = filed_at - 1
    while index >= 0:
        stripped = lines[index].strip()
        if not stripped:
            index -= 1
            continue
        if _RECIPIENTS.match(stripped):
            return index
        if stripped[0] in BULLET_SYMBOLS and len(stripped) < 150 and _POINT.match(stripped) is None:
            start = index
            index -= 1
            continue
        break
    return start


def _parse_segment(lines: Sequence[str], start_line: int) -> tuple[str, list[ParsedNode], str]:
    closing_range = _closing_range(lines)
    machine = _Machine(root_kind="root")
    closing_lines: list[str] = []
    for index, line in enumerate(lines):
        if closing_range and closing_range[0] <= index < closing_range[1]:
            if line.strip():
                closing_lines.append(line.strip())
            if index == closing_range[0]:
                machine.close_all()
            if index == closing_range[1] - 1:
                machine.restart_numbering()  # what follows the signature numbers afresh
            continue
        machine.feed(line, start_line + index)
    preamble, nodes = machine.finish()
    return preamble, nodes, "\n".join(closing_lines)


# -- line classification -----------------------------------------------------------------------


def roman_value(label: str) -> int:
    """Value of a roman numeral ("IV" → 4); 0 when it is not a well-formed numeral."""
    label = label.upper()
    if not label or not _ROMAN.match(label):
        return 0
    total = 0
    for position, char in enumerate(label):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[label[position + 1]] if position + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def _number_value(label: str) -> int:
    if label.isdigit():
        return int(label)
    roman = roman_value(label)
    if roman:
        return roman
    words = label.lower().split()
    if len(words) == 2 and words[0] == "thứ":
        return _WORD_ORDINALS.get(words[1], 0)
    if len(label) == 1 and label.isalpha():
        return ord(label.upper()) - ord("A") + 1
    return 0


def _appendix_marker(stripped: str) -> _Marker | None:
    match = _APPENDIX.match(stripped)
    if not match:
        return None
    rest = match.group("rest").strip()
    label = match.group("label") or ""
    if rest and not is_caps(rest) and not (label and len(stripped) < 200):
        return None  # "Phụ lục kèm theo Quyết định này quy định ..." is a sentence
    if rest and rest[0] in "(":
        rest = ""
    value = _number_value(label) if label else 0
    return _Marker("appendix", label, value, rest)


def _classify(stripped: str) -> _Marker | None:
    """The marker a line starts with, if any (not yet checked against the numbering)."""
    if not stripped:
        return None
    first = stripped[0]
    match = _CHAPTER.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            return _Marker("chapter", match.group("label").upper(), value, match.group("rest"))
    match = _SECTION.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            return _Marker("section", match.group("label"), value, match.group("rest"))
    match = _ARTICLE.match(stripped)
    if match:
        label = match.group("label") + (match.group("sub") or "")
        return _Marker("article", label, int(match.group("label")), match.group("rest") or "")
    marker = _appendix_marker(stripped)
    if marker:
        return marker
    match = _PART_WORD.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            label = match.group("label")
            label = label if (label.isdigit() or roman_value(label)) else str(value)
            return _Marker("part", label.upper(), value, match.group("rest"))
    match = _PART_ROMAN.match(stripped)
    if match:
        value = roman_value(match.group("label"))
        if value:
            return _Marker("part", match.group("label"), value, match.group("rest") or "")
    if first.isdigit() or first == "(":
        match = _DECIMAL.match(stripped)
        if match:
            return _Marker(
                "decimal",
                f"{int(match.group('a'))}.{int(match.group('b'))}",
                int(match.group("b")),
                match.group("rest") or "",
                sub_of=str(int(match.group("a"))),
            )
        match = _CLAUSE.match(stripped)
        if match:
            number = match.group("n") or match.group("p") or match.group("b")
            return _Marker("clause", str(int(number)), int(number), match.group("rest") or "")
    match = _POINT.match(stripped)
    if match:
        label = match.group("label")
        return _Marker("point", label, POINT_LETTERS.index(label) + 1, match.group("rest") or "")
    if first in BULLET_SYMBOLS:
        match = _BULLET.match(stripped)
        if match:
            return _Marker("bullet", "", 0, match.group("rest"), symbol=_bullet_family(match.group("symbol")))
    return None


def _bullet_family(symbol: str) -> str:
    return "-" if symbol in "-–—" else symbol


def _unwrap(text: str) -> list[str]:
    """Lines of an article body. When paragraphs are separated by blank lines, a single line
    break inside a paragraph is a hard wrap ("...gia đình\nthay thế...") unless the next line
    starts with a marker; "...như sau: 1. ..." puts its first clause on a line of its own."""
    if "\n\n" not in text:
        raw_lines = text.split("\n")
    else:
        raw_lines = []
        for paragraph in re.split(r"\n\s*\n", text):
            current = ""
            for line in paragraph.split("\n"):
                stripped = line.strip()
                if not stripped:
                    continue
                if current and _classify(stripped) is None:
                    current = f"{current} {stripped}"
                else:
                    if current:
                        raw_lines.append(current)
                    current = stripped
            if current:
                raw_lines.append(current)
    result: list[str] = []
    for line in raw_lines:
        result.extend(piece for piece in _FIRST_CLAUSE_INLINE.split(line, maxsplit=1) if piece.strip())
    return result


def _split_inline_points(line: str) -> list[str]:
    """'... sau đây: a) X. b) Y.' → ['... sau đây:', 'a) X.', 'b) Y.'] when the letters follow
    one another (a, b, c...)."""
    last = 0
    cuts: list[int] = []
    for match in _INLINE_POINT.finditer(line):
        value = POINT_LETTERS.index(match.group("label")) + 1
        if _follows(value, last):
            cuts.append(match.start())
            last = value
    if not cuts:
        return [line]
    pieces: list[str] = []
    previous = 0
    for cut in cuts:
        pieces.append(line[previous:cut].strip())
        previous = cut
    pieces.append(line[previous:].strip())
    return [piece for piece in pieces if piece]


# -- the state machine -------------------------------------------------------------------------


class _Machine:
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
        marker = _classify(stripped)
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

    def _add_text(self, stripped: str, rejected: _Marker | None) -> None:
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
        if _classify(stripped) is not None:
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

    def _inline_run(self, marker: _Marker) -> bool:
        if marker.kind not in _SENTENCE_KINDS:
            return False
        return any(frame.inline.get(marker.kind) == marker.value - 1 for frame in self.stack)

    def _place(self, marker: _Marker, number: int) -> bool:
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
            if not _follows(marker.value, chapter.last.get("section", 0)):
                return False
            self._push(chapter_at, "section", _RANK["section"], marker.label, marker.rest, "", number)
            chapter.last["section"] = marker.value
            self.stack[-1].collect_heading = "" if marker.rest else "line"
            return True
        if kind == "part":
            rank = self._part_rank(scope_at)
            parent_at = max(self._parent_index(rank), scope_at)
            parent = self.stack[parent_at]
            if not _follows(marker.value, parent.last.get("part", 0)):
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
            if not _follows(marker.value, parent.last.get("decimal", 0)):
                return False
            self._push(parent_at, "point", rank, marker.label, "", marker.rest, number)
            parent.last["decimal"] = marker.value
            return True
        # clause or point
        rank = _RANK[kind]
        parent_at = self._parent_index(rank)
        parent = self.stack[parent_at]
        if not _follows(marker.value, parent.last.get(kind, 0)):
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

    def _place_bullet(self, marker: _Marker, number: int) -> bool:
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


def _follows(value: int, last: int) -> bool:
    """A unit numbered ``value`` can follow one numbered ``last`` (0: none yet) in one container."""
    if last == 0:
        return value == 1
    return last < value <= last + 2
