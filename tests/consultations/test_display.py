"""How a commenter is shown (consultations/display.py): organisations by name, individuals as
«Cá nhân #N» unless they consented, N per person and consultation in the order of their first
received comment, a hidden comment as its public note."""

import pytest
from django.contrib.auth.models import User

from consultations import display
from consultations.models import CommenterType, CommentStatus, ConsultationComment
from tests.consultations.builders import make_comment, make_consultation, make_draft


@pytest.mark.parametrize(
    ("commenter_type", "organization", "name", "show_name", "number", "expected"),
    [
        ("business", "Công ty CP Sữa Việt Nam", "Nguyễn Văn An", False, None, ("Công ty CP Sữa Việt Nam", True)),
        ("association", " Hiệp hội Thép Việt Nam ", "", False, None, ("Hiệp hội Thép Việt Nam", True)),
        ("agency", "Sở Công Thương Hà Nội", "", True, None, ("Sở Công Thương Hà Nội", True)),
        ("business", "", "Nguyễn Văn An", True, None, ("Doanh nghiệp", False)),
        ("individual", "", "Trần Thị Bình", False, 3, ("Cá nhân #3", False)),
        ("individual", "", "Trần  Thị   Bình", True, 3, ("Trần Thị Bình", True)),
        ("individual", "", "", True, 4, ("Cá nhân #4", False)),
        ("individual", "", "binh@example.vn", True, 5, ("Cá nhân #5", False)),
        ("individual", "Công ty X", "", False, 6, ("Cá nhân #6", False)),
    ],
)
def test_it_labels_a_commenter_by_the_rule(commenter_type, organization, name, show_name, number, expected):
    assert display.commenter_label(commenter_type, organization, name, show_name, number) == expected


def individual(consultation, email, text="Ý kiến của tôi", **values):
    return make_comment(
        consultation,
        text=text,
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_email=email,
        user_name=values.pop("user_name", "Người dân"),
        **values,
    )


@pytest.mark.django_db
def test_it_numbers_individuals_per_person_in_the_order_of_their_first_comment():
    consultation = make_consultation()
    first = individual(consultation, "an@example.vn")
    business = make_comment(consultation)
    second = individual(consultation, "binh@example.vn")
    again = individual(consultation, "AN@example.vn ", text="Ý kiến thứ hai")  # the same person
    consented = individual(consultation, "cuong@example.vn", user_name="Lê Văn Cường", show_name=True)

    shown = display.commenters(ConsultationComment.objects.filter(consultation=consultation))
    assert shown[first.pk].label == "Cá nhân #1" and shown[first.pk].number == 1
    assert shown[again.pk].label == "Cá nhân #1"
    assert shown[second.pk].label == "Cá nhân #2"
    assert shown[business.pk].label == "Công ty TNHH Xăng dầu Minh Phát" and shown[business.pk].number is None
    assert (shown[consented.pk].label, shown[consented.pk].named, shown[consented.pk].number) == (
        "Lê Văn Cường",
        True,
        3,
    )


@pytest.mark.django_db
def test_it_keeps_the_numbers_when_comments_arrive_are_hidden_or_wait_for_confirmation():
    consultation = make_consultation()
    first = individual(consultation, "an@example.vn")
    second = individual(consultation, "binh@example.vn")
    before = display.individual_numbers(consultation.pk)
    ConsultationComment.objects.filter(pk=first.pk).update(status=CommentStatus.HIDDEN, public_note="đã ẩn: xúc phạm")
    unconfirmed = ConsultationComment(
        consultation=consultation,
        comment="chưa xác nhận",
        commenter_type=CommenterType.INDIVIDUAL,
        user_email="dung@example.vn",
    )
    unconfirmed.save()
    individual(consultation, "em@example.vn")
    after = display.individual_numbers(consultation.pk)
    assert {key: after[key] for key in before} == before
    assert unconfirmed.commenter_key not in after  # not received: not numbered
    assert len(after) == 3 and display.commenters([second])[second.pk].label == "Cá nhân #2"


@pytest.mark.django_db
def test_it_numbers_afresh_on_each_consultation_so_a_person_is_not_followed_across_them():
    one = make_consultation()
    other = make_consultation(make_draft(title="Dự thảo Nghị định về đại lý thuế", agency="Bộ Công Thương"))
    individual(one, "an@example.vn")
    individual(one, "binh@example.vn")
    on_other = individual(other, "binh@example.vn")
    assert display.commenters([on_other])[on_other.pk].label == "Cá nhân #1"


@pytest.mark.django_db
def test_it_numbers_a_signed_in_person_by_account_when_no_address_was_given():
    consultation = make_consultation()
    user = User.objects.create_user("hoa", "", "x")
    first = individual(consultation, "", sent_by=user)
    second = individual(consultation, "", sent_by=user, text="lần hai")
    assert first.commenter_key == second.commenter_key and first.commenter_key
    assert "hoa" not in first.commenter_key and "@" not in first.commenter_key


@pytest.mark.django_db
def test_it_shows_a_hidden_comment_as_its_public_note():
    comment = make_comment(make_consultation(), text="Mua hàng giá rẻ")
    assert display.public_text(comment) == "Mua hàng giá rẻ"
    comment.status, comment.public_note = CommentStatus.HIDDEN, "đã ẩn: nội dung quảng cáo"
    assert display.public_text(comment) == "đã ẩn: nội dung quảng cáo"


@pytest.mark.django_db
def test_it_names_what_a_comment_is_on():
    consultation = make_consultation()
    article = consultation.version.provisions.get(anchor="dieu-3")
    assert display.unit_label(make_comment(consultation, provision=article)) in ("Điều 3", article.citation)
    assert display.unit_label(make_comment(consultation, text="chung")) == "Cả dự thảo"


@pytest.mark.django_db
def test_it_signs_the_comments_on_the_page_as_display_does(client):
    """The consultation page (consultations.models.reading) and display agree: one N per person
    (their second comment is still «Cá nhân #1»), a hidden comment keeps its number, and a
    consented "name" that is an e-mail address is never shown."""
    from bs4 import BeautifulSoup

    from portal.site_setup import ensure_home_page

    ensure_home_page()
    consultation = make_consultation()
    article = consultation.version.provisions.get(anchor="dieu-2")
    first = individual(consultation, "an@example.vn", provision=article)
    hidden = individual(consultation, "binh@example.vn", provision=article, text="quảng cáo")
    ConsultationComment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN, public_note="đã ẩn: quảng cáo")
    again = individual(consultation, "an@example.vn", provision=article, text="lần hai")
    address = individual(
        consultation, "chi@example.vn", provision=article, user_name="chi@example.vn", show_name=True, text="ba"
    )

    response = client.get(f"{consultation.url}?xem=dieu-2")  # all four: the unit expanded
    assert response.status_code == 200
    signed = {
        int(node["id"].removeprefix("gop-y-")): node.select_one(".comment-meta strong").get_text()
        for node in BeautifulSoup(response.content, "html.parser").select("#dieu-2 .comment")
    }
    expected = {pk: shown.label for pk, shown in display.commenters([first, again, address]).items()}
    assert {pk: signed[pk] for pk in expected} == expected
    assert expected == {first.pk: "Cá nhân #1", again.pk: "Cá nhân #1", address.pk: "Cá nhân #3"}
    assert "chi@example.vn" not in response.content.decode()
