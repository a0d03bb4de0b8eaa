"""Body structure (regulations.parsers.structure); every node of a parsed text gets a unique anchor.
The anchor and citation rules themselves: test_parsers_anchors.py.

Expected counts for the seeds were taken from the files with grep, e.g. for seed 000
``grep -cE '^[IVX]+\\. '`` (parts), ``'^[0-9]+\\. '`` (clauses), ``'^[a-zđ]\\) '`` (points) and
``'^[-+] '`` (bullets, minus the recipients list of the closing), after removing the
"[bookmark: …]" prefixes and leading blanks.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from regulations.parsers import (
    ParsedDocument,
    ParsedNode,
    anchor_for,
    iter_nodes,
    parse_article_body,
    parse_document,
    parse_structure,
    parse_text,
    unique_anchors,
)
from tests.corpus import CORPUS, SEEDS

LAW_JSON = CORPUS / "regulations" / "full-text" / "24-2012-nd-cp.json"


def seed(prefix: str) -> ParsedDocument:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert matches, f"seed {prefix} not found in {SEEDS} (set CORPUS_DIR)"
    return parse_document(matches[0])


def kinds(nodes: list[ParsedNode]) -> Counter[str]:
    return Counter(node.kind for node, _path in iter_nodes(nodes))


def children(node: ParsedNode, kind: str) -> list[ParsedNode]:
    return [child for child in node.children if child.kind == kind]


def law() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LAW_JSON.read_text(encoding="utf-8"))
    return data


def rebuild_law_text(data: dict[str, Any]) -> str:
    """The decree as a gazette would print it, from the article/clause/point split of the JSON."""
    lines = [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {data['number']}",
        "Hà Nội, ngày 03 tháng 4 năm 2012",
        "NGHỊ ĐỊNH",
        "Về quản lý hoạt động kinh doanh vàng",
        "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
        "Chương I",
        "NHỮNG QUY ĐỊNH CHUNG",
    ]
    for article in data["articles"]:
        if article["article"] == "5":
            lines += ["Chương II", "KINH DOANH VÀNG"]
        lines.append(f"Điều {article['article']}. {article['heading'] or ''}".rstrip())
        if not article["clauses"]:
            lines.append(article["text"])
            continue
        if article["intro"]:
            lines.append(article["intro"])
        for clause in article["clauses"]:
            lines.append(f"{clause['number']}. {clause['text']}")
            lines += [f"{point['letter']}) {point['text']}" for point in clause["points"]]
    lines += ["Nơi nhận:", "- Lưu: VT.", "TM. CHÍNH PHỦ", "THỦ TƯỚNG"]
    return "\n".join(lines)


# -- seeds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "counts"),
    [
        ("000", {"part": 3, "clause": 13, "point": 18, "bullet": 38}),
        ("002", {"clause": 5, "point": 13, "bullet": 2}),
        ("003", {"part": 9, "clause": 9, "bullet": 11, "appendix": 1}),
        ("004", {"clause": 5, "point": 7, "bullet": 4}),
    ],
)
def test_it_counts_the_units_of_each_seed(prefix: str, counts: dict[str, int]) -> None:
    assert kinds(seed(prefix).nodes) == counts


def test_it_splits_the_draft_resolution_into_parts_clauses_points_and_items() -> None:
    document = seed("000")

    assert [(n.label, n.heading, n.line) for n in document.nodes] == [
        ("I", "QUAN ĐIỂM", 31),
        ("II", "MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", 38),
        ("III", "TỔ CHỨC THỰC HIỆN", 102),
    ]
    part_two = document.nodes[1]
    assert [c.label for c in part_two.children] == ["1", "2", "3"]
    assert [p.label for p in part_two.children[0].children] == ["a", "b", "c", "d", "đ"]
    assert document.preamble.startswith("Căn cứ Luật Tổ chức Chính phủ")
    assert "QUYẾT NGHỊ:" in document.preamble
    # the recipients list has no "Nơi nhận:" title here; it still belongs to the closing
    assert document.closing.startswith("- Văn phòng Trung ương và các Ban của Đảng;")
    assert document.closing.endswith("Phạm Minh Chính")
    assert "Văn phòng Tổng Bí thư" not in document.nodes[2].children[-1].text


def test_it_splits_the_letter_and_its_attached_decision() -> None:
    document = seed("001")

    letter_clauses = [n for n in document.nodes if n.kind == "clause"]
    assert [c.label for c in letter_clauses] == ["1", "2", "3", "4", "5", "6"]
    assert document.preamble.startswith("Kính gửi:\n- Các Sở, Ban, ngành trực thuộc UBND tỉnh;")
    assert "Nơi nhận:" in document.closing
    assert "Trần Xuân Hải" in document.closing
    assert "Nguyễn Xuân Phúc" in document.closing

    attachments = [n for n in document.nodes if n.kind == "attachment"]
    assert len(attachments) == 1
    attachment = attachments[0]
    assert attachment.label == "468/QĐ-TTg"
    assert attachment.line == 51
    assert attachment.heading.startswith("Phê duyệt Đề án đổi mới việc thực hiện cơ chế")
    assert attachment.text.startswith("Căn cứ Luật Tổ chức Chính phủ")
    assert [(a.kind, a.label, a.line) for a in attachment.children] == [
        ("article", "1", 81),
        ("article", "2", 399),
        ("article", "3", 401),
    ]
    article_one = attachment.children[0]
    assert [p.label for p in children(article_one, "part")] == ["I", "II", "III", "IV", "V", "VI"]
    part_five = article_one.children[4]
    assert [c.label for c in part_five.children] == [str(n) for n in range(1, 12)]


def test_it_keeps_an_enumeration_inside_a_sentence_as_text() -> None:
    part_three = seed("001").nodes[-1].children[0].children[2]

    # "(1)", "2.", "(3)", "(4)", "5." are the clauses of part III; the "(1)" and "(2)" lines
    # under a "+" item of point b) are an enumeration inside that item.
    assert [(c.label, c.line) for c in part_three.children] == [
        ("1", 143),
        ("2", 197),
        ("3", 213),
        ("4", 221),
        ("5", 255),
    ]
    item = next(n for n, _ in iter_nodes(part_three.children) if n.line == 165)
    assert "(1) Giấy tờ thuộc loại phải số hóa" in item.text
    assert "(2) Giấy tờ không thuộc loại phải số hóa" in item.text


def test_it_does_not_repeat_a_mistyped_point_letter() -> None:
    clause_two = seed("001").nodes[-1].children[0].children[4].children[1]

    # the source has "d)" twice (for "d)" and "đ)"); the second is text of the first
    assert [p.label for p in children(clause_two, "point")] == ["a", "b", "c", "d", "e", "g", "h"]
    assert "Hướng dẫn chuẩn hóa danh mục tài liệu" in clause_two.children[3].text


def test_it_splits_the_prime_minister_letter() -> None:
    document = seed("002")

    assert [c.label for c in document.nodes] == ["1", "2", "3", "4", "5"]
    assert [p.label for p in document.nodes[1].children] == list("abcdđegh")
    assert document.preamble.count("\n- ") == 4  # the addressees stay in the preamble
    assert document.closing.startswith("Nơi nhận:")


def test_it_splits_the_plan_and_its_appendix_table() -> None:
    document = seed("003")

    assert [n.label for n in document.nodes] == ["I", "II", "III", "IV", "1"]
    appendix = document.nodes[-1]
    assert appendix.kind == "appendix"
    assert appendix.line == 87
    assert appendix.heading.startswith("NỘI DUNG NHIỆM VỤ VỀ ĐẨY MẠNH CẢI CÁCH")
    assert appendix.text.startswith("(Kèm theo Kế hoạch số /KH-UBND")
    assert [p.label for p in appendix.children] == ["I", "II", "III", "IV", "V"]
    # table rows "1<TAB>Xây dựng Kế hoạch..." are text of their part, never clauses
    assert "1 Xây dựng Kế hoạch" in appendix.children[0].text
    assert document.closing.startswith("Trong quá trình triển khai thực hiện Kế hoạch")
    assert document.closing.endswith("Nguyễn Tuấn Hà")


def test_it_splits_the_government_office_letter() -> None:
    document = seed("004")

    assert [len(children(c, "point")) for c in document.nodes] == [0, 0, 7, 0, 0]
    assert [len(children(c, "bullet")) for c in document.nodes] == [0, 0, 0, 2, 2]
    assert document.nodes[0].text.startswith("Về tăng cường họp trực tuyến")
    assert "Các bộ, cơ quan, địa phương đẩy mạnh" in document.nodes[0].text
    assert document.closing.startswith("Trân trọng cảm ơn")
    assert "[1] Số lượng PAKN còn tồn đọng" in document.closing


# -- the decree rebuilt from the corpus ---------------------------------------------------------


def test_it_parses_a_decree_into_the_same_articles_clauses_and_points_as_the_corpus() -> None:
    data = law()
    document = parse_text(rebuild_law_text(data), source=str(LAW_JSON))

    assert document.header.number == "24/2012/NĐ-CP"
    assert document.header.doc_type == "Nghị định"
    assert [(c.kind, c.label, c.heading) for c in document.nodes] == [
        ("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG"),
        ("chapter", "II", "KINH DOANH VÀNG"),
    ]
    articles = [node for node, _ in iter_nodes(document.nodes) if node.kind == "article"]
    assert len(articles) == 23
    assert [a.label for a in articles] == [a["article"] for a in data["articles"]]
    for article, expected in zip(articles, data["articles"], strict=True):
        clauses = children(article, "clause")
        assert len(clauses) == len(expected["clauses"]), article.label
        for clause, expected_clause in zip(clauses, expected["clauses"], strict=True):
            assert clause.label == expected_clause["number"]
            assert clause.text == expected_clause["text"]
            assert [p.label for p in children(clause, "point")] == [p["letter"] for p in expected_clause["points"]]
    assert document.closing.startswith("Nơi nhận:")


def test_it_splits_an_article_body_with_points_running_inline() -> None:
    article = next(a for a in law()["articles"] if a["article"] == "11")

    intro, clauses = parse_article_body(article["text"])

    assert intro == ""
    assert [c.label for c in clauses] == ["1", "2", "3"]
    assert [[p.label for p in c.children] for c in clauses] == [
        ["a", "b", "c", "d", "đ"],
        ["a", "b", "c"],
        [],
    ]
    assert clauses[0].text == article["clauses"][0]["text"]
    assert clauses[1].children[0].text == "Có vốn điều lệ từ 3.000 (ba nghìn) tỷ đồng trở lên."


def test_it_keeps_the_intro_of_an_article_body() -> None:
    intro, clauses = parse_article_body(
        "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:\n1. Vàng miếng là vàng.\n"
        "2. Vàng trang sức là vàng:\na) có hình dạng;\nb) có hàm lượng."
    )

    assert intro == "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:"
    assert [(c.kind, c.label, c.line) for c in clauses] == [("clause", "1", 2), ("clause", "2", 3)]
    assert [p.text for p in clauses[1].children] == ["có hình dạng;", "có hàm lượng."]


def test_it_joins_hard_wrapped_lines_of_an_article_body() -> None:
    intro, clauses = parse_article_body(
        "1. Thứ tự ưu tiên lựa chọn gia đình\nthay thế như sau: a) Cha dượng, mẹ kế;"
        " b) Công dân Việt Nam thường trú ở\ntrong nước.\n\n2. Trường hợp có nhiều người."
    )

    assert intro == ""
    assert [c.label for c in clauses] == ["1", "2"]
    assert clauses[0].text == "Thứ tự ưu tiên lựa chọn gia đình thay thế như sau:"
    assert [p.text for p in clauses[0].children] == [
        "Cha dượng, mẹ kế;",
        "Công dân Việt Nam thường trú ở trong nước.",
    ]


# -- markers in context -------------------------------------------------------------------------


def test_it_never_takes_dates_or_numbers_for_markers() -> None:
    preamble, nodes, closing = parse_structure(
        [
            "1. Thực hiện Quyết định số 468/QĐ-TTg ngày",
            "27/3/2021 của Thủ tướng Chính phủ;",
            "1.889 quy định đã được cắt giảm;",
            "2021 là năm đầu tiên;",
            "Điều 5 của Luật này được sửa đổi.",
            "2. Nội dung thứ hai.",
        ]
    )

    assert preamble == ""
    assert closing == ""
    assert [(n.kind, n.label) for n in nodes] == [("clause", "1"), ("clause", "2")]
    assert nodes[0].text.split("\n") == [
        "Thực hiện Quyết định số 468/QĐ-TTg ngày",
        "27/3/2021 của Thủ tướng Chính phủ;",
        "1.889 quy định đã được cắt giảm;",
        "2021 là năm đầu tiên;",
        "Điều 5 của Luật này được sửa đổi.",
    ]


def test_it_puts_articles_under_roman_parts() -> None:
    _pre, nodes, _closing = parse_structure(
        [
            "I. QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi",
            "1. Khoản một.",
            "Điều 2. Đối tượng",
            "II. QUY ĐỊNH CỤ THỂ",
            "Điều 3. Thủ tục",
            "a) Điểm a.",
        ]
    )

    assert [(n.kind, n.label, [a.label for a in n.children]) for n in nodes] == [
        ("part", "I", ["1", "2"]),
        ("part", "II", ["3"]),
    ]
    assert anchor_for([("part", "II"), ("article", "3"), ("point", "a")]) == "dieu-3-diem-a"


def test_it_nests_sections_in_chapters_and_reads_headings_on_the_next_line() -> None:
    _pre, nodes, _closing = parse_structure(
        [
            "Chương I",
            "NHỮNG QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
            "Chương II",
            "THỦ TỤC",
            "Mục 1",
            "CẤP GIẤY PHÉP",
            "Điều 2. Hồ sơ",
            "Mục 2. THU HỒI GIẤY PHÉP",
            "Điều 3. Thu hồi",
        ],
        start_line=10,
    )

    chapter_two = nodes[1]
    assert (chapter_two.label, chapter_two.heading, chapter_two.line) == ("II", "THỦ TỤC", 13)
    assert [(s.label, s.heading, [a.label for a in s.children]) for s in chapter_two.children] == [
        ("1", "CẤP GIẤY PHÉP", ["2"]),
        ("2", "THU HỒI GIẤY PHÉP", ["3"]),
    ]
    assert nodes[0].children[0].heading == "Phạm vi điều chỉnh"


def test_it_keeps_articles_of_an_appendix_apart_from_the_main_articles() -> None:
    _pre, nodes, closing = parse_structure(
        [
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế.",
            "Điều 2. Hiệu lực.",
            "Nơi nhận:",
            "- Lưu: VT.",
            "KT. BỘ TRƯỞNG",
            "THỨ TRƯỞNG",
            "PHỤ LỤC I",
            "QUY CHẾ PHỐI HỢP",
            "Điều 1. Phạm vi",
            "Điều 2. Nguyên tắc",
        ]
    )

    assert closing == "Nơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    anchors = [anchor for _node, anchor in unique_anchors(nodes)]
    assert anchors == ["dieu-1", "dieu-2", "phu-luc-i", "phu-luc-i-dieu-1", "phu-luc-i-dieu-2"]
    assert nodes[2].heading == "QUY CHẾ PHỐI HỢP"


DECISION_WITH_REGULATION = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 12/2024/QĐ-UBND
Đà Lạt, ngày 4 tháng 5 năm 2024
QUYẾT ĐỊNH
Ban hành Quy chế tiếp nhận phản ánh, kiến nghị
ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận phản ánh, kiến nghị.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Hiệp
QUY CHẾ
TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ
(Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND ngày 4/5/2024 của Ủy ban nhân dân tỉnh)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi
1. Quy chế này quy định việc tiếp nhận.
Điều 2. Đối tượng
"""


