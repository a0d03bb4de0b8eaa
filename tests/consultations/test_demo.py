"""The demo consultations: seed 000's draft resolution open for comment at Văn phòng Chính phủ
(opened a week ago, closing 30 days from today), an upcoming and a closed one made from other
real texts of the corpus; a second run keeps them and moves their dates with today. The closed
one gets, through load_demo_data, its comments, a campaign group answered once, answers of every
disposition, a revised draft with a redline and a published synthesis (DOCX, XLSX, CSV)."""

from datetime import date, datetime, time, timedelta
from io import BytesIO, StringIO

import docx
import pytest

from consultations.answers.queries import unanswered
from consultations.council.opinions import published_opinions
from consultations.demo import load_demo_consultations
from consultations.demo_closed_data import CAMPAIGN, COMMENTS
from consultations.models import (
    Answer,
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    Disposition,
)
from consultations.revisions import compare_versions, versions_of
from consultations.timeline import VIETNAM, closing_moment
from consultations.units import commentable_units
from portal.accounts.demo import ensure_demo_accounts
from portal.management.commands.load_demo_data import Command as LoadDemoData
from portal.site_setup import ensure_home_page
from regulations.demo import load_demo
from regulations.library import ensure_library

pytestmark = pytest.mark.django_db


def test_it_publishes_seed_000_as_an_open_consultation_and_two_more(corpus_dir, client):
    ensure_library(ensure_home_page())
    assert load_demo(corpus_dir).errors == []
    today = date.today()
    demo = load_demo_consultations(corpus_dir, today=today)

    seed = demo.open
    assert seed.url == "/tham-van/van-phong-chinh-phu/du-thao-nghi-quyet-day-manh-cai-cach-thu-tuc-hanh-chinh/"
    assert seed.lead_agency.name == "Văn phòng Chính phủ" and seed.live
    assert seed.opens_at == datetime.combine(today - timedelta(days=7), time(8), tzinfo=VIETNAM)
    assert seed.closes_at == closing_moment(today + timedelta(days=30))
    assert seed.status == "open" and seed.doc_type == "nghi-quyet"
    assert seed.document.external_id == "seed:000_30dcf1b77f192af4"
    assert len(commentable_units(seed.version)) == 34
    assert (demo.upcoming.status, demo.closed.status) == ("upcoming", "closed")
    assert demo.upcoming.document.legal_status == "du-thao" and demo.upcoming.document.number == ""
    assert demo.closed.version.provisions.filter(kind="article").count() > 50

    response = client.get("/tham-van/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Dự thảo Nghị quyết") < body.index("kinh doanh vàng") < body.index("Kinh doanh bất động sản")
    assert client.get(seed.url).status_code == 200

    _check_closed_outcome(demo.closed, corpus_dir, client)

    later = load_demo_consultations(corpus_dir, today=today + timedelta(days=10))
    assert ConsultationPage.objects.count() == 3 and later.open.pk == seed.pk
    later.open.refresh_from_db()
    assert later.open.closes_at == closing_moment(today + timedelta(days=40))
    assert later.closed.version.number == 1  # the version commented on, not the revised one


def _check_closed_outcome(closed, corpus_dir, client):
    ensure_demo_accounts()
    out = StringIO()
    LoadDemoData(stdout=out).complete_closed_consultation(closed, corpus_dir)
    comments = ConsultationComment.objects.filter(consultation=closed)
    assert comments.count() == len(COMMENTS) + len(CAMPAIGN)
    assert set(comments.values_list("status", flat=True)) == {CommentStatus.ANSWERED}
    assert all(c.on_time and c.receipt_number and c.version == closed.version for c in comments)
    assert not unanswered(comments).exists()

    group = CommentGroup.objects.get(consultation=closed)
    assert group.comments().count() == len(CAMPAIGN) and group.answer.is_public
    answers = Answer.objects.filter(consultation=closed)
    assert answers.count() == len(COMMENTS) + 1 and all(a.is_public for a in answers)
    assert set(answers.values_list("disposition", flat=True)) == set(Disposition.values)
    assert all(a.answered_by.username == "demo-bxd-phapche" for a in answers)
    assert all(a.approved_by.username == "demo-bxd-pheduyet" for a in answers)
    deadline = ConsultationPage.objects.get(pk=closed.pk).answer_deadline
    assert all(a.published_at.date() <= deadline for a in answers)

    first, revised = versions_of(closed)
    assert revised.number == 2 and revised.kind == "du-thao"
    changed = {c.new.label for c in compare_versions(first, revised).redline.changes if c.kind != "unchanged"}
    assert changed == {"Điều 9", "Điều 10", "Điều 55", "Điều 56", "Điều 57"}
    redline = client.get(f"/tham-van/so-sanh/{closed.pk}/").content.decode()
    assert "<ins" in redline and "<del" in redline and "vốn chủ sở hữu" in redline

    assert closed.synthesis.signer_name and ConsultationPage.objects.get(pk=closed.pk).stage == "published"
    page = client.get(f"/tham-van/tong-hop/{closed.pk}/").content.decode()
    business = COMMENTS[1]
    assert business.organization in page and business.answer in page and "9 ý kiến cùng nội dung" in page
    docx_response = client.get(f"/tham-van/tong-hop/{closed.pk}/tong-hop-y-kien.docx")
    cells = {cell.text for row in docx.Document(BytesIO(docx_response.content)).tables[1].rows for cell in row.cells}
    assert any(business.answer in cell for cell in cells)
    for suffix in ("xlsx", "csv"):
        assert client.get(f"/tham-van/tong-hop/{closed.pk}/tong-hop-y-kien.{suffix}").status_code == 200
    assert client.get(f"/api/v1/consultations/{closed.pk}").json()["synthesis_csv_url"].endswith(".csv")
    assert f"gửi {comments.count()} góp ý, nhóm chiến dịch {len(CAMPAIGN)} góp ý" in out.getvalue()
    (opinion,) = published_opinions(closed)
    assert [signer.username for signer in opinion.signers.all()] == ["demo-hoidong"]
    assert "người mua là bên yếu thế trong hợp đồng" in client.get(closed.url).content.decode()

    LoadDemoData(stdout=out).complete_closed_consultation(closed, corpus_dir)  # idempotent
    assert "gửi 0 góp ý" in out.getvalue() and comments.count() == len(COMMENTS) + len(CAMPAIGN)
    assert Answer.objects.filter(consultation=closed).count() == len(COMMENTS) + 1
    assert len(published_opinions(closed)) == 1
