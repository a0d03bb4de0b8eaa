"""Values of recognised dates, money and durations, from the texts of their tokens."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from regulations.legaltext.recognizers.rules import DURATION_UNIT_WORDS, SCALES

__all__ = ["DurationValue", "date_value", "duration_value", "money_amount", "parse_number"]


def parse_number(text: str, scaled: bool) -> Decimal | None:
    """Vietnamese number: "500.000" → 500000, "1,5" → 1.5, "1.000.000,50" → 1000000.50.

    ``scaled``: a scale word follows ("1,500 triệu"), so a single comma is a decimal comma."""
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "." in text:
        groups = text.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            text = "".join(groups)
    elif "," in text:
        groups = text.split(",")
        if len(groups) > 2 or (not scaled and len(groups[1]) == 3):
            text = "".join(groups)  # "100,000,000", "1,500 đồng" (English separators)
        else:
            text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def money_amount(tokens: Sequence[str]) -> Decimal | None:
    """The amount in đồng of "2 triệu 500 nghìn" (the tokens before the currency word)."""
    total = Decimal(0)
    i = 0
    while i < len(tokens):
        scale = 1
        if i + 1 < len(tokens) and tokens[i + 1].lower() in SCALES:
            scale = SCALES[tokens[i + 1].lower()]
        value = parse_number(tokens[i], scaled=scale != 1)
        if value is None:
            return None
        total += value * scale
        i += 2 if scale != 1 else 1
    return Decimal(int(total)) if total == total.to_integral_value() else total


@dataclass(frozen=True)
class DurationValue:
    quantity: Decimal | None
    unit: str
    days: int | None
    months: int | None


def duration_value(number: str, unit_word: str) -> DurationValue:
    """ "15" + "ngày" → 15 days; "1,5" + "năm" → 18 months; "2" + "tuần" → 14 days."""
    value = parse_number(number, scaled=True)
    unit = DURATION_UNIT_WORDS[unit_word.lower()]
    days: int | None = None
    months: int | None = None
    if value is not None:
        if unit == "day" and value == value.to_integral_value():
            days = int(value)
        elif unit == "week" and value * 7 == (value * 7).to_integral_value():
            days = int(value * 7)
        elif unit == "month" and value == value.to_integral_value():
            months = int(value)
        elif unit == "year" and value * 12 == (value * 12).to_integral_value():
            months = int(value * 12)
    return DurationValue(value, unit, days, months)


def date_value(tokens: Sequence[str]) -> datetime.date | None:
    """ "ngày 15 tháng 3 năm 2024", "15/3/2024": the date when day, month and year are all given."""
    numbers: list[int] = []
    for token in tokens:
        numbers.extend(int(x) for x in re.findall(r"\d+", token))
    if len(numbers) != 3:
        return None
    d, m, y = numbers
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None
