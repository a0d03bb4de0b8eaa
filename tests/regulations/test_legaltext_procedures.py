"""Fees, time limits and dossiers in real provisions of the shared corpus
(regulations.legaltext.procedures; pure), as the cost prefill reads them."""

import json
from decimal import Decimal
from functools import cache

import pytest

from regulations.legaltext.procedures import dossier_items, fees, opens_dossier_list, time_limits
from tests.corpus import CORPUS

FULL_TEXT = CORPUS / "regulations" / "full-text"


@cache
def article(document: str, number: str) -> str:
    path = FULL_TEXT / f"{document}.json"
    assert path.exists(), f"full-text corpus not found at {path}; set CORPUS_DIR"
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return str(next(a for a in articles if a["article"] == number)["text"])


def test_it_reads_the_fees_a_decree_sets_with_their_names():
    # Nghị định 19/2011/NĐ-CP, Điều 45: "a) Lệ phí cấp giấy phép là sáu mươi lăm triệu đồng
    # (65.000.000 đồng)/giấy phép; b) Lệ phí gia hạn giấy phép ... (35.000.000 đồng)/lần gia hạn ..."
    found = fees(article("19-2011-nd-cp", "45"))
    assert [(f.name, f.amount, f.per) for f in found] == [
        ("Lệ phí cấp giấy phép", Decimal(65_000_000), "giấy phép"),
        ("Lệ phí gia hạn giấy phép", Decimal(35_000_000), "lần gia hạn"),
        ("Lệ phí sửa đổi giấy phép", Decimal(2_000_000), "lần sửa đổi"),
    ]
    assert found[0].quote.startswith("a) Lệ phí cấp giấy phép là")


def test_it_does_not_take_capital_or_taxes_for_fees():
    # Nghị định 24/2012/NĐ-CP on gold trading, Điều 11: "vốn điều lệ từ 100 tỷ đồng", "số thuế đã
    # nộp ... từ 500 (năm trăm) triệu đồng/năm": money the text requires, but no fee.
    text = article("24-2012-nd-cp", "11")
    assert "100 tỷ đồng" in text
    assert fees(text) == []
    assert [f.amount for f in fees("Lệ phí cấp giấy phép là 500.000 đồng.")] == [Decimal(500000)]


def test_it_reads_the_time_limits_of_the_resolution_on_court_fees():
    # Nghị quyết 326/2016/UBTVQH14, Điều 17: "a) Trong thời hạn 07 ngày làm việc, kể từ ngày nhận
    # được thông báo của Tòa án ..."; the resolution prints no amount (its fee table is an annex).
    text = article("326-2016-ubtvqh14", "17")
    found = time_limits(text)
    assert (found[0].days, found[0].working_days) == (7, True)
    assert found[0].quote.startswith("a) Trong thời hạn 07 ngày làm việc")
    assert {(limit.days, limit.working_days) for limit in found} == {(7, True), (10, False), (5, True)}
    assert fees(text) == []


def test_it_reads_a_dossier_listed_as_points():
    # Luật Du lịch 09/2017/QH14, Điều 32: the dossier of a domestic tour operator's licence.
    items = dossier_items(article("09-2017-qh14", "32"))
    assert [item.label for item in items] == ["a", "b", "c", "d", "đ"]
    assert items[0].name.startswith("Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa")
    assert items[1].name == "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp"
    assert [item.certified_copy for item in items] == [False, True, False, True, True]
    # The list ends at the next clause ("2. Trình tự, thủ tục ...").
    assert not any("Trình tự" in item.name for item in items)


def test_it_reads_copies_and_dashes_and_stops_where_the_list_ends():
    items = dossier_items(article("09-2017-qh14", "60"))
    assert items[-1].name == "02 ảnh chân dung màu cỡ 3 cm x 4 cm" and items[-1].copies == 2
    dashed = dossier_items("Hồ sơ gồm:\n- Tờ khai;\n- Bản sao giấy phép.\nCơ quan tiếp nhận kiểm tra hồ sơ.")
    assert [(item.label, item.name) for item in dashed] == [("-", "Tờ khai"), ("-", "Bản sao giấy phép")]
    inline = dossier_items("Hồ sơ đề nghị bao gồm: a) Đơn đề nghị; b) Báo cáo tài chính.")
    assert [item.name for item in inline] == ["Đơn đề nghị", "Báo cáo tài chính"]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("1. Hồ sơ đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa bao gồm:", True),
        ("Hồ sơ gồm có:", True),
        ("2. Trình tự, thủ tục, thẩm quyền cấp Giấy phép được quy định như sau:", False),
        ("Cơ quan tiếp nhận hồ sơ hợp lệ.", False),
    ],
)
def test_it_knows_which_paragraph_opens_a_dossier_list(text, opens):
    assert opens_dossier_list(text) is opens
