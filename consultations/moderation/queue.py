"""What waits for a moderator: comments of pre-moderated consultations not yet shown, and shown
comments reported (CommentFlag "removal suggestion") since their last moderation event. A fixed
number of queries whatever the size (subqueries, no query per comment)."""

from datetime import UTC, datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django_comments.models import CommentFlag

from consultations.models import CommentStatus, ConsultationComment, ModerationEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
REPORTABLE = (CommentStatus.RECEIVED, CommentStatus.ANSWERED)


def with_moderation_state(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """Annotate `last_review` (the newest moderation event, or the epoch) and `open_flags` (the
    reports made after it)."""
    newest_event = ModerationEvent.objects.filter(comment_id=OuterRef("pk")).order_by("-created_at")
    comments = comments.annotate(last_review=Coalesce(Subquery(newest_event.values("created_at")[:1]), Value(EPOCH)))
    reports = (
        CommentFlag.objects.filter(
            comment_id=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL, flag_date__gt=OuterRef("last_review")
        )
        .order_by()
        .values("comment_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return comments.annotate(open_flags=Coalesce(Subquery(reports, output_field=IntegerField()), Value(0)))


def waiting(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """The comments among `comments` that wait for a moderator, oldest first."""
    return (
        with_moderation_state(comments)
        .filter(Q(status=CommentStatus.PENDING_MODERATION) | Q(status__in=REPORTABLE, open_flags__gt=0))
        .order_by("received_at", "pk")
    )


def open_flag_count(comment: ConsultationComment) -> int:
    """Reports on `comment` made since its last moderation event (one query)."""
    found = with_moderation_state(ConsultationComment.objects.filter(pk=comment.pk)).values_list(
        "open_flags", flat=True
    )
    return found.first() or 0
