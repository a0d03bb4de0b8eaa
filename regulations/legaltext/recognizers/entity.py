"""What the recognizers return: entities with character spans and typed values."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

__all__ = [
    "ARTICLE_REF",
    "CITATION_LABELS",
    "DATE",
    "DURATION",
    "DURATION_UNITS",
    "LEGAL_REF",
    "MONEY",
    "Entity",
]

LEGAL_REF: Final = "LEGAL_REF"  # a document: "Nghị định 45/2020/NĐ-CP", "Luật Du lịch", "BLLĐ"
ARTICLE_REF: Final = "ARTICLE_REF"  # a unit of one: "điểm a khoản 2 Điều 5", "Chương II"
DATE: Final = "DATE"
MONEY: Final = "MONEY"
DURATION: Final = "DURATION"
CITATION_LABELS: Final = frozenset({LEGAL_REF, ARTICLE_REF})
DURATION_UNITS: Final = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Entity:
    """An entity with character offsets in the normalised text (``normalize(text, True)``).

    Multi-valued references keep every value, comma-separated and in order: "các Điều 3, 4 và 5"
    → ``article="3,4,5"``; "điểm a, b, c khoản 1" → ``point="a,b,c"``.
    """

    label: str
    text: str
    start: int
    end: int
    # LEGAL_REF (and ARTICLE_REF when the article is followed by the document it belongs to)
    number: str | None = None  # canonical ("45/2020/NĐ-CP"); None when not known
    doc_type: str | None = None  # Vietnamese name of the type ("Nghị định")
    year: int | None = None
    name: str | None = None  # a law's name as in the law table ("Luật Du lịch")
    # True when the law was cited by name without a year and is the one in force on the day of
    # the analysis ("Luật Đầu tư" → 143/2025/QH15 from 01/03/2026).
    year_inferred: bool = False
    # ARTICLE_REF
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    part: str | None = None  # Mục
    chapter: str | None = None  # Chương
    # DATE
    value: datetime.date | None = None
    # MONEY, in đồng
    amount: Decimal | None = None
    # DURATION: quantity and unit as written ("03 tháng" → 3, "month"; "1,5 năm" → 1.5, "year"),
    # and the same in days or months where it converts exactly.
    quantity: Decimal | None = None
    unit: str | None = None  # one of DURATION_UNITS
    working_days: bool = False  # "ngày làm việc"
    days: int | None = None
    months: int | None = None
