"""A comment received (or hidden, or answered) asks for its consultation to be regrouped in the
background; connected in `ConsultationsConfig.ready`."""

from __future__ import annotations

from typing import Any

from consultations.models import CommentStatus

# A change to one of these may change the groups (a hidden comment leaves its group).
_REGROUP_ON = {CommentStatus.RECEIVED, CommentStatus.PENDING_MODERATION, CommentStatus.HIDDEN}


def comment_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.level != 0 or instance.status not in _REGROUP_ON:
        return
    from consultations.comment_groups.tasks import schedule_regroup

    schedule_regroup(instance.consultation_id)


def connect() -> None:
    from django.db.models.signals import post_save

    from consultations.models import ConsultationComment

    post_save.connect(comment_saved, sender=ConsultationComment, dispatch_uid="consultations-comment-regroup")
