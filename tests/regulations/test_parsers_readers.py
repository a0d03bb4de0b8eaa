"""Reading .txt, .docx and .pdf files (regulations.parsers.readers).

The PDF tests need a Unicode TrueType font for Vietnamese; the project set-up installs Debian's
fonts-dejavu-core (scripts/system_deps.sh). Without it the tests fail, they are not skipped.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from regulations.parsers import ParseError, parse_document, read_text
from regulations.parsers.readers import normalize_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADER_LEFT = ["BỘ TÀI CHÍNH", "-------"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = [
    "THÔNG TƯ",
    "Quy định mức thu, chế độ thu, nộp phí thẩm định",
    "Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015;",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này quy định mức thu phí.",
    "Điều 2. Đối tượng áp dụng",
    "1. Người nộp phí;",
    "2. Tổ chức thu phí:",
    "a) Cục Thuế;",
    "đ) ghi nhầm, vẫn là chữ của điểm a;",
    "b) Chi cục Thuế.",
]


@pytest.fixture(scope="module")
def font() -> Path:
    if not FONT.is_file():
        pytest.fail(
            f"{FONT} is missing: install Debian's fonts-dejavu-core (scripts/system_deps.sh test) to run the PDF tests"
        )
    return FONT


def write_docx(path: Path) -> Path:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(HEADER_LEFT)
    table.cell(0, 1).text = HEADER_RIGHT[0]
    table.cell(0, 1).add_paragraph(HEADER_RIGHT[1])
    table.cell(1, 0).text = "Số: 15/2024/TT-BTC"
    table.cell(1, 1).text = "Hà Nội, ngày 12 tháng 3 năm 2024"
    for line in BODY:
        document.add_paragraph(line)
    fees = document.add_table(rows=2, cols=2)
    fees.cell(0, 0).text = "STT"
    fees.cell(0, 1).text = "Mức thu"
    fees.cell(1, 0).text = "1"
    fees.cell(1, 1).text = "100.000 đồng"
    for line in ["Nơi nhận:", "- Như trên;", "- Lưu: VT, CST.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def pdf_with(font: Path, lines: list[str]) -> FPDF:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return pdf


PDF_LINES = [
    "BỘ TÀI CHÍNH",
    *HEADER_RIGHT,
    "Số: 15/2024/TT-BTC",
    "Hà Nội, ngày 12 tháng 3 năm 2024",
    *BODY,
]


def assert_finance_circular(path: Path) -> None:
    document = parse_document(path)
    header = document.header
    assert header.issuer == "Bộ Tài chính"
    assert header.number == "15/2024/TT-BTC"
    assert header.doc_type == "Thông tư"
    assert header.issued_date == datetime.date(2024, 3, 12)
    assert header.place == "Hà Nội"
    assert header.title == "Quy định mức thu, chế độ thu, nộp phí thẩm định"
    assert document.preamble == "Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015;"
    chapter = document.nodes[0]
    assert (chapter.kind, chapter.label, chapter.heading) == ("chapter", "I", "QUY ĐỊNH CHUNG")
    article_two = chapter.children[1]
    assert (article_two.label, article_two.heading) == ("2", "Đối tượng áp dụng")
    assert [c.label for c in article_two.children] == ["1", "2"]
    assert [p.label for p in article_two.children[1].children] == ["a", "b"]


# -- good files ---------------------------------------------------------------------------------


def test_it_reads_a_docx_with_its_header_in_a_table(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "thong-tu.docx")

    text = read_text(path)

    lines = text.split("\n")
    assert lines.index("BỘ TÀI CHÍNH") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lines.index("Số: 15/2024/TT-BTC") < lines.index("THÔNG TƯ")
    assert "100.000 đồng" in lines  # table cells are read too, in document order
    assert_finance_circular(path)
    assert parse_document(path).closing.endswith("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG")


def test_it_reads_a_pdf_written_with_a_unicode_font(tmp_path: Path, font: Path) -> None:
    path = tmp_path / "thong-tu.pdf"
    pdf_with(font, PDF_LINES).output(str(path))

    text = read_text(path)

    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert_finance_circular(path)


def test_it_reads_a_utf8_text_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "cong-van.txt"
    path.write_bytes("\ufeff".encode() + "\n".join(PDF_LINES).encode("utf-8"))

    assert read_text(path).startswith("BỘ TÀI CHÍNH\n")
    assert_finance_circular(path)


def test_it_normalises_the_text() -> None:
    decomposed = "Nghi\u0323 đi\u0323nh"  # "Nghị định" with combining dots below
    raw = f"Số: **1804**/UBND\u00a0NC\tA  \r\n\u200b{decomposed}\ufeff \n[bookmark: dieu_1]I. QUAN ĐIỂM"

    assert normalize_text(raw) == "Số: 1804/UBND NC A\nNghị định\nI. QUAN ĐIỂM"


# -- bad files ----------------------------------------------------------------------------------


def assert_refused(path: Path, words: str, max_bytes: int | None = None) -> None:
    with pytest.raises(ParseError) as caught:
        if max_bytes is None:
            read_text(path)
        else:
            read_text(path, max_bytes=max_bytes)
    message = str(caught.value)
    assert str(path) in message
    assert words in message
    assert caught.value.source == str(path)


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")

    assert_refused(path, "tệp rỗng")


def test_it_refuses_a_text_file_with_only_blanks(tmp_path: Path) -> None:
    path = tmp_path / "trang.txt"
    path.write_text(" \n\u00a0\n", encoding="utf-8")

    assert_refused(path, "không có nội dung")


def test_it_refuses_a_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "gia.docx"
    path.write_text("Đây không phải tệp Word", encoding="utf-8")

    assert_refused(path, "DOCX bị hỏng")


def test_it_refuses_a_truncated_docx(tmp_path: Path) -> None:
    whole = write_docx(tmp_path / "du.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])

    assert_refused(path, "DOCX bị hỏng")


def test_it_refuses_a_truncated_pdf(tmp_path: Path, font: Path) -> None:
    whole = bytes(pdf_with(font, PDF_LINES).output())
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])

    assert_refused(path, "PDF bị hỏng")


def test_it_refuses_a_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("Số: 1/QĐ-TTg", encoding="utf-8")

    assert_refused(path, "không phải PDF")


def test_it_refuses_an_encrypted_pdf(tmp_path: Path, font: Path) -> None:
    pdf = pdf_with(font, PDF_LINES)
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    path = tmp_path / "khoa.pdf"
    pdf.output(str(path))

    assert_refused(path, "mật khẩu")


def test_it_refuses_an_oversized_file_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_text("Điều 1. " + "x" * 5000, encoding="utf-8")

    assert_refused(path, "quá lớn", max_bytes=1024)


@pytest.mark.parametrize("name", ["bang.xls", "van-ban.doc", "khong-duoi"])
def test_it_refuses_an_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 legacy office file")

    assert_refused(path, "không được hỗ trợ")


def test_it_refuses_a_text_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.txt"
    path.write_bytes(b"So: 1/QD\nQuy\xeat \xf0inh")  # Windows-1258 bytes on line 2

    with pytest.raises(ParseError) as caught:
        read_text(path)

    assert str(caught.value).startswith(f"{path}:2: ")
    assert "UTF-8" in str(caught.value)


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    assert_refused(tmp_path / "khong-co.txt", "không tìm thấy")


def test_it_formats_parse_errors_with_and_without_a_line() -> None:
    assert str(ParseError("a.txt", 3, "lỗi")) == "a.txt:3: lỗi"
    assert str(ParseError("a.txt", None, "lỗi")) == "a.txt: lỗi"
