"""The officer's side in the Wagtail admin: upload a draft (DOCX or PDF) as a consultation of her
ministry, with its times and questions; the minimum period and the parser's errors are shown in
the form; the page goes through the ministry's workflow and its draft is published with it; an
officer of another ministry can neither create nor edit there."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Collection
from wagtail.test.utils.form_data import querydict_from_html

from consultations.folders import ensure_consultation_folder
from consultations.models import ConsultationPage
from consultations.timeline import VIETNAM
from regulations.models import LegalDocumentPage, VersionKind
from tests.consultations.builders import make_draft, write_docx

pytestmark = pytest.mark.django_db

DRAFT_LINES = [
    "BỘ TÀI CHÍNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số:      /2026/TT-BTC",
    "Hà Nội, ngày    tháng    năm 2026",
    "DỰ THẢO",
    "THÔNG TƯ",
    "Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này hướng dẫn việc sử dụng hóa đơn điện tử của hộ kinh doanh.",
    "Điều 2. Đối tượng áp dụng",
    "1. Hộ kinh doanh nộp thuế theo phương pháp kê khai.",
    "2. Cơ quan thuế các cấp.",
    "Điều 3. Thời hạn chuyển đổi",
    "Hộ kinh doanh chuyển sang hóa đơn điện tử chậm nhất sau 6 tháng.",
]


def docx_upload(tmp_path, lines=DRAFT_LINES, name="du-thao-thong-tu.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, write_docx(tmp_path / name, lines).read_bytes())


@pytest.fixture
def finance_consultations(finance_folder):
    return ensure_consultation_folder(finance_folder.agency)


@pytest.fixture
def trade_consultations(trade_folder):
    return ensure_consultation_folder(trade_folder.agency)


def add_url(folder) -> str:
    return f"/quan-tri/pages/add/consultations/consultationpage/{folder.pk}/"


def form_data(client, url: str, **values):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    opens = timezone.localdate() + timedelta(days=1)
    defaults = {
        "opens_at": f"{opens:%Y-%m-%d} 08:00",
        "closing_date": f"{opens + timedelta(days=30):%Y-%m-%d}",
        "questions-TOTAL_FORMS": "1",
        "questions-0-text": "Thời hạn 6 tháng ở Điều 3 có đủ cho hộ kinh doanh không?",
        "questions-0-note": "",
        "questions-0-ORDER": "1",
        "questions-0-id": "",
        "questions-0-DELETE": "",
    }
    for key, value in {**defaults, **values}.items():
        data[key] = value
    return data


def post(client, url: str, data, files=None):
    payload = {key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key] for key in data}
    payload.update(files or {})
    return client.post(url, payload)


def test_it_turns_an_uploaded_docx_into_a_consultation_of_the_officers_ministry(
    client, alice, finance_consultations, tmp_path
):
    client.force_login(alice)
    data = form_data(client, add_url(finance_consultations))
    response = post(client, add_url(finance_consultations), data, {"draft_file": docx_upload(tmp_path)})

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ConsultationPage.objects.get()
    assert page.get_parent().pk == finance_consultations.pk and not page.live
    assert page.title == "Dự thảo Thông tư Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh"
    assert page.slug == "du-thao-thong-tu-huong-dan-hoa-don-dien-tu-doi-voi-ho-kinh-doanh"
    assert page.doc_type == "thong-tu" and page.lead_agency.name == "Bộ Tài chính"
    assert page.closes_at.astimezone(VIETNAM).time().isoformat() == "23:59:59.999999"
    assert [q.text for q in page.questions.all()] == ["Thời hạn 6 tháng ở Điều 3 có đủ cho hộ kinh doanh không?"]
    draft = page.document.specific
    assert draft.get_parent().specific.agency.name == "Bộ Tài chính" and draft.get_parent().url.startswith("/van-ban/")
    assert not draft.live and draft.legal_status == "du-thao"
    assert draft.external_id.startswith(f"du-thao-{timezone.localdate().year}-bo-tai-chinh-thong-tu-huong-dan")
    assert page.version.kind == VersionKind.DRAFT
    assert list(page.version.provisions.filter(kind="article").values_list("anchor", flat=True)) == [
        "dieu-1",
        "dieu-2",
        "dieu-3",
    ]


def test_it_shows_the_minimum_period_and_a_broken_file_in_the_form(client, alice, finance_consultations, tmp_path):
    client.force_login(alice)
    opens = timezone.localdate() + timedelta(days=1)
    data = form_data(client, add_url(finance_consultations), closing_date=f"{opens + timedelta(days=10):%Y-%m-%d}")
    response = post(client, add_url(finance_consultations), data, {"draft_file": docx_upload(tmp_path)})
    assert response.status_code == 200
    assert "tối thiểu là 30 ngày" in str(response.context["form"].errors["closing_date"])

    data = form_data(client, add_url(finance_consultations))
    broken = SimpleUploadedFile("hong.docx", b"PK\x03\x04 not really a docx")
    response = post(client, add_url(finance_consultations), data, {"draft_file": broken})
    assert response.status_code == 200
    assert "hong.docx" in str(response.context["form"].errors["draft_file"])

    response = post(client, add_url(finance_consultations), form_data(client, add_url(finance_consultations)))
    assert "Tải lên tệp dự thảo" in str(response.context["form"].errors["draft_file"])
    assert not ConsultationPage.objects.exists() and not LegalDocumentPage.objects.exists()


def test_it_publishes_the_draft_with_the_consultation_through_the_ministrys_workflow(
    client, alice, bob, finance_consultations, tmp_path
):
    client.force_login(alice)
    data = form_data(client, add_url(finance_consultations), **{"action-submit": "1"})
    response = post(client, add_url(finance_consultations), data, {"draft_file": docx_upload(tmp_path)})
    assert response.status_code == 302
    page = ConsultationPage.objects.get()
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not page.permissions_for_user(alice).can_publish()

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, bob, "approve")

    page.refresh_from_db()
    draft = page.document.specific
    draft.refresh_from_db()
    assert page.live and draft.live
    assert draft.versions.get().is_published
    assert client.get(page.url).status_code == 200


def test_an_officer_of_another_ministry_can_neither_create_nor_edit_there(
    client, alice, carol, finance_consultations, trade_consultations, tmp_path
):
    client.force_login(alice)
    post(
        client,
        add_url(finance_consultations),
        form_data(client, add_url(finance_consultations)),
        {"draft_file": docx_upload(tmp_path)},
    )
    page = ConsultationPage.objects.get()

    client.force_login(carol)
    assert client.get(add_url(finance_consultations)).status_code in (302, 403)
    assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code in (302, 403)
    assert not page.permissions_for_user(carol).can_edit()

    # Nor can she put Bộ Tài chính's draft under consultation in her own folder.
    data = form_data(client, add_url(trade_consultations), document=str(page.document_id))
    response = post(client, add_url(trade_consultations), data)
    assert response.status_code == 200
    assert "quyền sửa" in str(response.context["form"].errors["document"])


def test_it_takes_a_revised_draft_as_the_next_version(client, alice, finance_consultations, tmp_path):
    client.force_login(alice)
    post(
        client,
        add_url(finance_consultations),
        form_data(client, add_url(finance_consultations)),
        {"draft_file": docx_upload(tmp_path)},
    )
    page = ConsultationPage.objects.get()
    edit_url = f"/quan-tri/pages/{page.pk}/edit/"
    revised = DRAFT_LINES[:-1] + ["Hộ kinh doanh chuyển sang hóa đơn điện tử chậm nhất sau 12 tháng."]
    response = post(client, edit_url, form_data(client, edit_url), {"draft_file": docx_upload(tmp_path, revised)})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.version.number == 2 and latest.version.kind == VersionKind.DRAFT
    assert "12 tháng" in latest.version.provisions.get(anchor="dieu-3").text


def test_it_refuses_a_revised_draft_that_fails_to_parse_and_changes_nothing(
    client, alice, finance_consultations, tmp_path
):
    client.force_login(alice)
    post(
        client,
        add_url(finance_consultations),
        form_data(client, add_url(finance_consultations)),
        {"draft_file": docx_upload(tmp_path)},
    )
    page = ConsultationPage.objects.get()
    revisions = page.revisions.count()
    edit_url = f"/quan-tri/pages/{page.pk}/edit/"
    broken = SimpleUploadedFile("du-thao-lan-2.docx", b"PK\x03\x04 not really a docx")
    response = post(client, edit_url, form_data(client, edit_url), {"draft_file": broken})

    assert response.status_code == 200
    errors = str(response.context["form"].errors["draft_file"])
    assert "Không đọc được tệp du-thao-lan-2.docx" in errors
    page.refresh_from_db()
    assert page.revisions.count() == revisions and page.version.number == 1
    assert page.document.versions.count() == 1 and LegalDocumentPage.objects.count() == 1
    assert page.get_latest_revision_as_object().version.number == 1


def test_it_gives_officers_their_ministrys_file_collection(alice, carol, finance_consultations, trade_consultations):
    finance = Collection.objects.get(name="Tham vấn — BTC")
    from wagtail.documents.permissions import permission_policy

    assert permission_policy.user_has_permission_for_instance(alice, "choose", _doc(finance))
    assert not permission_policy.user_has_permission_for_instance(carol, "choose", _doc(finance))


def _doc(collection):
    from wagtail.documents.models import Document

    return Document(title="Báo cáo đánh giá tác động", collection=collection)


def test_it_accepts_an_existing_draft_of_her_own_ministry(client, alice, finance_consultations):
    draft = make_draft(title="Dự thảo Nghị định về hóa đơn", agency="Bộ Tài chính", key="du-thao-hoa-don")
    client.force_login(alice)
    data = form_data(client, add_url(finance_consultations), document=str(draft.pk), title="", slug="")
    response = post(client, add_url(finance_consultations), data)
    assert response.status_code == 200  # no title and no file: she must name it
    assert "title" in response.context["form"].errors
    data["title"] = "Dự thảo Nghị định về hóa đơn"
    response = post(client, add_url(finance_consultations), data)
    assert response.status_code == 302
    page = ConsultationPage.objects.get()
    assert page.document_id == draft.pk and page.version == draft.versions.get()
    assert page.closing_date == date.fromisoformat(data["closing_date"])
