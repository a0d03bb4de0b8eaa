"""The synthesis as a spreadsheet (openpyxl) and as CSV: one row per comment."""

import csv
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from consultations.synthesis.report import OTHER_ISSUES, CommentLine, Report
from consultations.timeline import VIETNAM

COLUMNS = (
    "Mã tiếp nhận",
    "Điều, khoản",
    "Loại chủ thể",
    "Chủ thể góp ý",
    "Tổ chức",
    "Nội dung góp ý",
    "Nhóm góp ý trùng lặp",
    "Cách xử lý",
    "Nội dung tiếp thu, giải trình",
    "Gửi lúc",
    "Tiếp nhận lúc",
    "Trả lời công khai lúc",
    "Góp ý trên phiên bản",
    "Đã thể hiện tại (dự thảo sửa đổi)",
)
WIDTHS = (22, 28, 18, 26, 26, 60, 24, 18, 60, 18, 18, 18, 22, 28)


def _moment(value) -> str:
    return value.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if value else ""


def _cells(line: CommentLine) -> list[str]:
    return [
        line.receipt_number,
        line.unit_title or OTHER_ISSUES,
        line.commenter_type_label,
        line.commenter_label,
        line.organization,
        line.text,
        line.group_title,
        line.disposition_label,
        line.answer_text,
        _moment(line.submitted_at),
        _moment(line.received_at),
        _moment(line.answered_at),
        line.version_label,
        line.taken_in,
    ]


def _safe(value: str) -> str:
    """A cell a spreadsheet would read as a formula is kept as text (CSV/formula injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows(report: Report) -> list[list[str]]:
    return [_cells(line) for line in report.lines]


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp góp ý"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows(report):
        sheet.append(values)  # openpyxl writes str as text, never as a formula unless it starts with "="
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_csv(report: Report) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Vietnamese right."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for values in rows(report):
        writer.writerow([_safe(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
