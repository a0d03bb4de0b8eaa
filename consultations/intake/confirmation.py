"""Confirming an anonymous commenter's comment (the link of the confirmation e-mail)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from consultations.intake import tasks
from consultations.models import CommentStatus, ConsultationComment


def confirm(comment_id: int, now: datetime, notify: bool = True) -> ConsultationComment | None:
    """Receive the comment now (on time if it was sent by the closing time) and queue its
    receipt e-mail; a comment already confirmed is returned as it is. None if it is gone."""
    with transaction.atomic():
        comment = (
            ConsultationComment.objects.select_for_update(of=("self",))
            .select_related("consultation")
            .filter(pk=comment_id)
            .first()
        )
        if comment is None:
            return None
        if comment.status == CommentStatus.UNCONFIRMED:
            comment.mark_received(now)
            comment.save()
            if notify:
                tasks.queue(tasks.send_receipt, comment.pk)
    return comment
