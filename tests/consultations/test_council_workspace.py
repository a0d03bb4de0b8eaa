"""The Council's list of every agency's comments: each filter, the search with or without
diacritics, the order by priority, unknown values named and not obeyed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import access
from consultations.answers import actions as answers
from consultations.council import actions
from consultations.council.queries import IssueFilters
from consultations.models import CommenterType, CommentGroup, Disposition, GroupMembership, Priority
from tests.consultations.builders import bulk_comments, make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(finance_folder, trade_folder, alice, bob, hoa):
    """Comments on two ministries' consultations: answered, answered as a group, unanswered;
    tagged and ranked by the Council."""
    ago = timezone.now() - timedelta(days=40)
    finance = make_consultation(agency="Bộ Tài chính", opens_at=ago, days=30, title="Dự thảo Nghị định về phí")
    trade = make_consultation(
        draft=make_draft(title="Dự thảo Thông tư xăng dầu", key="xang-dau"), agency="Bộ Công Thương", slug="xang-dau"
    )
    article_2 = finance.version.provisions.get(anchor="dieu-2")
    made = {
        "accepted": make_comment(finance, provision=article_2, text="Đề nghị bỏ giấy phép con tại Điều 2."),
        "group": make_comment(finance, text="Đăng ký kinh doanh còn rườm rà.", organization="Hiệp hội Doanh nghiệp"),
        "open": make_comment(finance, text="Phí quá cao so với chi phí thực tế."),
        "trade": make_comment(
            trade,
            text="Xăng dầu: thủ tục Đăng Ký đại lý quá dài.",
            commenter_type=CommenterType.INDIVIDUAL,
            organization="",
        ),
    }
    answers.approve_answer(
        bob, answers.write_answer(alice, comment=made["accepted"], disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    )
    group = CommentGroup.objects.create(consultation=finance)
    GroupMembership.objects.create(group=group, comment=made["group"])
    answers.approve_answer(
        bob, answers.write_answer(alice, group=group, disposition=Disposition.EXPLAINED, text="Giữ nguyên.")
    )
    actions.mark_issue(hoa, made["accepted"], priority=Priority.LOW, tags="giấy phép con")
    actions.mark_issue(hoa, made["trade"], priority=Priority.URGENT, tags="giấy phép con, xăng dầu")
    made.update(finance_page=finance, trade_page=trade)
    return made


def _found(hoa, params) -> set[str]:
    filters = IssueFilters.from_params(params)
    assert not filters.errors, filters.errors
    receipts = filters.apply(access.council_comments(hoa)).values_list("receipt_number", flat=True)
    return set(receipts)


def test_it_filters_every_agencys_comments(hoa, comments):
    receipt = {name: comment.receipt_number for name, comment in comments.items() if hasattr(comment, "receipt_number")}
    assert _found(hoa, {}) == set(receipt.values())  # every ministry's
    assert _found(hoa, {"co-quan": "bo-cong-thuong"}) == {receipt["trade"]}
    assert _found(hoa, {"tham-van": str(comments["finance_page"].pk)}) == {
        receipt["accepted"],
        receipt["group"],
        receipt["open"],
    }
    assert _found(hoa, {"tham-van": str(comments["finance_page"].pk), "dieu": "dieu-2"}) == {receipt["accepted"]}
    assert _found(hoa, {"tham-van": str(comments["finance_page"].pk), "dieu": "ca-du-thao"}) == {
        receipt["group"],
        receipt["open"],
    }
    assert _found(hoa, {"xu-ly": "tiep-thu"}) == {receipt["accepted"]}
    assert _found(hoa, {"xu-ly": "giai-trinh"}) == {receipt["group"]}  # the group's answer counts
    assert _found(hoa, {"tra-loi": "chua"}) == {receipt["open"], receipt["trade"]}
    assert _found(hoa, {"tra-loi": "co"}) == {receipt["accepted"], receipt["group"]}
    tag = comments["trade"].council_issue.tags.get(name="xăng dầu")
    assert _found(hoa, {"nhan": str(tag.pk)}) == {receipt["trade"]}
    assert _found(hoa, {"uu-tien": str(Priority.NONE)}) == {receipt["group"], receipt["open"]}
    assert _found(hoa, {"uu-tien": str(Priority.LOW), "co-quan": "bo-tai-chinh"}) == {receipt["accepted"]}


def test_it_searches_with_or_without_diacritics(hoa, comments):
    receipt = {name: comments[name].receipt_number for name in ("accepted", "group", "open", "trade")}
    assert _found(hoa, {"q": "giay phep"}) == {receipt["accepted"]}
    assert _found(hoa, {"q": "GIẤY PHÉP con"}) == {receipt["accepted"]}
    assert _found(hoa, {"q": "dang ky"}) == {receipt["group"], receipt["trade"]}
    assert _found(hoa, {"q": "đăng ký xăng"}) == {receipt["trade"]}  # every word
    assert _found(hoa, {"q": "hiep hoi"}) == {receipt["group"]}  # the organisation's name
    assert _found(hoa, {"q": receipt["open"].lower()}) == {receipt["open"]}
    assert _found(hoa, {"q": "phi"}) == {receipt["open"]}  # whole words: not "phép"
    assert _found(hoa, {"q": "ban"}) == set()


def test_it_lists_by_priority_and_names_unknown_filters(client, hoa, comments):
    client.force_login(hoa)
    url = reverse("consultations_council:workspace")
    html = client.get(url).content.decode()
    order = [html.index(comments[name].receipt_number) for name in ("trade", "accepted", "open")]
    assert order == sorted(order)  # Rất cao, then Thấp, then unranked
    assert "Đề nghị bỏ giấy phép con tại Điều 2." in html and "Tiếp thu" in html and "xăng dầu" in html
    newest = client.get(url, {"sap-xep": "moi-nhat"}).content.decode()
    assert newest.index(comments["trade"].receipt_number) < newest.index(comments["accepted"].receipt_number)
    response = client.get(url, {"xu-ly": "bo-qua", "uu-tien": "7", "co-quan": "khong-co"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cách xử lý không hợp lệ: bo-qua" in html and "Mức ưu tiên không hợp lệ: 7" in html
    assert "Cơ quan không hợp lệ: khong-co" in html
    assert all(comments[name].receipt_number in html for name in ("accepted", "group", "open", "trade"))


def test_it_reads_the_list_in_a_fixed_number_of_queries(client, hoa, comments):
    client.force_login(hoa)
    url = reverse("consultations_council:workspace")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    bulk_comments(comments["trade_page"], [None], per_unit=30)
    assert queries() == few
