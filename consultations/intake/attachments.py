"""One file per comment: a PDF or a Word document (DOCX), checked by its content.

The extension is not trusted. A PDF must start like one, open with pdfminer (pdfplumber's
parser), have pages and not be encrypted; a DOCX must be a ZIP archive holding a Word document
(``word/document.xml`` and ``[Content_Types].xml``), with no macros, at most a few hundred
entries, and must not inflate to more than a bounded size or ratio (a zip bomb). The file is read
from memory or from Django's temporary upload file; nothing is stored here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import BinaryIO

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # inflated size / stored size, for the archive as a whole
MAX_ENTRIES = 500
PDF = "pdf"
DOCX = "docx"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX}


class AttachmentProblem(StrEnum):
    EXTENSION = "extension"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_PDF = "not_pdf"
    ENCRYPTED_PDF = "encrypted_pdf"
    DAMAGED_PDF = "damaged_pdf"
    NOT_DOCX = "not_docx"
    MACROS = "macros"
    ZIP_BOMB = "zip_bomb"


class InvalidAttachment(ValueError):
    def __init__(self, problem: AttachmentProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class CheckedAttachment:
    kind: str  # PDF or DOCX
    size: int


def check_attachment(name: str, size: int, stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedAttachment:
    """Check a file by its name, size and content; raise :class:`InvalidAttachment`."""
    kind = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind is None:
        raise InvalidAttachment(AttachmentProblem.EXTENSION)
    if size <= 0:
        raise InvalidAttachment(AttachmentProblem.EMPTY)
    if size > max_bytes:
        raise InvalidAttachment(AttachmentProblem.TOO_LARGE)
    stream.seek(0)
    data = stream.read(max_bytes + 1)
    stream.seek(0)
    if len(data) > max_bytes:
        raise InvalidAttachment(AttachmentProblem.TOO_LARGE)
    if kind == PDF:
        _check_pdf(data)
    else:
        _check_docx(data)
    return CheckedAttachment(kind=kind, size=len(data))


def _check_pdf(data: bytes) -> None:
    # The header may follow a little junk (the PDF standard allows it within the first 1024 bytes).
    if b"%PDF-" not in data[:1024]:
        raise InvalidAttachment(AttachmentProblem.NOT_PDF)
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException

    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        if document.encryption is not None:
            raise InvalidAttachment(AttachmentProblem.ENCRYPTED_PDF)
        if next(PDFPage.create_pages(document), None) is None:
            raise InvalidAttachment(AttachmentProblem.DAMAGED_PDF)
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise InvalidAttachment(AttachmentProblem.ENCRYPTED_PDF) from None
    except InvalidAttachment:
        raise
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise InvalidAttachment(AttachmentProblem.DAMAGED_PDF) from None


def _check_docx(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise InvalidAttachment(AttachmentProblem.NOT_DOCX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise InvalidAttachment(AttachmentProblem.ZIP_BOMB)
            names = {entry.filename for entry in entries}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise InvalidAttachment(AttachmentProblem.NOT_DOCX)
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise InvalidAttachment(AttachmentProblem.MACROS)
            declared = sum(entry.file_size for entry in entries)
            if declared > MAX_INFLATED_BYTES or declared > MAX_RATIO * max(len(data), 1):
                raise InvalidAttachment(AttachmentProblem.ZIP_BOMB)
            # The sizes an archive declares can lie: inflate for real, with a budget.
            budget = min(MAX_INFLATED_BYTES, MAX_RATIO * max(len(data), 1))
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(64 * 1024):
                        budget -= len(chunk)
                        if budget < 0:
                            raise InvalidAttachment(AttachmentProblem.ZIP_BOMB)
    except InvalidAttachment:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise InvalidAttachment(AttachmentProblem.NOT_DOCX) from None
