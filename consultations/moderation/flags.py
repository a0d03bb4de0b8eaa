"""A signed-in person reports a comment for a moderator to look at: one django_comments
CommentFlag ("removal suggestion") per person and comment, announced with its
`comment_was_flagged` signal, at most FLAGS_PER_HOUR an hour per person."""

from datetime import timedelta
from enum import Enum

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_flagged

from consultations.access import FLAGS_PER_HOUR, can_be_flagged, can_flag
from consultations.models import ConsultationComment


class FlagResult(Enum):
    FLAGGED = "flagged"
    ALREADY = "already"  # this person had reported it already
    TOO_MANY = "too-many"
    NOT_ALLOWED = "not-allowed"  # not signed in, or a comment that cannot be reported


def flag(comment: ConsultationComment, user, request=None) -> FlagResult:
    if not can_flag(user) or not can_be_flagged(comment):
        return FlagResult.NOT_ALLOWED
    if CommentFlag.objects.filter(comment_id=comment.pk, user=user, flag=CommentFlag.SUGGEST_REMOVAL).exists():
        return FlagResult.ALREADY
    hour_ago = timezone.now() - timedelta(hours=1)
    if CommentFlag.objects.filter(user=user, flag_date__gte=hour_ago).count() >= FLAGS_PER_HOUR:
        return FlagResult.TOO_MANY
    try:
        with transaction.atomic():
            created = CommentFlag.objects.create(
                comment_id=comment.pk, user=user, flag=CommentFlag.SUGGEST_REMOVAL, flag_date=timezone.now()
            )
    except IntegrityError:  # the same person, twice at once
        return FlagResult.ALREADY
    comment_was_flagged.send(sender=type(comment), comment=comment, flag=created, created=True, request=request)
    return FlagResult.FLAGGED
