"""The synthesis report as data, free of the database and of any file format (mypy --strict).

A report has sections, one per unit of the draft commented on (in the draft's order), then
"Vấn đề khác" for the comments on the draft as a whole. In a section, each comment is a row,
except that the members of one near-duplicate group on the same unit make one row (their
commenters listed, the text of the first, the group's one answer). Totals: commenters by type,
comments, comments by disposition.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

OTHER_ISSUES = "Vấn đề khác"
GROUP_NAMES_SHOWN = 10


@dataclass(frozen=True)
class CommentLine:
    """One comment with what the report shows of it (commenter as the public page shows them)."""

    comment_id: int
    receipt_number: str
    unit_key: str  # the unit's anchor, "" for the draft as a whole
    unit_title: str  # "Điều 3. Điều kiện kinh doanh", "" for the draft as a whole
    unit_position: int  # the unit's order in the draft
    commenter_label: str
    commenter_type: str
    commenter_type_label: str
    commenter_identity: str  # who they are, for counting commenters (never shown)
    organization: str  # shown only for organisations
    text: str
    submitted_at: datetime | None
    received_at: datetime | None
    group_id: int | None
    group_title: str
    disposition: str
    disposition_label: str
    answer_text: str
    answered_at: datetime | None
    version_label: str = ""
    taken_in: str = ""  # an accepted comment: the unit of the revised draft that took it in


@dataclass(frozen=True)
class Row:
    """A row of the report's table: one comment, or the members of a group on one unit."""

    commenters: str
    text: str
    answer: str
    disposition: str
    disposition_label: str
    comment_ids: tuple[int, ...]
    receipt_numbers: tuple[str, ...]
    taken_in: str = ""

    @property
    def taken_in_sentence(self) -> str:
        return f"Đã thể hiện tại {self.taken_in}." if self.taken_in else ""


@dataclass(frozen=True)
class Section:
    title: str  # first column: "Điều 3. ..." or "Vấn đề khác"
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Totals:
    comments: int
    commenters: int
    commenters_by_type: tuple[tuple[str, int], ...]  # (type label, count), in the given order
    by_disposition: tuple[tuple[str, int], ...]  # (disposition label, count), in the given order


@dataclass(frozen=True)
class Report:
    consultation_title: str
    agency_name: str
    opens_on: date
    closes_on: date
    place: str
    published_on: date
    signer_title: str
    signer_name: str
    totals: Totals
    sections: tuple[Section, ...]
    lines: tuple[CommentLine, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"BẢN TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý ĐỐI VỚI {self.consultation_title.upper()}"

    @property
    def opening(self) -> str:
        return opening_paragraph(self)


def _commenters_text(lines: Sequence[CommentLine]) -> str:
    if len(lines) == 1:
        return lines[0].commenter_label
    labels = list(dict.fromkeys(line.commenter_label for line in lines))
    shown = ", ".join(labels[:GROUP_NAMES_SHOWN])
    more = len(labels) - GROUP_NAMES_SHOWN
    if more > 0:
        shown += f" và {more} chủ thể khác"
    return f"{len(lines)} ý kiến cùng nội dung: {shown}"


def _row(lines: Sequence[CommentLine]) -> Row:
    first = lines[0]
    return Row(
        commenters=_commenters_text(lines),
        text=first.text,
        answer=first.answer_text,
        disposition=first.disposition,
        disposition_label=first.disposition_label,
        comment_ids=tuple(line.comment_id for line in lines),
        receipt_numbers=tuple(line.receipt_number for line in lines),
        taken_in=first.taken_in,
    )


def sections(lines: Iterable[CommentLine]) -> tuple[Section, ...]:
    """The report's sections: units in the draft's order, then the draft as a whole."""
    by_unit: dict[str, list[CommentLine]] = {}
    order: dict[str, tuple[int, str]] = {}
    for line in lines:
        by_unit.setdefault(line.unit_key, []).append(line)
        order.setdefault(line.unit_key, (line.unit_position, line.unit_title))
    keys = sorted((key for key in by_unit if key), key=lambda key: order[key][0])
    if "" in by_unit:
        keys.append("")
    result = []
    for key in keys:
        rows: list[Row] = []
        grouped: dict[int, list[CommentLine]] = {}
        places: list[tuple[str, int]] = []  # ("comment", index) or ("group", group id), in order
        singles: list[CommentLine] = []
        for line in by_unit[key]:
            if line.group_id is None:
                places.append(("comment", len(singles)))
                singles.append(line)
            else:
                if line.group_id not in grouped:
                    places.append(("group", line.group_id))
                grouped.setdefault(line.group_id, []).append(line)
        for kind, ref in places:
            rows.append(_row([singles[ref]] if kind == "comment" else grouped[ref]))
        result.append(Section(title=order[key][1] if key else OTHER_ISSUES, rows=tuple(rows)))
    return tuple(result)


def totals(
    lines: Sequence[CommentLine],
    type_labels: Sequence[tuple[str, str]],
    disposition_labels: Sequence[tuple[str, str]],
) -> Totals:
    """Counts for the opening paragraph; `type_labels` and `disposition_labels` are (value,
    label) pairs in the order they are said."""
    identities: dict[str, set[str]] = {}
    for line in lines:
        identities.setdefault(line.commenter_type, set()).add(line.commenter_identity)
    dispositions = Counter(line.disposition for line in lines)
    return Totals(
        comments=len(lines),
        commenters=sum(len(found) for found in identities.values()),
        commenters_by_type=tuple((label, len(identities.get(value, ()))) for value, label in type_labels),
        by_disposition=tuple((label, dispositions.get(value, 0)) for value, label in disposition_labels),
    )


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def opening_paragraph(report: Report) -> str:
    t = report.totals
    by_type = ", ".join(f"{count} {label.lower()}" for label, count in t.commenters_by_type if count)
    by_disposition = "; ".join(f"{count} ý kiến {label.lower()}" for label, count in t.by_disposition)
    return (
        f"Thực hiện quy định của Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15, {report.agency_name} "
        f"đã đăng tải toàn văn dự thảo trên Cổng tham vấn và tra cứu quy định kinh doanh để lấy ý kiến "
        f"từ ngày {_day(report.opens_on)} đến ngày {_day(report.closes_on)}. Đã nhận được {t.comments} ý kiến "
        f"góp ý của {t.commenters} chủ thể ({by_type or 'không có'}). Kết quả tiếp thu, giải trình: "
        f"{by_disposition}. Cụ thể như sau:"
    )


def place_and_date(place: str, day: date) -> str:
    """ "Hà Nội, ngày 05 tháng 3 năm 2026": a zero before a day below 10 and before months 1 and 2
    (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
