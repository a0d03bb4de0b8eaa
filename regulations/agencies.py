"""Known agencies and how to recognise them in headers, numbers and gazette records."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

from regulations.models import Agency, AgencyKind


@dataclass(frozen=True)
class KnownAgency:
    name: str
    short_name: str
    code: str
    kind: str
    aliases: tuple[str, ...] = ()


KNOWN_AGENCIES: tuple[KnownAgency, ...] = (
    KnownAgency("Quốc hội", "QH", "QH", AgencyKind.LEGISLATURE, ("quốc hội - chủ tịch nước", "chủ tịch nước")),
    KnownAgency("Ủy ban Thường vụ Quốc hội", "UBTVQH", "UBTVQH", AgencyKind.LEGISLATURE),
    KnownAgency("Chính phủ", "CP", "CP", AgencyKind.GOVERNMENT),
    KnownAgency("Thủ tướng Chính phủ", "TTg", "TTg", AgencyKind.GOVERNMENT),
    KnownAgency("Văn phòng Chính phủ", "VPCP", "VPCP", AgencyKind.MINISTRY_LEVEL),
    KnownAgency("Bộ Tài chính", "BTC", "BTC", AgencyKind.MINISTRY),
    KnownAgency("Bộ Công Thương", "BCT", "BCT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Kế hoạch và Đầu tư", "BKHĐT", "BKHĐT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Xây dựng", "BXD", "BXD", AgencyKind.MINISTRY),
    KnownAgency("Bộ Tư pháp", "BTP", "BTP", AgencyKind.MINISTRY),
    KnownAgency("Bộ Y tế", "BYT", "BYT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Công an", "BCA", "BCA", AgencyKind.MINISTRY),
    KnownAgency("Bộ Quốc phòng", "BQP", "BQP", AgencyKind.MINISTRY),
    KnownAgency("Bộ Ngoại giao", "BNG", "BNG", AgencyKind.MINISTRY),
    KnownAgency("Bộ Nội vụ", "BNV", "BNV", AgencyKind.MINISTRY),
    KnownAgency("Bộ Nông nghiệp và Môi trường", "BNNMT", "BNNMT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT", "BNNPTNT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Tài nguyên và Môi trường", "BTNMT", "BTNMT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Giao thông vận tải", "BGTVT", "BGTVT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Thông tin và Truyền thông", "BTTTT", "BTTTT", AgencyKind.MINISTRY),
    KnownAgency("Bộ Khoa học và Công nghệ", "BKHCN", "BKHCN", AgencyKind.MINISTRY),
    KnownAgency("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL", "BVHTTDL", AgencyKind.MINISTRY),
    KnownAgency("Bộ Lao động - Thương binh và Xã hội", "BLĐTBXH", "BLĐTBXH", AgencyKind.MINISTRY),
    KnownAgency("Bộ Giáo dục và Đào tạo", "BGDĐT", "BGDĐT", AgencyKind.MINISTRY),
    KnownAgency("Ngân hàng Nhà nước Việt Nam", "NHNN", "NHNN", AgencyKind.MINISTRY_LEVEL),
    KnownAgency("Thanh tra Chính phủ", "TTCP", "TTCP", AgencyKind.MINISTRY_LEVEL),
    KnownAgency(
        "Ủy ban nhân dân tỉnh Đắk Nông",
        "UBND tỉnh Đắk Nông",
        "UBND",
        AgencyKind.PROVINCE,
        ("ubnd tỉnh đắk nông", "ủy ban nhân dân tỉnh đăk nông"),
    ),
)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"\s+", " ", text).strip(" .")


def agency_slug(name: str) -> str:
    return slugify(name.replace("Đ", "D").replace("đ", "d"), allow_unicode=False)[:100]


def _lookup() -> dict[str, KnownAgency]:
    table: dict[str, KnownAgency] = {}
    for known in KNOWN_AGENCIES:
        table[_key(known.name)] = known
        for alias in known.aliases:
            table[_key(alias)] = known
    return table


_BY_NAME = _lookup()
_BY_CODE = {known.code.lower(): known for known in KNOWN_AGENCIES if known.kind != AgencyKind.PROVINCE}


def ensure_agency(known: KnownAgency) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=known.name,
        defaults={
            "short_name": known.short_name,
            "code": known.code,
            "slug": agency_slug(known.name),
            "kind": known.kind,
        },
    )
    return agency


def resolve_agency(name: str | None = None, number: str | None = None) -> Agency | None:
    """The agency named in a header or record ('BỘ TÀI CHÍNH'), else the one coded in the number."""
    if name:
        known = _BY_NAME.get(_key(name))
        if known:
            return ensure_agency(known)
        existing = Agency.objects.filter(name__iexact=name.strip()).first()
        if existing:
            return existing
        pretty = name.strip()
        if pretty.isupper():
            pretty = pretty[:1] + pretty[1:].lower()
        agency, _ = Agency.objects.get_or_create(
            name=pretty, defaults={"slug": agency_slug(pretty), "kind": AgencyKind.OTHER}
        )
        return agency
    if number and "/" in number:
        suffix = number.rsplit("/", 1)[-1]
        for code in reversed(suffix.split("-")):
            code = re.sub(r"\d+$", "", code).lower()  # QH14 -> qh
            known = _BY_CODE.get(code)
            if known:
                return ensure_agency(known)
    return None
