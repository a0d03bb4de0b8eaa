"""Document numbers (số hiệu): the one canonical form, key and slug; what a number's symbol says
(type and issuer); numbers in running text.

``canonical_number`` is the one spelling of a number; ``number_key`` (the database's unique
``number_key``, the index's ``number_key`` field, the search's citation lookups) and
``number_slug`` (URLs) derive from it, so "1/2018/tt-vpcp", "01/2018/TT-VPCP" and
"01 / 2018 / TT-VPCP" are one document everywhere.

Decided once: the number before the first "/" is written with at least two digits
("1/2018/TT-VPCP" → "01/2018/TT-VPCP"), as Nghị định 30/2020/NĐ-CP requires of official numbers
("Với những số nhỏ hơn 10 phải ghi thêm số 0 phía trước", điểm c khoản 3 mục II Phần I Phụ lục I;
https://congchungbaonguyet.com.vn/news/view/4874/page:34). Segments typed without diacritics get
their official spelling ("ND" → "NĐ", "TTG" → "TTg"), from the codes of ``doctypes`` and ``issuers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from regulations.legaltext import doctypes, issuers
from regulations.legaltext.normalize import ascii_slug, fold_diacritics, fold_for_matching, normalize

__all__ = [
    "DocumentNumber",
    "canonical_number",
    "canonical_segment",
    "doc_type_of_number",
    "find_document_numbers",
    "find_number_years",
    "guess_doc_type",
    "number_key",
    "number_slug",
    "read_symbol",
    "type_of_number",
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


def _fixes(codes: list[str]) -> dict[str, str]:
    """Upper-case spelling without diacritics → official spelling ("ND" → "NĐ", "TTG" → "TTg"),
    for the codes whose spelling differs; never over a code that is itself spelt so ("HD")."""
    spelt = {code.upper() for code in codes}
    fixes: dict[str, str] = {}
    for code in codes:
        plain = fold_diacritics(code).upper()
        if plain != code and (plain == code.upper() or plain not in spelt):
            fixes[plain] = code
    return fixes


_ISSUER_CODES: Final = [i.code for i in issuers.ISSUERS if i.code] + ["HĐND", "BCĐ"]
_TYPE_CODES: Final = [code for t in doctypes.DOC_TYPES for code in t.codes]
# Type codes open the symbol; issuer codes may stand anywhere in it ("QĐ-BKHĐT", "TTLT-BTC-BKHĐT").
_FIRST_FIXES: Final = {**_fixes(_ISSUER_CODES), **_fixes(_TYPE_CODES)}
_OTHER_FIXES: Final = _fixes(_ISSUER_CODES)


def canonical_segment(segment: str, first: bool) -> str:
    """One "-"-separated segment of a symbol in its official spelling ("nd" → "NĐ", "ttg" → "TTg")."""
    upper = segment.upper()
    return (_FIRST_FIXES if first else _OTHER_FIXES).get(upper, upper)


@dataclass(frozen=True)
class DocumentNumber:
    start: int
    end: int
    number: str  # canonical
    year: int | None
    doc_type: str  # the Vietnamese name of its type ("Nghị định"); see ``doc_type_of_number``


def canonical_number(raw: str) -> str:
    """The one spelling of a document number.

    "45/2020/nđ-cp" → "45/2020/NĐ-CP"; "45/2020/ND-CP" and "45/2020/NÐ-CP" (eth) too;
    "468 /qd-ttg" → "468/QĐ-TTg"; "1/2018/TT-VPCP" → "01/2018/TT-VPCP"; "HIEN-PHAP-2013" stays.
    """
    text = _STRIP_RE.sub("", normalize(raw)).strip("./")
    parts = text.split("/")
    if len(parts) < 2:
        return text.upper()
    number = parts[0]
    if number.isdigit():
        number = _LEADING_ZEROS_RE.sub("", number).zfill(2)
    middle = parts[1:-1]
    segments = parts[-1].split("-")
    fixed = [canonical_segment(s, i == 0) for i, s in enumerate(segments)]
    return "/".join([number, *(m.upper() for m in middle), "-".join(fixed)])


def number_key(raw: str) -> str:
    """The unique lookup key of a number: its canonical form in lower case ("45/2020/nđ-cp")."""
    return canonical_number(raw).lower()


def number_slug(raw: str) -> str:
    """A URL slug for a number: '24/2012/NĐ-CP' → '24-2012-nd-cp', '1/2018/TT-VPCP' → '01-2018-tt-vpcp'."""
    return ascii_slug(canonical_number(raw))


def read_symbol(symbol: str) -> tuple[doctypes.DocType | None, issuers.Issuer | None]:
    """Type and issuer a number's symbol names (the part after the last "/"), as far as it tells.

    "QĐ-TTg" → (Quyết định, Thủ tướng Chính phủ); "TT-BTC" → (Thông tư, Bộ Tài chính);
    "QH14" → (Luật, Quốc hội); "UBTVQH14" → (Nghị quyết, Ủy ban Thường vụ Quốc hội);
    "TTg-KSTT", "UBND-NCKSTT" → (Công văn, …): a letter is numbered by its issuer and drafting
    unit; "KH-UBND" → (Kế hoạch, None): every province is "UBND".
    """
    parts = [canonical_segment(p, i == 0) for i, p in enumerate(p for p in symbol.strip().split("-") if p)]
    if not parts:
        return None, None
    first = parts[0]
    doc_type = doctypes.by_code(first)
    if doc_type is not None:
        return doc_type, issuers.by_code(parts[1]) if len(parts) > 1 else None
    bare = _TRAILING_DIGITS_RE.sub("", first)
    if bare == "QH":
        return doctypes.LAW, issuers.by_code("QH")
    if bare == "UBTVQH":
        return doctypes.RESOLUTION, issuers.by_code("UBTVQH")
    issuer = issuers.by_code(bare)
    if issuer is not None or bare.startswith(("UBND", "HĐND", "BCĐ")) or _is_code(bare):
        return doctypes.OFFICIAL_LETTER, issuer
    return None, None


_TRAILING_DIGITS_RE: Final = re.compile(r"\d+$")


def _is_code(text: str) -> bool:
    return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 2


def type_of_number(number: str) -> doctypes.DocType | None:
    """The type a number's symbol names ("45/2020/NĐ-CP" → Nghị định), if it names one."""
    return read_symbol(number.rsplit("/", 1)[-1])[0] if "/" in number else None


