"""Issuing bodies: their names, the code their numbers carry ("…/TT-BTC", "…/VPCP-KSTT") and kind.

``ISSUERS`` is the one table (it merges the header parser's issuer codes and the portal's known
agencies, which disagreed on one point, decided here: "Chủ tịch nước" is the President, an office
of its own that issues orders and decisions (Luật 64/2025/QH15 Điều 4), not the National
Assembly; the gazette's issuer "Quốc hội - Chủ tịch nước" of a law promulgated by the President's
order is the National Assembly).

Kinds are plain strings, the values of the portal's ``AgencyKind`` choices. The database side
(``Agency`` rows, ``ensure_agency``, ``resolve_agency``) is in ``regulations/agencies.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from regulations.legaltext.normalize import compare_key, place_tones

__all__ = [
    "GOVERNMENT",
    "GOVERNMENT_AGENCY",
    "ISSUERS",
    "KINDS",
    "LEGISLATURE",
    "MINISTRY",
    "MINISTRY_LEVEL",
    "OTHER",
    "PROVINCE",
    "Issuer",
    "by_code",
    "by_name",
    "proper_name",
]

LEGISLATURE: Final = "quoc-hoi"
GOVERNMENT: Final = "chinh-phu"
MINISTRY: Final = "bo"
MINISTRY_LEVEL: Final = "co-quan-ngang-bo"
GOVERNMENT_AGENCY: Final = "co-quan-thuoc-chinh-phu"
PROVINCE: Final = "tinh"
OTHER: Final = "khac"
KINDS: Final = (LEGISLATURE, GOVERNMENT, MINISTRY, MINISTRY_LEVEL, GOVERNMENT_AGENCY, PROVINCE, OTHER)


@dataclass(frozen=True)
class Issuer:
    name: str
    code: str  # in numbers, canonical spelling ("BKHĐT", "TTg"); "" when it has none
    kind: str  # one of KINDS
    short_name: str = ""  # defaults to the code
    aliases: tuple[str, ...] = ()  # other ways its name is written, in normal case

    @property
    def short(self) -> str:
        return self.short_name or self.code


ISSUERS: Final[tuple[Issuer, ...]] = (
    Issuer("Quốc hội", "QH", LEGISLATURE, aliases=("Quốc hội - Chủ tịch nước",)),
    Issuer("Ủy ban Thường vụ Quốc hội", "UBTVQH", LEGISLATURE),
    Issuer("Chủ tịch nước", "CTN", OTHER),
    Issuer("Chính phủ", "CP", GOVERNMENT),
    Issuer("Thủ tướng Chính phủ", "TTg", GOVERNMENT),
    Issuer("Văn phòng Chính phủ", "VPCP", MINISTRY_LEVEL),
    Issuer("Bộ Tài chính", "BTC", MINISTRY),
    Issuer("Bộ Công Thương", "BCT", MINISTRY),
    Issuer("Bộ Kế hoạch và Đầu tư", "BKHĐT", MINISTRY),
    Issuer("Bộ Xây dựng", "BXD", MINISTRY),
    Issuer("Bộ Tư pháp", "BTP", MINISTRY),
    Issuer("Bộ Y tế", "BYT", MINISTRY),
    Issuer("Bộ Công an", "BCA", MINISTRY),
    Issuer("Bộ Quốc phòng", "BQP", MINISTRY),
    Issuer("Bộ Ngoại giao", "BNG", MINISTRY),
    Issuer("Bộ Nội vụ", "BNV", MINISTRY),
    Issuer("Bộ Nông nghiệp và Môi trường", "BNNMT", MINISTRY),
    Issuer("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT", MINISTRY),
    Issuer("Bộ Tài nguyên và Môi trường", "BTNMT", MINISTRY),
    Issuer("Bộ Giao thông vận tải", "BGTVT", MINISTRY),
    Issuer("Bộ Thông tin và Truyền thông", "BTTTT", MINISTRY),
    Issuer("Bộ Khoa học và Công nghệ", "BKHCN", MINISTRY),
    Issuer("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL", MINISTRY),
    Issuer("Bộ Lao động - Thương binh và Xã hội", "BLĐTBXH", MINISTRY),
    Issuer("Bộ Giáo dục và Đào tạo", "BGDĐT", MINISTRY),
    Issuer("Bộ Dân tộc và Tôn giáo", "BDTTG", MINISTRY),
    Issuer("Ngân hàng Nhà nước Việt Nam", "NHNN", MINISTRY_LEVEL, aliases=("Ngân hàng Nhà nước",)),
    Issuer("Thanh tra Chính phủ", "TTCP", MINISTRY_LEVEL),
    Issuer("Ủy ban Dân tộc", "UBDT", MINISTRY_LEVEL),
    Issuer("Bảo hiểm xã hội Việt Nam", "BHXH", GOVERNMENT_AGENCY),
    Issuer("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "UBQLV", GOVERNMENT_AGENCY),
    Issuer("Kiểm toán nhà nước", "KTNN", OTHER),
    Issuer("Tòa án nhân dân tối cao", "TANDTC", OTHER),
    Issuer("Hội đồng Thẩm phán Tòa án nhân dân tối cao", "HĐTP", OTHER),
    Issuer("Viện kiểm sát nhân dân tối cao", "VKSNDTC", OTHER),
    Issuer("Tổng Liên đoàn Lao động Việt Nam", "", OTHER),
    Issuer(
        "Ủy ban nhân dân tỉnh Đắk Nông",
        "UBND",
        PROVINCE,
        short_name="UBND tỉnh Đắk Nông",
        aliases=("UBND tỉnh Đắk Nông", "Ủy ban nhân dân tỉnh Đăk Nông"),
    ),
)

_TRAILING_DIGITS: Final = re.compile(r"\d+$")


def _name_key(name: str) -> str:
    return compare_key(name).strip(" .")


_BY_NAME: Final = {_name_key(alias): i for i in ISSUERS for alias in (i.name, *i.aliases)}
# Every province numbers its letters "…/UBND-…": the code alone does not tell which.
_BY_CODE: Final = {i.code: i for i in ISSUERS if i.code and i.kind != PROVINCE}


def by_code(code: str) -> Issuer | None:
    """The issuer coded ``code`` in a number, canonical spelling, term digits ignored ("QH14")."""
    return _BY_CODE.get(_TRAILING_DIGITS.sub("", code))


def by_name(name: str) -> Issuer | None:
    """The issuer named ``name`` in any case, spacing or tone placement ("BỘ TÀI CHÍNH")."""
    return _BY_NAME.get(_name_key(name))


# Known spellings (names and aliases) for printing a name found in capitals.
_SPELLINGS: Final = {_name_key(alias): alias for i in ISSUERS for alias in (i.name, *i.aliases)}
_LOCALITY_WORDS: Final = frozenset({"tỉnh", "phố", "huyện", "quận", "xã", "phường", "trấn"})
_MINISTRY_HEADS: Final = ("bộ ", "sở ", "cục ", "tổng cục ", "vụ ", "chi cục ")
_ALWAYS_CAPITAL: Final = {"chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "việt nam": "Việt Nam"}


def _is_caps(text: str) -> bool:
    return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 2


def proper_name(raw: str) -> str:
    """An issuing body printed in capitals, in normal case.

    "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" → "Ủy ban nhân dân tỉnh Đắk Nông",
    "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" → "Bộ Kế hoạch và Đầu tư",
    "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ". A name not in capitals is kept.
    """
    name = " ".join(place_tones(raw).split()).strip(" ,.;:-")
    known = _SPELLINGS.get(_name_key(name))
    if known is not None:
        return known
    if not _is_caps(name):
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
    return always_capital(result)


def always_capital(text: str) -> str:
    """ "chính phủ", "quốc hội", "việt nam" written with their capitals, and the first letter too."""
    for lower, proper in _ALWAYS_CAPITAL.items():
        text = re.sub(rf"(?<!\w){lower}(?!\w)", proper, text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]
