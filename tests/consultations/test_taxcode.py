"""Tax codes (mã số thuế): the check digit on published codes, branches, and every refusal."""

import pytest

from consultations.intake.taxcode import (
    InvalidTaxCode,
    TaxCodeProblem,
    check_digit,
    is_valid_tax_code,
    normalize_tax_code,
)

# Published tax codes of well-known firms (their registration certificates and invoices).
PUBLISHED = {
    "0100109106": "Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)",
    "0300588569": "Công ty Cổ phần Sữa Việt Nam (Vinamilk)",
    "0100112437": "Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)",
    "0101248141": "Công ty Cổ phần FPT",
    "0900189284": "Công ty Cổ phần Tập đoàn Hòa Phát",
    "0100047516": "the worked example of the tax authority's rule (010004751 → 6)",
}


@pytest.mark.parametrize("code", sorted(PUBLISHED))
def test_it_accepts_published_tax_codes(code):
    assert normalize_tax_code(code) == code
    assert check_digit(code[:9]) == int(code[9])


@pytest.mark.parametrize("code", sorted(PUBLISHED))
def test_it_refuses_every_single_mistyped_digit(code):
    for position in range(10):
        for digit in "0123456789":
            if digit == code[position]:
                continue
            typo = code[:position] + digit + code[position + 1 :]
            if typo[:2] == "00" or typo[2:9] == "0000000":
                continue  # refused for another reason, tested below
            assert not is_valid_tax_code(typo), typo


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0100109106-001", "0100109106-001"),
        ("0100109106001", "0100109106-001"),
        (" 0100 109 106 - 001 ", "0100109106-001"),
        ("0100.109.106", "0100109106"),
    ],
)
def test_it_reads_branch_codes_and_separators(typed, stored):
    assert normalize_tax_code(typed) == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("0100109107", TaxCodeProblem.CHECK_DIGIT),
        ("0100109107-001", TaxCodeProblem.CHECK_DIGIT),
        ("010010910", TaxCodeProblem.LENGTH),
        ("01001091060", TaxCodeProblem.LENGTH),
        ("0100109106-01", TaxCodeProblem.LENGTH),
        ("01001O9106", TaxCodeProblem.NOT_DIGITS),
        ("０１００１０９１０６", TaxCodeProblem.NOT_DIGITS),
        ("", TaxCodeProblem.NOT_DIGITS),
        ("0100109106-000", TaxCodeProblem.ZERO_PART),
        ("0000000019", TaxCodeProblem.ZERO_PART),
    ],
)
def test_it_says_why_a_tax_code_is_refused(typed, problem):
    with pytest.raises(InvalidTaxCode) as refused:
        normalize_tax_code(typed)
    assert refused.value.problem == problem


def test_it_knows_that_no_code_starts_with_nine_digits_whose_sum_is_a_multiple_of_eleven():
    # 31·1 + 13·1 = 44 ≡ 0 (mod 11): the check digit would be 10.
    assert check_digit("100001000") is None
    assert not is_valid_tax_code("1000010000")
