"""What the text of an administrative procedure says: its fees (phí, lệ phí), its time limit
(thời hạn giải quyết) and its dossier (thành phần hồ sơ).

Built on the money and duration recognisers (``recognizers``): an amount is a *fee* when the part
of its sentence before it names a fee or a charge ("Lệ phí cấp giấy phép là …", "Mức thu phí …")
and nothing else the text requires money for (charter capital, a deposit, taxes, fines,
turnover); a duration is a *time limit* when its sentence sets the time the authority or the
applicant has ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ …"). A dossier
is the list of papers after "Hồ sơ … (bao) gồm:", as points "a) …", "b) …" or dashes, on the
following lines or in the same paragraph.

Pure: the text in, typed findings with character spans out (offsets in the normalised text,
``normalize(text, keep_newlines=True)``, as the recognisers give them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from regulations.legaltext.normalize import normalize
from regulations.legaltext.recognizers import DURATION, MONEY, recognize

__all__ = [
    "DossierItem",
    "Fee",
    "TimeLimit",
    "dossier_items",
    "fees",
    "opens_dossier_list",
    "read_procedure",
    "time_limits",
]

# The sentence an amount or a duration belongs to ends at ";", ":", a line break or a full stop
# followed by a space (not the dots inside "400.000").
_BOUNDARY: Final = re.compile(r"[;:\n]|\.\s")
_FEE_WORD: Final = re.compile(r"\b(lệ phí|phí|mức thu|mức phí)\b", re.IGNORECASE)
_NOT_A_FEE: Final = re.compile(
    r"\b(vốn|ký quỹ|thuế|phạt|doanh thu|giá trị|tiền lương|lương|trợ cấp|bồi thường|tài sản|"
    r"bảo lãnh|giá trị hợp đồng|tổng mức đầu tư)\b",
    re.IGNORECASE,
)
_NAME_END: Final = re.compile(r"\s(là|bằng|được|theo|tương ứng|mức)\s|\s*[(:]", re.IGNORECASE)
_PER_UNIT: Final = re.compile(r"\s*\)?\s*/\s*([^\s;,.)]+(?:\s[^\s;,.)]+){0,3})")
_TIME_LIMIT_CONTEXT: Final = re.compile(r"\b(thời hạn|chậm nhất|trong vòng|trong thời gian)\b", re.IGNORECASE)
_DOSSIER_HEAD: Final = re.compile(r"\bhồ sơ\b[^:\n]{0,250}?\b(?:bao gồm|gồm có|gồm)\b\s*:?", re.IGNORECASE)
_POINT: Final = re.compile(r"(?:^|\s)([a-zđ])\)\s+", re.IGNORECASE)
_DASH: Final = re.compile(r"^\s*[-–+•]\s+")
_CLAUSE: Final = re.compile(r"^\s*\d+\.\s")
_CERTIFIED: Final = re.compile(r"\bbản sao (?:có )?(?:chứng thực|công chứng)\b", re.IGNORECASE)
_COPIES: Final = re.compile(r"^\s*0*(\d{1,2})\s+(?:bản|bộ|ảnh|tấm)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fee:
    name: str  # "Lệ phí cấp giấy phép"
    amount: Decimal  # đồng
    per: str  # what it is paid for ("giấy phép", "trường hợp"), "" when the text does not say
    quote: str  # the sentence, as normalised
    start: int
    end: int


@dataclass(frozen=True)
class TimeLimit:
    days: int
    working_days: bool
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class DossierItem:
    label: str  # "a", "b", "-" for a dash
    name: str  # the paper, without the list marker and the final ";" or "."
    certified_copy: bool
    copies: int


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``text[start:end]``."""
    left = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        left = match.end()
    right_match = _BOUNDARY.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def _fee_name(before: str) -> str | None:
    """ "a) Lệ phí cấp giấy phép là " → "Lệ phí cấp giấy phép"; None when no fee is named."""
    match = _FEE_WORD.search(before)
    if match is None or _NOT_A_FEE.search(before):
        return None
    name = before[match.start() :]
    cut = _NAME_END.search(name, len(match.group(0)))
    if cut:
        name = name[: cut.start()]
    name = name.strip(" ,")
    return (name[:1].upper() + name[1:])[:255] if name else None


