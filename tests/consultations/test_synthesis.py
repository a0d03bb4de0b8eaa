"""The synthesis report: published only when every comment has a public answer; its page, its
DOCX in the official layout (read back with python-docx and checked against the answers), its
XLSX and CSV one row per comment; individuals shown as on the public page; the stage follows."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from consultations.answers import actions
from consultations.models import (
    CommenterType,
    CommentGroup,
    ConsultationPage,
    ConsultationStage,
    Disposition,
    GroupMembership,
    Synthesis,
)
from consultations.synthesis import publishing
from consultations.synthesis.report import OTHER_ISSUES, place_and_date
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(finance_folder):
    return make_consultation(
        agency="Bộ Tài chính",
        opens_at=timezone.now() - timedelta(days=40),
        days=30,
        title="Dự thảo Nghị định quy định về kinh doanh xăng dầu",
    )


def _article(consultation, number: str):
    return consultation.version.provisions.get(anchor=f"dieu-{number}")


@pytest.fixture
def answered(closed, alice, bob):
    """Comments on Điều 3 (a business, an individual without consent), Điều 1 (an association),
    the draft as a whole (an individual who consented), and a campaign group of three on Điều 2;
    all answered and approved."""
    article_1, article_2, article_3 = (_article(closed, n) for n in "123")
    business = make_comment(
        closed, article_3, "Đề nghị bỏ yêu cầu kho chứa tại Điều 3.", organization="Công ty TNHH Minh Phát"
    )
    person = make_comment(
        closed,
        article_3,
        "Thời hạn cấp phép quá dài.",
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Trần Thị Bình",
        user_email="binh@example.vn",
    )
    association = make_comment(
        closed,
        article_1,
        "Phạm vi điều chỉnh cần rõ hơn.",
        commenter_type=CommenterType.ASSOCIATION,
        organization="Hiệp hội Xăng dầu Việt Nam",
    )
    general = make_comment(
        closed,
        None,
        "Dự thảo nên đánh giá tác động kỹ hơn.",
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Lê Văn Cường",
        user_email="cuong@example.vn",
        show_name=True,
    )
    group = CommentGroup.objects.create(consultation=closed)
    campaign = []
    for i in range(3):
        member = make_comment(
            closed,
            article_2,
            f"Đề nghị giảm phí thẩm định cho cửa hàng nhỏ (mẫu {i}).",
            commenter_type=CommenterType.INDIVIDUAL,
            organization="",
            user_name=f"Người {i}",
            user_email=f"nguoi{i}@example.vn",
        )
        GroupMembership.objects.create(comment=member, group=group)
        campaign.append(member)
    answers = {
        business.pk: (Disposition.ACCEPTED, "Tiếp thu, bỏ yêu cầu kho chứa."),
        person.pk: (Disposition.EXPLAINED, "Giữ thời hạn 15 ngày vì cần thẩm định thực địa."),
        association.pk: (Disposition.PARTLY_ACCEPTED, "Tiếp thu một phần, sửa khoản 1."),
        general.pk: (Disposition.ACCEPTED, "Đã bổ sung báo cáo đánh giá tác động."),
    }
    comments = {c.pk: c for c in (business, person, association, general)}
    for pk, (disposition, text) in answers.items():
        actions.approve_answer(
            bob, actions.write_answer(alice, comment=comments[pk], disposition=disposition, text=text)
        )
    actions.approve_answer(
        bob, actions.write_answer(alice, group=group, disposition=Disposition.PARTLY_ACCEPTED, text="Giảm 20% phí.")
    )
    return {
        "business": business,
        "person": person,
        "association": association,
        "general": general,
        "campaign": campaign,
        "group": group,
    }


def test_it_refuses_to_publish_while_a_comment_has_no_public_answer(closed, alice, bob):
    comment = make_comment(closed, _article(closed, "3"))
    actions.submit_answer(
        alice, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="x")
    )
    with pytest.raises(publishing.SynthesisRefused) as refused:
        publishing.publish_synthesis(bob, closed)
    assert "Còn 1 góp ý chưa có câu trả lời công khai" in refused.value.message
    assert not Synthesis.objects.exists()
    assert ConsultationPage.objects.get(pk=closed.pk).stage == ConsultationStage.SYNTHESISING


def test_it_refuses_an_officer_and_another_agency(answered, closed, alice, carol):
    for person in (alice, carol):
        with pytest.raises(publishing.SynthesisRefused):
            publishing.publish_synthesis(person, closed)
    assert not Synthesis.objects.exists()


def test_it_refuses_to_publish_an_open_consultation(finance_folder, bob):
    open_one = make_consultation(agency="Bộ Tài chính")
    with pytest.raises(publishing.SynthesisRefused) as refused:
        publishing.publish_synthesis(bob, open_one)
    assert "chưa kết thúc" in refused.value.message


def test_it_publishes_and_the_stage_stays_published_after_a_page_revision(answered, closed, bob):
    synthesis = publishing.publish_synthesis(
        bob, closed, signer_title="KT. Bộ trưởng / Thứ trưởng", signer_name="Nguyễn Văn Dũng"
    )
    page = ConsultationPage.objects.get(pk=closed.pk)
    assert page.stage == ConsultationStage.PUBLISHED and page.status == "published"
    assert synthesis.published_by == bob
    page.stage = ConsultationStage.CONSULTING  # an older revision published later
    page.save_revision().publish()
    assert ConsultationPage.objects.get(pk=closed.pk).stage == ConsultationStage.PUBLISHED


def _docx(client, consultation) -> Document:
    response = client.get(reverse("consultations_synthesis:file", args=[consultation.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return Document(io.BytesIO(response.content))


def test_it_writes_the_docx_in_the_official_layout_and_its_table_matches_the_answers(client, answered, closed, bob):
    publishing.publish_synthesis(bob, closed, signer_title="KT. Bộ trưởng / Thứ trưởng", signer_name="Nguyễn Văn Dũng")
    document = _docx(client, closed)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert abs(section.page_width.cm - 29.7) < 0.1 and abs(section.page_height.cm - 21.0) < 0.1

    heading, table, signature = document.tables
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert "BỘ TÀI CHÍNH" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert place_and_date("Hà Nội", timezone.localdate()) in right
    paragraphs = [p.text for p in document.paragraphs]
    assert (
        "BẢN TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý ĐỐI VỚI "
        "DỰ THẢO NGHỊ ĐỊNH QUY ĐỊNH VỀ KINH DOANH XĂNG DẦU" in paragraphs
    )
    opening = next(p for p in paragraphs if p.startswith("Thực hiện"))
    assert "7 ý kiến" in opening and "7 chủ thể" in opening and "1 doanh nghiệp" in opening
    assert (
        "2 ý kiến tiếp thu;" in opening and "4 ý kiến tiếp thu một phần" in opening and "1 ý kiến giải trình" in opening
    )

    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Nhóm vấn đề / Điều, khoản", "Chủ thể góp ý", "Nội dung góp ý", "Nội dung tiếp thu, giải trình"]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0].split(".")[0] for row in body] == ["Điều 1", "Điều 2", "Điều 3", "Điều 3", OTHER_ISSUES]
    # The two rows of Điều 3 share one merged cell.
    assert table.cell(3, 0)._tc is table.cell(4, 0)._tc
    by_text = {row[2]: row for row in body}
    business = by_text["Đề nghị bỏ yêu cầu kho chứa tại Điều 3."]
    assert business[1] == "Công ty TNHH Minh Phát" and business[3] == "Tiếp thu. Tiếp thu, bỏ yêu cầu kho chứa."
    person = by_text["Thời hạn cấp phép quá dài."]
    assert person[1].startswith("Cá nhân #") and "Trần Thị Bình" not in person[1]
    assert person[3] == "Giải trình (không tiếp thu). Giữ thời hạn 15 ngày vì cần thẩm định thực địa."
    campaign = by_text["Đề nghị giảm phí thẩm định cho cửa hàng nhỏ (mẫu 0)."]
    assert campaign[1].startswith("3 ý kiến cùng nội dung") and campaign[3] == "Tiếp thu một phần. Giảm 20% phí."
    general = by_text["Dự thảo nên đánh giá tác động kỹ hơn."]
    assert general[0] == OTHER_ISSUES and general[1] == "Lê Văn Cường"
    assert "NGUYỄN VĂN DŨNG" in signature.rows[0].cells[1].text.upper()
    full_text = "\n".join(paragraphs) + "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Trần Thị Bình" not in full_text and "@" not in full_text


def test_it_writes_one_row_per_comment_in_xlsx_and_csv(client, answered, closed, bob):
    publishing.publish_synthesis(bob, closed)
    xlsx = client.get(reverse("consultations_synthesis:file", args=[closed.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Mã tiếp nhận", "Điều, khoản", "Loại chủ thể", "Chủ thể góp ý")
    assert len(rows) == 1 + 7
    by_receipt = {row[0]: row for row in rows[1:]}
    business = by_receipt[answered["business"].receipt_number]
    assert business[7] == "Tiếp thu" and business[8] == "Tiếp thu, bỏ yêu cầu kho chứa."
    member = by_receipt[answered["campaign"][1].receipt_number]
    assert member[6] and member[8] == "Giảm 20% phí."

    response = client.get(reverse("consultations_synthesis:file", args=[closed.pk, "csv"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(table) == 1 + 7
    assert {row[0] for row in table[1:]} == set(by_receipt)
    assert "Trần Thị Bình" not in text and "binh@example.vn" not in text
    general = next(row for row in table if row[0] == answered["general"].receipt_number)
    assert general[1] == OTHER_ISSUES and general[3] == "Lê Văn Cường"


def test_it_shows_the_synthesis_page_once_published_and_to_nobody_else_before(client, answered, closed, alice, bob):
    page_url = reverse("consultations_synthesis:page", args=[closed.pk])
    assert client.get(page_url).status_code == 404
    assert client.get(reverse("consultations_synthesis:file", args=[closed.pk, "docx"])).status_code == 404
    client.force_login(alice)
    preview = client.get(page_url)
    assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()
    client.logout()
    publishing.publish_synthesis(bob, closed)
    html = client.get(page_url).content.decode()
    assert "Đề nghị bỏ yêu cầu kho chứa tại Điều 3." in html and "Tiếp thu, bỏ yêu cầu kho chứa." in html
    assert "Bản xem trước" not in html and "Trần Thị Bình" not in html


def test_it_publishes_through_the_admin_form_and_refuses_with_the_reason(client, closed, alice, bob):
    comment = make_comment(closed)
    url = reverse("consultations_synthesis_admin:publish", args=[closed.pk])
    client.force_login(bob)
    response = client.post(url, {"place": "Hà Nội", "signer_title": "", "signer_name": ""})
    assert response.status_code == 409
    assert "Còn 1 góp ý chưa có câu trả lời công khai" in response.content.decode()
    assert not Synthesis.objects.exists()
    actions.approve_answer(
        bob, actions.write_answer(bob, comment=comment, disposition=Disposition.ACCEPTED, text="Được.")
    )
    response = client.post(url, {"place": "Hà Nội", "signer_title": "Thứ trưởng", "signer_name": "Nguyễn Văn Dũng"})
    assert response.status_code == 302
    assert Synthesis.objects.get().signer_name == "Nguyễn Văn Dũng"


def test_it_numbers_individuals_as_the_consultation_page_does(closed, minh):
    """«Cá nhân #N» is the page's N (consultations.display), even when a hidden comment, which
    the synthesis leaves out, took a number first; the same person keeps one N."""
    from consultations import display
    from consultations.moderation import actions as moderation
    from consultations.synthesis import collect

    def individual(email: str, text: str):
        return make_comment(
            closed, text=text, commenter_type=CommenterType.INDIVIDUAL, organization="", user_email=email
        )

    hidden = individual("an@example.vn", "Mua ngay máy lọc nước!")
    moderation.hide(hidden, minh, "quang-cao")
    first = individual("binh@example.vn", "Thời hạn cấp phép quá dài.")
    again = individual("binh@example.vn", "Phí thẩm định quá cao.")
    other = individual("chi@example.vn", "Đề nghị bỏ yêu cầu kho chứa.")

    labels = {line.comment_id: line.commenter_label for line in collect.lines(closed)}
    shown = display.commenters([first, again, other])
    assert labels == {pk: commenter.label for pk, commenter in shown.items()}
    assert labels[first.pk] == labels[again.pk] == "Cá nhân #2" and labels[other.pk] == "Cá nhân #3"
