"""The consultation API's contract (issue 7): the list and detail, sending a comment with a key
(201, a repeat 200, closed 409, bad fields 400 in both languages, 429, 401), and a comment's
status by its receipt number."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.intake.api_keys import revoke_key
from consultations.models import ApiKey, CommentStatus, ConsultationComment, ConsultationQuestion
from tests.consultations.builders import make_comment, make_consultation, make_draft
from tests.consultations.intake import BUSINESS, api_key_for, inside_one_window, post_api, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    page = make_consultation()
    ConsultationQuestion.objects.create(page=page, text="Điều kiện tại Điều 3 có cần thiết không?", sort_order=0)
    return page


@pytest.fixture
def key(django_user_model):
    user = django_user_model.objects.create_user("minhphat", "api@minhphat.vn", "x", first_name="Minh Phát")
    return api_key_for(user)


def body(**values):
    return {"article_id": None, "text": "Đề nghị bỏ điều kiện về kho chứa.", **BUSINESS, **values}


def test_it_lists_consultations_with_their_counts_and_filters(client, consultation):
    make_comment(consultation, provision=consultation.version.provisions.get(anchor="dieu-3"))
    finance = make_consultation(
        draft=make_draft(title="Dự thảo Thông tư về hóa đơn", agency="Bộ Tài chính"),
        agency="Bộ Tài chính",
        opens_at=timezone.now() + timedelta(days=3),
    )
    listing = client.get("/api/v1/consultations").json()
    assert listing["count"] == 2
    first = listing["results"][0]
    assert set(first) == {
        "id",
        "title",
        "status",
        "opens_at",
        "closes_at",
        "agency",
        "document_type",
        "url",
        "article_count",
        "comment_count",
        "synthesis_docx_url",
        "synthesis_xlsx_url",
        "synthesis_csv_url",
    }
    by_id = {row["id"]: row for row in listing["results"]}
    assert by_id[consultation.pk]["status"] == "open" and by_id[consultation.pk]["comment_count"] == 1
    assert by_id[consultation.pk]["article_count"] == 3 and by_id[consultation.pk]["document_type"] == "nghi-dinh"
    assert by_id[finance.pk]["status"] == "upcoming"
    assert by_id[consultation.pk]["agency"] == {"slug": "bo-cong-thuong", "name": "Bộ Công Thương"}
    assert [r["id"] for r in client.get("/api/v1/consultations?status=upcoming").json()["results"]] == [finance.pk]
    assert [r["id"] for r in client.get("/api/v1/consultations?agency=bo-cong-thuong").json()["results"]] == [
        consultation.pk
    ]
    assert client.get("/api/v1/consultations?field=nang-luong-dau-khi").json()["count"] == 2
    assert client.get("/api/v1/consultations?agency=khong-co").json()["count"] == 0
    assert client.get("/api/v1/consultations?size=1&page=2").json()["count"] == 2
    bad = client.get("/api/v1/consultations?status=dang-mo&size=0")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"status", "size"}
    assert "published" in bad.json()["allowed"]["status"]


def test_it_shows_one_consultation_with_articles_and_questions(client, consultation, django_assert_max_num_queries):
    article = consultation.version.provisions.get(anchor="dieu-3")
    make_comment(consultation, provision=article)
    with django_assert_max_num_queries(12):
        detail = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert detail["articles"][2] == {"id": article.pk, "number": "3", "title": article.heading, "comment_count": 1}
    assert detail["questions"] == [{"text": "Điều kiện tại Điều 3 có cần thiết không?", "note": ""}]
    assert client.get("/api/v1/consultations/999999").status_code == 404


def test_it_receives_a_comment_with_a_key_and_shows_its_status(client, consultation, key):
    article = consultation.version.provisions.get(anchor="dieu-3")
    response = post_api(client, consultation.pk, key, body(article_id=article.pk, idempotency_key="k-1"))
    assert response.status_code == 201
    receipt = response.json()
    assert set(receipt) == {"receipt_number", "status"} and receipt["status"] == "received"
    comment = ConsultationComment.objects.get(receipt_number=receipt["receipt_number"])
    assert comment.sent_by.username == "minhphat" and comment.api_key is not None and comment.received_at
    status = client.get(f"/api/v1/comments/{receipt['receipt_number']}").json()
    assert status == {
        "receipt_number": receipt["receipt_number"],
        "consultation_id": consultation.pk,
        "article_id": article.pk,
        "status": "received",
        "received_at": status["received_at"],
        "answer": None,
    }
    assert status["received_at"]
    assert client.get(f"/api/v1/comments/{receipt['receipt_number'].lower()}").status_code == 200
    assert client.get("/api/v1/comments/TV-2026-000000-0000").status_code == 404


def test_it_says_pending_moderation_when_the_consultation_pre_moderates(client, key):
    consultation = make_consultation(pre_moderation=True)
    response = post_api(client, consultation.pk, key, body())
    assert response.status_code == 201 and response.json()["status"] == "pending_moderation"


def test_it_returns_the_first_receipt_for_the_same_idempotency_key_and_stores_nothing(client, consultation, key):
    first = post_api(client, consultation.pk, key, body(idempotency_key="lan-1"))
    again = post_api(client, consultation.pk, key, body(idempotency_key="lan-1", text="Một nội dung khác."))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert stored() == 1


def test_it_stores_a_double_submit_from_the_api_once(client, consultation, key):
    first = post_api(client, consultation.pk, key, body())
    again = post_api(client, consultation.pk, key, body())
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json()
    assert stored() == 1


def test_it_refuses_without_a_key_or_with_a_wrong_or_revoked_one(client, consultation, key):
    for sent in (None, "", "tv_000000000000_wrong", key[:-2] + "xx", "Bearer " + key):
        response = post_api(client, consultation.pk, sent, body())
        assert response.status_code == 401, sent
        assert "X-Api-Key" in response.json()["errors"]
    revoke_key(ApiKey.objects.get())
    assert post_api(client, consultation.pk, key, body()).status_code == 401
    assert stored() == 0


def test_it_answers_409_when_closed_or_not_yet_open(client, key):
    closed = make_consultation(opens_at=timezone.now() - timedelta(days=40), days=30)
    upcoming = make_consultation(
        draft=make_draft(title="Dự thảo sắp mở", agency="Bộ Tài chính"),
        agency="Bộ Tài chính",
        opens_at=timezone.now() + timedelta(days=1),
    )
    for page, says in ((closed, "Đã hết thời gian lấy ý kiến"), (upcoming, "chưa mở lấy ý kiến")):
        response = post_api(client, page.pk, key, body())
        assert response.status_code == 409
        assert says in response.json()["errors"]["consultation"]
    assert stored() == 0


def test_it_names_each_bad_field_in_vietnamese_and_english(client, consultation, key):
    other = make_consultation(draft=make_draft(title="Dự thảo khác", agency="Bộ Tài chính"), agency="Bộ Tài chính")
    foreign = other.version.provisions.get(anchor="dieu-1")
    response = post_api(
        client,
        consultation.pk,
        key,
        {
            "article_id": foreign.pk,
            "text": " \n ",
            "commenter_type": "business",
            "organization": "",
            "tax_code": "0100109107",
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"article_id", "text", "organization", "tax_code"}
    assert errors["tax_code"] == (
        "Mã số thuế không đúng: chữ số kiểm tra (chữ số thứ 10) không khớp. Hãy kiểm tra lại từng chữ số. / "
        "Wrong tax code: the check digit (the 10th digit) does not match. Please check each digit."
    )
    long = post_api(client, consultation.pk, key, body(text="a" * 100_000)).json()["errors"]["text"]
    assert "100,000" in long and "20,000" in long and " / The comment is 100,000 characters long" in long
    typed = post_api(client, consultation.pk, key, {"article_id": "3", "text": 5, "commenter_type": "robot"})
    assert set(typed.json()["errors"]) == {"article_id", "text", "commenter_type"}
    assert "robot" not in typed.json()["allowed"]["commenter_type"]
    not_json = client.post(
        f"/api/v1/consultations/{consultation.pk}/comments",
        "{",
        content_type="application/json",
        headers={"X-Api-Key": key},
    )
    assert not_json.status_code == 400 and "body" in not_json.json()["errors"]
    assert stored() == 0


def test_it_answers_429_with_retry_after(client, consultation, key, settings):
    settings.CONSULTATION_RATE_LIMITS = {"account": [(2, 60)], "ip": [(100, 60)]}
    inside_one_window(60, margin=20)
    for n in range(2):
        assert post_api(client, consultation.pk, key, body(text=f"Ý kiến số {n}.")).status_code == 201
    refused = post_api(client, consultation.pk, key, body(text="Ý kiến số 3."))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "thử lại sau" in refused.json()["errors"]["X-Api-Key"]
    assert stored() == 2


def test_it_limits_per_ip_address_whatever_the_account(client, consultation, django_user_model, settings):
    settings.CONSULTATION_RATE_LIMITS = {"account": [(100, 60)], "ip": [(3, 60)]}
    keys = [api_key_for(django_user_model.objects.create_user(f"u{n}", f"u{n}@x.vn", "x")) for n in range(4)]
    inside_one_window(60, margin=20)
    codes = [post_api(client, consultation.pk, k, body(text=f"Ý kiến {n}.")).status_code for n, k in enumerate(keys)]
    assert codes == [201, 201, 201, 429]


def test_it_issues_keys_from_the_command_and_stores_only_their_hash(django_user_model, capsys):
    user = django_user_model.objects.create_user("hiephoi", "hh@vinasme.vn", "x")
    call_command("create_api_key", "hiephoi", "--name", "Hiệp hội DNNVV")
    printed = capsys.readouterr().out.strip()
    stored_key = ApiKey.objects.get(user=user)
    assert printed.startswith(f"tv_{stored_key.prefix}_") and len(printed) > 50
    assert printed.split("_", 2)[2] not in stored_key.key_hash
    with pytest.raises(Exception, match="no such account"):
        call_command("create_api_key", "khong-co")


def test_it_lets_an_administrator_revoke_a_key_in_the_admin(admin_client, django_user_model):
    user = django_user_model.objects.create_user("dn", "dn@x.vn", "x")
    key, _raw = __import__("consultations.intake.api_keys", fromlist=["issue_key"]).issue_key(user, "máy chủ DN")
    listing = admin_client.get("/quan-tri/snippets/consultations/apikey/")
    assert listing.status_code == 200 and key.prefix in listing.content.decode()
    assert admin_client.get("/quan-tri/snippets/consultations/apikey/add/").status_code in (302, 403)
    edit = f"/quan-tri/snippets/consultations/apikey/edit/{key.pk}/"
    response = admin_client.post(edit, {"name": "máy chủ DN", "revoked_at": "2026-01-02 10:00"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_it_keeps_comment_statuses_as_the_model_says(client, consultation):
    comment = make_comment(consultation)
    ConsultationComment.objects.filter(pk=comment.pk).update(status=CommentStatus.HIDDEN)
    assert client.get(f"/api/v1/comments/{comment.receipt_number}").json()["status"] == "hidden"
