"""Receipt numbers, pure: shape, randomness, and the check character against typos."""

import re

from consultations.receipts import ALPHABET, new_receipt_number, normalize_receipt_number

SHAPE = re.compile(r"^TV-2026-\d{6}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_it_makes_numbers_of_the_published_shape():
    numbers = {new_receipt_number(2026) for _ in range(2000)}
    assert all(SHAPE.match(number) for number in numbers)
    assert len(numbers) == 2000


def test_it_reads_back_its_own_numbers_however_they_are_typed():
    number = new_receipt_number(2026)
    assert normalize_receipt_number(number) == number
    typed = number.lower().replace("-", " ")
    assert normalize_receipt_number(f"  {typed} ") == number
    with_o = number.replace("0", "O")
    assert normalize_receipt_number(with_o) == number


def test_it_refuses_a_number_with_one_character_changed_or_two_swapped():
    number = new_receipt_number(2026)
    compact = number.replace("-", "")
    payload_positions = range(2, len(compact))
    for position in payload_positions:
        for replacement in ALPHABET if position >= 12 else "0123456789":
            if replacement == compact[position] or {replacement, compact[position]} == {"0", "Z"}:
                continue
            typo = compact[:position] + replacement + compact[position + 1 :]
            assert normalize_receipt_number(typo) is None, typo
    for position in range(2, len(compact) - 2):  # neighbours before the check character
        a, b = compact[position], compact[position + 1]
        if a == b or {a, b} == {"0", "Z"}:
            continue
        swapped = compact[:position] + b + a + compact[position + 2 :]
        assert normalize_receipt_number(swapped) is None, swapped


def test_it_refuses_what_is_not_a_receipt_number():
    for text in ["", "TV", "TV-2026-12345-7K3Q", "XX-2026-000123-7K3Q", "TV-2026-000123-7K3", "TV-2026-00012A-7K3Q"]:
        assert normalize_receipt_number(text) is None, text
