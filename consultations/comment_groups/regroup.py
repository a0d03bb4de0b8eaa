"""Regroup a consultation's comments: run the pure engine over them and store the groups.

What staff decided stays: a pinned membership (a comment staff split out or merged) never
moves, and the comments the engine puts with pinned ones join the staff's group. Group
identities are kept across runs (a group keeps its id, and so its answer, when it keeps most of
its members), so regrouping after new comments arrive only adds them. The engine runs outside
the transaction; the result is applied inside one, under a lock on the consultation's row, so a
staff edit made meanwhile is read and respected.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from consultations.comment_groups.answered import answered_group_ids
from consultations.grouping.engine import Grouping, group_comments
from consultations.models import (
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    GroupMembership,
)

logger = logging.getLogger(__name__)

# Comments the grouping looks at: received, awaiting moderation or answered, not hidden (a
# hidden comment is spam or abuse, shown only as its note), and not replies.
GROUPED_STATUSES = (CommentStatus.RECEIVED, CommentStatus.PENDING_MODERATION, CommentStatus.ANSWERED)


@dataclass(frozen=True)
class RegroupResult:
    comments: int  # comments looked at
    groups: int  # groups after the run
    grouped: int  # comments in a group after the run
    created: int  # groups created by this run
    removed: int  # groups that lost their members and were deleted
    seconds: float


def grouped_comments(consultation_id: int):
    return ConsultationComment.objects.filter(
        consultation_id=consultation_id, level=0, status__in=GROUPED_STATUSES
    ).order_by("pk")


def regroup(consultation: ConsultationPage | int) -> RegroupResult:
    """Group the consultation's comments again and store the result (see the module)."""
    consultation_id = consultation if isinstance(consultation, int) else consultation.pk
    started = timezone.now()
    texts = dict(grouped_comments(consultation_id).values_list("pk", "comment"))
    grouping = group_comments(texts)
    with transaction.atomic():
        ConsultationPage.objects.select_for_update().filter(pk=consultation_id).values_list("pk").first()
        created, removed = _apply(consultation_id, grouping, set(texts))
    groups = CommentGroup.objects.filter(consultation_id=consultation_id)
    result = RegroupResult(
        comments=len(texts),
        groups=groups.count(),
        grouped=GroupMembership.objects.filter(group__consultation_id=consultation_id).count(),
        created=created,
        removed=removed,
        seconds=(timezone.now() - started).total_seconds(),
    )
    logger.info("regrouped consultation %s: %s", consultation_id, result)
    return result


def _apply(consultation_id: int, grouping: Grouping, looked_at: set[int]) -> tuple[int, int]:
    memberships = {m.comment_id: m for m in GroupMembership.objects.filter(comment__consultation_id=consultation_id)}
    existing = set(CommentGroup.objects.filter(consultation_id=consultation_id).values_list("pk", flat=True))
    # Members of an answered group stay where they are, as if staff had placed them.
    answered = answered_group_ids(existing)
    pinned = {comment: m.group_id for comment, m in memberships.items() if m.pinned or m.group_id in answered}
    claimed: set[int] = set()
    placed: dict[int, tuple[int, float]] = {}  # comment → (group id, similarity), automatic ones
    cores: dict[int, int] = {}
    created = 0
    for group in grouping.groups:
        similarity = dict(zip(group.members, group.similarity, strict=True))
        free = [c for c in group.members if c not in pinned]
        staff_groups = Counter(pinned[c] for c in group.members if pinned.get(c) is not None)
        if staff_groups:
            target = staff_groups.most_common(1)[0][0]
        else:
            if len(free) < 2:
                continue
            previous = Counter(
                memberships[c].group_id
                for c in free
                if c in memberships and memberships[c].group_id in existing and memberships[c].group_id not in claimed
            )
            if previous:
                target = previous.most_common(1)[0][0]
            else:
                target = CommentGroup.objects.create(consultation_id=consultation_id).pk
                existing.add(target)
                created += 1
            if group.core not in pinned:
                cores[target] = group.core
        claimed.add(target)
        for comment in free:
            placed[comment] = (target, similarity[comment])

    _write_memberships(memberships, placed, looked_at, answered)
    for group_id, core in cores.items():
        CommentGroup.objects.filter(pk=group_id).update(core_id=core, updated_at=timezone.now())
    removed = _remove_small_groups(consultation_id)
    fix_cores(consultation_id)
    return created, removed


def fix_cores(consultation_id: int) -> None:
    """A group whose core is not one of its members gets its most similar member (or its first)."""
    for group in CommentGroup.objects.filter(consultation_id=consultation_id):
        members = list(group.memberships.order_by("-similarity", "comment_id").values_list("comment_id", flat=True))
        if members and group.core_id not in members:
            CommentGroup.objects.filter(pk=group.pk).update(core_id=members[0])


def _write_memberships(
    memberships: dict[int, GroupMembership],
    placed: dict[int, tuple[int, float]],
    looked_at: set[int],
    answered: set[int],
) -> None:
    stale = [
        m.pk
        for comment, m in memberships.items()
        if not m.pinned and m.group_id not in answered and (comment not in placed or comment not in looked_at)
    ]
    GroupMembership.objects.filter(pk__in=stale).delete()
    changed, new = [], []
    for comment, (group_id, similarity) in placed.items():
        current = memberships.get(comment)
        if current is None:
            new.append(GroupMembership(comment_id=comment, group_id=group_id, similarity=similarity))
        elif current.group_id != group_id or current.similarity != similarity:
            current.group_id, current.similarity = group_id, similarity
            changed.append(current)
    GroupMembership.objects.bulk_create(new, batch_size=500)
    GroupMembership.objects.bulk_update(changed, ["group", "similarity"], batch_size=500)


def _remove_small_groups(consultation_id: int) -> int:
    """Delete groups left with fewer than two members (their last member goes back to being
    alone). An answered group is kept as it is."""
    small = list(
        CommentGroup.objects.filter(consultation_id=consultation_id)
        .with_counts()
        .filter(member_count__lt=2)
        .values_list("pk", flat=True)
    )
    doomed = set(small) - answered_group_ids(small)
    GroupMembership.objects.filter(group_id__in=doomed, pinned=False).delete()
    CommentGroup.objects.filter(pk__in=doomed).delete()
    return len(doomed)
