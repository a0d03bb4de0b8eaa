import docx
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from regulations.models import AgencyFolderPage, LegalDocumentPage
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


def _docx_bytes(tmp_path) -> bytes:
    document = docx.Document()
    for line in [
        "BỘ TÀI CHÍNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/2025/TT-BTC",
        "Hà Nội, ngày 10 tháng 2 năm 2025",
        "THÔNG TƯ",
        "Hướng dẫn chế độ báo cáo của doanh nghiệp",
        "Điều 1. Phạm vi điều chỉnh",
        "Thông tư này hướng dẫn chế độ báo cáo.",
        "Điều 2. Kỳ báo cáo",
        "1. Báo cáo định kỳ hằng năm.",
        "a) Hạn nộp ngày 31 tháng 3.",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "tt.docx"
    document.save(path)
    return path.read_bytes()


@pytest.fixture(autouse=True)
def library():
    """A document of Bộ Tài chính (alice's ministry, tests/conftest.py) and one of Bộ Công Thương."""
    make_document(number="16/2012/TT-BTC", title="Thông tư 16/2012/TT-BTC", issuer="Bộ Tài chính", doc_type="thong-tu")
    make_document(number="08/2018/NĐ-CP", title="Nghị định 08/2018/NĐ-CP", issuer="Bộ Công Thương")


def test_it_turns_an_uploaded_docx_into_a_draft_in_the_editors_folder(client, alice, tmp_path):
    client.force_login(alice)
    folder = AgencyFolderPage.objects.get(agency__name="Bộ Tài chính")
    upload = SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path))

    response = client.post("/quan-tri/van-ban/tai-len/", {"file": upload, "folder": folder.pk})

    page = LegalDocumentPage.objects.get(number="15/2025/TT-BTC")
    assert response.status_code == 302 and response.url.endswith(f"/pages/{page.pk}/edit/")
    assert not page.live
    assert page.get_parent().pk == folder.pk
    assert set(page.provisions.values_list("anchor", flat=True)) >= {"dieu-1", "dieu-2-khoan-1-diem-a"}


def test_it_refuses_another_ministrys_folder_and_bad_files(client, alice, tmp_path):
    client.force_login(alice)
    other = AgencyFolderPage.objects.get(agency__name="Bộ Công Thương")

    response = client.post(
        "/quan-tri/van-ban/tai-len/", {"file": SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path)), "folder": other.pk}
    )
    assert response.status_code == 200
    assert "folder" in response.context["form"].errors

    folder = AgencyFolderPage.objects.get(agency__name="Bộ Tài chính")
    response = client.post(
        "/quan-tri/van-ban/tai-len/", {"file": SimpleUploadedFile("hong.docx", b"not a zip"), "folder": folder.pk}
    )
    assert response.status_code == 200
    assert "hong.docx" in str(response.context["form"].errors["file"])
    assert not LegalDocumentPage.objects.filter(number="15/2025/TT-BTC").exists()


def test_a_user_without_any_folder_cannot_open_the_upload_page(client):
    dan = User.objects.create_user("dan", "dan@example.vn", "mat-khau-thu-nghiem")
    dan.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(dan)
    assert client.get("/quan-tri/van-ban/tai-len/").status_code in (302, 403)


def test_the_business_regulation_form_offers_only_articles_of_its_document(client, admin_user):
    from regulations.models import BusinessRegulation, Provision

    page = make_document(number="09/2017/QH14", title="Luật Du lịch 2017", issuer="Quốc hội", doc_type="luat")
    make_document(number="50/2014/QH13", title="Luật Xây dựng 2014", issuer="Quốc hội", doc_type="luat")
    article = Provision.objects.get(document=page, anchor="dieu-1")
    regulation = BusinessRegulation.objects.create(
        title="Điều kiện kinh doanh lữ hành",
        document=page,
        category="dieu-kien-dau-tu-kinh-doanh",
        agency=page.issuing_agency,
    )
    client.force_login(admin_user)

    response = client.get(f"/quan-tri/snippets/regulations/businessregulation/edit/{regulation.pk}/")

    assert response.status_code == 200
    offered = set(response.context["form"].fields["provisions"].queryset)
    assert article in offered
    assert all(p.document_id == page.pk and p.kind == "article" for p in offered)


