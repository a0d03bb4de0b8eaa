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

from regulations.parsers.readers import normalize_text
from regulations.parsers.types import ParsedHeader

# -- suffix codes ------------------------------------------------------------------------------

# Issuing bodies by the code used in document numbers ("…/TT-BTC", "…/VPCP-KSTT").
ISSUER_CODES: dict[str, str] = {
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Công Thương",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTP": "Bộ Tư pháp",
    "BNV": "Bộ Nội vụ",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BXD": "Bộ Xây dựng",
    "BGTVT": "Bộ Giao thông vận tải",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "TTCP": "Thanh tra Chính phủ",
    "UBDT": "Ủy ban Dân tộc",
    "KTNN": "Kiểm toán nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "BHXH": "Bảo hiểm xã hội Việt Nam",
    "UBQLV": "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
}

# Document-type codes that open a number suffix ("NQ-CP", "QĐ-TTg", "TT-BTC").
TYPE_CODES: dict[str, str] = {
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "NĐ": "Nghị định",
    "ND": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "PL": "Pháp lệnh",
    "VBHN": "Văn bản hợp nhất",
    "HD": "Khác",
    "HĐ": "Khác",
    "BC": "Khác",
    "TTr": "Khác",
    "CĐ": "Khác",
    "QC": "Khác",
    "ĐA": "Khác",
    "CTr": "Khác",
}

# The type line ("NGHỊ ĐỊNH") as printed, longest first so "BỘ LUẬT" wins over "LUẬT".
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
    ("VĂN BẢN HỢP NHẤT", "Văn bản hợp nhất"),
    ("HIẾN PHÁP", "Hiến pháp"),
    ("BỘ LUẬT", "Bộ luật"),
    ("PHÁP LỆNH", "Pháp lệnh"),
    ("NGHỊ QUYẾT", "Nghị quyết"),
    ("NGHỊ ĐỊNH", "Nghị định"),
    ("QUYẾT ĐỊNH", "Quyết định"),
    ("CHỈ THỊ", "Chỉ thị"),
    ("THÔNG TƯ", "Thông tư"),
    ("CÔNG VĂN", "Công văn"),
    ("KẾ HOẠCH", "Kế hoạch"),
    ("THÔNG BÁO", "Thông báo"),
    ("LUẬT", "Luật"),
)
# Other titled documents: only when the line is exactly this word.
_OTHER_TYPE_WORDS = frozenset(
    {
        "BÁO CÁO",
        "HƯỚNG DẪN",
        "TỜ TRÌNH",
        "CÔNG ĐIỆN",
        "ĐỀ ÁN",
        "CHƯƠNG TRÌNH",
        "QUY CHẾ",
        "QUY ĐỊNH",
    }
)
# Types whose name follows on the type line itself ("LUẬT DOANH NGHIỆP").
_NAMED_TYPES = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"})

# -- text helpers ------------------------------------------------------------------------------

# Old and new placement of the tone mark on "oa", "oe", "uy" ("hoà" / "hòa", "Uỷ" / "Ủy").
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
# Only at the end of a syllable ("hoạch" keeps its mark) and not after "q" ("quý").
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(_TONE_PAIRS) + r")(?!\w)", re.IGNORECASE)


def modern_tone(text: str) -> str:
    """Put tone marks in the modern place ("Uỷ ban" → "Ủy ban", "HOÀ" → "HÒA")."""

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        new = _TONE_PAIRS[found.lower()]
        if found.isupper():
            return new.upper()
        if found[0].isupper():
            return new[0].upper() + new[1:]
        return new

    return _TONE_RE.sub(swap, text)


def fold_key(text: str) -> str:
    """Comparison key: modern tone marks, upper case, single spaces."""
    return " ".join(modern_tone(text).upper().split())


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

    republic = _find(lines, limit, lambda s: _REPUBLIC in fold_key(s))
    motto = _find(lines, limit, lambda s: fold_key(s).replace("–", "-").startswith(_MOTTO))
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
        header.issuer = agency_name(_pick_issuer(issuer_lines))

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
        if type_name == "Khác":
            # "QUY CHẾ / Tiếp nhận phản ánh" → "Quy chế tiếp nhận phản ánh"
            word = _sentence_case(" ".join(lines[type_at].split()))
            title = f"{word} {title[:1].lower()}{title[1:]}" if title else word
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
    """Document type and issuing body read from a number suffix ("QĐ-TTg", "VPCP-KSTT", "QH14")."""
    if not suffix:
        return None, None
    parts = [part for part in suffix.split("-") if part]
    if not parts:
        return None, None
    first = parts[0]
    if first in TYPE_CODES:
        issuer = issuer_from_code(parts[1]) if len(parts) > 1 else None
        return TYPE_CODES[first], issuer
    bare = re.sub(r"\d+$", "", first)
    if bare == "QH":
        return "Luật", "Quốc hội"
    if bare == "UBTVQH":
        return "Nghị quyết", "Ủy ban Thường vụ Quốc hội"
    if bare in ISSUER_CODES or bare.startswith(("UBND", "HĐND", "BCĐ")) or is_caps(bare):
        # "727/TTg-KSTT": a letter (công văn) numbered by its issuer and drafting unit.
        return "Công văn", issuer_from_code(bare)
    return None, None


