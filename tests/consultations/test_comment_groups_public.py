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
        # "#gop-y-<id>" if the page draws the comment, else with "?gop-y=<id>" that draws its unit in full.
        assert f'href="#gop-y-{comment.pk}"' in page or f'href="?gop-y={comment.pk}#gop-y-{comment.pk}"' in page
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


def test_it_lists_a_few_members_then_a_link_to_all_and_each_link_reaches_its_comment(
    client, finance_folder, monkeypatch
):
    from bs4 import BeautifulSoup

    from consultations.comment_groups import display
    from consultations.models.reading import INLINE_THREADS

    monkeypatch.setattr(display, "INLINE_MEMBERS", 3)  # a campaign of thousands, in small
    consultation = make_consultation(agency="Bộ Tài chính")
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()

    page = BeautifulSoup(client.get(consultation.url).content, "html.parser")
    box = page.select_one(f"#nhom-gop-y-{group.pk}")
    assert len(box.select(".comment-group-members li")) == 3 and not box.select_one("details").has_attr("open")
    more = box.select_one(".more-comments a")
    assert more.get_text() == f"Xem tất cả {len(fees)} góp ý trong nhóm {group.pk}"
    assert more["href"] == f"?nhom={group.pk}#nhom-gop-y-{group.pk}"

    page = BeautifulSoup(client.get(consultation.url + f"?nhom={group.pk}").content, "html.parser")
    box = page.select_one(f"#nhom-gop-y-{group.pk}")
    assert box.select_one("details").has_attr("open") and box.select_one(".more-comments") is None
    links = {a.get_text(): a["href"] for a in box.select(".comment-group-members a")}
    assert len(links) == len(fees)
    # The general comments draw their first INLINE_THREADS threads; a link to another one expands them.
    for n, comment in enumerate(fees):
        drawn = n < INLINE_THREADS
        expected = f"#gop-y-{comment.pk}" if drawn else f"?gop-y={comment.pk}#gop-y-{comment.pk}"
        assert links[comment.receipt_number] == expected
        target = client.get(consultation.url + expected.split("#")[0]).content.decode()
        assert f'id="gop-y-{comment.pk}"' in target


def test_it_loads_only_the_members_a_group_lists_in_a_fixed_number_of_queries(
    finance_folder, monkeypatch, django_assert_num_queries
):
    from consultations.comment_groups import display

    monkeypatch.setattr(display, "INLINE_MEMBERS", 2)
    consultation = make_consultation(agency="Bộ Tài chính")
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    # The core and the first members hidden: the public reads the oldest member it may read.
    for comment in fees[:3]:
        comment.status = CommentStatus.HIDDEN
        comment.save()
    group.core_id = fees[0].pk
    group.save()

    with django_assert_num_queries(3):  # groups, their first members (a sliced prefetch), a readable core
        (view,) = display.public_groups_of(consultation.pk)
    assert view.count == len(fees) and len(view.members) == 3 and len(view.listed) == 2 and view.more
    assert view.core == fees[3]

    (view,) = display.public_groups_of(consultation.pk, expanded=group.pk)
    assert view.expanded and [c.pk for c in view.listed] == [c.pk for c in fees] and not view.more
