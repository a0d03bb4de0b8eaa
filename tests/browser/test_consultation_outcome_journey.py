"""Issue 8's "done when" journey in Chromium, after a consultation of Bộ Tài chính has closed,
through the real pages:

0. Lan, the business that commented, signs in and follows the consultation («Theo dõi dự thảo
   này»).
1. Alice, its legal officer, answers a business's comment on Article 3 (tiếp thu) and a campaign
   of near-identical comments on Article 2 once, for the whole group (giải trình), in the answer
   queue of the admin, and sends both for approval.
2. Bob, its approver, approves both («Phê duyệt và công khai») and publishes the synthesis.
3. The public synthesis page and the DOCX downloaded from it both hold the business's comment
   with its answer, in one row; the comment's receipt page shows the answer.
4. Hoa, a member of the Advisory Council, publishes the Council's independent opinion in its
   workspace; the consultation page shows it next to the draft's text, with its signatory.
5. The daily digest runs (`send_daily_digests`): Lan's e-mail (Django's test outbox) lists the
   published synthesis with its link.

The comments were sent through the intake during the period and the campaign grouped by the real
grouping (`regroup`) before the browser starts (tests/browser/conftest.py: the database is not
written while Chromium runs).
"""

import re
from datetime import timedelta

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_consultation_journey import admin_sign_in, chromium_session, new_tab, public_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Dự thảo Thông tư hướng dẫn hóa đơn điện tử đối với hộ kinh doanh"
ARTICLES = (
    ("1", "Phạm vi điều chỉnh", "Thông tư này hướng dẫn việc sử dụng hóa đơn điện tử của hộ kinh doanh."),
    ("2", "Phí dịch vụ hóa đơn", "Hộ kinh doanh trả phí dịch vụ hóa đơn điện tử cho tổ chức cung cấp dịch vụ."),
    ("3", "Thời hạn chuyển đổi", "Hộ kinh doanh chuyển sang hóa đơn điện tử chậm nhất sau 6 tháng."),
    ("4", "Hiệu lực thi hành", "Thông tư này có hiệu lực từ ngày 01 tháng 7 năm 2027."),
)
BUSINESS = "Công ty TNHH Xăng dầu Minh Phát"
COMMENT = "Đề nghị kéo dài thời hạn chuyển đổi tại Điều 3 lên 12 tháng cho hộ kinh doanh ở vùng sâu, vùng xa."
ANSWER = "Ban soạn thảo tiếp thu, sửa Điều 3: hộ kinh doanh ở địa bàn khó khăn được chuyển đổi trong 12 tháng."
CAMPAIGN = (
    "Tôi là chủ hộ kinh doanh nhỏ. Phí dịch vụ hóa đơn điện tử tại Điều 2 là gánh nặng với hộ có doanh thu thấp. "
    "Đề nghị Nhà nước miễn phí dịch vụ hóa đơn điện tử trong ba năm đầu cho hộ kinh doanh. {extra}"
)
CAMPAIGN_EXTRAS = ("", "Xin cảm ơn.", "Kính đề nghị xem xét.", "Trân trọng.", "Mong được trả lời sớm.")
OPINION = "Hội đồng đề nghị Bộ Tài chính đánh giá chi phí tuân thủ của việc chuyển đổi đối với hộ kinh doanh nhỏ."
GROUP_ANSWER = (
    "Ban soạn thảo xin giải trình: phí dịch vụ do thị trường quyết định; hộ có doanh thu thấp dùng hóa đơn theo "
    "từng lần phát sinh."
)


