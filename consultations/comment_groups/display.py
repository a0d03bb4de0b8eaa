"""What pages show of groups: for a consultation, its groups with their count, core and members
(a fixed number of queries whatever the number of groups), and how a commenter is named."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from consultations.models import (
    SHOWN_STATUSES,
    Answer,
    CommenterType,
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    GroupMembership,
)

# Fields of a member the lists show (its text is not loaded: only the core's is shown).
MEMBER_FIELDS = (
    "comment__id",
    "comment__receipt_number",
    "comment__commenter_type",
    "comment__organization",
    "comment__show_name",
    "comment__user_name",
    "comment__status",
    "comment__public_note",
    "comment__consultation_id",
    "comment__submit_date",
)


_READABLE = (CommentStatus.RECEIVED, CommentStatus.ANSWERED)

# Members a group lists on the public page until the reader asks for all of them (a campaign
# group can have thousands): "?nhom=<group id>#nhom-gop-y-<group id>" lists them all.
INLINE_MEMBERS = 10
GROUP_PARAM = "nhom"


@dataclass
class GroupView:
    group: CommentGroup
    count: int
    core: ConsultationComment | None
    members: list[ConsultationComment] = field(default_factory=list)
    expanded: bool = False  # the public page lists every member, not the first INLINE_MEMBERS

    @property
    def pk(self) -> int:
        return self.group.pk

    @property
    def listed(self) -> list[ConsultationComment]:
        """The members the public page lists: all when expanded, else the first INLINE_MEMBERS."""
        return self.members if self.expanded else self.members[:INLINE_MEMBERS]

    @property
    def more(self) -> bool:
        return self.count > len(self.listed)

    @property
    def any_answer(self) -> Answer | None:
        """The group's answer in any state (staff see drafts), or None."""
        try:
            return self.group.answer
        except Answer.DoesNotExist:
            return None

    @property
    def answer(self) -> Answer | None:
        """The group's public answer, or None."""
        answer = self.any_answer
        return answer if answer is not None and answer.is_public else None


def public_name(comment: ConsultationComment) -> str:
    """An organisation by its name; a person by name only with consent, else «Cá nhân»."""
    if comment.commenter_type != CommenterType.INDIVIDUAL and comment.organization:
        return comment.organization
    if comment.commenter_type == CommenterType.INDIVIDUAL and comment.show_name and comment.user_name:
        return comment.user_name
    return str(CommenterType(comment.commenter_type).label) if comment.commenter_type else _("Cá nhân")


def groups_of(consultation_id: int) -> list[GroupView]:
    """The consultation's groups, largest first, each with its core and its count of members (all
    of them, whatever their status): the table the agency's staff sees."""
    groups = (
        CommentGroup.objects.filter(consultation_id=consultation_id)
        .with_counts()
        .select_related("core", "answer")
        .order_by("-member_count", "pk")
    )
    return [GroupView(group=group, count=group.member_count, core=group.core) for group in groups]


def public_groups_of(consultation_id: int, expanded: int | None = None) -> list[GroupView]:
    """The groups as the public page shows them: members the public sees, two or more, largest
    first, each with its first INLINE_MEMBERS members only (a campaign group can have thousands),
    and all of them for the `expanded` group. Three queries whatever the groups' size, four with
    an expanded group."""
    groups = (
        CommentGroup.objects.filter(consultation_id=consultation_id)
        .annotate(shown_count=Count("memberships", filter=Q(memberships__comment__status__in=SHOWN_STATUSES)))
        .filter(shown_count__gte=2)
        .select_related("core", "answer")
        .order_by("-shown_count", "pk")
        # A sliced prefetch: Django limits the rows per group in SQL (a window function).
        .prefetch_related(
            Prefetch("memberships", queryset=_memberships(True)[: INLINE_MEMBERS + 1], to_attr="first_memberships")
        )
    )
    views = []
    for group in groups:
        listed = [m.comment for m in group.first_memberships]
        if group.pk == expanded:
            listed = [m.comment for m in _memberships(True).filter(group_id=group.pk)]
        core = group.core
        if core is None or core.status not in _READABLE:
            # The public reads a member's text only if it is shown and not hidden.
            core = next((c for c in listed if c.status in _READABLE), None) or _first_readable(group.pk)
        view = GroupView(group=group, count=group.shown_count, core=core, members=listed)
        view.expanded = group.pk == expanded
        views.append(view)
    return views


def _memberships(shown_only: bool):
    memberships = (
        GroupMembership.objects.select_related("comment")
        .only("group_id", "similarity", "pinned", *MEMBER_FIELDS)
        .order_by("comment__submit_date", "comment_id")
    )
    if shown_only:
        memberships = memberships.filter(comment__status__in=SHOWN_STATUSES)
    return memberships


def _first_readable(group_id: int) -> ConsultationComment | None:
    """The oldest member the public may read, for a group whose core and first members it may not."""
    membership = _memberships(True).filter(group_id=group_id, comment__status__in=_READABLE).first()
    return membership.comment if membership is not None else None
