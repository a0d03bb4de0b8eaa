"""The one table of document types: to add a type, add one row to ``DOC_TYPES``.

Everything else derives from the row: the Django choices (``regulations.models.DocumentType``,
then a migration for the new choice), the type read from a header ("NGHỊ ĐỊNH"), from a number
("45/2020/NĐ-CP") and from running text ("Nghị định số 45/2020"), and the type of an import
record.

Which types there are, and where the old tables disagreed (decided once, here):

* Legal normative documents (văn bản quy phạm pháp luật) are the types listed in Điều 4 of the
  Law on Promulgation of Legal Documents, Luật 64/2025/QH15 (adopted 19/02/2025, in force
  01/04/2025, https://vietanlaw.com/vietnam-law-on-promulgating-legal-documents-2025): the
  Constitution; codes and laws, resolutions of the National Assembly; ordinances and
  resolutions of its Standing Committee and joint resolutions; orders (lệnh) and decisions of
  the President; decrees and resolutions of the Government (resolutions again since this law);
  decisions of the Prime Minister; circulars; resolutions of People's Councils and decisions of
  People's Committees. Joint circulars (thông tư liên tịch) were legal normative documents under
  the earlier laws; those in force remain so. ``normative`` marks these types.
* Every other type is an administrative document (văn bản hành chính) of Nghị định
  30/2020/NĐ-CP on clerical work, whose Phụ lục III gives the abbreviation that opens the symbol
  of its number (https://lawnet.vn/thong-tin-phap-luat/en/thong-bao-van-ban-moi/from-march-5-2020-new-regulations-on-the-format-and-presentation-techniques-of-documents-shall-apply-149082.html).
  There, HD is "Hướng dẫn" (guidance) and HĐ is "Hợp đồng" (contract): the header parser read
  both as "Khác" while the citation table read HD as "Hướng dẫn"; both now have their own row.
  Guidance, reports, submissions, telegrams, rules, regulations, schemes, programmes,
  conclusions, projects and contracts were all "Khác" for the header parser: they are types of their own.
* "L" opens the number of a President's order ("02/2025/L-CTN", the order promulgating a law):
  it is "Lệnh", not "Luật" as the citation table had it. Laws carry no type code: "59/2020/QH14"
  is read from the issuer code (``regulations.legaltext.symbols.read_symbol``).
* "NQLT" is a joint resolution (nghị quyết liên tịch), its own normative type (the header
  parser filed it under "Nghị quyết").
* A letter (công văn) has no type code: "727/TTg-KSTT" is the issuer and the drafting unit.

Names are marked with ``gettext_noop`` so that ``makemessages`` extracts them for the English
catalogue (regulations/locale); this module itself does not import Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from regulations.legaltext.normalize import compare_key, fold_for_matching, normalize

__all__ = [
    "CODE",
    "CONSTITUTION",
    "DOC_TYPES",
    "LAW",
    "OFFICIAL_LETTER",
    "OTHER",
    "RESOLUTION",
    "DocType",
    "by_code",
    "by_heading",
    "by_name",
    "by_title",
    "by_value",
    "citation_words",
    "gettext_noop",
]


def gettext_noop(message: str) -> str:
    """Marks a string for translation (``makemessages`` looks for this name); returns it as is."""
    return message


@dataclass(frozen=True)
class DocType:
    value: str  # stored value and URL parameter ("nghi-dinh")
    member: str  # name of the Django choice (DocumentType.DECREE)
    name: str  # Vietnamese name as written in a sentence ("Nghị định"); in capitals on a header line
    codes: tuple[str, ...] = ()  # abbreviations that open the symbol of a number ("NĐ" in 45/2020/NĐ-CP)
    normative: bool = False  # a type of legal normative document (see the module docstring)
    # Words that, written just before a number, cite a document of this type ("Nghị định số 45/2020",
    # "NĐ 24/2012", "Công văn 727/TTg-KSTT"), also with or without diacritics.
    citation_words: tuple[str, ...] = ()
    number_suffix: str | None = None  # "Nghị định 45/2020" is "45/2020/NĐ-CP"
    named: bool = False  # its own name follows the type on the heading line ("LUẬT DOANH NGHIỆP")


_ = gettext_noop

DOC_TYPES: Final[tuple[DocType, ...]] = (
    DocType("hien-phap", "CONSTITUTION", _("Hiến pháp"), normative=True, named=True),
    DocType("bo-luat", "CODE", _("Bộ luật"), normative=True, citation_words=("Bộ luật",), named=True),
    DocType("luat", "LAW", _("Luật"), normative=True, citation_words=("Luật",), named=True),
    DocType("phap-lenh", "ORDINANCE", _("Pháp lệnh"), ("PL",), normative=True, citation_words=("Pháp lệnh",), named=True),  # noqa: E501
    DocType("lenh", "ORDER", _("Lệnh"), ("L",), normative=True),
    DocType("nghi-quyet", "RESOLUTION", _("Nghị quyết"), ("NQ",), normative=True, citation_words=("Nghị quyết", "NQ")),  # noqa: E501
    DocType("nghi-quyet-lien-tich", "JOINT_RESOLUTION", _("Nghị quyết liên tịch"), ("NQLT",), normative=True),
    DocType("nghi-dinh", "DECREE", _("Nghị định"), ("NĐ",), normative=True, citation_words=("Nghị định", "NĐ", "NĐ-CP"), number_suffix="NĐ-CP"),  # noqa: E501
    DocType("quyet-dinh", "DECISION", _("Quyết định"), ("QĐ",), normative=True, citation_words=("Quyết định", "QĐ")),  # noqa: E501
    DocType("chi-thi", "DIRECTIVE", _("Chỉ thị"), ("CT",), citation_words=("Chỉ thị", "CT")),
    DocType("thong-tu", "CIRCULAR", _("Thông tư"), ("TT",), normative=True, citation_words=("Thông tư", "TT")),
    DocType("thong-tu-lien-tich", "JOINT_CIRCULAR", _("Thông tư liên tịch"), ("TTLT",), normative=True, citation_words=("Thông tư liên tịch", "TTLT")),  # noqa: E501
    DocType("cong-van", "OFFICIAL_LETTER", _("Công văn"), citation_words=("Công văn", "CV")),
    DocType("cong-dien", "TELEGRAM", _("Công điện"), ("CĐ",), citation_words=("Công điện",)),
    DocType("ke-hoach", "PLAN", _("Kế hoạch"), ("KH",)),
    DocType("thong-bao", "NOTICE", _("Thông báo"), ("TB",)),
    DocType("huong-dan", "GUIDANCE", _("Hướng dẫn"), ("HD",)),
    DocType("bao-cao", "REPORT", _("Báo cáo"), ("BC",)),
    DocType("to-trinh", "SUBMISSION", _("Tờ trình"), ("TTr",)),
    DocType("quy-che", "RULES", _("Quy chế"), ("QC",)),
    DocType("quy-dinh", "REGULATION", _("Quy định"), ("QyĐ",)),
    DocType("de-an", "SCHEME", _("Đề án"), ("ĐA",)),
    DocType("du-an", "PROJECT", _("Dự án"), ("DA",)),
    DocType("chuong-trinh", "PROGRAMME", _("Chương trình"), ("CTr",)),
    DocType("ket-luan", "CONCLUSION", _("Kết luận"), ("KL",)),
    DocType("hop-dong", "CONTRACT", _("Hợp đồng"), ("HĐ",)),
    DocType("van-ban-hop-nhat", "CONSOLIDATED", _("Văn bản hợp nhất"), ("VBHN",), citation_words=("Văn bản hợp nhất", "VBHN")),  # noqa: E501
    DocType("khac", "OTHER", _("Khác")),
)  # fmt: skip

_BY_VALUE: Final = {t.value: t for t in DOC_TYPES}
# The types the code names (the others are only read from the table).
CONSTITUTION: Final = _BY_VALUE["hien-phap"]
CODE: Final = _BY_VALUE["bo-luat"]
LAW: Final = _BY_VALUE["luat"]
RESOLUTION: Final = _BY_VALUE["nghi-quyet"]
OFFICIAL_LETTER: Final = _BY_VALUE["cong-van"]
OTHER: Final = _BY_VALUE["khac"]

_BY_NAME: Final = {compare_key(t.name): t for t in DOC_TYPES}
_BY_CODE: Final = {code: t for t in DOC_TYPES for code in t.codes}
# Longest name first, so "Bộ luật" wins over "Luật" and "Thông tư liên tịch" over "Thông tư".
_BY_LENGTH: Final = sorted((t for t in DOC_TYPES if t is not OTHER), key=lambda t: -len(t.name))


def by_value(value: str | None) -> DocType | None:
    """The type stored as ``value`` ("nghi-dinh")."""
    return _BY_VALUE.get(value or "")


def by_name(name: str | None) -> DocType | None:
    """The type named ``name`` in any case or tone placement ("Nghị định", "NGHỊ ĐỊNH")."""
    return _BY_NAME.get(compare_key(name or ""))


def by_code(code: str) -> DocType | None:
    """The type whose abbreviation opens a number's symbol, in its canonical spelling ("NĐ", "TTr")."""
    return _BY_CODE.get(code)


