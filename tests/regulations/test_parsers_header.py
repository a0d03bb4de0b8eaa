"""Header parsing (regulations.parsers.header), on the real seed documents and on small texts.

Pure Python: run with ``python -m pytest -p no:django tests/regulations/test_parsers_*.py``.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from regulations.parsers import parse_document, parse_header, parse_text
from regulations.parsers.header import doc_type_from_suffix
from regulations.parsers.readers import read_text
from tests.corpus import SEEDS


def seed(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert matches, f"seed {prefix} not found in {SEEDS} (set CORPUS_DIR)"
    return matches[0]


def index_entry(prefix: str) -> dict[str, Any]:
    entries = json.loads((SEEDS / "index.json").read_text(encoding="utf-8"))
    return next(e for e in entries if e["file"].startswith(prefix))


# -- the five seeds -----------------------------------------------------------------------------


def test_it_reads_the_draft_resolution_with_a_blank_number() -> None:
    header = parse_document(seed("000")).header

    assert header.is_draft is True
    assert header.number is None
    assert header.number_suffix == "NQ-CP"
    assert header.doc_type == "Nghị quyết"
    assert header.issuer == "Chính phủ"
    assert header.place == "Hà Nội"
    assert header.issued_date is None
    assert header.issued_year == 2022
    assert header.title == index_entry("000")["title"]


def test_it_reads_the_provincial_letter() -> None:
    header = parse_document(seed("001")).header

    assert header.number == "1804/UBND-NCKSTT"
    assert header.number_suffix == "UBND-NCKSTT"
    assert header.doc_type == "Công văn"
    assert header.issuer == "Ủy ban nhân dân tỉnh Đắk Nông"
    assert header.place == "Đăk Nông"
    assert header.issued_date == datetime.date(2021, 4, 16)
    assert header.issued_year == 2021
    assert header.is_draft is False
    assert header.title == ("triển khai thực hiện Đề án đổi mới thực hiện cơ chế một cửa, một cửa liên thông")


def test_it_reads_the_prime_minister_letter() -> None:
    header = parse_document(seed("002")).header

    assert header.number == "727/TTg-KSTT"
    assert header.doc_type == "Công văn"
    assert header.issuer == "Thủ tướng Chính phủ"
    assert header.place == "Hà Nội"
    assert header.issued_date == datetime.date(2024, 10, 1)
    assert header.is_draft is False
    assert header.title == ("thúc đẩy cải cách TTHC, nâng cao hiệu quả giải quyết TTHC phục vụ người dân, doanh nghiệp")


def test_it_reads_the_plan_that_has_no_header_block() -> None:
    header = parse_document(seed("003")).header

    assert header.number is None
    assert header.doc_type == "Kế hoạch"
    assert header.issuer is None  # the copy names no province
    assert header.issued_date is None
    # the year and the suffix come from the appendix: "(Kèm theo Kế hoạch số /KH-UBND ngày / /2022"
    assert header.issued_year == 2022
    assert header.number_suffix == "KH-UBND"
    assert header.is_draft is False
    assert header.title is not None
    assert header.title.startswith("Thực hiện Nghị quyết số 131/NQ-CP")
    assert header.title == (
        "Thực hiện Nghị quyết số 131/NQ-CP ngày 06/10/2022 của Chính phủ về đẩy mạnh cải cách thủ "
        "tục hành chính và hiện đại hóa phương thức chỉ đạo, điều hành phục vụ người dân, doanh "
        "nghiệp trên địa bàn tỉnh"
    )


def test_it_knows_the_issuer_of_a_letter_without_issuer_line_from_its_number() -> None:
    header = parse_document(seed("004")).header

    assert header.number == "1250/VPCP-KSTT"
    assert header.issuer == "Văn phòng Chính phủ"
    assert header.doc_type == "Công văn"
    assert header.place == "Hà Nội"
    assert header.issued_date == datetime.date(2021, 2, 25)
    assert header.title == "triển khai nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_it_agrees_with_the_seed_index(prefix: str) -> None:
    entry = index_entry(prefix)
    header = parse_document(seed(prefix)).header

    assert header.number == entry["number"]
    assert header.is_draft == (entry["status"] == "draft")
    if len(entry["date"]) == 4:
        assert header.issued_date is None
        assert header.issued_year == int(entry["date"])
    else:
        assert header.issued_date == datetime.date.fromisoformat(entry["date"])
    title = entry["title"].removeprefix("V/v ")
    if prefix == "003":
        title = "T" + title.removeprefix("Kế hoạch t")
    assert header.title == title


@pytest.mark.parametrize(
    ("prefix", "first_body_line"),
    [
        ("000", "Căn cứ Luật Tổ chức Chính phủ"),
        ("001", "Kính gửi:"),
        ("002", "Kính gửi:"),
        ("003", "Thực hiện Nghị quyết số 131/NQ-CP ngày 06/10/2022, về"),
        ("004", "Kính gửi:"),
    ],
)
def test_it_points_at_the_first_body_line(prefix: str, first_body_line: str) -> None:
    text = read_text(seed(prefix))
    header = parse_header(text)

    assert text.split("\n")[header.body_start_line].strip().startswith(first_body_line)


# -- small texts --------------------------------------------------------------------------------


SMALL_HEADERS = [
    pytest.param(
        "QUỐC HỘI\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 59/2020/QH14\nHà Nội, ngày 17 tháng 6 năm 2020\n\nLUẬT\nDOANH NGHIỆP\n\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nChương I\n",
        {
            "issuer": "Quốc hội",
            "number": "59/2020/QH14",
            "number_suffix": "QH14",
            "doc_type": "Luật",
            "title": "Doanh nghiệp",
            "issued_date": datetime.date(2020, 6, 17),
            "body_start_line": 10,
        },
        id="a law, its name under the type line",
    ),
    pytest.param(
        "BỘ TÀI CHÍNH    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/2024/TT-BTC    Hà Nội, ngày 05 tháng 3 năm 2024\n"
        "THÔNG TƯ\nHướng dẫn thu phí thẩm định\nCăn cứ Luật Phí và lệ phí;\n",
        {
            "issuer": "Bộ Tài chính",
            "number": "12/2024/TT-BTC",
            "place": "Hà Nội",
            "issued_date": datetime.date(2024, 3, 5),
            "doc_type": "Thông tư",
            "title": "Hướng dẫn thu phí thẩm định",
        },
        id="table cells sharing a line",
    ),
    pytest.param(
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 345/TCT-CS\nV/v chính sách thuế\nHà Nội, ngày 1 tháng 2 năm 2023\nKính gửi: Cục Thuế",
        {"issuer": "Tổng cục Thuế", "doc_type": "Công văn", "title": "chính sách thuế"},
        id="the unit under its ministry is the issuer",
    ),
    pytest.param(
        "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/UBND-KSTTHC\nV/v đẩy mạnh cải cách\nthủ tục hành chính năm 2024\n"
        "Hà Nội, ngày 3 tháng 1 năm 2024\nKính gửi: Các sở, ngành",
        {"issuer": "Ủy ban nhân dân thành phố Hà Nội", "title": "đẩy mạnh cải cách thủ tục hành chính năm 2024"},
        id="a wrapped subject line",
    ),
    pytest.param(
        "QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\nĐiều 1. Công bố",
        {
            "number": None,
            "number_suffix": None,
            "doc_type": "Quyết định",
            "title": "Về việc công bố thủ tục hành chính",
            "body_start_line": 2,
        },
        id="no number",
    ),
    pytest.param(
        "1. Nội dung thứ nhất.\n2. Nội dung thứ hai.",
        {"issuer": None, "number": None, "doc_type": None, "issued_year": None, "body_start_line": 0},
        id="no header at all",
    ),
    pytest.param(
        "CHÍNH PHỦ\nSố:    /2025/NĐ-CP\nHà Nội, ngày   tháng   năm 2025\nDỰ THẢO 2",
        {"number": None, "number_suffix": "NĐ-CP", "doc_type": "Nghị định", "issued_year": 2025, "is_draft": True},
        id="a blank dated number of a draft",
    ),
    pytest.param(
        # Đề án, Quy chế, Hướng dẫn... were all "Khác" here; they are types of their own now
        # (regulations/legaltext/doctypes.py says why).
        "ĐỀ ÁN\nĐổi mới cơ chế một cửa\nI. MỤC TIÊU",
        {"doc_type": "Đề án", "title": "Đổi mới cơ chế một cửa", "body_start_line": 2},
        id="an administrative type of Nghị định 30/2020",
    ),
    pytest.param(
        "HƯỚNG DẪN\nThực hiện chế độ báo cáo\n1. Phạm vi",
        {"doc_type": "Hướng dẫn", "title": "Thực hiện chế độ báo cáo"},
        id="guidance is a type, not Khác",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SMALL_HEADERS)
def test_it_reads_small_headers(text: str, expected: dict[str, Any]) -> None:
    header = parse_header(text)
    assert {name: getattr(header, name) for name in expected} == expected


def test_it_reads_a_whole_text_with_parse_text() -> None:
    document = parse_text(
        "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/CT-TTg\n"
        "Hà Nội, ngày 2 tháng 1 năm 2025\nCHỈ THỊ\nVề cải cách\n1. Các bộ rà soát.\n"
    )

    assert document.header.doc_type == "Chỉ thị"
    assert document.header.issuer == "Thủ tướng Chính phủ"
    assert [node.label for node in document.nodes] == ["1"]


def test_it_reads_type_and_issuer_from_the_number_suffix() -> None:
    # The symbol's rules are regulations.legaltext.numbers.read_symbol's (tested with it).
    assert doc_type_from_suffix("QĐ-TTg") == ("Quyết định", "Thủ tướng Chính phủ")
    assert doc_type_from_suffix("UBND-NCKSTT") == ("Công văn", None)
    assert doc_type_from_suffix(None) == (None, None)
