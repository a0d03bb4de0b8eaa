"""The public side: the consultation page (status, countdown, questions, attachments, the draft
with each article's count, action and first few comments, every comment reachable through
"Xem tất cả" and its own link, in a fixed number of queries), the list at
/tham-van/ (filters, order, pages, HTMX, no JavaScript needed) and the home page's section."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from consultations.models import AttachmentKind, CommentStatus, ConsultationAttachment, ConsultationQuestion
from consultations.models.reading import INLINE_THREADS
from portal.site_setup import ensure_home_page
from tests.consultations.builders import bulk_comments, make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db


def soup(client, url: str, status: int = 200, **headers) -> BeautifulSoup:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def consultation():
    ensure_home_page()
    page = make_consultation(draft=make_draft(articles=4))
    page.questions = [
        ConsultationQuestion(text="Điều kiện về kho chứa có phù hợp với doanh nghiệp nhỏ không?"),
        ConsultationQuestion(text="Thời hạn chuyển tiếp 12 tháng có đủ không?"),
    ]
    report = Document(title="Báo cáo đánh giá tác động chính sách")
    report.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    report.save()
    page.attachments = [ConsultationAttachment(kind=AttachmentKind.IMPACT_ASSESSMENT, document=report)]
    page.save_revision().publish()
    return page


def test_it_shows_status_countdown_questions_and_attachments(client, consultation):
    page = soup(client, consultation.url)
    assert page.select_one(".badge-open").get_text() == "Đang lấy ý kiến"
    countdown = page.select_one("[data-countdown]")
    assert countdown["data-target"].startswith(str(consultation.closing_date))
    assert "23 ngày" in countdown.get_text() or "22 ngày" in countdown.get_text()
    assert [li.get_text(strip=True) for li in page.select(".questions li")] == [
        "Điều kiện về kho chứa có phù hợp với doanh nghiệp nhỏ không?",
        "Thời hạn chuyển tiếp 12 tháng có đủ không?",
    ]
    attachment = page.select_one(".attachments a")
    assert attachment.get_text() == "Báo cáo đánh giá tác động chính sách"
    assert "Báo cáo đánh giá tác động" in page.select_one(".attachments .count").get_text()


def test_it_shows_each_articles_count_action_and_threaded_comments_as_text(client, consultation):
    article_2 = consultation.version.provisions.get(anchor="dieu-2")
    first = make_comment(consultation, article_2, text="<script>alert('x')</script>Đề nghị bỏ khoản 1.")
    make_comment(
        consultation,
        article_2,
        parent_id=first.pk,
        text="Đồng ý với\nCông ty Minh Phát.",
        commenter_type="individual",
        organization="",
    )
    hidden = make_comment(consultation, article_2, text="Mua hàng giá rẻ tại đây")
    hidden.status = CommentStatus.HIDDEN
    hidden.public_note = "đã ẩn: nội dung quảng cáo"
    hidden.save()
    make_comment(consultation, None, text="Góp ý chung: dự thảo cần đánh giá tác động kỹ hơn.")
    pending = make_comment(consultation, article_2, text="Chưa duyệt")
    pending.status = CommentStatus.PENDING_MODERATION
    pending.save()

    page = soup(client, consultation.url)
    article = page.select_one("section#dieu-2")
    assert article.select_one(".comment-count").get_text() == "4 góp ý"  # hidden and pending counted
    action = article.select_one("a.comment-action")
    assert action["href"] == "?muc=dieu-2#gop-y" and action.get_text() == "Góp ý điều này (Điều 2)"
    comments = article.select(".unit-comments > .comment")
    assert len(comments) == 2  # the pending one is not shown
    assert comments[0].select_one("strong").get_text() == "Công ty TNHH Xăng dầu Minh Phát"
    assert "<script>" in comments[0].select_one(".comment-text").get_text()
    assert page.find("script", string=lambda s: s and "alert" in s) is None
    reply = comments[0].select_one(".comment-replies .comment")
    assert reply.select_one("strong").get_text() == "Cá nhân #1"
    assert reply.select_one(".comment-text br") is not None
    assert comments[1].select_one(".comment-hidden").get_text() == "đã ẩn: nội dung quảng cáo"
    assert "Mua hàng" not in str(page)
    assert page.select_one("section#dieu-1 .comment-count").get_text() == "0 góp ý"
    general = page.select_one(".general-comments")
    assert "(1 góp ý)" in general.get_text() and "đánh giá tác động kỹ hơn" in general.get_text()
    form = page.select_one("#gop-y")
    assert form is not None


def test_it_names_the_unit_chosen_for_the_comment_form(client, consultation):
    page = soup(client, f"{consultation.url}?muc=dieu-3")
    assert page.select_one("#gop-y .selected-unit strong").get_text() == "Điều 3"
    assert soup(client, f"{consultation.url}?muc=khong-co").select_one("#gop-y .selected-unit") is None


def test_it_offers_no_action_once_closed(client):
    ensure_home_page()
    closed = make_consultation(opens_at=timezone.now() - timedelta(days=60), days=30)
    page = soup(client, closed.url)
    assert page.select_one(".badge-closed").get_text() == "Đã đóng"
    assert page.select("a.comment-action") == []
    assert "không nhận thêm góp ý" in page.select_one("#gop-y").get_text().lower()  # the intake's notice


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_the_page_in_a_fixed_number_of_queries_whatever_the_size(client):
    ensure_home_page()
    small = make_consultation(draft=make_draft(title="Dự thảo nhỏ", articles=5, key="nho"), slug="nho")
    bulk_comments(small, list(small.version.provisions.filter(kind="article")), per_unit=2)
    large = make_consultation(draft=make_draft(title="Dự thảo lớn", articles=200, key="lon"), slug="lon")
    articles = list(large.version.provisions.filter(kind="article"))
    assert bulk_comments(large, articles, per_unit=10) == 2000

    _page_queries(client, small.url)  # warm caches (site, content types)
    small_count = _page_queries(client, small.url)
    large_count = _page_queries(client, large.url)
    assert large_count == small_count
    assert small_count <= 30  # the page (about 20), public answers (2), versions, synthesis, the comment form
    page = soup(client, large.url)
    assert page.select_one("section#dieu-200 .comment-count").get_text() == "10 góp ý"
    # Each unit draws its first INLINE_THREADS threads: the page's size does not grow with the comments.
    assert len(page.select(".unit-comments .comment")) == 200 * INLINE_THREADS
    assert len(page.select(".more-comments a")) == 200
    expanded = f"{large.url}?xem=dieu-200"
    assert _page_queries(client, expanded) == small_count
    page = soup(client, expanded)
    assert len(page.select("section#dieu-200 .unit-comments .comment")) == 10
    assert len(page.select(".unit-comments .comment")) == 199 * INLINE_THREADS + 10


def test_it_draws_a_few_threads_per_unit_then_a_link_to_all_of_them(client, consultation):
    article_2 = consultation.version.provisions.get(anchor="dieu-2")
    threads = [make_comment(consultation, article_2, text=f"Góp ý số {n} về Điều 2.") for n in range(5)]
    reply = make_comment(consultation, article_2, parent_id=threads[4].pk, text="Trả lời góp ý số 4.")
    general = [make_comment(consultation, None, text=f"Góp ý chung số {n}.") for n in range(INLINE_THREADS + 1)]
    other = make_consultation(draft=make_draft(articles=2, key="khac"), slug="khac")
    elsewhere = make_comment(other, None, text="Góp ý ở đợt khác.")

    page = soup(client, consultation.url)
    article = page.select_one("section#dieu-2")
    assert article.select_one(".comment-count").get_text() == "6 góp ý"  # the count is every comment
    assert [c["id"] for c in article.select(".unit-comments > .comment")] == [
        f"gop-y-{c.pk}" for c in threads[:INLINE_THREADS]
    ]
    more = article.select_one(".unit-comments .more-comments a")
    assert more.get_text() == "Xem tất cả 6 góp ý về Điều 2"  # five threads and a reply
    assert more["href"] == f"?xem=dieu-2#gop-y-{threads[INLINE_THREADS].pk}"  # lands on the first not drawn
    assert page.select_one("section#dieu-1 .more-comments") is None
    general_more = page.select_one("#gop-y-chung .more-comments a")
    assert general_more.get_text() == f"Xem tất cả {INLINE_THREADS + 1} góp ý chung"
    assert general_more["href"] == f"?xem=gop-y-chung#gop-y-{general[INLINE_THREADS].pk}"
    assert len(page.select("#gop-y-chung .unit-comments > .comment")) == INLINE_THREADS

    page = soup(client, consultation.url + more["href"].split("#")[0])
    article = page.select_one("section#dieu-2")
    assert [c["id"] for c in article.select(".unit-comments > .comment")] == [f"gop-y-{c.pk}" for c in threads]
    assert article.select_one(f"#gop-y-{threads[4].pk} .comment-replies #gop-y-{reply.pk}") is not None
    assert article.select_one(".more-comments") is None
    assert len(page.select("#gop-y-chung .unit-comments > .comment")) == INLINE_THREADS  # the others stay short
    page = soup(client, consultation.url + general_more["href"].split("#")[0])
    assert len(page.select("#gop-y-chung .unit-comments > .comment")) == INLINE_THREADS + 1

    # With HTMX the link's hx-get gets the unit's comments alone, swapped in place of the first few.
    assert more["hx-get"] == "?xem=dieu-2" and more["hx-target"] == "closest .unit-comments"
    response = client.get(consultation.url + more["hx-get"], HTTP_HX_REQUEST="true")
    assert "HX-Request" in response["Vary"]
    fragment = response.content.decode().strip()
    assert (
        fragment.startswith('<section class="unit-comments" aria-label="Góp ý về Điều 2">') and "<html" not in fragment
    )
    part = BeautifulSoup(fragment, "html.parser")
    assert [c["id"] for c in part.select(".unit-comments > .comment")] == [f"gop-y-{c.pk}" for c in threads]
    response = client.get(consultation.url + general_more["hx-get"], HTTP_HX_REQUEST="true")
    assert len(BeautifulSoup(response.content, "html.parser").select(".unit-comments > .comment")) == len(general)

    # A comment's own link draws its unit in full (a reply: its thread's unit); unknown values are ignored.
    for comment in (threads[4], reply, general[INLINE_THREADS]):
        url = comment.get_absolute_url()
        assert url.startswith(consultation.url + f"?gop-y={comment.pk}#")
        assert soup(client, url.split("#")[0]).select_one(f"#gop-y-{comment.pk}") is not None
    for ignored in ("?xem=khong-co", f"?gop-y={elsewhere.pk}", "?gop-y=abc", "?xem="):
        page = soup(client, consultation.url + ignored)
        assert len(page.select("section#dieu-2 .unit-comments > .comment")) == INLINE_THREADS, ignored


# ---- the list ----------------------------------------------------------------------------------


@pytest.fixture
def listing():
    ensure_home_page()
    now = timezone.now()
    open_late = make_consultation(
        draft=make_draft(title="Dự thảo Nghị định về kinh doanh xăng dầu", key="xang-dau"), days=40, slug="xang-dau"
    )
    open_soon = make_consultation(
        draft=make_draft(title="Dự thảo Thông tư về hóa đơn", agency="Bộ Tài chính", doc_type="thong-tu", key="hd"),
        agency="Bộ Tài chính",
        days=30,
        slug="hoa-don",
    )
    upcoming = make_consultation(
        draft=make_draft(title="Dự thảo Nghị định về kinh doanh vàng", key="vang"),
        opens_at=now + timedelta(days=3),
        slug="vang",
    )
    closed = make_consultation(
        draft=make_draft(title="Dự thảo Luật Kinh doanh bất động sản", key="bds"),
        opens_at=now - timedelta(days=90),
        slug="bds",
    )
    return {"open_late": open_late, "open_soon": open_soon, "upcoming": upcoming, "closed": closed}


def titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select(".consultation-list .document-link")]


def test_it_lists_open_first_by_closing_date_then_upcoming_then_closed(client, listing):
    page = soup(client, "/tham-van/")
    assert titles(page) == [
        "Dự thảo Thông tư về hóa đơn",
        "Dự thảo Nghị định về kinh doanh xăng dầu",
        "Dự thảo Nghị định về kinh doanh vàng",
        "Dự thảo Luật Kinh doanh bất động sản",
    ]
    first = page.select_one(".consultation-item")
    assert "3 điều, mục" in first.get_text() and "0 góp ý" in first.get_text()


def test_it_filters_by_status_agency_field_and_type(client, listing):
    assert titles(soup(client, "/tham-van/?status=upcoming")) == ["Dự thảo Nghị định về kinh doanh vàng"]
    assert titles(soup(client, "/tham-van/?status=closed")) == ["Dự thảo Luật Kinh doanh bất động sản"]
    assert titles(soup(client, "/tham-van/?agency=bo-tai-chinh")) == ["Dự thảo Thông tư về hóa đơn"]
    assert titles(soup(client, "/tham-van/?type=thong-tu")) == ["Dự thảo Thông tư về hóa đơn"]
    listing["open_late"].fields = []
    listing["open_late"].save_revision().publish()
    field = listing["open_soon"].document.fields.first()
    listing["open_soon"].fields = [field]
    listing["open_soon"].save_revision().publish()
    assert titles(soup(client, f"/tham-van/?field={field.slug}")) == ["Dự thảo Thông tư về hóa đơn"]
    page = soup(client, "/tham-van/?status=mo-mai")
    assert "Trạng thái không hợp lệ: mo-mai" in page.select_one(".notice-error").get_text()
    assert len(titles(page)) == 4
    agency_page = soup(client, "/tham-van/bo-cong-thuong/")
    assert "Dự thảo Thông tư về hóa đơn" not in titles(agency_page) and len(titles(agency_page)) == 3


def test_it_answers_htmx_with_the_results_only_and_works_without_javascript(client, listing):
    full = soup(client, "/tham-van/?status=open")
    form = full.select_one("form#consultation-filters")
    assert form["method"] == "get" and form["action"] == "/tham-van/"
    assert form.select_one("button[type=submit]") is not None
    partial = client.get("/tham-van/?status=open", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    body = partial.content.decode()
    assert "<html" not in body and "2 dự thảo" in body


def test_it_pages_the_list(client, listing, settings):
    from consultations.models import listing as listing_module

    original = listing_module.PAGE_SIZE
    listing_module.PAGE_SIZE = 3
    try:
        first = soup(client, "/tham-van/")
        second = soup(client, "/tham-van/?page=2")
    finally:
        listing_module.PAGE_SIZE = original
    assert len(titles(first)) == 3 and titles(second) == ["Dự thảo Luật Kinh doanh bất động sản"]
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"


def test_the_home_page_shows_the_consultations_closing_soonest(client, listing):
    home = soup(client, "/")
    section = home.select_one(".closing-soon")
    assert titles(section) == ["Dự thảo Thông tư về hóa đơn", "Dự thảo Nghị định về kinh doanh xăng dầu"]
    assert section.select_one(".time-left") is not None
