"""regulations.legaltext.laws: a law name without a year means the law in force on a date (pure)."""

import datetime
import re
from pathlib import Path

import pytest

from regulations.legaltext import law_table
from regulations.legaltext.laws import (
    earlier_versions,
    law_by_number,
    replacement,
    resolve_law,
    versions,
)
from regulations.legaltext.recognizers import LEGAL_REF, extract_citations

D = datetime.date

# The replacements the law table was missing (issue 6), each with the day before and the day it
# entered into force: (name, old number, new number or None while not confirmed, in force from).
SUCCESSORS = [
    ("Luật Đầu tư", "61/2020/QH14", "143/2025/QH15", D(2026, 3, 1)),
    ("Luật Đầu tư công", "39/2019/QH14", "58/2024/QH15", D(2025, 1, 1)),
    ("Luật Tổ chức Chính phủ", "76/2015/QH13", "63/2025/QH15", D(2025, 3, 1)),
    ("Luật Việc làm", "38/2013/QH13", "74/2025/QH15", D(2026, 1, 1)),
    ("Luật Thanh tra", "11/2022/QH15", "84/2025/QH15", D(2025, 7, 1)),
    ("Luật An ninh mạng", "24/2018/QH14", "116/2025/QH15", D(2026, 7, 1)),
    ("Luật Thi hành án dân sự", "26/2008/QH12", "106/2025/QH15", D(2026, 7, 1)),
    ("Luật Xây dựng", "50/2014/QH13", None, D(2026, 7, 1)),
    ("Luật Quản lý thuế", "38/2019/QH14", None, D(2026, 7, 1)),
    ("Luật Viên chức", "58/2010/QH12", None, D(2026, 7, 1)),
]


@pytest.mark.parametrize(("name", "old", "new", "since"), SUCCESSORS)
def test_a_name_without_year_is_the_law_in_force_on_the_day(name, old, new, since) -> None:
    before = resolve_law(name, on=since - datetime.timedelta(days=1))
    after = resolve_law(name, on=since)
    assert before is not None and before.number == old
    assert after is not None and after.number == new
    assert after.in_force_from == since
    assert after.name == name


@pytest.mark.parametrize(("name", "old", "new", "since"), SUCCESSORS)
def test_a_replaced_law_knows_what_replaced_it_and_when(name, old, new, since) -> None:
    assert replacement(old, on=since - datetime.timedelta(days=1)) is None
    successor = replacement(old, on=since)
    assert successor is not None
    assert (successor.name, successor.number, successor.in_force_from) == (name, new, since)
    if new is not None:
        assert replacement(new, on=since) is None


def test_a_successor_without_a_confirmed_number_is_named_by_its_year() -> None:
    law = resolve_law("Luật Xây dựng", on=D(2026, 12, 1))
    assert law is not None and law.number is None
    assert law.title == "Luật Xây dựng 2025"
    investment = resolve_law("Luật Đầu tư", on=D(2026, 12, 1))
    assert investment is not None and investment.title == "Luật Đầu tư số 143/2025/QH15"


def _number(name: str, year: int | None = None, on: datetime.date | None = None) -> str | None:
    law = resolve_law(name, year, on=on)
    assert law is not None, (name, year, on)
    return law.number


def test_a_year_names_its_version_whatever_the_date() -> None:
    assert _number("Luật Đầu tư", 2014, on=D(2026, 12, 1)) == "67/2014/QH13"
    assert _number("Luật Đầu tư", 2025, on=D(2020, 1, 1)) == "143/2025/QH15"
    assert _number("Bộ luật Hình sự", 2017) == "100/2015/QH13"


def test_before_the_first_version_a_name_is_that_version() -> None:
    # A decree of 2011 guiding the Luật Viên chức 2010 (in force 2012) cites it by name.
    assert _number("Luật Viên chức", on=D(2011, 3, 1)) == "58/2010/QH12"


def test_earlier_versions_come_newest_first_one_per_number() -> None:
    current = law_by_number("143/2025/QH15")
    assert current is not None
    assert [v.number for v in earlier_versions(current)] == ["61/2020/QH14", "67/2014/QH13"]
    code = law_by_number("100/2015/QH13")
    assert code is not None
    assert [v.number for v in earlier_versions(code)] == ["15/1999/QH10"]


def test_versions_are_in_the_order_they_entered_into_force() -> None:
    found = versions("luat dat dai")
    assert [v.number for v in found] == ["13/2003/QH11", "45/2013/QH13", "31/2024/QH15"]
    assert found[-1].in_force_from == D(2024, 8, 1)


def test_citations_by_name_resolve_as_of_the_given_day() -> None:
    text = "Điều 5 Luật Đầu tư"
    then = [e for e in extract_citations(text, on=D(2026, 2, 28)) if e.label == LEGAL_REF]
    now = [e for e in extract_citations(text, on=D(2026, 3, 1)) if e.label == LEGAL_REF]
    assert [(e.number, e.year, e.year_inferred) for e in then] == [("61/2020/QH14", 2020, True)]
    assert [(e.number, e.year, e.year_inferred) for e in now] == [("143/2025/QH15", 2025, True)]
    with_year = [e for e in extract_citations("Luật Đầu tư 2020", on=D(2026, 3, 1)) if e.label == LEGAL_REF]
    assert [(e.number, e.year_inferred) for e in with_year] == [("61/2020/QH14", False)]


def test_every_successor_row_names_its_source() -> None:
    """A version with a recorded adoption date was confirmed from a source: its row says where
    (a URL in the comment just above it)."""
    source = Path(law_table.__file__).read_text(encoding="utf-8").splitlines()
    confirmed = [i for i, line in enumerate(source) if re.search(r"V\(\d{4}, .*D\(.*D\(", line)]
    assert len(confirmed) >= 20
    for index in confirmed:
        above = "\n".join(source[max(0, index - 4) : index])
        assert "http" in above, source[index]


def test_a_name_numbered_right_after_is_that_number_not_the_law_in_force() -> None:
    refs = extract_citations("khoản 2 Điều 138 Luật Xây dựng số 50/2014/QH13", on=D(2026, 12, 1))
    assert [(e.label, e.number, e.year_inferred) for e in refs] == [
        ("ARTICLE_REF", "50/2014/QH13", False),
        ("LEGAL_REF", "50/2014/QH13", False),
        ("LEGAL_REF", "50/2014/QH13", False),
    ]
