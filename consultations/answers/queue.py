"""The staff's answer queue: every unanswered comment of the consultations a person answers,
with its deadline and the days left (overdue ones first), and the answers waiting for approval.
A fixed number of queries whatever the size."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery

from consultations import timeline
from consultations.answers.queries import unanswered
from consultations.models import Answer, AnswerState, ConsultationComment, GroupMembership


@dataclass(frozen=True)
class QueueRow:
    comment: ConsultationComment
    deadline: date | None
    days_left: int | None
    answer_state: str | None  # the state of the answer being written (own or the group's), if any
    group_id: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def waiting_for_answer(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """Unanswered comments, the nearest deadline first, then the oldest."""
    own_state = Answer.objects.filter(comment_id=OuterRef("pk")).values("state")[:1]
    group = GroupMembership.objects.filter(comment_id=OuterRef("pk"))
    return (
        unanswered(comments)
        .annotate(
            own_answer_state=Subquery(own_state),
            group_ref=Subquery(group.values("group_id")[:1]),
            group_answer_state=Subquery(group.values("group__answer__state")[:1]),
        )
        .select_related("consultation", "provision")
        .order_by(F("consultation__answer_deadline").asc(nulls_last=True), "received_at", "pk")
    )


def rows(comments: list[ConsultationComment], today: date) -> list[QueueRow]:
    result = []
    for comment in comments:
        deadline = comment.consultation.answer_deadline
        result.append(
            QueueRow(
                comment=comment,
                deadline=deadline,
                days_left=timeline.days_left(today, deadline) if deadline else None,
                answer_state=getattr(comment, "own_answer_state", None) or getattr(comment, "group_answer_state", None),
                group_id=getattr(comment, "group_ref", None),
            )
        )
    return result


def waiting_for_approval(answers: QuerySet[Answer]) -> QuerySet[Answer]:
    return (
        answers.filter(state=AnswerState.SUBMITTED)
        .select_related("consultation", "comment", "group", "answered_by")
        .order_by("submitted_at", "pk")
    )
