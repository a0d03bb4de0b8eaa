"""The synthesis report's arrangement, free of the database: sections in the draft's order with
the draft as a whole last, a group's members on one unit as one row, totals, the date line."""

from datetime import date

from consultations.synthesis.report import OTHER_ISSUES, CommentLine, place_and_date, sections, totals

TYPES = [("individual", "Cá nhân"), ("business", "Doanh nghiệp")]
DISPOSITIONS = [("tiep-thu", "Tiếp thu"), ("giai-trinh", "Giải trình (không tiếp thu)")]


def line(pk: int, unit: str = "", position: int = 0, group: int | None = None, **values) -> CommentLine:
    defaults = dict(
        comment_id=pk,
        receipt_number=f"TV-{pk}",
        unit_key=unit,
        unit_title=f"Điều {position}. Tiêu đề" if unit else "",
        unit_position=position,
        commenter_label=f"Cá nhân #{pk}",
        commenter_type="individual",
        commenter_type_label="Cá nhân",
        commenter_identity=f"p{pk}",
        organization="",
        text=f"Góp ý {pk}",
        submitted_at=None,
        received_at=None,
        group_id=group,
        group_title=f"Nhóm {group}" if group else "",
        disposition="tiep-thu",
        disposition_label="Tiếp thu",
        answer_text="Tiếp thu.",
        answered_at=None,
    )
    defaults.update(values)
    return CommentLine(**defaults)


def test_it_orders_sections_by_the_draft_and_puts_the_whole_draft_last():
    found = sections([line(1), line(2, "dieu-5", 5), line(3, "dieu-2", 2), line(4, "dieu-5", 5)])
    assert [section.title for section in found] == ["Điều 2. Tiêu đề", "Điều 5. Tiêu đề", OTHER_ISSUES]
    assert [row.comment_ids for row in found[1].rows] == [(2,), (4,)]


def test_it_makes_one_row_of_a_groups_members_on_one_unit():
    members = [line(pk, "dieu-3", 3, group=7) for pk in range(10, 23)]
    found = sections([line(1, "dieu-3", 3), *members])
    rows = found[0].rows
    assert len(rows) == 2 and rows[1].comment_ids == tuple(range(10, 23))
    assert rows[1].commenters.startswith("13 ý kiến cùng nội dung: Cá nhân #10")
    assert rows[1].commenters.endswith("và 3 chủ thể khác")


def test_it_counts_commenters_once_and_comments_by_disposition():
    lines = [
        line(1, commenter_identity="a"),
        line(2, commenter_identity="a", disposition="giai-trinh"),
        line(3, commenter_type="business", commenter_identity="0100109106"),
    ]
    counted = totals(lines, TYPES, DISPOSITIONS)
    assert counted.comments == 3 and counted.commenters == 2
    assert counted.commenters_by_type == (("Cá nhân", 1), ("Doanh nghiệp", 1))
    assert counted.by_disposition == (("Tiếp thu", 2), ("Giải trình (không tiếp thu)", 1))


def test_it_writes_the_date_line_as_the_decree_on_documents_asks():
    assert place_and_date("Hà Nội", date(2026, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2026"
    assert place_and_date("Hà Nội", date(2026, 2, 15)) == "Hà Nội, ngày 15 tháng 02 năm 2026"
    assert place_and_date("Hà Nội", date(2026, 12, 1)) == "Hà Nội, ngày 01 tháng 12 năm 2026"
