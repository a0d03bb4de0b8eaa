"""Agencies in the database, from the names and number codes of the issuers table.

The table itself (names, codes in numbers, kinds, aliases) is pure data in
``regulations/legaltext/issuers.py``; this module finds or creates the ``Agency`` rows.
"""

from django.utils.text import slugify

from regulations.legaltext import issuers
from regulations.legaltext.numbers import canonical_number
from regulations.models import Agency, AgencyKind


def agency_slug(name: str) -> str:
    return slugify(name.replace("Đ", "D").replace("đ", "d"), allow_unicode=False)[:100]


def ensure_agency(known: issuers.Issuer) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=known.name,
        defaults={
            "short_name": known.short,
            "code": known.code,
            "slug": agency_slug(known.name),
            "kind": known.kind,
        },
    )
    return agency


def resolve_agency(name: str | None = None, number: str | None = None) -> Agency | None:
    """The agency named in a header or record ('BỘ TÀI CHÍNH'), else the one coded in the number."""
    if name:
        known = issuers.by_name(name)
        if known:
            return ensure_agency(known)
        existing = Agency.objects.filter(name__iexact=name.strip()).first()
        if existing:
            return existing
        pretty = issuers.proper_name(name)  # "SỞ TƯ PHÁP TỈNH LÂM ĐỒNG" → "Sở Tư pháp tỉnh Lâm Đồng"
        agency, _ = Agency.objects.get_or_create(
            name=pretty, defaults={"slug": agency_slug(pretty), "kind": AgencyKind.OTHER}
        )
        return agency
    if number and "/" in number:
        suffix = canonical_number(number).rsplit("/", 1)[-1]
        for code in reversed(suffix.split("-")):
            known = issuers.by_code(code)  # "QH14" is QH
            if known:
                return ensure_agency(known)
    return None
