"""What each role may do with consultations and their comments: every access rule of the app,
as predicates and querysets, built on regulations.roles (who holds which role for which agency).
Views, templates and the admin ask here; none checks a group or a permission string itself.

A consultation belongs to the agency whose folder (/tham-van/<agency>/) holds it. Its legal
officers and approvers have Wagtail page rights on that folder (regulations.roles), asked through
`can_edit_consultation`/`can_publish_consultation`: whoever may edit the consultation answers its
comments; whoever may publish it approves the answers. Its moderators (a role without page
rights) moderate its comments. The Advisory Council's members (a role across all agencies,
regulations.roles.COUNCIL_GROUP_NAME) read every consultation's comments and answers and keep
their own tags, priorities, notes and opinions (consultations.council).
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations.models import (
    SHOWN_STATUSES,
    CommentStatus,
    ConsultationComment,
    ConsultationFolderPage,
    ConsultationPage,
    CouncilOpinion,
)
from regulations.models import Agency, AgencyRole
from regulations.roles import CouncilPermissionPolicy, agencies_where, holds_role, is_council_member

_pages = PagePermissionPolicy(ConsultationPage)

# A signed-in person may report at most this many comments an hour (anti-abuse).
FLAGS_PER_HOUR = 20


def owning_agency_name(consultation: ConsultationPage) -> str:
    """The name of the agency whose folder holds the consultation."""
    folder = consultation.get_parent()
    agency = getattr(folder.specific, "agency", None) if folder is not None else None
    if agency is not None:
        return agency.name
    return consultation.lead_agency.name if consultation.lead_agency_id else ""


# ---- answers (issue 8) -------------------------------------------------------------------------


def answering_consultations(user) -> QuerySet[ConsultationPage]:
    """The consultations whose comments `user` answers: those they may edit (the owning agency's
    legal officers and approvers; every one for an administrator)."""
    if not (user.is_authenticated and user.is_active):
        return ConsultationPage.objects.none()
    if user.is_superuser:
        return ConsultationPage.objects.all()
    return ConsultationPage.objects.filter(
        pk__in=_pages.instances_user_has_any_permission_for(user, ["change", "publish"]).values("pk")
    )


def can_use_answer_queue(user) -> bool:
    return answering_consultations(user).exists()


def can_answer(user, consultation: ConsultationPage) -> bool:
    """The owning agency's staff (legal officers and approvers) write and submit answers."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or consultation.permissions_for_user(user).can_edit()


def can_approve_answers(user, consultation: ConsultationPage) -> bool:
    """The owning agency's approvers make answers public."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or consultation.permissions_for_user(user).can_publish()


def answer_refusal(user, consultation: ConsultationPage) -> str | None:
    """Why `user` may not answer the consultation's comments (None: they may)."""
    if can_answer(user, consultation):
        return None
    return _(
        "Góp ý này thuộc đợt lấy ý kiến của %(agency)s; chỉ cán bộ của cơ quan đó được trả lời. Không có gì thay đổi."
    ) % {"agency": owning_agency_name(consultation) or _("cơ quan khác")}


def approval_refusal(user, consultation: ConsultationPage) -> str | None:
    """Why `user` may not make the consultation's answers public (None: they may)."""
    if can_approve_answers(user, consultation):
        return None
    if can_answer(user, consultation):
        return _("Chỉ người phê duyệt của cơ quan được công khai câu trả lời. Không có gì thay đổi.")
    return answer_refusal(user, consultation)


def answered_comments(user) -> QuerySet[ConsultationComment]:
    return ConsultationComment.objects.filter(consultation__in=answering_consultations(user))


# ---- near-duplicate comment groups (issue 8) -----------------------------------------------------


def can_edit_groups(user, consultation: ConsultationPage) -> bool:
    """The owning agency's staff (legal officers and approvers) split and merge its comment
    groups, as they answer its comments."""
    return can_answer(user, consultation)


def group_editing_consultations(user) -> QuerySet[ConsultationPage]:
    """The consultations whose comment groups `user` may edit (the admin's list)."""
    return answering_consultations(user)


def group_refusal(user, consultation: ConsultationPage) -> str | None:
    """Why `user` may not split or merge the consultation's comment groups (None: they may)."""
    if can_edit_groups(user, consultation):
        return None
    return _(
        "Chỉ cán bộ của cơ quan chủ trì đợt lấy ý kiến «%(title)s» (%(agency)s) mới được xem và tách, gộp nhóm góp ý "
        "của đợt này. Không có thay đổi nào được lưu."
    ) % {"title": consultation.title, "agency": owning_agency_name(consultation) or _("cơ quan khác")}


