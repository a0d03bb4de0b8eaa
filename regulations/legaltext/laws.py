"""Laws and codes by name, resolved by date.

"Bộ luật Lao động 2019" is 45/2019/QH14. A name without a year ("Luật Đầu tư", "BLLĐ") means the
law of that name in force on the given date (default: today): on 28/02/2026 "Luật Đầu tư" is
61/2020/QH14, from 01/03/2026 it is 143/2025/QH15. The versions, their numbers and dates are in
``law_table``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Final

from regulations.legaltext import doctypes
from regulations.legaltext.law_table import LAW_ALIASES, LAWS, LawVersion
from regulations.legaltext.normalize import fold_diacritics, normalize

__all__ = [
    "Law",
    "canonical_law_name",
    "earlier_versions",
    "law_by_number",
    "law_by_number_prefix",
    "law_lookup_key",
    "law_names",
    "replacement",
    "later_version",
    "resolve_law",
    "versions",
]


@dataclass(frozen=True)
class Law:
    name: str  # "Luật Đầu tư"
    year: int  # the year in its short name ("Luật Đầu tư 2020")
    number: str | None  # "61/2020/QH14"; None where the number is not confirmed
    doc_type: str  # "Luật", "Bộ luật" or "Hiến pháp"
    effective: datetime.date | None = None  # in force from (None: not recorded)
    adopted: datetime.date | None = None

    @property
    def in_force_from(self) -> datetime.date:
        """The date in force, or 1 January of its year when it is not recorded."""
        return self.effective or datetime.date(self.year, 1, 1)

    @property
    def title(self) -> str:
        """ "Luật Đầu tư số 61/2020/QH14", or "Luật Viên chức 2025" when the number is not known."""
        return f"{self.name} số {self.number}" if self.number else f"{self.name} {self.year}"


_PUNCT_RE: Final = re.compile(r"[^\w\s]+")
_SPACES_RE: Final = re.compile(r"\s+")


def law_lookup_key(name: str) -> str:
    """Key for names typed any way: "Bộ luật  lao động" == "bo luat lao dong" == "BỘ LUẬT..."."""
    folded = fold_diacritics(normalize(name)).lower()
    return _SPACES_RE.sub(" ", _PUNCT_RE.sub(" ", folded)).strip()


def _doc_type_of(name: str) -> str:
    found = doctypes.by_title(name)
    return found.name if found in (doctypes.CODE, doctypes.CONSTITUTION) else doctypes.LAW.name


def _law(name: str, version: LawVersion) -> Law:
    return Law(name, version.year, version.number, _doc_type_of(name), version.effective, version.adopted)


# Each name's versions in the order they entered into force.
_VERSIONS: Final[dict[str, tuple[Law, ...]]] = {
    name: tuple(sorted((_law(name, v) for v in rows), key=lambda law: (law.in_force_from, law.year)))
    for name, rows in LAWS.items()
}
_NAMES_BY_KEY: Final[dict[str, str]] = {law_lookup_key(name): name for name in LAWS}
for _alias, _name in LAW_ALIASES.items():
    _NAMES_BY_KEY.setdefault(law_lookup_key(_alias), _name)
_BY_NUMBER: Final[dict[str, Law]] = {}
for _laws in _VERSIONS.values():
    for _known in sorted(_laws, key=lambda law: law.year):
        if _known.number:
            _BY_NUMBER.setdefault(_known.number.upper(), _known)


def law_names() -> list[str]:
    """Every name and alias that resolves, as written in the tables."""
    return [*LAWS, *LAW_ALIASES]


def canonical_law_name(name: str) -> str | None:
    """The table's spelling of a name or alias ("bllđ" → "Bộ luật Lao động")."""
    return _NAMES_BY_KEY.get(law_lookup_key(name))


def versions(name: str) -> tuple[Law, ...]:
    """Every version of the law so named, oldest first (empty for an unknown name)."""
    canonical = canonical_law_name(name)
    return _VERSIONS[canonical] if canonical else ()


def resolve_law(name: str, year: int | None = None, on: datetime.date | None = None) -> Law | None:
    """The law a name cites: ("Bộ luật Lao động", 2019) → 45/2019/QH14.

    Without a year, the version in force on ``on`` (default today); before the first version
    entered into force, that first version (a text written before a law takes effect cites it).
    A known name with a year that is not in the table returns None (the caller keeps the name
    and year, with no number)."""
    found = versions(name)
    if not found:
        return None
    if year is not None:
        return next((law for law in reversed(found) if law.year == year), None)
    day = on or datetime.date.today()
    in_force = [law for law in found if law.in_force_from <= day]
    return in_force[-1] if in_force else found[0]


def law_by_number(number: str) -> Law | None:
    """The law with this official number ("45/2019/QH14"), if it is in the table."""
    return _BY_NUMBER.get(number.upper())


def earlier_versions(law: Law) -> list[Law]:
    """The versions of the same name that ``law`` replaced, newest first, one per number."""
    found = _VERSIONS.get(law.name, ())
    older = [v for v in found if (v.in_force_from, v.year) < (law.in_force_from, law.year)]
    seen = {law.number}
    out: list[Law] = []
    for version in reversed(older):
        if version.number not in seen:
            seen.add(version.number)
            out.append(version)
    return out


def later_version(law: Law, on: datetime.date | None = None) -> Law | None:
    """The version that replaced ``law`` and is in force on ``on`` (default today), if any."""
    current = resolve_law(law.name, on=on)
    if current is None or current.number == law.number and law.number is not None:
        return None
    if (current.in_force_from, current.year) <= (law.in_force_from, law.year):
        return None
    return current


def law_by_number_prefix(prefix: str) -> Law | None:
    """The first law in the table whose number starts with ``prefix`` ("45/2019/" → 45/2019/QH14)."""
    for found in _VERSIONS.values():
        for law in found:
            if law.number and law.number.startswith(prefix):
                return law_by_number(law.number)
    return None


def replacement(number: str, on: datetime.date | None = None) -> Law | None:
    """The law that has replaced the law numbered ``number`` and is in force on ``on`` (default
    today): "61/2020/QH14" → Luật Đầu tư 143/2025/QH15 from 01/03/2026; None when that law is
    still in force or not in the table."""
    law = law_by_number(number)
    return later_version(law, on) if law is not None else None
