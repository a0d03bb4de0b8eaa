"""regulations.legaltext.doctypes and what a number says: the one table of document types and the
disagreements it settled (pure: runs with ``-p no:django``)."""

import re

import pytest

from regulations.legaltext import doctypes
from regulations.legaltext.numbers import doc_type_of_number, guess_doc_type, read_symbol


def test_it_has_one_row_per_value_member_name_and_code() -> None:
    values = [t.value for t in doctypes.DOC_TYPES]
    members = [t.member for t in doctypes.DOC_TYPES]
    names = [t.name for t in doctypes.DOC_TYPES]
    codes = [code for t in doctypes.DOC_TYPES for code in t.codes]
    for column in (values, members, names, codes):
        assert len(column) == len(set(column)), column
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", v) for v in values)
    assert all(re.fullmatch(r"[A-Z_]+", m) for m in members)
    assert doctypes.DOC_TYPES[-1] is doctypes.OTHER


@pytest.mark.parametrize(
    ("code", "name"),
    [
        # Decided against Nghị định 30/2020/NĐ-CP, Phụ lục III: HD is guidance, HĐ a contract (the
        # header parser had both as "Khác", the citation table HD as "Hướng dẫn").
        ("HD", "Hướng dẫn"),
        ("HĐ", "Hợp đồng"),
        # "02/2025/L-CTN" is the President's order promulgating a law, not a law.
        ("L", "Lệnh"),
        # A joint resolution is a type of its own (the header parser filed it under "Nghị quyết").
        ("NQLT", "Nghị quyết liên tịch"),
        ("BC", "Báo cáo"),
        ("TTr", "Tờ trình"),
        ("CĐ", "Công điện"),
        ("QC", "Quy chế"),
        ("QyĐ", "Quy định"),
        ("ĐA", "Đề án"),
        ("DA", "Dự án"),
        ("CTr", "Chương trình"),
        ("KL", "Kết luận"),
        ("NĐ", "Nghị định"),
        ("TTLT", "Thông tư liên tịch"),
    ],
)
def test_it_reads_each_type_code_once(code: str, name: str) -> None:
    found = doctypes.by_code(code)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("name", "normative"),
    [
        ("Hiến pháp", True),
        ("Bộ luật", True),
        ("Luật", True),
        ("Pháp lệnh", True),
        ("Lệnh", True),
        ("Nghị quyết", True),
        ("Nghị quyết liên tịch", True),
        ("Nghị định", True),
        ("Quyết định", True),
        ("Thông tư", True),
        ("Thông tư liên tịch", True),
        ("Chỉ thị", False),
        ("Công văn", False),
        ("Hướng dẫn", False),
        ("Kế hoạch", False),
        ("Văn bản hợp nhất", False),
        ("Khác", False),
    ],
)
def test_it_knows_which_types_are_legal_normative_documents(name: str, normative: bool) -> None:
    found = doctypes.by_name(name)
    assert found is not None and found.normative is normative


@pytest.mark.parametrize(
    ("line", "name", "rest"),
    [
        ("NGHỊ ĐỊNH", "Nghị định", ""),
        ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch", ""),
        ("LUẬT DOANH NGHIỆP", "Luật", "DOANH NGHIỆP"),
        ("BỘ LUẬT  DÂN SỰ", "Bộ luật", "DÂN SỰ"),
        ("HƯỚNG DẪN", "Hướng dẫn", ""),
        ("QUY CHẾ", "Quy chế", ""),
    ],
)
def test_it_reads_the_type_line_of_a_header(line: str, name: str, rest: str) -> None:
    found = doctypes.by_heading(line)
    assert found is not None and (found[0].name, found[1]) == (name, rest)


@pytest.mark.parametrize("line", ["NGHỊ ĐỊNH SỐ 5", "HƯỚNG DẪN THI HÀNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
def test_only_the_named_types_take_words_after_them_on_the_type_line(line: str) -> None:
    assert doctypes.by_heading(line) is None


@pytest.mark.parametrize(
    ("symbol", "doc_type", "issuer"),
    [
        ("QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
        ("qd-ttg", "Quyết định", "Thủ tướng Chính phủ"),
        ("NĐ-CP", "Nghị định", "Chính phủ"),
        ("NQ-CP", "Nghị quyết", "Chính phủ"),
        ("TT-BTC", "Thông tư", "Bộ Tài chính"),
        ("TT-NHNN", "Thông tư", "Ngân hàng Nhà nước Việt Nam"),
        ("TT-BCT", "Thông tư", "Bộ Công Thương"),
        ("TTLT-BTC-BTP", "Thông tư liên tịch", "Bộ Tài chính"),
        ("VPCP-KSTT", "Công văn", "Văn phòng Chính phủ"),
        ("TT-BKHĐT", "Thông tư", "Bộ Kế hoạch và Đầu tư"),
        ("TT-BKHDT", "Thông tư", "Bộ Kế hoạch và Đầu tư"),
        ("QH14", "Luật", "Quốc hội"),
        ("UBTVQH14", "Nghị quyết", "Ủy ban Thường vụ Quốc hội"),
        ("L-CTN", "Lệnh", "Chủ tịch nước"),
        ("TTg-KSTT", "Công văn", "Thủ tướng Chính phủ"),
        ("UBND-NCKSTT", "Công văn", None),
        ("HD-UBND", "Hướng dẫn", None),
        ("KH-UBND", "Kế hoạch", None),
    ],
)
def test_it_reads_type_and_issuer_from_a_symbol(symbol: str, doc_type: str, issuer: str | None) -> None:
    found_type, found_issuer = read_symbol(symbol)
    assert found_type is not None and found_type.name == doc_type
    assert (found_issuer.name if found_issuer else None) == issuer


def test_a_number_whose_symbol_names_no_type_is_a_letter() -> None:
    assert doc_type_of_number("727/TTg-KSTT").name == "Công văn"
    assert doc_type_of_number("12/HD-UBND").name == "Hướng dẫn"


@pytest.mark.parametrize(
    ("title", "number", "value"),
    [
        ("Bộ luật Dân sự 2015", "91/2015/QH13", "bo-luat"),
        ("Luật Du lịch", "09/2017/QH14", "luat"),
        ("Thông tư liên tịch 01/2014", None, "thong-tu-lien-tich"),
        ("Thông tư", "12/2024/TT-BTC", "thong-tu"),
        (None, "24/2012/NĐ-CP", "nghi-dinh"),
        (None, "59/2020/qh14", "luat"),
        (None, "326/2016/UBTVQH14", "nghi-quyet"),
        (None, "HIEN-PHAP-2013", "hien-phap"),
        ("Hướng dẫn", "03/HD-TLĐ", "huong-dan"),
        (None, "727/TTg-KSTT", "cong-van"),
        ("Tài liệu hỏi đáp", None, "khac"),
        (None, None, "khac"),
    ],
)
def test_it_guesses_the_type_of_an_import_record(title: str | None, number: str | None, value: str) -> None:
    assert guess_doc_type(title, number).value == value


def test_every_citation_word_is_a_lower_case_key_without_diacritics() -> None:
    words = doctypes.citation_words()
    assert {"nghi dinh", "nd", "nd-cp", "thong tu lien tich", "cv", "vbhn"} <= set(words)
    assert words["nd-cp"].number_suffix == "NĐ-CP"
    assert all(key == key.lower() and key.isascii() for key in words)
