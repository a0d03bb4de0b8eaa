"""Anchors and citation labels of a node path (regulations.parsers.anchors)."""

from __future__ import annotations

import pytest

from regulations.parsers import anchor_for, citation_label


@pytest.mark.parametrize(
    ("path", "anchor", "citation"),
    [
        ([("article", "5")], "dieu-5", "Điều 5"),
        ([("article", "5"), ("clause", "2")], "dieu-5-khoan-2", "khoản 2 Điều 5"),
        (
            [("chapter", "I"), ("article", "5"), ("clause", "2"), ("point", "a")],
            "dieu-5-khoan-2-diem-a",
            "điểm a khoản 2 Điều 5",
        ),
        ([("article", "5"), ("clause", "2"), ("point", "đ")], "dieu-5-khoan-2-diem-dd", None),
        ([("chapter", "II")], "chuong-ii", "Chương II"),
        ([("chapter", "II"), ("section", "1")], "chuong-ii-muc-1", "Mục 1 Chương II"),
        ([("part", "II"), ("clause", "1")], "phan-ii-khoan-1", "khoản 1 Phần II"),
        (
            [("part", "II"), ("clause", "1"), ("point", "a")],
            "phan-ii-khoan-1-diem-a",
            "điểm a khoản 1 Phần II",
        ),
        (
            [("part", "II"), ("clause", "1"), ("bullet", "3")],
            "phan-ii-khoan-1-y-3",
            "gạch đầu dòng 3 khoản 1 Phần II",
        ),
        ([("attachment", "1"), ("article", "2")], "kem-theo-1-dieu-2", None),
        (
            [("attachment", "468/QĐ-TTg"), ("article", "1"), ("part", "III")],
            "kem-theo-468-qdd-ttg-dieu-1-phan-iii",
            "Phần III Điều 1 văn bản kèm theo 468/QĐ-TTg",
        ),
        ([("appendix", "1")], "phu-luc-1", "Phụ lục 1"),
    ],
)
def test_it_builds_anchors_and_citations(path: list[tuple[str, str]], anchor: str, citation: str | None) -> None:
    assert anchor_for(path) == anchor
    assert anchor.isascii()
    if citation is not None:
        assert citation_label(path) == citation


def test_it_tells_point_d_from_point_dd() -> None:
    assert anchor_for([("article", "1"), ("point", "d")]) != anchor_for([("article", "1"), ("point", "đ")])


def test_it_refuses_an_unknown_kind_or_an_empty_path() -> None:
    with pytest.raises(ValueError):
        anchor_for([])
    with pytest.raises(ValueError):
        anchor_for([("paragraph", "1")])