def test_it_uploads_a_new_version_that_waits_for_the_page_to_be_published(client, alice, tmp_path):
    """alice edits Bộ Tài chính's documents; her new version is public once the page is published."""
    from regulations.models import DocumentVersion

    client.force_login(alice)
    folder = AgencyFolderPage.objects.get(agency__name="Bộ Tài chính")
    client.post(
        "/quan-tri/van-ban/tai-len/",
        {"file": SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path)), "folder": folder.pk},
    )
    page = LegalDocumentPage.objects.get(number="15/2025/TT-BTC")
    page.save_revision().publish()  # the approver published version 1
    page.refresh_from_db()
    assert "Hạn nộp ngày 31 tháng 3." in client.get(page.url).content.decode()

    document = docx.Document(tmp_path / "tt.docx")  # the same file, point a) of Điều 2 changed
    for paragraph in document.paragraphs:
        if paragraph.text == "a) Hạn nộp ngày 31 tháng 3.":
            paragraph.text = "a) Hạn nộp ngày 30 tháng 4."
    path = tmp_path / "tt-sua-doi.docx"
    document.save(path)

    response = client.post(
        "/quan-tri/van-ban/tai-len/",
        {
            "file": SimpleUploadedFile("tt-sua-doi.docx", path.read_bytes()),
            "purpose": "phien-ban-moi",
            "document": page.pk,
            "version_kind": "chinh-thuc",
            "effective_date": "2025-06-01",
        },
    )

    assert response.status_code == 302 and response.url.endswith(f"/pages/{page.pk}/edit/")
    pending = DocumentVersion.objects.get(document=page, number=2)
    assert not pending.is_published and not pending.is_current
    assert pending.effective_date.isoformat() == "2025-06-01"
    public = client.get(page.url).content.decode()
    assert "Hạn nộp ngày 31 tháng 3." in public and "30 tháng 4" not in public
    assert "?phien-ban=2" not in public

    revision = page.get_latest_revision()  # what the approver reviews
    preview = client.get(f"/quan-tri/pages/{page.pk}/revisions/{revision.pk}/view/").content.decode()
    assert "Hạn nộp ngày 30 tháng 4." in preview
    assert "Bản xem trước: phiên bản 2 chưa công bố" in preview

    page.save_revision().publish()  # the approver publishes the page

    pending.refresh_from_db()
    assert pending.is_published and pending.is_current
    assert "Hạn nộp ngày 30 tháng 4." in client.get(page.url).content.decode()


def test_a_new_version_needs_a_document_the_editor_may_edit_and_a_coherent_kind(client, alice, tmp_path):
    client.force_login(alice)
    other = LegalDocumentPage.objects.get(number="08/2018/NĐ-CP")
    own = LegalDocumentPage.objects.get(number="16/2012/TT-BTC")
    upload = {"file": SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path)), "purpose": "phien-ban-moi"}

    errors = client.post("/quan-tri/van-ban/tai-len/", {**upload, "document": other.pk}).context["form"].errors
    assert "Bạn không có quyền sửa văn bản này." in errors["document"]

    upload["file"] = SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path))
    errors = (
        client.post("/quan-tri/van-ban/tai-len/", {**upload, "document": own.pk, "version_kind": "chinh-thuc"})
        .context["form"]
        .errors
    )
    assert "Văn bản chính thức cần ngày có hiệu lực." in errors["effective_date"]

    upload["file"] = SimpleUploadedFile("tt.docx", _docx_bytes(tmp_path))
    errors = (
        client.post("/quan-tri/van-ban/tai-len/", {**upload, "document": own.pk, "version_kind": "du-thao"})
        .context["form"]
        .errors
    )
    assert "khác số hiệu của văn bản đã chọn (16/2012/TT-BTC)" in str(errors["file"])
    assert own.versions.count() == 1