def by_title(title: str | None) -> DocType | None:
    """The type a title starts with: "Bộ luật Dân sự 2015" → Bộ luật, "Thông tư 12/2024/TT-BTC" → Thông tư."""
    key = compare_key(title or "")
    for doc_type in _BY_LENGTH:
        name = compare_key(doc_type.name)
        if key == name or key.startswith(name + " "):
            return doc_type
    return None


def by_heading(line: str) -> tuple[DocType, str] | None:
    """The type printed on a header line in capitals, and the rest of the line for the types whose
    name follows ("LUẬT DOANH NGHIỆP" → (Luật, "DOANH NGHIỆP")). Other types fill the whole line."""
    stripped = " ".join(line.split())
    key = compare_key(stripped)
    for doc_type in _BY_LENGTH:
        name = compare_key(doc_type.name)
        if key == name:
            return doc_type, ""
        if doc_type.named and key.startswith(name + " "):
            return doc_type, stripped[len(name) + 1 :].strip()
    return None


def _citation_key(words: str) -> str:
    return " ".join(fold_for_matching(normalize(words)).split())


_CITATION_WORDS: Final = {_citation_key(w): t for t in DOC_TYPES for w in t.citation_words}


def citation_words() -> dict[str, DocType]:
    """Every citation word, lower case without diacritics ("nghi dinh", "nd", "nd-cp"), and its type."""
    return dict(_CITATION_WORDS)
