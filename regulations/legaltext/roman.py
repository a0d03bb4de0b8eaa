"""Roman numerals as Vietnamese documents number their chapters and parts ("Chương IV", "II.")."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["roman_value"]

_WELL_FORMED: Final = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_VALUES: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> int | None:
    """Value of a well-formed Roman numeral in any case ("IV" → 4, "xiv" → 14); None otherwise
    ("IIII", "IC", "", "4")."""
    label = text.upper()
    if not label or not _WELL_FORMED.match(label):
        return None
    total = 0
    for position, char in enumerate(label):
        value = _VALUES[char]
        following = _VALUES[label[position + 1]] if position + 1 < len(label) else 0
        total += -value if value < following else value
    return total
