"""Vietnamese legal citations: document numbers and their canonical form.

The regular expressions here run BEFORE word segmentation (underthesea splits
``45/2020/NĐ-CP`` into ``45/2020``, ``/``, ``NĐ-CP``): ``find_document_numbers`` marks every
number so that the tokenizer in ``entities.py`` keeps each one as a single token. The spaCy
rules that build LEGAL_REF and ARTICLE_REF entities from those tokens live in ``entities.py``;
``extract_citations`` is re-exported here for callers that only need citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from search.nlp.normalize import fold_for_matching, normalize

if TYPE_CHECKING:
    from search.nlp.entities import Entity

__all__ = [
    "DOC_TYPE_WORDS",
    "DocumentNumber",
    "canonical_number",
    "doc_type_of_number",
    "extract_citations",
    "find_document_numbers",
    "find_number_years",
    "roman_to_int",
]

# Document number, matched on lower-cased folded text (fold_for_matching): "45/2020/nd-cp",
# "468 /qd-ttg", "66.19/2026/nq-cp", "01/vbhn-vpqh", "**1804**/ubnd-nckstt" (markdown bold
# around the number in converted documents), "10362/vpcp- kstt" (a stray space after a hyphen).
_DOCNUM_RE: Final = re.compile(
    r"""
    (?<![\w./])
    (?P<num>\d{1,6}(?:\.\d{1,3})?)
    (?:\*\*|__)?
    [ ]?/[ ]?
    (?:(?P<year>(?:19|20)\d\d)[ ]?/[ ]?)?
    (?P<sym>[a-z][a-z0-9]*(?:-[ ]?[a-z][a-z0-9]*)*)
    (?!\w)
    """,
    re.VERBOSE,
)

# "45/2020", "100/2015" (number/year of a loose citation, or month/year): one token.
_NUMBER_YEAR_RE: Final = re.compile(r"(?<![\w/.])\d{1,6}/(?:19|20)\d\d(?![\w/])")

_LEADING_ZEROS_RE: Final = re.compile(r"^0+(?=\d)")
_STRIP_RE: Final = re.compile(r"[\s*_]+")

# Segments typed without diacritics → their official spelling.
_SEGMENT_FIXES: Final[dict[str, str]] = {
    "ND": "NĐ",
    "QD": "QĐ",
    "CD": "CĐ",
    "NDLT": "NĐLT",
    "QDLT": "QĐLT",
    "HDND": "HĐND",
    "HDTP": "HĐTP",
    "BKHDT": "BKHĐT",
    "BGDDT": "BGDĐT",
    "BLDTBXH": "BLĐTBXH",
    "TTG": "TTg",
    "TTR": "TTr",
    "CTR": "CTr",
    "QYD": "QyĐ",
}

# First segment of the symbol → type of document.
_DOC_TYPE_CODES: Final[dict[str, str]] = {
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "VBHN": "Văn bản hợp nhất",
    "PL": "Pháp lệnh",
    "L": "Luật",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "CĐ": "Công điện",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "KL": "Kết luận",
}

# Words that name a type of document in running text (folded, lower-case), with the symbol
# of a decree derivable from "Nghị định 45/2020" → "45/2020/NĐ-CP".
DOC_TYPE_WORDS: Final[dict[str, tuple[str, str | None]]] = {
    "nghi dinh": ("Nghị định", "NĐ-CP"),
    "nd": ("Nghị định", "NĐ-CP"),
    "nd-cp": ("Nghị định", "NĐ-CP"),
    "nghi quyet": ("Nghị quyết", None),
    "nq": ("Nghị quyết", None),
    "quyet dinh": ("Quyết định", None),
    "qd": ("Quyết định", None),
    "thong tu lien tich": ("Thông tư liên tịch", None),
    "ttlt": ("Thông tư liên tịch", None),
    "thong tu": ("Thông tư", None),
    "tt": ("Thông tư", None),
    "chi thi": ("Chỉ thị", None),
    "ct": ("Chỉ thị", None),
    "bo luat": ("Bộ luật", None),
    "luat": ("Luật", None),
    "phap lenh": ("Pháp lệnh", None),
    "cong van": ("Công văn", None),
    "cv": ("Công văn", None),
    "cong dien": ("Công điện", None),
    "van ban hop nhat": ("Văn bản hợp nhất", None),
    "vbhn": ("Văn bản hợp nhất", None),
}

_ROMAN_RE: Final = re.compile(r"^[IVXLC]+$", re.IGNORECASE)
_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class DocumentNumber:
    start: int
    end: int
    number: str  # canonical
    year: int | None
    doc_type: str


def _fix_segment(segment: str, first: bool) -> str:
    upper = segment.upper()
    fixed = _SEGMENT_FIXES.get(upper)
    if fixed is not None and (first or upper not in ("ND", "QD", "CD")):
        return fixed
    return upper


def canonical_number(raw: str) -> str:
    """The one spelling of a document number, used as a unique key.

    "45/2020/nđ-cp" → "45/2020/NĐ-CP"; "45/2020/ND-CP" and "45/2020/NÐ-CP" (eth) too;
    "468 /qd-ttg" → "468/QĐ-TTg"; "1/2018/TT-VPCP" → "01/2018/TT-VPCP" (numbers below 10 are
    written with two digits, as official numbers are).
    """
    text = _STRIP_RE.sub("", normalize(raw))
    parts = text.split("/")
    if len(parts) < 2:
        return text.upper()
    number = parts[0]
    if number.isdigit():
        number = _LEADING_ZEROS_RE.sub("", number).zfill(2)
    middle = parts[1:-1]
    symbol = parts[-1]
    segments = [s for s in symbol.split("-")]
    fixed = [_fix_segment(s, i == 0) for i, s in enumerate(segments)]
    return "/".join([number, *(m.upper() for m in middle), "-".join(fixed)])


def doc_type_of_number(number: str) -> str:
    """The type of document a canonical number denotes: "45/2020/NĐ-CP" → "Nghị định".

    Letters (công văn) have no type code: "727/TTg-KSTT" → "Công văn". Numbers of the National
    Assembly ("45/2019/QH14") are laws (or its resolutions: the caller may know better from the
    words before the number).
    """
    symbol = number.rsplit("/", 1)[-1]
    first = symbol.split("-", 1)[0]
    if first in _DOC_TYPE_CODES:
        return _DOC_TYPE_CODES[first]
    upper = first.upper()
    if upper.startswith("UBTVQH"):
        return "Nghị quyết"
    if upper.startswith("QH"):
        return "Luật"
    if upper == "VBHN":
        return "Văn bản hợp nhất"
    return "Công văn"


def find_document_numbers(text: str) -> list[DocumentNumber]:
    """Every full document number in normalised text, with spans in ``text``.

    Matching runs on a same-length folded copy, so "45/2020/nd-cp" typed without diacritics is
    found too. A number without a year and without a hyphen in its symbol ("01/QH") is only
    accepted when the symbol is written in capitals, which keeps "5/tháng" out.
    """
    folded = fold_for_matching(text)
    found: list[DocumentNumber] = []
    for m in _DOCNUM_RE.finditer(folded):
        sym_start = m.start("sym")
        sym = m.group("sym")
        year_text = m.group("year")
        if year_text is None and "-" not in sym and not text[sym_start].isupper():
            continue
        number = canonical_number(text[m.start() : m.end()])
        found.append(
            DocumentNumber(
                start=m.start(),
                end=m.end(),
                number=number,
                year=int(year_text) if year_text else None,
                doc_type=doc_type_of_number(number),
            )
        )
    return found


def find_number_years(text: str) -> list[tuple[int, int]]:
    """Spans of "45/2020"-shaped tokens (number/year) in normalised text."""
    return [(m.start(), m.end()) for m in _NUMBER_YEAR_RE.finditer(text)]


def roman_to_int(text: str) -> int | None:
    """Value of a Roman numeral ("V" → 5, "XIV" → 14), or None."""
    if not _ROMAN_RE.match(text):
        return None
    total = 0
    values = [_ROMAN_VALUES[c] for c in text.upper()]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def extract_citations(text: str) -> list[Entity]:
    """LEGAL_REF and ARTICLE_REF entities of ``text`` (see ``entities.extract_entities``)."""
    from search.nlp.entities import extract_citations as _extract

    return _extract(text)
