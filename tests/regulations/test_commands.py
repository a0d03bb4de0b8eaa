"""The import commands: real files in, clear messages for bad input, nothing half-imported."""

import json
import shutil
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from regulations.models import LegalDocumentPage, Provision

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def corpus_sample(tmp_path, corpus_dir) -> Path:
    """The first three laws of the search benchmark corpus, as the importer expects them."""
    lines = []
    law_ids: list[str] = []
    with (corpus_dir / "search-benchmark" / "corpus.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            law_id = json.loads(raw)["law_id"]
            if law_id not in law_ids:
                if len(law_ids) == 3:
                    break
                law_ids.append(law_id)
            lines.append(raw)
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_it_imports_a_corpus_sample_grouped_by_law_with_external_ids(corpus_sample):
    out, _ = run("import_legal_corpus", str(corpus_sample), "--no-progress")

    assert "Đã tạo 3" in out
    first = json.loads(corpus_sample.read_text(encoding="utf-8").splitlines()[0])
    article = Provision.objects.get(external_id=first["id"])
    assert article.kind == "article"
    assert article.document.number == first["law_id"] or article.document.external_id
    assert article.document.title == first["law_title"]
    line_count = len(corpus_sample.read_text(encoding="utf-8").splitlines())
    assert Provision.objects.filter(kind="article").count() == line_count

    out, _ = run("import_legal_corpus", str(corpus_sample), "--no-progress")
    assert "giữ nguyên 3" in out


def test_it_names_file_and_line_for_broken_json_and_missing_fields(tmp_path, corpus_sample):
    good = corpus_sample.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join(
            [
                good[0],
                "{not json",
                json.dumps({"id": "x1", "law_id": "99/2099/QH99", "title": "Điều 1"}),
                json.dumps({"id": "x2", "law_id": "98/2098/QH98", "title": "Điều 1. A", "text": "Nội dung."}),
            ]
        ),
        encoding="utf-8",
    )

    _, err = run_failing("import_legal_corpus", str(bad), "--no-progress")

    assert f"{bad}:2: JSON không hợp lệ" in err
    assert f"{bad}:3: thiếu trường bắt buộc: text" in err
    assert not LegalDocumentPage.objects.filter(number="99/2099/QH99").exists()  # spoiled document skipped
    assert LegalDocumentPage.objects.filter(number="98/2098/QH98").exists()


def test_a_dry_run_saves_nothing(corpus_sample):
    out, _ = run("import_legal_corpus", str(corpus_sample), "--dry-run", "--no-progress")
    assert out.startswith("[chạy thử]")
    assert LegalDocumentPage.objects.count() == 0


def test_it_imports_a_seed_text_file_with_its_header(tmp_path, corpus_dir):
    path = tmp_path / "727.txt"
    shutil.copy(corpus_dir / "seeds" / "002_8fd2b55280f195ae.txt", path)

    run("import_document", str(path))

    page = LegalDocumentPage.objects.get(number="727/TTg-KSTT")
    assert page.issuing_agency.name == "Thủ tướng Chính phủ"
    assert page.doc_type == "cong-van"
    assert page.provisions.exists()


def test_it_imports_a_docx_with_the_header_in_a_table(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "BỘ TÀI CHÍNH"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 12/2024/TT-BTC"
    table.cell(1, 1).text = "Hà Nội, ngày 05 tháng 3 năm 2024"
    document.add_paragraph("THÔNG TƯ")
    document.add_paragraph("Quy định thủ tục đăng ký kinh doanh")
    for n in (1, 2):
        document.add_paragraph(f"Điều {n}. Quy định số {n}")
        document.add_paragraph("1. Doanh nghiệp nộp hồ sơ trực tuyến.")
        document.add_paragraph("a) Hồ sơ gồm tờ khai.")
    path = tmp_path / "tt.docx"
    document.save(path)

    run("import_document", str(path))

    page = LegalDocumentPage.objects.get(number="12/2024/TT-BTC")
    assert page.doc_type == "thong-tu"
    assert page.issuing_agency.name == "Bộ Tài chính"
    assert page.issued_date.isoformat() == "2024-03-05"
    anchors = set(page.provisions.values_list("anchor", flat=True))
    assert {"dieu-1", "dieu-2-khoan-1-diem-a"} <= anchors


def test_it_refuses_a_header_without_number_unless_allowed(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nCải cách thủ tục\nI. MỤC ĐÍCH\n1. Giảm chi phí.\n", encoding="utf-8")

    _, err = run_failing("import_document", str(path))
    assert f"{path}: không tìm thấy số hiệu văn bản" in err
    assert LegalDocumentPage.objects.count() == 0

    run("import_document", str(path), "--allow-no-number", "--issuer", "Bộ Tài chính")
    assert LegalDocumentPage.objects.get(external_id="file:plan").doc_type == "ke-hoach"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "rỗng"),
        ("broken.docx", b"this is not a zip file", "docx"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj <<", "pdf"),
        ("table.xls", b"\xd0\xcf\x11\xe0", "xls"),
    ],
)
def test_it_rejects_bad_files_with_a_message_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    _, err = run_failing("import_document", str(path))

    assert str(path) in err
    assert message.lower() in err.lower()
    assert LegalDocumentPage.objects.count() == 0


def test_it_rejects_an_oversized_file(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1024
    path = tmp_path / "big.txt"
    path.write_text("Số: 1/2024/TT-BTC\n" + "Điều 1. A\n" * 500, encoding="utf-8")

    _, err = run_failing("import_document", str(path))

    assert str(path) in err
    assert LegalDocumentPage.objects.count() == 0
