"""Groups on the public consultation page: count, the core's text, every member by receipt
number and public name; what the public does not see is not shown."""

import pytest
from django.utils.html import escape

from consultations.comment_groups.regroup import regroup
from consultations.models import CommenterType, CommentGroup, CommentStatus
from tests.consultations.builders import make_comment, make_consultation
from tests.consultations.test_comment_groups import FEES, PEOPLE, campaign

pytestmark = pytest.mark.django_db


def test_it_shows_each_group_with_its_count_core_and_members(client, finance_folder):
    consultation = make_consultation(agency="Bộ Tài chính")
    fees = campaign(consultation, FEES)
    person = make_comment(
        consultation,
        text=FEES.format(name="Ngô Thị Lan", company="hộ kinh doanh"),
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Ngô Thị Lan",
        show_name=False,
    )
    regroup(consultation)
    group = CommentGroup.objects.get()

    page = client.get(consultation.url).content.decode()

    assert f"Nhóm {group.pk}: 6 góp ý" in page
    assert "chuyển sang hậu kiểm" in page
    for comment in [*fees, person]:
        assert comment.receipt_number in page
        assert f'href="#gop-y-{comment.pk}"' in page
    assert all(company in page for _, company in PEOPLE)
    # The page shows each comment's own text (which here names its writer); nowhere else is she named.
    signed = page.replace(escape(person.comment), "").replace(person.comment, "")
    assert "Ngô Thị Lan" not in signed, "an individual without consent is not named"
    assert "Cá nhân" in page


def test_it_leaves_out_members_the_public_does_not_see(client, finance_folder):
    consultation = make_consultation(agency="Bộ Tài chính")
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    for comment in fees[:3]:
        comment.status = CommentStatus.PENDING_MODERATION
        comment.save()
    group.core_id = fees[0].pk
    group.save()

    page = client.get(consultation.url).content.decode()

    assert f"Nhóm {group.pk}: 2 góp ý" in page
    assert fees[0].receipt_number not in page
    assert fees[3].receipt_number in page and "chuyển sang hậu kiểm" in page

    fees[3].status = CommentStatus.PENDING_MODERATION
    fees[3].save()
    assert f"Nhóm {group.pk}" not in client.get(consultation.url).content.decode(), "one shown member is no group"