def issuer_from_code(code: str) -> str | None:
    return ISSUER_CODES.get(re.sub(r"\d+$", "", code))


_KNOWN_NAMES: dict[str, str] = {fold_key(name): name for name in ISSUER_CODES.values()}
_KNOWN_NAMES.update(
    {fold_key(name): name for name in ("Ngân hàng Nhà nước", "Tổng Liên đoàn Lao động Việt Nam", "Bộ Công Thương")}
)
_LOCALITY_WORDS = frozenset({"tỉnh", "phố", "huyện", "quận", "xã", "phường", "trấn"})
_MINISTRY_HEADS = ("bộ ", "sở ", "cục ", "tổng cục ", "vụ ", "chi cục ")
_ALWAYS_CAPITAL = {"chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "việt nam": "Việt Nam"}


def agency_name(raw: str) -> str:
    """Normal case for an issuing body printed in capitals.

    "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" → "Ủy ban nhân dân tỉnh Đắk Nông",
    "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" → "Bộ Kế hoạch và Đầu tư",
    "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ".
    """
    name = " ".join(modern_tone(raw).split()).strip(" ,.;:-")
    key = fold_key(name)
    if key in _KNOWN_NAMES:
        return _KNOWN_NAMES[key]
    if not is_caps(name):
        return name
    words = name.lower().split(" ")
    ministry = name.lower().startswith(_MINISTRY_HEADS)
    out: list[str] = []
    title_rest = False
    capitalise_next = True
    for position, word in enumerate(words):
        if title_rest or capitalise_next:
            word = word[:1].upper() + word[1:]
        out.append(word)
        capitalise_next = False
        lowered = word.lower()
        if lowered in _LOCALITY_WORDS and position + 1 < len(words):
            title_rest = True
        elif ministry and (
            (position == 0 and lowered != "tổng" and lowered != "chi")
            or (position == 1 and words[0] in ("tổng", "chi"))
            or lowered in ("và", "-", "–")
            or word.endswith(",")
        ):
            capitalise_next = True
    result = " ".join(out)
    for lower, proper in _ALWAYS_CAPITAL.items():
        result = re.sub(rf"(?<!\w){lower}(?!\w)", proper, result, flags=re.IGNORECASE)
    return result[:1].upper() + result[1:]


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
        key = fold_key(stripped)
        if _REPUBLIC in key:
            continue
        if key in _OTHER_TYPE_WORDS:
            return index, "Khác", ""
        for word, name in _TYPE_WORDS:
            if key == word:
                return index, name, ""
            if name in _NAMED_TYPES and key.startswith(word + " "):
                return index, name, stripped[len(word) + 1 :].strip()
    return None, None, ""


def _text_before_republic(line: str) -> str:
    key = modern_tone(line)
    position = key.upper().find("CỘNG HÒA")
    if position <= 0:
        return ""
    before = line[:position].strip(" -–|")
    return before if is_caps(before) else ""


def _pick_issuer(issuer_lines: list[str]) -> str:
    """ "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ" → the unit on the last lines; otherwise join the lines."""
    for index in range(1, len(issuer_lines)):
        if fold_key(issuer_lines[index]).startswith(_UNIT_HEADS):
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
    key = fold_key(line)
    if issuer and key == fold_key(issuer):
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
            if not caps or (type_name in _NAMED_TYPES or not _is_authority(stripped, issuer)):
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


def _sentence_case(text: str) -> str:
    lowered = text.lower()
    for lower, proper in _ALWAYS_CAPITAL.items():
        lowered = re.sub(rf"(?<!\w){lower}(?!\w)", proper, lowered)
    return lowered[:1].upper() + lowered[1:]


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