def test_it_makes_a_regulation_issued_with_a_decision_an_attachment() -> None:
    document = parse_text(DECISION_WITH_REGULATION)

    assert document.header.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert document.preamble == "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:"
    assert document.closing.endswith("CHỦ TỊCH\nTrần Văn Hiệp")
    attachment = document.nodes[-1]
    assert (attachment.kind, attachment.label, attachment.line) == ("attachment", "1", 19)
    assert attachment.heading == "Quy chế tiếp nhận phản ánh, kiến nghị"
    assert attachment.text.startswith("(Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND")
    assert [anchor for _node, anchor in unique_anchors(document.nodes)] == [
        "dieu-1",
        "dieu-2",
        "kem-theo-1",
        "kem-theo-1-chuong-i",
        "kem-theo-1-dieu-1",
        "kem-theo-1-dieu-1-khoan-1",
        "kem-theo-1-dieu-2",
    ]


def test_it_accepts_an_inserted_article_but_not_a_repeated_one() -> None:
    _pre, nodes, _closing = parse_structure(["Điều 5. A", "Điều 5a. B", "Điều 6. C", "Điều 5. D"])

    assert [(n.label, n.text) for n in nodes] == [("5", ""), ("5a", ""), ("6", "Điều 5. D")]


def test_it_puts_points_and_items_straight_under_an_article() -> None:
    _pre, nodes, _closing = parse_structure(
        [
            "Điều 3. Hồ sơ gồm:",
            "a) Đơn;",
            "- bản chính;",
            "+ có chữ ký;",
            "- bản sao;",
            "b) Tờ khai.",
        ]
    )

    article = nodes[0]
    assert [(p.kind, p.label) for p in article.children] == [("point", "a"), ("point", "b")]
    items = article.children[0].children
    assert [(i.label, i.text, [c.text for c in i.children]) for i in items] == [
        ("1", "bản chính;", ["có chữ ký;"]),
        ("2", "bản sao;", []),
    ]


def test_it_treats_items_after_kinh_gui_as_preamble_and_other_items_as_nodes() -> None:
    preamble, nodes, _closing = parse_structure(
        ["Kính gửi:", "- Các bộ;", "- Các tỉnh.", "Văn phòng thông báo như sau:", "- Ý một;"]
    )

    assert preamble == "Kính gửi:\n- Các bộ;\n- Các tỉnh.\nVăn phòng thông báo như sau:"
    assert [(n.kind, n.label, n.text) for n in nodes] == [("bullet", "1", "Ý một;")]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004", "law"])
def test_it_gives_every_node_a_unique_anchor(prefix: str) -> None:
    document = parse_text(rebuild_law_text(law())) if prefix == "law" else seed(prefix)

    anchors = [anchor_for(path) for _node, path in iter_nodes(document.nodes)]

    assert len(anchors) > 10
    assert len(anchors) == len(set(anchors))
    assert all(anchor.isascii() and anchor == anchor.lower() for anchor in anchors)
