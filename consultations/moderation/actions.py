"""Approve, hide, restore: the only ways a comment's moderation status changes. Each runs in one
transaction with the comment's row locked (two moderators never both act on the old status) and
writes one ModerationEvent."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import (
    CommentStatus,
    ConsultationComment,
    HideReason,
    ModerationAction,
    ModerationEvent,
)
from consultations.moderation.queue import open_flag_count

# Statuses a moderator can act on: what the public sees or will see once approved.
HIDEABLE = (CommentStatus.RECEIVED, CommentStatus.PENDING_MODERATION, CommentStatus.ANSWERED)
PUBLIC_NOTE_PREFIX = "đã ẩn"


class ModerationError(ValidationError):
    """A moderation action that does not apply (said in the moderator's language)."""


@dataclass(frozen=True)
class Outcome:
    comment: ConsultationComment
    event: ModerationEvent


def public_note(reason: str, note: str) -> str:
    """The note a hidden comment leaves on the page, always in Vietnamese (it is content, not
    interface): «đã ẩn: nội dung quảng cáo»; for «lý do khác», the moderator's own words."""
    if reason == HideReason.OTHER:
        words = " ".join(note.split())
        if not words:
            raise ModerationError(_("Với «lý do khác», hãy viết lý do sẽ hiện trên trang."))
        return f"{PUBLIC_NOTE_PREFIX}: {words}"[:255]
    with translation.override("vi"):
        return f"{PUBLIC_NOTE_PREFIX}: {HideReason(reason).label}"


def _actor_name(user: AbstractBaseUser) -> str:
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    username = user.get_username()
    return f"{full_name} ({username})" if full_name else username


def _locked(comment: ConsultationComment) -> ConsultationComment:
    # xtd's manager joins the (nullable) user: lock the comment's own row only.
    return ConsultationComment.objects.select_related(None).select_for_update(of=("self",)).get(pk=comment.pk)


def _record(
    comment: ConsultationComment,
    actor: AbstractBaseUser,
    action: ModerationAction,
    before: str,
    flags: int,
    note: str,
    reason: str = "",
) -> ModerationEvent:
    return ModerationEvent.objects.create(
        comment=comment,
        action=action,
        reason=reason,
        note=note.strip(),
        public_note=comment.public_note,
        status_before=before,
        status_after=comment.status,
        flags_reviewed=flags,
        actor=actor,
        actor_name=_actor_name(actor),
        created_at=timezone.now(),
    )


@transaction.atomic
def approve(comment: ConsultationComment, actor: AbstractBaseUser, note: str = "") -> Outcome:
    """A pre-moderated comment is shown; a reported one stays as it is, its reports reviewed."""
    comment = _locked(comment)
    flags = open_flag_count(comment)
    before = comment.status
    if before == CommentStatus.PENDING_MODERATION:
        comment.status = CommentStatus.RECEIVED
        comment.save()
    elif before in (CommentStatus.RECEIVED, CommentStatus.ANSWERED) and flags:
        pass  # the reports are reviewed: the comment leaves the queue until reported again
    elif before == CommentStatus.HIDDEN:
        raise ModerationError(_("Góp ý này đang bị ẩn: dùng «Khôi phục» để hiện lại."))
    else:
        raise ModerationError(_("Góp ý này không chờ kiểm duyệt."))
    return Outcome(comment, _record(comment, actor, ModerationAction.APPROVE, before, flags, note))


@transaction.atomic
def hide(comment: ConsultationComment, actor: AbstractBaseUser, reason: str, note: str = "") -> Outcome:
    """Hide a comment: the page shows its public note in its place; it is still counted."""
    if reason not in HideReason.values:
        raise ModerationError(_("Hãy chọn lý do ẩn trong danh sách."))
    comment = _locked(comment)
    before = comment.status
    if before == CommentStatus.HIDDEN:
        raise ModerationError(_("Góp ý này đã bị ẩn."))
    if before not in HIDEABLE:
        raise ModerationError(_("Góp ý chưa được tiếp nhận (chưa xác nhận qua thư) thì chưa kiểm duyệt được."))
    flags = open_flag_count(comment)
    comment.public_note = public_note(reason, note)
    comment.status = CommentStatus.HIDDEN
    comment.save()
    return Outcome(comment, _record(comment, actor, ModerationAction.HIDE, before, flags, note, reason=reason))


@transaction.atomic
def restore(comment: ConsultationComment, actor: AbstractBaseUser, note: str = "") -> Outcome:
    """Show a hidden comment again, in the status it had before it was hidden."""
    comment = _locked(comment)
    before = comment.status
    if before != CommentStatus.HIDDEN:
        raise ModerationError(_("Chỉ khôi phục được góp ý đang bị ẩn."))
    last_hide = comment.moderation_events.filter(action=ModerationAction.HIDE).first()
    restored = last_hide.status_before if last_hide is not None else CommentStatus.RECEIVED
    comment.status = restored if restored in HIDEABLE else CommentStatus.RECEIVED
    comment.public_note = ""
    comment.save()
    return Outcome(comment, _record(comment, actor, ModerationAction.RESTORE, before, 0, note))
