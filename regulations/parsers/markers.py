"""Numbered markers at the start of a line of a Vietnamese document, and which may follow which.

"Chương II", "Mục 1", "Điều 5.", "Phần I", "I.", "1.", "(1)", "1.2.", "a)", "-", "Phụ lục"; the
state machine (``machine``) decides whether a marker really starts a unit where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regulations.legaltext.roman import roman_value
from regulations.parsers.header import is_caps

__all__ = [
    "APPENDIX",
    "BULLET_SYMBOLS",
    "POINT",
    "POINT_LETTERS",
    "Marker",
    "classify",
    "follows",
    "split_inline_points",
    "unwrap",
]

# Vietnamese points run a, b, c, d, đ, e, g, h... (no f, j, w, z); f, j, w and z are kept in
# the order so that a stray "f)" still has a place, and "g" may follow "e" (one letter skipped).
POINT_LETTERS = "abcdđefghijklmnopqrstuvwxyz"
BULLET_SYMBOLS = "-–—+•●▪◦∙·*"

_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<label>[IVXLC]+|\d{1,3})(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$")
_SECTION = re.compile(r"^(?:Mục|MỤC)\s+(?P<label>\d{1,3}|[IVXLC]+)(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d{1,4})(?P<sub>[a-zđ])?\s*(?:[.:]\s*(?P<rest>.*))?$")
_PART_WORD = re.compile(
    r"^(?:Phần|PHẦN)\s+(?P<label>[IVXLC]+|\d{1,2}|thứ\s+\w+|THỨ\s+\w+)(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_PART_ROMAN = re.compile(r"^(?P<label>[IVXLC]{1,6})\s*[.:](?:\s+(?P<rest>\S.*))?$")
_CLAUSE = re.compile(r"^(?:(?P<n>\d{1,3})\s*\.(?![\d/])|\((?P<p>\d{1,3})\)|(?P<b>\d{1,3})\))(?:\s+(?P<rest>.*)|$)")
_DECIMAL = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?(?:\s+(?P<rest>\S.*)|$)")
POINT = re.compile(r"^(?:[-–+•]\s*)?(?P<label>[a-zđ])\s*\)(?:\s*(?P<rest>.*))$")
_BULLET = re.compile(r"^(?P<symbol>[-–—+•●▪◦∙·*])\s*(?P<rest>[^\s\-–—_=*].*)$")
APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục|PHỤ\s+LỤC)(?:\s+(?:SỐ\s+|số\s+)?(?P<label>[IVXLC]+|\d{1,3}[a-z]?|[A-Z]))?"
    r"(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_INLINEPOINT = re.compile(r"(?:(?<=[:;.])|(?<=[:;.][”\"])|(?<=[:;.]\)))\s*(?P<label>[a-zđ])\)\s+(?=\S)")

_FIRST_CLAUSE_INLINE = re.compile(r"(?<=:)\s+(?=1\.\s+\S)")
_WORD_ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip


@dataclass
class Marker:
    kind: str
    label: str
    value: int
    rest: str
    symbol: str = ""
    sub_of: str = ""  # "1.2." is a sub-item of clause "1"


# -- line classification -----------------------------------------------------------------------


def _number_value(label: str) -> int:
    if label.isdigit():
        return int(label)
    roman = roman_value(label) or 0
    if roman:
        return roman
    words = label.lower().split()
    if len(words) == 2 and words[0] == "thứ":
        return _WORD_ORDINALS.get(words[1], 0)
    if len(label) == 1 and label.isalpha():
        return ord(label.upper()) - ord("A") + 1
    return 0


def _appendix_marker(stripped: str) -> Marker | None:
    match = APPENDIX.match(stripped)
    if not match:
        return None
    rest = match.group("rest").strip()
    label = match.group("label") or ""
    if rest and not is_caps(rest) and not (label and len(stripped) < 200):
        return None  # "Phụ lục kèm theo Quyết định này quy định ..." is a sentence
    if rest and rest[0] in "(":
        rest = ""
    value = _number_value(label) if label else 0
    return Marker("appendix", label, value, rest)


def classify(stripped: str) -> Marker | None:
    """The marker a line starts with, if any (not yet checked against the numbering)."""
    if not stripped:
        return None
    first = stripped[0]
    match = _CHAPTER.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            return Marker("chapter", match.group("label").upper(), value, match.group("rest"))
    match = _SECTION.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            return Marker("section", match.group("label"), value, match.group("rest"))
    match = _ARTICLE.match(stripped)
    if match:
        label = match.group("label") + (match.group("sub") or "")
        return Marker("article", label, int(match.group("label")), match.group("rest") or "")
    marker = _appendix_marker(stripped)
    if marker:
        return marker
    match = _PART_WORD.match(stripped)
    if match:
        value = _number_value(match.group("label"))
        if value:
            label = match.group("label")
            label = label if (label.isdigit() or roman_value(label) is not None) else str(value)
            return Marker("part", label.upper(), value, match.group("rest"))
    match = _PART_ROMAN.match(stripped)
    if match:
        value = roman_value(match.group("label")) or 0
        if value:
            return Marker("part", match.group("label"), value, match.group("rest") or "")
    if first.isdigit() or first == "(":
        match = _DECIMAL.match(stripped)
        if match:
            return Marker(
                "decimal",
                f"{int(match.group('a'))}.{int(match.group('b'))}",
                int(match.group("b")),
                match.group("rest") or "",
                sub_of=str(int(match.group("a"))),
            )
        match = _CLAUSE.match(stripped)
        if match:
            number = match.group("n") or match.group("p") or match.group("b")
            return Marker("clause", str(int(number)), int(number), match.group("rest") or "")
    match = POINT.match(stripped)
    if match:
        label = match.group("label")
        return Marker("point", label, POINT_LETTERS.index(label) + 1, match.group("rest") or "")
    if first in BULLET_SYMBOLS:
        match = _BULLET.match(stripped)
        if match:
            return Marker("bullet", "", 0, match.group("rest"), symbol=_bullet_family(match.group("symbol")))
    return None


def _bullet_family(symbol: str) -> str:
    return "-" if symbol in "-–—" else symbol


def unwrap(text: str) -> list[str]:
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
                if current and classify(stripped) is None:
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


def split_inline_points(line: str) -> list[str]:
    """'... sau đây: a) X. b) Y.' → ['... sau đây:', 'a) X.', 'b) Y.'] when the letters follow
    one another (a, b, c...)."""
    last = 0
    cuts: list[int] = []
    for match in _INLINEPOINT.finditer(line):
        value = POINT_LETTERS.index(match.group("label")) + 1
        if follows(value, last):
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


def follows(value: int, last: int) -> bool:
    """A unit numbered ``value`` can follow one numbered ``last`` (0: none yet) in one container."""
    if last == 0:
        return value == 1
    return last < value <= last + 2
