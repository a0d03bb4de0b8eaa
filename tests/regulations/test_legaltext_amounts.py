"""Money and durations in real provisions of the shared corpus, as the cost model will read them
(regulations.legaltext.recognizers; pure)."""

import json
from decimal import Decimal
from functools import cache

import pytest

from regulations.legaltext.recognizers import dates, durations, money, recognize
from tests.corpus import CORPUS

FULL_TEXT = CORPUS / "regulations" / "full-text"


@cache
def article(document: str, number: str) -> str:
    path = FULL_TEXT / f"{document}.json"
    assert path.exists(), f"full-text corpus not found at {path}; set CORPUS_DIR"
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return str(next(a for a in articles if a["article"] == number)["text"])


@pytest.mark.parametrize(
    ("document", "number", "amounts"),
    [
        # Nghị định 19/2011/NĐ-CP, Điều 40: the fees of registering an adoption.
        ("19-2011-nd-cp", "40", [400_000, 9_000_000, 3_000_000]),
        # Điều 45: the fees of a licence of a foreign adoption organisation.
        ("19-2011-nd-cp", "45", [65_000_000, 35_000_000, 2_000_000]),
    ],
)
def test_it_reads_the_fees_of_a_decree(document: str, number: str, amounts: list[int]) -> None:
    found = money(article(document, number))
    assert [e.amount for e in found] == [Decimal(a) for a in amounts]
    assert all(e.text.endswith("đồng") for e in found)


def test_it_reads_the_time_limits_of_the_resolution_on_court_fees() -> None:
    # Nghị quyết 326/2016/UBTVQH14 on court fees, Điều 17: "Trong thời hạn 07 ngày làm việc ...
    # b) Trong thời hạn 10 ngày ..."
    found = durations(article("326-2016-ubtvqh14", "17"))
    first, second = found[0], found[1]
    assert (first.text, first.quantity, first.unit, first.working_days, first.days) == (
        "07 ngày làm việc",
        Decimal(7),
        "day",
        True,
        7,
    )
    assert (second.text, second.quantity, second.unit, second.working_days, second.days) == (
        "10 ngày",
        Decimal(10),
        "day",
        False,
        10,
    )


@pytest.mark.parametrize(
    ("document", "number", "text", "unit", "months"),
    [
        # Luật Du lịch 09/2017/QH14: a tour guide card is valid for 05 years (Điều 58) ...
        ("09-2017-qh14", "58", "05 năm", "year", 60),
        # ... and existing firms had 12 months to meet the new conditions (Điều 78).
        ("09-2017-qh14", "78", "12 tháng", "month", 12),
    ],
)
def test_it_reads_durations_in_months_and_years(document: str, number: str, text: str, unit: str, months: int) -> None:
    found = [e for e in durations(article(document, number)) if e.text == text]
    assert found, durations(article(document, number))
    assert (found[0].unit, found[0].months, found[0].days) == (unit, months, None)


def test_spans_point_into_the_normalised_text() -> None:
    recognized = recognize("Lệ phí là 500.000 đồng, nộp trong 15 ngày làm việc kể từ ngày 01/7/2025.")
    assert [recognized.normalized[e.start : e.end] for e in recognized.entities] == [
        "500.000 đồng",
        "15 ngày làm việc",
        "ngày 01/7/2025",
    ]
    (day,) = dates("kể từ ngày 01/7/2025")
    assert str(day.value) == "2025-07-01"