@pytest.fixture
def closed(live_server, alice, bob, lan, hoa):
    """A consultation of Bộ Tài chính that closed yesterday: Lan's comment on Article 3 (signed
    in, as a business), five campaign comments on Article 2 (anonymous, confirmed), grouped."""
    from consultations.comment_groups.regroup import regroup
    from consultations.intake.confirmation import confirm
    from consultations.intake.service import Submission, submit
    from regulations.importing import DocumentRecord, VersionDetails, save_document
    from regulations.models import LegalStatus, VersionKind
    from regulations.parsers.types import ParsedNode
    from tests.consultations.builders import make_consultation

    nodes = [ParsedNode("article", n, heading, text, 0, []) for n, heading, text in ARTICLES]
    record = DocumentRecord(
        title=TITLE,
        doc_type="thong-tu",
        issuer="Bộ Tài chính",
        legal_status=LegalStatus.DRAFT,
        external_id="du-thao-test-hoa-don-ho-kinh-doanh",
        nodes=nodes,
    )
    draft = save_document(record, version=VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 1")).page
    opened = timezone.now() - timedelta(days=32)
    consultation = make_consultation(draft, agency="Bộ Tài chính", opens_at=opened, days=30, title=TITLE)
    units = {p.anchor: p.pk for p in consultation.version.provisions.all()}
    during = opened + timedelta(days=3)
    business = submit(
        Submission(
            consultation_id=consultation.pk,
            text=COMMENT,
            commenter_type="business",
            article_id=units["dieu-3"],
            organization=BUSINESS,
            tax_code="0100109106-001",
            user=lan,
            notify=False,
        ),
        now=during,
    ).comment
    for n, extra in enumerate(CAMPAIGN_EXTRAS):
        sent = during + timedelta(hours=n + 1)
        comment = submit(
            Submission(
                consultation_id=consultation.pk,
                text=CAMPAIGN.format(extra=extra).strip(),
                commenter_type="individual",
                article_id=units["dieu-2"],
                name=f"Người góp ý {n}",
                email=f"hokinhdoanh{n}@example.vn",
                notify=False,
            ),
            now=sent,
        ).comment
        confirm(comment.pk, sent, notify=False)
    regroup(consultation)
    return {"url": live_server.url, "consultation": consultation, "receipt": business.receipt_number}


def test_it_takes_a_closed_consultation_to_public_answers_synthesis_opinion_and_digest(closed, tmp_path, mailoutbox):
    from consultations.follows.digest import send_daily_digests
    from consultations.models import Answer, CommentGroup, Synthesis

    group = CommentGroup.objects.get(consultation=closed["consultation"])
    assert group.comments().count() == len(CAMPAIGN_EXTRAS)
    url, consultation, receipt = closed["url"], closed["consultation"], closed["receipt"]
    consultation_url = consultation.url  # read before Chromium starts (tests/browser/conftest.py)

    with chromium_session() as chromium:
        # 0. The business follows the consultation.
        follower = new_tab(chromium)
        public_sign_in(follower, url, "lan@minhphat.vn")
        follower.goto(url + consultation_url)
        follower.get_by_role("button", name="Theo dõi dự thảo này").click()
        expect(follower.get_by_text("Đang theo dõi", exact=True)).to_be_visible()

        # 1. The officer answers the business's comment and the campaign's group once.
        officer = new_tab(chromium)
        admin_sign_in(officer, url, "alice")
        officer.goto(f"{url}/quan-tri/tra-loi-gop-y/?tham-van={consultation.pk}")
        expect(officer.locator(".answers-queue tbody tr")).to_have_count(1 + len(CAMPAIGN_EXTRAS))
        officer.get_by_role("link", name=receipt).click()
        officer.get_by_label("Tiếp thu", exact=True).check()
        officer.get_by_label("Nội dung tiếp thu, giải trình").fill(ANSWER)
        officer.get_by_role("button", name="Gửi phê duyệt").click()
        expect(officer.get_by_text("Chờ phê duyệt", exact=True)).to_be_visible()

        officer.goto(f"{url}/quan-tri/tra-loi-gop-y/?tham-van={consultation.pk}")
        officer.get_by_role("link", name="trả lời cả nhóm").first.click()
        expect(officer.locator("#gop-y")).to_have_text(f"{len(CAMPAIGN_EXTRAS)} góp ý trong nhóm")
        officer.get_by_label("Giải trình (không tiếp thu)").check()
        officer.get_by_label("Nội dung tiếp thu, giải trình").fill(GROUP_ANSWER)
        officer.get_by_role("button", name="Gửi phê duyệt").click()
        expect(officer.get_by_text("Chờ phê duyệt", exact=True)).to_be_visible()

        # 2. The approver makes both public and publishes the synthesis.
        approver = new_tab(chromium)
        admin_sign_in(approver, url, "bob")
        for _answer in range(2):
            approver.goto(f"{url}/quan-tri/tra-loi-gop-y/?xem=cho-phe-duyet&tham-van={consultation.pk}")
            approver.locator("table.listing tbody tr a").first.click()
            approver.get_by_role("button", name="Phê duyệt và công khai").click()
            expect(approver.get_by_text("Đã phê duyệt, công khai")).to_be_visible()
        approver.goto(f"{url}/quan-tri/tra-loi-gop-y/?tham-van={consultation.pk}")
        expect(approver.get_by_text("Mọi góp ý đã có câu trả lời công khai.")).to_be_visible()
        approver.get_by_role("link", name="Bản tổng hợp ý kiến của đợt này: xem trước, công bố").click()
        approver.get_by_label("Chức danh người ký").fill("KT. BỘ TRƯỞNG / THỨ TRƯỞNG")
        approver.get_by_label("Họ tên người ký").fill("Nguyễn Văn Dũng")
        approver.get_by_role("button", name="Công bố bản tổng hợp").click()
        approver.wait_for_url(re.compile(rf"/tham-van/tong-hop/{consultation.pk}/$"))
        expect(approver.get_by_text("Đã công bố bản tổng hợp ý kiến.")).to_be_visible()

        # 3. The public synthesis and its DOCX hold the comment with its answer; so does the receipt.
        reader = new_tab(chromium)
        reader.goto(f"{url}/tham-van/tong-hop/{consultation.pk}/")
        row = reader.locator("tr", has_text=COMMENT)
        expect(row).to_contain_text(ANSWER)
        expect(row).to_contain_text(BUSINESS)
        expect(reader.locator("main")).to_contain_text(GROUP_ANSWER)
        with reader.expect_download() as download:
            reader.get_by_role("link", name="Tải bản tổng hợp (DOCX)").click()
        path = tmp_path / "tong-hop.docx"
        download.value.save_as(path)

        reader.goto(f"{url}/tham-van/bien-nhan/{receipt}/")
        expect(reader.locator("main")).to_contain_text("Trả lời của cơ quan soạn thảo")
        expect(reader.locator("main")).to_contain_text(ANSWER)

        # 4. The Council member publishes an opinion; it shows next to the draft.
        member = new_tab(chromium)
        admin_sign_in(member, url, "hoa")
        member.goto(f"{url}/quan-tri/hoi-dong-tu-van/tham-van/{consultation.pk}/y-kien/")
        member.get_by_role("textbox", name="Nội dung ý kiến độc lập").fill(OPINION)
        member.get_by_label("Hoa Nguyễn Thị").check()
        member.get_by_role("button", name="Công bố").click()
        expect(member.get_by_text("Đã công bố ý kiến độc lập; ý kiến hiện trên trang đợt lấy ý kiến.")).to_be_visible()
        reader.goto(url + consultation_url)
        opinion = reader.get_by_role("region", name="Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính")
        expect(opinion).to_contain_text(OPINION)
        expect(opinion).to_contain_text("Hoa Nguyễn Thị")
        expect(reader.locator("#dieu-3")).to_contain_text("Thời hạn chuyển đổi")

    # 5. The daily digest: the follower's e-mail lists the published synthesis.
    assert send_daily_digests().sent == 1
    (digest,) = [message for message in mailoutbox if "lan@minhphat.vn" in message.to]
    for text in (
        TITLE,
        "Đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến góp ý",
        f"/tham-van/tong-hop/{consultation.pk}/",
    ):
        assert text in digest.body, digest.body

    table = docx.Document(path).tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    business_rows = [row for row in rows if COMMENT in row[2]]
    assert len(business_rows) == 1 and BUSINESS in business_rows[0][1] and ANSWER in business_rows[0][3]
    assert "Điều 3" in business_rows[0][0]
    assert any(GROUP_ANSWER in row[3] and "5 ý kiến" in row[1] for row in rows), rows
    assert Answer.objects.filter(consultation=consultation, state="public").count() == 2
    assert Synthesis.objects.get(consultation=consultation).signer_name == "Nguyễn Văn Dũng"
