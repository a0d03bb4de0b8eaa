"""Read the text of an uploaded document (.txt, .docx, .pdf) and normalise it.

Every failure is a :class:`ParseError` whose message, in Vietnamese, names the file.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from regulations.legaltext.normalize import clean_characters, needs_cleaning
from regulations.parsers.types import ParseError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_EXTENSIONS = (".txt", ".docx", ".pdf")

# A DOCX is a zip: refuse archives that inflate to more than this many times max_bytes.
_MAX_INFLATION = 20

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# Only the HTML tags that leak from table exports; "<mã định danh>" and the like stay.
_HTML_TAG = re.compile(r"</?(?:p|ul|ol|li|br|span|div|strong|em|b|i|u|sup|sub)(?:\s[^<>\n]*)?/?>", re.IGNORECASE)
_CONVERSION_LEFTOVERS = re.compile(
    r"\*\*|\[bookmark:| +(?:\n|$)|</?(?:p|ul|ol|li|br|span|div|strong|em|b|i|u|sup|sub)[\s/>]", re.IGNORECASE
)


def normalize_text(text: str) -> str:
    """Characters cleaned as everywhere in the portal (``legaltext.normalize.clean_characters``:
    NFC, no zero-width characters or BOM, Unicode spaces and tabs as " ", hyphen look-alikes and
    the eth typed for Đ repaired), "\\n" line ends (a vertical tab or form feed ends a line too),
    no markdown bold, no Word bookmark markers or stray HTML tags, no trailing spaces.
    The tone marks stay where the document put them. Idempotent."""
    if not needs_cleaning(text) and not _CONVERSION_LEFTOVERS.search(text):
        return text  # already clean: the common case for text that went through here once
    text = clean_characters(text.replace("\v", "\n").replace("\f", "\n"))
    text = text.replace("**", "")
    text = _BOOKMARK.sub("", text)
    text = _HTML_TAG.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the normalised text of a .txt, .docx or .pdf file."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = suffix or "(không có phần mở rộng)"
        raise ParseError(
            source,
            None,
            f"định dạng tệp {shown} không được hỗ trợ; chỉ nhận .txt, .docx hoặc .pdf",
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ParseError(source, None, "không tìm thấy tệp") from None
    except OSError as exc:
        raise ParseError(source, None, f"không đọc được tệp: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ParseError(source, None, "không phải là một tệp")
    if size > max_bytes:
        raise ParseError(
            source,
            None,
            f"tệp quá lớn ({_human(size)}), giới hạn là {_human(max_bytes)}",
        )
    if size == 0:
        raise ParseError(source, None, "tệp rỗng (0 byte)")

    if suffix == ".txt":
        raw = _read_txt(path, source)
    elif suffix == ".docx":
        raw = _read_docx(path, source, max_bytes)
    else:
        raw = _read_pdf(path, source)

    text = normalize_text(raw)
    if not text.strip():
        if suffix == ".pdf":
            raise ParseError(
                source,
                None,
                "tệp PDF không có lớp chữ (có thể là bản quét ảnh); cần bản có chữ hoặc DOCX",
            )
        raise ParseError(source, None, "tệp không có nội dung văn bản")
    return text


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} byte"


# -- .txt --------------------------------------------------------------------------------------


def _read_txt(path: Path, source: str) -> str:
    data = _read_bytes(path, source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParseError(source, None, "tệp văn bản UTF-16 bị lỗi mã hóa") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            source,
            line,
            f"tệp văn bản không phải mã hóa UTF-8 (byte không hợp lệ ở vị trí {exc.start}); "
            "hãy lưu lại tệp với mã hóa UTF-8",
        ) from None


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ParseError(source, None, f"không đọc được tệp: {exc.strerror or exc}") from None


# -- .docx -------------------------------------------------------------------------------------


def _read_docx(path: Path, source: str, max_bytes: int) -> str:
    if not zipfile.is_zipfile(path):
        raise ParseError(source, None, "tệp DOCX bị hỏng hoặc không phải DOCX (không đọc được cấu trúc ZIP)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(source, None, f"tệp DOCX bị hỏng ({exc})") from None
    if "word/document.xml" not in names:
        raise ParseError(source, None, "tệp DOCX bị hỏng hoặc không phải văn bản Word (thiếu word/document.xml)")
    if inflated > _MAX_INFLATION * max_bytes:
        raise ParseError(source, None, "tệp DOCX giải nén ra quá lớn")

    import docx  # python-docx

    try:
        document = docx.Document(str(path))
        lines = list(_docx_lines(document.element.body))
    except ParseError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged XML
        raise ParseError(source, None, f"tệp DOCX bị hỏng, không đọc được nội dung ({exc})") from None
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_lines(container: Any) -> Iterator[str]:
    """Paragraphs and table cells in document order; merged cells are read once."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield _paragraph_text(child)
        elif tag == f"{_W}tbl":
            yield from _table_lines(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _docx_lines(content)


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.iterchildren(f"{_W}tr"):
        for cell in row.iterchildren(f"{_W}tc"):
            properties = cell.find(f"{_W}tcPr")
            if properties is not None:
                vmerge = properties.find(f"{_W}vMerge")
                # A vertically merged continuation cell repeats the cell above: skip it.
                if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue"):
                    continue
            yield from _docx_lines(cell)
        yield ""


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(True for _ in node.iterancestors(_MC_FALLBACK)):
            continue  # the same text box again, for old Word versions
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


# -- .pdf --------------------------------------------------------------------------------------


def _read_pdf(path: Path, source: str) -> str:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise ParseError(source, None, "tệp PDF bị hỏng hoặc không phải PDF (thiếu phần đầu %PDF-)")

    import pdfplumber

    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(str(page.extract_text() or ""))
    except Exception as exc:  # pdfminer raises many kinds on damaged or locked files
        if _is_password_error(exc):
            raise ParseError(
                source, None, "tệp PDF được bảo vệ bằng mật khẩu (mã hóa); hãy gửi bản không khóa"
            ) from None
        raise ParseError(source, None, f"tệp PDF bị hỏng, không đọc được ({_describe(exc)})") from None
    return "\n".join(pages)


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        for arg in current.args:
            if isinstance(arg, BaseException):
                yield arg
        current = current.__cause__ or current.__context__


def _is_password_error(exc: BaseException) -> bool:
    for item in _exception_chain(exc):
        name = type(item).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            return True
        if "password" in str(item).lower() or "encrypt" in str(item).lower():
            return True
    return False


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {text}"[:200] if text else name
