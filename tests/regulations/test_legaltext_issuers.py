"""regulations.legaltext.issuers: the one table of issuing bodies (pure)."""

import pytest

from regulations.legaltext import issuers


def test_it_has_one_row_per_name_and_code() -> None:
    names = [alias for i in issuers.ISSUERS for alias in (i.name, *i.aliases)]
    codes = [i.code for i in issuers.ISSUERS if i.code]
    assert len(names) == len(set(names))
    assert len(codes) == len(set(codes))
    assert {i.kind for i in issuers.ISSUERS} <= set(issuers.KINDS)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("BTC", "Bộ Tài chính"),
        ("TTg", "Thủ tướng Chính phủ"),
        ("QH14", "Quốc hội"),
        ("UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
        ("CTN", "Chủ tịch nước"),
        ("BKHĐT", "Bộ Kế hoạch và Đầu tư"),
        ("KTNN", "Kiểm toán nhà nước"),
        ("HĐTP", "Hội đồng Thẩm phán Tòa án nhân dân tối cao"),
    ],
)
def test_it_finds_an_issuer_by_its_code_in_numbers(code: str, name: str) -> None:
    found = issuers.by_code(code)
    assert found is not None and found.name == name


def test_the_code_of_every_province_names_no_one_province() -> None:
    assert issuers.by_code("UBND") is None


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("BỘ TÀI CHÍNH", "Bộ Tài chính"),
        ("Uỷ ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội"),
        ("ngân hàng nhà nước", "Ngân hàng Nhà nước Việt Nam"),
        ("UBND tỉnh Đắk Nông", "Ủy ban nhân dân tỉnh Đắk Nông"),
        # Decided: the President is an office of its own; "Quốc hội - Chủ tịch nước", the
        # gazette's issuer of a law promulgated by the President's order, is the National Assembly.
        ("CHỦ TỊCH NƯỚC", "Chủ tịch nước"),
        ("Quốc hội - Chủ tịch nước", "Quốc hội"),
    ],
)
def test_it_finds_an_issuer_by_any_spelling_of_its_name(written: str, name: str) -> None:
    found = issuers.by_name(written)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Ủy ban nhân dân tỉnh Đắk Nông"),
        ("UỶ BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
        ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Bộ Kế hoạch và Đầu tư"),
        ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
        ("SỞ TÀI CHÍNH", "Sở Tài chính"),
        ("TỔNG CỤC THUẾ", "Tổng cục Thuế"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("NGÂN HÀNG NHÀ NƯỚC", "Ngân hàng Nhà nước"),
        ("Sở Xây dựng", "Sở Xây dựng"),
    ],
)
def test_it_writes_an_issuer_printed_in_capitals_in_normal_case(printed: str, name: str) -> None:
    assert issuers.proper_name(printed) == name
