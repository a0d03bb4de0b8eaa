"""regulations.legaltext.numbers: one canonical form, one key, one slug (pure)."""

import pytest

from regulations.legaltext.numbers import canonical_number, find_document_numbers, number_key, number_slug


@pytest.mark.parametrize(
    "spellings",
    [
        # Decided once: numbers below 10 are written with two digits (Nghị định 30/2020/NĐ-CP).
        ("1/2018/TT-VPCP", "01/2018/TT-VPCP", "001/2018/tt-vpcp", "01 / 2018 / TT-VPCP", "1/2018/TT-VPCP."),
        ("45/2020/NĐ-CP", "45/2020/nđ-cp", "45/2020/ND-CP", "45/2020/NÐ-CP", "45/2020/NĐ‐CP"),
        ("727/TTg-KSTT", "727/ttg-kstt", "727/TTG-KSTT"),
        ("9/2017/QH14", "09/2017/QH14", "09/2017/qh14"),
    ],
)
def test_every_spelling_of_a_number_has_one_key_and_one_slug(spellings: tuple[str, ...]) -> None:
    assert len({canonical_number(s) for s in spellings}) == 1
    assert len({number_key(s) for s in spellings}) == 1
    assert len({number_slug(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("raw", "key", "slug"),
    [
        ("24/2012/NĐ-CP", "24/2012/nđ-cp", "24-2012-nd-cp"),
        ("1/2018/TT-VPCP", "01/2018/tt-vpcp", "01-2018-tt-vpcp"),
        ("468/QĐ-TTg", "468/qđ-ttg", "468-qd-ttg"),
        ("01/2013/TT-BKHĐT", "01/2013/tt-bkhđt", "01-2013-tt-bkhdt"),
        ("66.19/2026/NQ-CP", "66.19/2026/nq-cp", "66-19-2026-nq-cp"),
        ("HIEN-PHAP-2013", "hien-phap-2013", "hien-phap-2013"),
    ],
)
def test_it_gives_the_key_and_slug_of_a_number(raw: str, key: str, slug: str) -> None:
    assert (number_key(raw), number_slug(raw)) == (key, slug)


def test_hd_and_hđ_stay_two_codes() -> None:
    # "HD" (guidance) is not "HĐ" typed without its stroke: HĐ is a contract.
    assert canonical_number("12/HD-UBND") == "12/HD-UBND"
    assert canonical_number("12/HĐ-UBND") == "12/HĐ-UBND"
    # A type code is only respelt where a type code stands: "ND" of an issuer stays.
    assert canonical_number("5/QD-ND") == "05/QĐ-ND"


def test_it_finds_numbers_in_running_text_with_their_type() -> None:
    found = find_document_numbers("Căn cứ Nghị định số 45/2020/nd-cp và Lệnh số 02/2025/L-CTN;")
    assert [(d.number, d.doc_type, d.year) for d in found] == [
        ("45/2020/NĐ-CP", "Nghị định", 2020),
        ("02/2025/L-CTN", "Lệnh", 2025),
    ]
