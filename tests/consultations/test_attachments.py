"""One attachment per comment, checked by its content (consultations/intake/attachments.py), and
through the page's form: a fake or dangerous file gets a clear message and nothing is stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.intake.attachments import AttachmentProblem, InvalidAttachment, check_attachment
from tests.consultations.builders import make_consultation
from tests.consultations.intake import docx_bytes, form_data, pdf_bytes, stored, zip_bomb_docx

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000  # the start of a Linux executable
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000  # the start of a Windows executable


def problem(name: str, data: bytes, max_bytes: int = 10 * 1024 * 1024) -> AttachmentProblem | None:
    try:
        check_attachment(name, len(data), io.BytesIO(data), max_bytes)
    except InvalidAttachment as refused:
        return refused.problem
    return None


def macro_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    return buffer.getvalue()


def test_it_accepts_real_pdf_and_docx_files():
    assert problem("y-kien.pdf", pdf_bytes()) is None
    assert problem("Y-KIEN.DOCX", docx_bytes()) is None


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("setup.pdf", PE, AttachmentProblem.NOT_PDF),
        ("setup.pdf", ELF, AttachmentProblem.NOT_PDF),
        ("setup.docx", PE, AttachmentProblem.NOT_DOCX),
        ("bang-tinh.docx", b"PK\x03\x04" + b"\x00" * 100, AttachmentProblem.NOT_DOCX),
        ("khoa.pdf", pdf_bytes(password="mat-khau"), AttachmentProblem.ENCRYPTED_PDF),
        ("hong.pdf", b"%PDF-1.7\n" + b"rac " * 500, AttachmentProblem.DAMAGED_PDF),
        ("bom.docx", zip_bomb_docx(), AttachmentProblem.ZIP_BOMB),
        ("macro.docx", macro_docx(), AttachmentProblem.MACROS),
        ("y-kien.exe", pdf_bytes(), AttachmentProblem.EXTENSION),
        ("y-kien.doc", docx_bytes(), AttachmentProblem.EXTENSION),
        ("rong.pdf", b"", AttachmentProblem.EMPTY),
    ],
)
def test_it_refuses_fake_and_dangerous_files(name, data, expected):
    assert problem(name, data) == expected


def test_it_refuses_a_file_over_the_size_limit():
    assert problem("lon.pdf", pdf_bytes(), max_bytes=100) == AttachmentProblem.TOO_LARGE


def test_it_refuses_a_docx_whose_declared_sizes_lie():
    """An archive that declares small members but inflates far beyond them is still caught."""
    data = bytearray(zip_bomb_docx())
    # zero the declared uncompressed size of every central directory entry (offset 24)
    start = data.rfind(b"PK\x01\x02")
    while start != -1:
        data[start + 24 : start + 28] = b"\x00\x00\x00\x00"
        start = data.rfind(b"PK\x01\x02", 0, start)
    assert problem("bom.docx", bytes(data)) in (AttachmentProblem.ZIP_BOMB, AttachmentProblem.NOT_DOCX)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("chuong-trinh.pdf", PE, "nội dung không phải PDF"),
        ("bom.docx", zip_bomb_docx(), "giải nén ra quá lớn"),
        ("khoa.pdf", pdf_bytes(password="1234"), "có mật khẩu hoặc bị mã hóa"),
    ],
)
def test_it_tells_the_commenter_why_a_file_is_refused_and_stores_nothing(visitor, name, data, says):
    consultation = make_consultation()
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    response = visitor.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(attachment=upload))
    assert response.status_code == 400
    assert says in " ".join(str(e) for e in response.context["comment_form"].errors["attachment"])
    assert stored() == 0
