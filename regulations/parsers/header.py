"""Parse the header (phần mở đầu) of a Vietnamese administrative or legal document.

The header holds, in the usual layout (Nghị định 30/2020/NĐ-CP on administrative documents):
the issuing body (cơ quan ban hành) in capitals, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập -
Tự do - Hạnh phúc", "Số: 45/2020/NĐ-CP", "<place>, ngày .. tháng .. năm ....", then either the
document type in capitals (NGHỊ ĐỊNH, QUYẾT ĐỊNH...) followed by the trích yếu, or, for letters
(công văn), a "V/v ..." line. Drafts carry "Dự thảo". Any of these may be missing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from regulations.legaltext import doctypes, issuers
from regulations.legaltext.normalize import compare_key, place_tones
from regulations.legaltext.numbers import read_symbol
from regulations.parsers.readers import normalize_text
from regulations.parsers.types import ParsedHeader

# -- text helpers ------------------------------------------------------------------------------


def is_caps(text: str) -> bool:
    """True when the line has letters and none of them is lower case."""
    if text != text.upper():
        return False
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if letters >= 2:
                return True
    return False


def _is_separator(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and all(c in "-_=–—*.~ " for c in stripped)


# -- patterns ----------------------------------------------------------------------------------

_REPUBLIC = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
_MOTTO = "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"
_NUMBER_LINE = re.compile(r"(?:^|(?<=[\s(]))(?:Luật |Bộ luật |Pháp lệnh |Nghị quyết )?(?:Số|SỐ|số)\s*:")
_NUMBER_VALUE = re.compile(r"^\s*(?P<num>[\w.…\-]*)\s*/\s*(?P<rest>[\w.\-]+(?:\s*/\s*[\w.\-]+)*)")
_DATE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?[\s.…_/-]*tháng\s*(?P<m>\d{1,2})?[\s.…_/-]*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_VV = re.compile(r"^(?:V/v|V/V|v/v|V\.v)\s*[:.]?\s*")
_DRAFT = re.compile(r"(?<!\w)(?:Dự thảo|DỰ THẢO|dự thảo)(?!\w)")
_DRAFT_LINE = re.compile(r"^\(?\s*(?:Dự thảo|DỰ THẢO)\b", re.IGNORECASE)
_BODY_START = re.compile(
    r"^(?:Kính gửi|Căn cứ|Xét đề nghị|Theo đề nghị|Điều\s+\d+"
    r"|Chương\s+[IVXLC\d]+\b|CHƯƠNG\s+[IVXLC\d]+\b|[IVX]{1,5}\s*[.:]\s|\d{1,2}\s*\.\s+\S|[a-zđ]\)\s)"
)
_ENACTING = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ ĐỊNH|BAN HÀNH|CHỈ THỊ)\s*:")
_AUTHORITY_PREFIXES = (
    "CHÍNH PHỦ", "THỦ TƯỚNG", "QUỐC HỘI", "ỦY BAN", "BỘ TRƯỞNG", "CHỦ TỊCH", "THỐNG ĐỐC",
    "TỔNG KIỂM TOÁN", "CHÁNH ÁN", "VIỆN TRƯỞNG", "HỘI ĐỒNG", "TỔNG THANH TRA", "CHỦ NHIỆM",
    "BỘ TRƯỞNG, CHỦ NHIỆM", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "GIÁM ĐỐC",
)  # fmt: skip
_UNIT_HEADS = (
    "SỞ ", "CỤC ", "TỔNG CỤC ", "VỤ ", "BAN ", "PHÒNG ", "VĂN PHÒNG ", "TRUNG TÂM ", "CHI CỤC ",
    "VIỆN ", "KHO BẠC ", "THANH TRA ",
)  # fmt: skip
_ATTACHED_TO = re.compile(
    r"(?:Ban hành\s+)?[Kk]èm theo\s+(?P<type>Kế hoạch|Quyết định|Nghị định|Thông tư|Nghị quyết"
    r"|Chỉ thị|Công văn|Thông báo)\s+số\s*:?\s*(?P<num>[\w.…]*)\s*/\s*"
    r"(?P<rest>[\w.\-]+(?:/[\w.\-]+)*)"
    r"(?:\s+ngày\s*(?P<date>[\d\s/.…]*?\d{4}))?"
)
_HEADER_SCAN_LIMIT = 60


# -- public ------------------------------------------------------------------------------------


def parse_header(text: str, source: str = "<text>") -> ParsedHeader:
    """Parse the header of a document. Never raises for missing parts: they are None.

    ``source`` names the document in messages; the header parser itself reports nothing."""
    del source  # kept for a uniform signature; a header with missing parts is not an error
    lines = normalize_text(text).split("\n")
    limit = _header_limit(lines)
    header = ParsedHeader()
    used: set[int] = set()

    republic = _find(lines, limit, lambda s: _REPUBLIC in compare_key(s))
    motto = _find(lines, limit, lambda s: compare_key(s).replace("–", "-").startswith(_MOTTO))
    number_at = _find(lines, limit, lambda s: bool(_NUMBER_LINE.search(s)))
    date_at = _find(lines, limit, lambda s: bool(_DATE.search(s)) and not s.strip().startswith("("))
    vv_at = _find(lines, limit, lambda s: bool(_VV.match(s.strip())))
    type_at, type_name, type_rest = _find_type_line(lines, limit)
    for index in (republic, motto, number_at, date_at, vv_at, type_at):
        if index is not None:
            used.add(index)

    # Issuing body: capital lines above the first other header element.
    firsts = [i for i in (republic, number_at, date_at, vv_at, type_at) if i is not None]
    issuer_end = min(firsts) if firsts else 0
    issuer_lines = [
        lines[i].strip()
        for i in range(issuer_end)
        if is_caps(lines[i]) and not _is_separator(lines[i]) and not _DRAFT_LINE.match(lines[i].strip())
    ]
    used.update(i for i in range(issuer_end) if is_caps(lines[i]))
    if republic is not None:
        before = _text_before_republic(lines[republic])
        if before:
            issuer_lines.append(before)
    if issuer_lines:
        header.issuer = issuers.proper_name(_pick_issuer(issuer_lines))

    year_hint: int | None = None
    if number_at is not None:
        line = lines[number_at]
        match = _NUMBER_LINE.search(line)
        assert match is not None
        number, suffix, year_hint = _parse_number(line[match.end() :])
        header.number, header.number_suffix = number, suffix

    if date_at is not None:
        place, issued, year = _parse_date_line(lines[date_at])
        header.place, header.issued_date, header.issued_year = place, issued, year

    title_lines: list[int] = []
    if vv_at is not None:
        title_lines = _continuation(lines, vv_at, limit)
        header.title = _join_title([_VV.sub("", lines[vv_at].strip())] + [lines[i] for i in title_lines])
        header.doc_type = "Công văn"
    if type_at is not None:
        header.doc_type = type_name
        lines_after, title = _type_title(lines, type_at, limit, type_name, type_rest, header.issuer)
        title_lines += lines_after
        if title and not header.title:
            header.title = title
    used.update(title_lines)

    # "Dự thảo" anywhere in the header, often on a line of its own.
    for index in range(limit):
        stripped = lines[index].strip()
        if _DRAFT_LINE.match(stripped) or (
            index in used and _DRAFT.search(stripped) and index not in title_lines and index != type_at
        ):
            header.is_draft = True
            used.add(index)

    suffix_type, suffix_issuer = doc_type_from_suffix(header.number_suffix)
    if header.doc_type is None:
        header.doc_type = suffix_type
    if header.issuer is None:
        header.issuer = suffix_issuer
    if header.issued_year is None:
        header.issued_year = year_hint

    if number_at is None and header.doc_type is not None:
        _fill_from_attachment_note(header, "\n".join(lines))

    last = max(used) if used else -1
    header.body_start_line = _skip_blank(lines, last + 1)
    return header


def doc_type_from_suffix(suffix: str | None) -> tuple[str | None, str | None]:
    """Names of the document type and issuing body a number suffix gives ("QĐ-TTg", "VPCP-KSTT",
    "QH14"); see ``regulations.legaltext.numbers.read_symbol``."""
    doc_type, issuer = read_symbol(suffix or "")
    return (doc_type.name if doc_type else None), (issuer.name if issuer else None)


# -- helpers -----------------------------------------------------------------------------------


def _header_limit(lines: Sequence[str]) -> int:
    """Index of the first line that surely belongs to the body (or the scan limit)."""
    end = min(len(lines), _HEADER_SCAN_LIMIT)
    for index in range(end):
        stripped = lines[index].strip()
        if _BODY_START.match(stripped) or _ENACTING.match(stripped):
            return index
    return end


def _find(lines: Sequence[str], limit: int, test: Callable[[str], bool]) -> int | None:
    for index in range(limit):
        if lines[index].strip() and test(lines[index]):
            return index
    return None


def _find_type_line(lines: Sequence[str], limit: int) -> tuple[int | None, str | None, str]:
    for index in range(limit):
        stripped = " ".join(lines[index].split())
        if not stripped or not is_caps(stripped) or stripped.endswith(":"):
            continue
        if _REPUBLIC in compare_key(stripped):
            continue
        found = doctypes.by_heading(stripped)
        if found is not None:
            return index, found[0].name, found[1]
    return None, None, ""


def _text_before_republic(line: str) -> str:
    key = place_tones(line)
    position = key.upper().find("CỘNG HÒA")
    if position <= 0:
        return ""
    before = line[:position].strip(" -–|")
    return before if is_caps(before) else ""


def _pick_issuer(issuer_lines: list[str]) -> str:
    """ "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ" → the unit on the last lines; otherwise join the lines."""
    for index in range(1, len(issuer_lines)):
        if compare_key(issuer_lines[index]).startswith(_UNIT_HEADS):
            return " ".join(issuer_lines[index:])
    return " ".join(issuer_lines)


def _parse_number(after_colon: str) -> tuple[str | None, str | None, int | None]:
    match = _NUMBER_VALUE.match(after_colon)
    if not match:
        token = after_colon.strip().split(" ")[0] if after_colon.strip() else ""
        return (token or None), None, None
    num = match.group("num")
    rest = re.sub(r"\s+", "", match.group("rest"))
    suffix = rest.split("/")[-1] or None
    year: int | None = None
    for segment in rest.split("/")[:-1]:
        if re.fullmatch(r"(?:19|20)\d\d", segment):
            year = int(segment)
    if not any(c.isalnum() for c in num):
        return None, suffix, year
    return f"{num}/{rest}", suffix, year


def _parse_date_line(line: str) -> tuple[str | None, datetime.date | None, int | None]:
    match = _DATE.search(line)
    if not match:
        return None, None, None
    year = int(match.group("y"))
    issued: datetime.date | None = None
    if match.group("d") and match.group("m"):
        try:
            issued = datetime.date(year, int(match.group("m")), int(match.group("d")))
        except ValueError:
            issued = None
    before = line[: match.start()]
    number = _NUMBER_LINE.search(before)
    if number:
        # "Số: 727/TTg-KSTT   Hà Nội, ngày ..." (cells of one table row on one line)
        after = before[number.end() :]
        value = _NUMBER_VALUE.match(after)
        before = after[value.end() :] if value else after
    place = " ".join(before.split()).strip(" ,;-–")
    if not place or len(place) > 40 or not place[0].isupper():
        return None, issued, year
    return place, issued, year


def _is_authority(line: str, issuer: str | None) -> bool:
    key = compare_key(line)
    if issuer and key == compare_key(issuer):
        return True
    return key.startswith(_AUTHORITY_PREFIXES)


def _continuation(lines: Sequence[str], start: int, limit: int) -> list[int]:
    """Indexes of the lines that continue a title line (they start in lower case or a digit)."""
    result: list[int] = []
    index = start + 1
    while index < len(lines) and index < limit:
        stripped = lines[index].strip()
        if not stripped or _BODY_START.match(stripped) or _DATE.search(stripped):
            break
        if not (stripped[0].islower() or stripped[0].isdigit()):
            break
        result.append(index)
        index += 1
    return result


def _type_title(
    lines: Sequence[str],
    type_at: int,
    limit: int,
    type_name: str | None,
    type_rest: str,
    issuer: str | None,
) -> tuple[list[int], str | None]:
    """Lines of the trích yếu after the type line, and the enacting-body line if any."""
    used: list[int] = []
    parts: list[str] = [type_rest] if type_rest else []
    index = _skip_blank(lines, type_at + 1)
    title_caps = bool(type_rest)
    if not type_rest and index < min(len(lines), limit):
        stripped = lines[index].strip()
        caps = is_caps(stripped)
        if stripped and not _BODY_START.match(stripped) and not _ENACTING.match(stripped):
            if not caps or (_is_named(type_name) or not _is_authority(stripped, issuer)):
                parts.append(stripped)
                used.append(index)
                title_caps = caps
                index += 1
    # continuation lines: lower-case starts (or more capitals for a capitalised title)
    while parts and index < len(lines) and index < limit:
        stripped = lines[index].strip()
        if not stripped or _BODY_START.match(stripped) or _ENACTING.match(stripped):
            break
        lower_start = stripped[0].islower() or stripped[0].isdigit() or stripped[0] in "(-–"
        if title_caps and is_caps(stripped) and not _is_authority(stripped, issuer):
            pass
        elif not lower_start or (title_caps and not is_caps(stripped)):
            break
        parts.append(stripped)
        used.append(index)
        index += 1
    # enacting body ("CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ") right after the title
    after = _skip_blank(lines, index)
    if after < min(len(lines), limit):
        stripped = lines[after].strip()
        if is_caps(stripped) and len(stripped) <= 90 and not stripped.endswith(":"):
            if _is_authority(stripped, issuer) or not parts:
                used.append(after)
    title = _join_title(parts) if parts else None
    if title and title_caps:
        title = _sentence_case(title)
    return used, title


def _is_named(type_name: str | None) -> bool:
    """A type whose own name follows it ("LUẬT / DOANH NGHIỆP")."""
    found = doctypes.by_name(type_name)
    return found is not None and found.named


def _sentence_case(text: str) -> str:
    return issuers.always_capital(text.lower())


def _join_title(parts: Sequence[str]) -> str:
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _skip_blank(lines: Sequence[str], index: int) -> int:
    while index < len(lines) and (not lines[index].strip() or _is_separator(lines[index])):
        index += 1
    return index


def _fill_from_attachment_note(header: ParsedHeader, text: str) -> None:
    """A plan without its header still names itself in its appendix:
    "(Kèm theo Kế hoạch số   /KH-UBND ngày  /  /2022 của UBND tỉnh)"."""
    for match in _ATTACHED_TO.finditer(text):
        if match.group("type") != header.doc_type:
            continue
        rest = re.sub(r"\s+", "", match.group("rest"))
        header.number_suffix = header.number_suffix or rest.split("/")[-1]
        num = match.group("num")
        if header.number is None and any(c.isalnum() for c in num):
            header.number = f"{num}/{rest}"
        date_text = match.group("date") or ""
        parts = [p for p in re.split(r"[\s/.…]+", date_text) if p]
        if header.issued_year is None and parts and re.fullmatch(r"\d{4}", parts[-1]):
            header.issued_year = int(parts[-1])
        if header.issued_date is None and len(parts) == 3 and header.issued_year:
            try:
                header.issued_date = datetime.date(header.issued_year, int(parts[1]), int(parts[0]))
            except ValueError:
                pass
        if header.issuer is None:
            header.issuer = doc_type_from_suffix(header.number_suffix)[1]
        return
