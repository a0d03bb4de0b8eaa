"""Which comments need an answer, which have a public one, and what that answer is.

A comment needs an answer when it is counted and not hidden (received, awaiting moderation or
answered); it is answered when its own answer, or its group's, is public. Everything here is a
fixed number of queries, whatever the number of comments.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from consultations.models import Answer, AnswerState, CommentStatus, ConsultationComment, GroupMembership

NEEDS_ANSWER = (CommentStatus.RECEIVED, CommentStatus.PENDING_MODERATION, CommentStatus.ANSWERED)


def _own_public() -> Exists:
    return Exists(Answer.objects.filter(comment_id=OuterRef("pk"), state=AnswerState.PUBLIC))


def _group_public() -> Exists:
    return Exists(GroupMembership.objects.filter(comment_id=OuterRef("pk"), group__answer__state=AnswerState.PUBLIC))


def needing_answer(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    return comments.filter(status__in=NEEDS_ANSWER)


def with_public_answer_flag(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """Annotate `has_public_answer` (its own answer or its group's is public)."""
    return comments.annotate(
        has_public_answer=ExpressionWrapper(Q(_own_public()) | Q(_group_public()), output_field=BooleanField())
    )


def unanswered(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """The comments among `comments` that need an answer and have no public one."""
    return needing_answer(comments).filter(~_own_public(), ~_group_public())


def public_answer_for(comment: ConsultationComment | int) -> Answer | None:
    """The public answer of a comment (or of the comment with that id): its own, else its
    group's (one query)."""
    comment_id = comment if isinstance(comment, int) else comment.pk
    answers = list(
        Answer.objects.public().filter(Q(comment_id=comment_id) | Q(group__memberships__comment_id=comment_id))[:2]
    )
    own = [answer for answer in answers if answer.comment_id == comment_id]
    return (own or answers or [None])[0]


def public_answers_by_comment(comments: QuerySet[ConsultationComment]) -> dict[int, Answer]:
    """For each comment among `comments` with a public answer, that answer (its own first, else
    its group's). Two queries."""
    return Answer.objects.public_by_comment(comments)


def answer_for_target(comment: ConsultationComment) -> Answer | None:
    """The answer (any state) being written for the comment itself."""
    return Answer.objects.filter(comment=comment).first()