def doc_type_of_number(number: str) -> doctypes.DocType:
    """The type a canonical number denotes: "45/2020/NĐ-CP" → Nghị định; a number whose symbol
    names no type is a letter ("727/TTg-KSTT" → Công văn). Numbers of the National Assembly
    ("45/2019/QH14") are laws (or its resolutions: the words before the number may tell)."""
    return type_of_number(number) or doctypes.OFFICIAL_LETTER


def guess_doc_type(title: str | None, number: str | None = None) -> doctypes.DocType:
    """The type of an import record: from its title or type name ("Bộ luật Dân sự 2015"), else from
    its number ("24/2012/NĐ-CP", "59/2020/QH14", "HIEN-PHAP-2013"), else ``doctypes.OTHER``."""
    found = doctypes.by_title(title)
    if found is None and number and number.upper().startswith("HIEN-PHAP"):
        found = doctypes.CONSTITUTION
    if found is None and number:
        found = type_of_number(canonical_number(number))
    return found or doctypes.OTHER


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
                doc_type=doc_type_of_number(number).name,
            )
        )
    return found


def find_number_years(text: str) -> list[tuple[int, int]]:
    """Spans of "45/2020"-shaped tokens (number/year) in normalised text."""
    return [(m.start(), m.end()) for m in _NUMBER_YEAR_RE.finditer(text)]
