"""The comment form on a consultation's page: every bad input gets a clear message at its field
and stores nothing; what is accepted is stored once, as text."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.models import CommentStatus, ConsultationComment
from tests.consultations.builders import make_consultation, make_draft
from tests.consultations.intake import BUSINESS, docx_bytes, form_data, post_form, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return make_consultation()


def field_errors(response, name: str) -> str:
    form = response.context["comment_form"] if "comment_form" in response.context else response.context["form"]
    return " ".join(str(e) for e in form.errors.get(name, []))


def test_it_stores_an_anonymous_comment_unconfirmed_and_shows_no_receipt_yet(visitor, consultation):
    response = post_form(visitor, consultation)
    assert response.status_code == 200
    assert "hãy xác nhận qua thư điện tử" in response.content.decode()
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.UNCONFIRMED
    assert comment.receipt_number not in response.content.decode()


def test_it_receives_a_signed_in_business_at_once_and_shows_the_receipt(client, alice, consultation):
    client.force_login(alice)
    article = consultation.version.provisions.get(anchor="dieu-3")
    data = form_data(article_id=str(article.pk), **BUSINESS)
    data.pop("name"), data.pop("email")
    response = client.post(f"/tham-van/gop-y/{consultation.pk}/", data, follow=True)
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.RECEIVED and comment.on_time
    assert comment.provision == article and comment.tax_code == "0300588569" and comment.sent_by == alice
    page = response.content.decode()
    assert comment.receipt_number in page and "đã tiếp nhận" in page


@pytest.mark.parametrize(
    ("values", "field", "says"),
    [
        ({"text": "   \n\t  "}, "text", "chỉ có khoảng trắng"),
        ({"text": "x" * 100_000}, "text", "vượt quá giới hạn 20,000 ký tự"),
        (
            {"commenter_type": "business", "organization": "Công ty TNHH An Phát", "tax_code": "0100109107"},
            "tax_code",
            "chữ số kiểm tra",
        ),
        ({"commenter_type": "business", "organization": "Công ty TNHH An Phát"}, "tax_code", "cần nhập mã số thuế"),
        (
            {"commenter_type": "business", "organization": "Công ty TNHH An Phát", "tax_code": "01001091"},
            "tax_code",
            "10 chữ số",
        ),
        ({"commenter_type": "association", "organization": ""}, "organization", "tên tổ chức"),
        ({"email": "binh@@example"}, "email", "không hợp lệ"),
        ({"email": ""}, "email", "Nhập địa chỉ thư điện tử"),
        ({"name": "  "}, "name", "họ và tên"),
        ({"commenter_type": "robot"}, "commenter_type", ""),
    ],
)
def test_it_refuses_bad_input_at_its_field_and_stores_nothing(visitor, consultation, values, field, says):
    response = post_form(visitor, consultation, **values)
    assert response.status_code == 400
    assert says in field_errors(response, field)
    html = response.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert stored() == 0


def test_it_refuses_a_forged_or_foreign_article_id(visitor, consultation):
    other = make_consultation(
        draft=make_draft(title="Dự thảo Thông tư về hóa đơn", agency="Bộ Tài chính"), agency="Bộ Tài chính"
    )
    foreign = other.version.provisions.get(anchor="dieu-1")
    clause = consultation.version.provisions.filter(kind="clause").first()  # not a unit: the draft has articles
    for forged in (str(foreign.pk), str(clause.pk), "999999999"):
        response = post_form(visitor, consultation, article_id=forged)
        assert response.status_code == 400, forged
    response = visitor.post(
        f"/api/v1/consultations/{consultation.pk}/comments", {}, content_type="application/json"
    )  # and without a key, the API does not even look
    assert response.status_code == 401
    assert stored() == 0


def test_it_keeps_html_and_script_as_text_and_renders_them_escaped(client, alice, consultation):
    client.force_login(alice)
    text = '<script>document.title="pwned"</script><b onmouseover="x()">đậm</b>'
    response = client.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(text=text), follow=True)
    assert ConsultationComment.objects.get().comment == text
    page = response.content.decode()
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert "<script>document.title" not in page


def test_it_stores_a_double_submit_once(visitor, consultation):
    first = post_form(visitor, consultation, text="Đề nghị bỏ khoản 2.")
    again = post_form(visitor, consultation, text="  Đề nghị   bỏ khoản 2. ")
    assert first.status_code == again.status_code == 200
    assert stored() == 1
    assert "đã được gửi trước đó" in again.content.decode()
    # the same person with another text, or another person with the same text, is a new comment
    post_form(visitor, consultation, text="Đề nghị bỏ khoản 3.")
    post_form(visitor, consultation, text="Đề nghị bỏ khoản 2.", email="an@example.vn", name="Lê An")
    assert stored() == 3


def test_it_takes_the_same_text_again_after_a_minute(visitor, consultation):
    post_form(visitor, consultation)
    ConsultationComment.objects.update(submit_date=timezone.now() - timedelta(seconds=61))
    post_form(visitor, consultation)
    assert stored() == 2


def test_it_refuses_a_filled_honeypot(visitor, consultation):
    response = post_form(visitor, consultation, website="http://spam.example")
    assert response.status_code == 400
    assert "Không gửi được góp ý" in response.content.decode()
    assert stored() == 0


def test_it_refuses_after_the_closing_time_and_before_the_opening(visitor):
    closed = make_consultation(opens_at=timezone.now() - timedelta(days=40), days=30)
    response = post_form(visitor, closed)
    assert response.status_code == 409
    assert "Đã hết thời gian lấy ý kiến" in response.content.decode()
    upcoming = make_consultation(
        draft=make_draft(title="Dự thảo Luật sắp mở", agency="Bộ Tài chính"),
        agency="Bộ Tài chính",
        opens_at=timezone.now() + timedelta(days=2),
    )
    response = post_form(visitor, upcoming)
    assert response.status_code == 409
    assert "chưa mở lấy ý kiến" in response.content.decode()
    assert stored() == 0


def test_it_replaces_the_form_with_a_notice_after_the_closing_time(visitor):
    closed = make_consultation(opens_at=timezone.now() - timedelta(days=40), days=30)
    page = visitor.get(closed.url).content.decode()
    assert "Đã hết thời gian lấy ý kiến" in page
    assert 'name="text"' not in page
    open_page = visitor.get(
        make_consultation(draft=make_draft(title="Dự thảo mở", agency="Bộ Tài chính"), agency="Bộ Tài chính").url
    )
    assert 'name="text"' in open_page.content.decode()


def test_it_speaks_english_when_the_interface_is_english(visitor, consultation):
    visitor.cookies["django_language"] = "en"
    response = post_form(visitor, consultation, email="not-an-address")
    assert response.status_code == 400
    assert "The e-mail address is not valid" in field_errors(response, "email")


def test_it_preselects_the_article_from_the_articles_action(visitor, consultation):
    article = consultation.version.provisions.get(anchor="dieu-2")
    page = visitor.get(f"{consultation.url}?muc=dieu-2").content.decode()
    assert f'<option value="{article.pk}" selected>' in page
    partial = visitor.get(f"/tham-van/gop-y/{consultation.pk}/bieu-mau/?muc=dieu-2", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and f'<option value="{article.pk}" selected>' in partial.content.decode()


def test_it_threads_replies_two_levels_deep(visitor, client, alice, consultation):
    client.force_login(alice)
    client.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(text="Ý kiến gốc."))
    root = ConsultationComment.objects.get()
    client.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(text="Trả lời.", parent_id=str(root.pk)))
    reply = ConsultationComment.objects.exclude(pk=root.pk).get()
    assert (reply.parent_id, reply.level, reply.thread_id) == (root.pk, 1, root.pk)
    response = client.post(
        f"/tham-van/gop-y/{consultation.pk}/", form_data(text="Trả lời của trả lời.", parent_id=str(reply.pk))
    )
    assert response.status_code == 400
    assert "hai cấp" in field_errors(response, "parent_id") or "hai cấp" in response.content.decode()
    assert stored() == 2


def test_it_answers_htmx_with_the_form_alone(visitor, consultation):
    response = visitor.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(text=" "), headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["X-Refused-Status"] == "400"  # htmx swaps 2xx only
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="gop-y-bieu-mau"') and "<html" not in html
    assert "Nhập nội dung góp ý" in html


def test_it_attaches_one_checked_docx(client, alice, consultation):
    client.force_login(alice)
    upload = SimpleUploadedFile(
        "y-kien.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    data = form_data(attachment=upload, commenter_type="association", organization="Hiệp hội Xăng dầu Việt Nam")
    client.post(f"/tham-van/gop-y/{consultation.pk}/", data)
    comment = ConsultationComment.objects.get()
    assert comment.attachment.name.endswith(".docx") and "y-kien" not in comment.attachment.name
    comment.attachment.delete(save=False)