def consultations_of(agencies: QuerySet[Agency]) -> QuerySet[ConsultationPage]:
    """The consultations in the folders of `agencies`."""
    paths = list(ConsultationFolderPage.objects.filter(agency__in=agencies).values_list("path", flat=True))
    if not paths:
        return ConsultationPage.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return ConsultationPage.objects.filter(condition)


# ---- the Advisory Council (issue 8) ---------------------------------------------------------------

# What the Council reads: every comment that needs an answer (counted and not hidden), of every
# agency's consultations; unconfirmed and hidden ones are not issues.
COUNCIL_STATUSES = (CommentStatus.RECEIVED, CommentStatus.PENDING_MODERATION, CommentStatus.ANSWERED)
_opinions = CouncilPermissionPolicy(CouncilOpinion)


def can_use_council_workspace(user) -> bool:
    """Council members and administrators: the workspace, tags, priorities, notes, opinions."""
    return bool(user.is_authenticated) and is_council_member(user)


def council_refusal(user) -> str | None:
    """Why `user` may not do a Council action (None: they may). Agency staff are not the Council."""
    if can_use_council_workspace(user):
        return None
    return _(
        "Chỉ thành viên Hội đồng tư vấn cải cách thủ tục hành chính mới được làm việc này "
        "(xem góp ý của các bộ, gắn nhãn, xếp mức ưu tiên, ghi chú nội bộ, công bố ý kiến độc lập). "
        "Không có gì thay đổi."
    )


def council_comments(user) -> QuerySet[ConsultationComment]:
    """The comments the Council reads, across all agencies; none for anyone else."""
    if not can_use_council_workspace(user):
        return ConsultationComment.objects.none()
    return ConsultationComment.objects.filter(status__in=COUNCIL_STATUSES)


def opinion_refusal(user, opinion: CouncilOpinion | None = None) -> str | None:
    """Why `user` may not write (opinion None) or change and publish `opinion` (None: they may):
    a Council member edits the opinions they wrote (CouncilPermissionPolicy), an administrator any."""
    refusal = council_refusal(user)
    if refusal is not None or opinion is None or opinion.pk is None:
        return refusal
    if _opinions.user_has_permission_for_instance(user, "change", opinion):
        return None
    return _("Chỉ người soạn ý kiến này mới được sửa hoặc công bố nó. Không có gì thay đổi.")


# ---- moderation ------------------------------------------------------------------------------


def can_use_moderation_queue(user) -> bool:
    """Moderators (of any agency) and administrators see the queue in the admin."""
    return user.is_authenticated and user.is_active and (user.is_superuser or holds_role(user, AgencyRole.MODERATOR))


def moderated_consultations(user) -> QuerySet[ConsultationPage]:
    """The consultations whose comments `user` moderates: those of the agencies they moderate
    for (every one for an administrator); none for anyone else."""
    if not can_use_moderation_queue(user):
        return ConsultationPage.objects.none()
    if user.is_superuser:
        return ConsultationPage.objects.all()
    return consultations_of(agencies_where(user, AgencyRole.MODERATOR))


def moderated_comments(user) -> QuerySet[ConsultationComment]:
    return ConsultationComment.objects.filter(consultation__in=moderated_consultations(user))


def can_moderate(user, comment: ConsultationComment) -> bool:
    return moderated_consultations(user).filter(pk=comment.consultation_id).exists()


# ---- the public ------------------------------------------------------------------------------


def can_flag(user) -> bool:
    """Reporting a comment takes an account (one report per person and comment)."""
    return user.is_authenticated and user.is_active


def can_be_flagged(comment: ConsultationComment) -> bool:
    """Only a comment the public sees, and not already hidden, can be reported."""
    return comment.status in SHOWN_STATUSES and comment.status != CommentStatus.HIDDEN


# ---- consultation pages (Wagtail page permissions on the agency's folder) --------------------


def can_edit_consultation(user, consultation: ConsultationPage) -> bool:
    return consultation.permissions_for_user(user).can_edit()


def can_publish_consultation(user, consultation: ConsultationPage) -> bool:
    return consultation.permissions_for_user(user).can_publish()
