"""Vietnamese tax codes (mã số thuế), pure: read, check and write them one way.

A firm's tax code has ten digits: two for the province that issued it, seven of sequence, and a
check digit computed from the first nine. A dependent unit (a branch, chi nhánh) has thirteen:
its parent's ten and three of its own (001-999), written ``0100109106-001`` (or without the
dash, ``0100109106001``). The check digit, as the tax authority defines it and as python-stdnum
(``stdnum.vn.mst``) checks it::

    N10 = 10 - (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11

A sum ≡ 0 (mod 11) would need the digit 10: no tax code is issued with those nine digits.
Checked on published codes (tests/consultations/test_taxcode.py): Viettel 0100109106, Vinamilk
0300588569, Vietcombank 0100112437, FPT 0101248141, Hòa Phát 0900189284.

The check catches any single mistyped digit and most swaps; it does not tell whether the code was
ever issued (only the tax authority's register does).
"""

from __future__ import annotations

import re
from enum import StrEnum

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.\-‐‑–—_/]+")


class TaxCodeProblem(StrEnum):
    """Why a typed tax code is refused (the intake words each for people)."""

    NOT_DIGITS = "not_digits"
    LENGTH = "length"
    CHECK_DIGIT = "check_digit"
    ZERO_PART = "zero_part"


class InvalidTaxCode(ValueError):
    def __init__(self, problem: TaxCodeProblem, expected_check_digit: int | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.expected_check_digit = expected_check_digit


def check_digit(first_nine: str) -> int | None:
    """The check digit of nine digits, or None when no tax code can start with them."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("nine digits are needed")
    total = sum(weight * int(digit) for weight, digit in zip(WEIGHTS, first_nine, strict=True))
    digit = 10 - total % 11
    return digit if digit < 10 else None


def normalize_tax_code(text: str) -> str:
    """The tax code as the portal stores it, ``0100109106`` or ``0100109106-001``; raises
    :class:`InvalidTaxCode` saying why not."""
    compact = _SEPARATORS.sub("", text.strip())
    if not compact.isascii() or not compact.isdigit():
        raise InvalidTaxCode(TaxCodeProblem.NOT_DIGITS)
    if len(compact) not in (10, 13):
        raise InvalidTaxCode(TaxCodeProblem.LENGTH)
    base, branch = compact[:10], compact[10:]
    if base[:2] == "00" or base[2:9] == "0000000" or branch == "000":
        raise InvalidTaxCode(TaxCodeProblem.ZERO_PART)
    expected = check_digit(base[:9])
    if expected is None or expected != int(base[9]):
        raise InvalidTaxCode(TaxCodeProblem.CHECK_DIGIT, expected)
    return f"{base}-{branch}" if branch else base


def is_valid_tax_code(text: str) -> bool:
    try:
        normalize_tax_code(text)
    except InvalidTaxCode:
        return False
    return True
