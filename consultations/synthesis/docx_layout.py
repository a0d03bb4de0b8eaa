"""The synthesis as a Word document (python-docx), in the layout Vietnamese ministries use for a
"Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý": landscape A4; the agency on the left and the
national motto, place and date on the right; the title; an opening paragraph with the totals;
one table (Nhóm vấn đề / Điều, khoản | Chủ thể góp ý | Nội dung góp ý | Nội dung tiếp thu, giải
trình) whose first column is merged over the rows of one unit, the draft as a whole last under
"Vấn đề khác"; a signature block. Times New Roman, as Nghị định 30/2020/NĐ-CP asks."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from consultations.synthesis.report import Report, place_and_date

COLUMNS = ("Nhóm vấn đề / Điều, khoản", "Chủ thể góp ý", "Nội dung góp ý", "Nội dung tiếp thu, giải trình")
WIDTHS = (Cm(4.2), Cm(4.8), Cm(8.5), Cm(8.5))
FONT = "Times New Roman"


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)


def _landscape_a4(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(1.5)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _line(cell, text: str, bold: bool = False, italic: bool = False, size: int = 13, first: bool = False) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _heading_block(document, report: Report) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(10), Cm(15.7)
    _line(left, report.agency_name.upper(), bold=True, first=True)
    _line(left, "_______")
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, first=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    _line(right, "_______________________")
    _line(right, place_and_date(report.place, report.published_on), italic=True)


def _title(document, report: Report) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(report.title)
    run.bold, run.font.size = True, Pt(14)
    opening = document.add_paragraph(report.opening)
    opening.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    opening.paragraph_format.first_line_indent = Cm(1)


def _cell_text(cell, text: str, bold: bool = False) -> None:
    """Plain text in a cell, a paragraph per line (nothing in it is read as markup)."""
    lines = text.splitlines() or [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(12)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _answer_text(disposition_label: str, answer: str, taken_in: str = "") -> str:
    if not disposition_label:
        return answer
    text = f"{disposition_label}. {answer}" if answer else disposition_label
    return f"{text}\n{taken_in}" if taken_in else text


def _vertical_merge(cell, restart: bool) -> None:
    """Mark a first-column cell as the start (or a continuation) of a vertical merge: Word shows
    one cell over the rows of a unit; python-docx reads the continuations as that one cell."""
    merge = OxmlElement("w:vMerge")
    if restart:
        merge.set(qn("w:val"), "restart")
    cell._tc.get_or_add_tcPr().append(merge)


def _new_row(table) -> list:
    """Append a row and return its cells without python-docx recomputing the whole table's grid
    (`table.rows[i].cells` is linear in the table's size, so quadratic over a long table)."""
    row = table.add_row()
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _table(document, report: Report) -> None:
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width  # the grid LibreOffice and Word lay the table out by
    header = table.rows[0]
    _repeat_header(header)
    for cell, title, width in zip(header.cells, COLUMNS, WIDTHS, strict=True):
        cell.width = width
        _cell_text(cell, title, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in report.sections:
        for index, row in enumerate(section.rows):
            cells = _new_row(table)
            for cell, width in zip(cells, WIDTHS, strict=True):
                cell.width = width
            if index == 0:
                _cell_text(cells[0], section.title, bold=True)
            if len(section.rows) > 1:
                _vertical_merge(cells[0], restart=index == 0)
            _cell_text(cells[1], row.commenters)
            _cell_text(cells[2], row.text)
            _cell_text(cells[3], _answer_text(row.disposition_label, row.answer, row.taken_in_sentence))


def _signature(document, report: Report) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    run = paragraph.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in ("- Như trên;", "- Lưu: VT, PC."):
        left.add_paragraph().add_run(line).font.size = Pt(11)
    _line(right, (report.signer_title or "THỦ TRƯỞNG CƠ QUAN").upper(), bold=True, first=True)
    _line(right, "(Đã ký)", italic=True)
    for _ in range(2):
        _line(right, "")
    _line(right, report.signer_name, bold=True)


def render(report: Report) -> bytes:
    document = Document()
    _font(document)
    _landscape_a4(document)
    document.core_properties.title = report.title
    document.core_properties.author = report.agency_name
    _heading_block(document, report)
    _title(document, report)
    _table(document, report)
    document.add_paragraph()
    _signature(document, report)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
