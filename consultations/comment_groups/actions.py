"""Staff split and merge groups by hand: the owning agency's staff only, all or nothing.

Every comment a staff action places is pinned, so the automatic regrouping never undoes it.
A refused action raises `GroupEditRefused` with a message in Vietnamese and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.access import group_refusal
from consultations.comment_groups.answered import is_answered
from consultations.models import CommentGroup, ConsultationComment, ConsultationPage, GroupMembership


class GroupEditRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_staff(user, consultation: ConsultationPage) -> None:
    refusal = group_refusal(user, consultation)
    if refusal is not None:
        raise GroupEditRefused(refusal)


def _lock(consultation_id: int) -> None:
    ConsultationPage.objects.select_for_update().filter(pk=consultation_id).values_list("pk").first()


def _stamp(group: CommentGroup, user) -> None:
    group.edited_by = user if getattr(user, "pk", None) else None
    group.edited_at = timezone.now()
    group.save(update_fields=["edited_by", "edited_at", "updated_at"])


@transaction.atomic
def split(user, group: CommentGroup, comment_ids: Iterable[int], *, together: bool = False) -> CommentGroup | None:
    """Take `comment_ids` out of `group`: each alone, or `together` as a new group. Returns the
    new group (or None). The comments stay pinned where they are put."""
    consultation = group.consultation
    _check_staff(user, consultation)
    _lock(consultation.pk)
    chosen = sorted(set(comment_ids))
    members = set(group.memberships.values_list("comment_id", flat=True))
    if not chosen:
        raise GroupEditRefused(_("Chọn ít nhất một góp ý để tách khỏi nhóm."))
    foreign = [c for c in chosen if c not in members]
    if foreign:
        raise GroupEditRefused(
            _("Có góp ý đã chọn không thuộc nhóm này (có thể nhóm vừa thay đổi); hãy tải lại trang.")
        )
    if len(chosen) == len(members):
        raise GroupEditRefused(_("Chọn một phần các góp ý của nhóm, không phải tất cả."))
    if together and len(chosen) < 2:
        raise GroupEditRefused(_("Một nhóm mới cần ít nhất hai góp ý."))

    new_group = None
    if together:
        new_group = CommentGroup.objects.create(consultation=consultation, core_id=chosen[0])
        _stamp(new_group, user)
    GroupMembership.objects.filter(comment_id__in=chosen).update(group=new_group, pinned=True)
    GroupMembership.objects.filter(group=group).update(pinned=True)
    remaining = list(group.memberships.values_list("comment_id", flat=True))
    if group.core_id not in remaining:
        group.core_id = remaining[0]
        group.save(update_fields=["core", "updated_at"])
    _stamp(group, user)
    return new_group


@transaction.atomic
def merge(user, groups: Sequence[CommentGroup]) -> CommentGroup:
    """Merge `groups` into the first one (the oldest); the others are deleted, their comments
    pinned in the first. Two answered groups are not merged (which answer would hold?)."""
    distinct = sorted({g.pk: g for g in groups}.values(), key=lambda g: g.pk)
    if len(distinct) < 2:
        raise GroupEditRefused(_("Chọn ít nhất hai nhóm để gộp."))
    consultations = {g.consultation_id for g in distinct}
    if len(consultations) > 1:
        raise GroupEditRefused(_("Chỉ gộp được các nhóm của cùng một đợt lấy ý kiến."))
    _check_staff(user, distinct[0].consultation)
    _lock(distinct[0].consultation_id)
    answered = [g for g in distinct if is_answered(g)]
    if len(answered) > 1:
        raise GroupEditRefused(
            _("Các nhóm %(groups)s đều đã có trả lời: không gộp được hai nhóm đã trả lời.")
            % {"groups": ", ".join(str(g.pk) for g in answered)}
        )
    target = answered[0] if answered else distinct[0]
    others = [g for g in distinct if g.pk != target.pk]
    GroupMembership.objects.filter(group__in=others).update(group=target, pinned=True)
    GroupMembership.objects.filter(group=target).update(pinned=True)
    CommentGroup.objects.filter(pk__in=[g.pk for g in others]).delete()
    _stamp(target, user)
    return target


@transaction.atomic
def add_comments(user, group: CommentGroup, comment_ids: Iterable[int]) -> int:
    """Put comments of the same consultation into `group` by hand (from another group or none).
    Returns how many were added."""
    consultation = group.consultation
    _check_staff(user, consultation)
    _lock(consultation.pk)
    chosen = set(comment_ids)
    if not chosen:
        raise GroupEditRefused(_("Chọn ít nhất một góp ý để đưa vào nhóm."))
    found = set(
        ConsultationComment.objects.filter(pk__in=chosen, consultation=consultation, level=0).values_list(
            "pk", flat=True
        )
    )
    if found != chosen:
        raise GroupEditRefused(_("Chỉ đưa vào nhóm được góp ý của cùng đợt lấy ý kiến."))
    emptied = set(
        GroupMembership.objects.filter(comment_id__in=chosen)
        .exclude(group=group)
        .exclude(group=None)
        .values_list("group_id", flat=True)
    )
    for comment_id in chosen:
        GroupMembership.objects.update_or_create(comment_id=comment_id, defaults={"group": group, "pinned": True})
    GroupMembership.objects.filter(group=group).update(pinned=True)
    for other in CommentGroup.objects.filter(pk__in=emptied).with_counts().filter(member_count__lt=2):
        if not is_answered(other):
            other.delete()
    _stamp(group, user)
    return len(chosen)
