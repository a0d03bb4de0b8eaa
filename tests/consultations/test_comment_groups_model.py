"""CommentGroup and GroupMembership: a comment is in at most one group and stays a comment."""

import pytest
from django.db import IntegrityError, transaction

from consultations.models import CommentGroup, ConsultationComment, GroupMembership
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


def test_it_holds_members_and_keeps_each_comment_counted_and_receipted():
    consultation = make_consultation()
    first, second, alone = (make_comment(consultation, text=f"Đề nghị bỏ điều kiện số {i}.") for i in range(3))
    group = CommentGroup.objects.create(consultation=consultation, core=first)
    GroupMembership.objects.create(group=group, comment=first, similarity=1.0)
    GroupMembership.objects.create(group=group, comment=second, similarity=0.8)

    assert list(group.comments()) == [first, second]
    assert CommentGroup.objects.with_counts().get().member_count == 2
    assert ConsultationComment.objects.filter(consultation=consultation).counted().count() == 3
    assert len({first.receipt_number, second.receipt_number, alone.receipt_number}) == 3
    assert str(group) == f"Nhóm góp ý {group.pk}"

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(group=group, comment=first)


def test_it_forgets_a_membership_when_its_group_goes_and_keeps_the_comment():
    consultation = make_consultation()
    comment = make_comment(consultation)
    group = CommentGroup.objects.create(consultation=consultation)
    GroupMembership.objects.create(group=group, comment=comment)
    group.delete()
    assert not GroupMembership.objects.exists()
    assert ConsultationComment.objects.filter(pk=comment.pk).exists()