def fees(text: str) -> list[Fee]:
    """The fees and charges a text sets, in order (an amount written twice, in words and in
    digits, once)."""
    recognized = recognize(text)
    found: list[Fee] = []
    seen: set[tuple[int, Decimal]] = set()
    normalized = recognized.normalized
    for entity in recognized.entities:
        if entity.label != MONEY or entity.amount is None:
            continue
        left, right = _sentence(normalized, entity.start, entity.end)
        name = _fee_name(normalized[left : entity.start])
        if name is None or (left, entity.amount) in seen:
            continue
        seen.add((left, entity.amount))
        per = _PER_UNIT.match(normalized, entity.end)
        found.append(
            Fee(
                name=name,
                amount=entity.amount,
                per=per.group(1) if per else "",
                quote=normalized[left:right].strip(),
                start=entity.start,
                end=entity.end,
            )
        )
    return found


def time_limits(text: str) -> list[TimeLimit]:
    """Durations in days that a sentence sets as a time limit ("trong thời hạn 10 ngày làm
    việc kể từ …", "chậm nhất là 05 ngày làm việc …"), in order."""
    recognized = recognize(text)
    normalized = recognized.normalized
    found = []
    for entity in recognized.entities:
        if entity.label != DURATION or entity.days is None:
            continue
        left, right = _sentence(normalized, entity.start, entity.end)
        if not _TIME_LIMIT_CONTEXT.search(normalized[left : entity.start]):
            continue
        found.append(
            TimeLimit(
                days=entity.days,
                working_days=entity.working_days,
                quote=normalized[left:right].strip(),
                start=entity.start,
                end=entity.end,
            )
        )
    return found


def _item(label: str, raw: str) -> DossierItem | None:
    name = raw.strip().rstrip(";.").strip()
    if not name:
        return None
    copies = _COPIES.match(name)
    return DossierItem(
        label=label,
        name=name[:500],
        certified_copy=bool(_CERTIFIED.search(name)),
        copies=int(copies.group(1)) if copies else 1,
    )


def opens_dossier_list(text: str) -> bool:
    """Whether ``text`` itself says "Hồ sơ … gồm:" (its papers may follow in child provisions)."""
    return _DOSSIER_HEAD.search(normalize(text, keep_newlines=True)) is not None


def dossier_items(text: str) -> list[DossierItem]:
    """The papers of the first dossier list in ``text``: the points ("a) …") or dashes that
    follow "Hồ sơ … gồm:", until the next numbered clause; empty when there is no such list."""
    normalized = normalize(text, keep_newlines=True)
    head = _DOSSIER_HEAD.search(normalized)
    if head is None:
        return []
    rest = normalized[head.end() :]
    lines = rest.split("\n")
    items: list[DossierItem] = []
    first = lines[0].strip()
    if first and _POINT.search(" " + first):  # points in the same paragraph: "gồm: a) …; b) …"
        lines = [first, *lines[1:]]
    elif first:
        lines = lines[1:]
    for line in lines:
        if _CLAUSE.match(line):
            break
        if not line.strip():
            continue
        dash = _DASH.match(line)
        if dash:
            item = _item("-", line[dash.end() :])
            if item:
                items.append(item)
            continue
        points = list(_POINT.finditer(" " + line))
        if not points:
            if items:
                break  # the list is over: a sentence follows
            continue
        padded = " " + line
        for index, point in enumerate(points):
            end = points[index + 1].start() if index + 1 < len(points) else len(padded)
            item = _item(point.group(1).lower(), padded[point.end() : end])
            if item:
                items.append(item)
    return items


@dataclass(frozen=True)
class ProcedureText:
    fees: list[Fee]
    time_limits: list[TimeLimit]
    dossier: list[DossierItem]


def read_procedure(text: str) -> ProcedureText:
    return ProcedureText(fees(text), time_limits(text), dossier_items(text))
