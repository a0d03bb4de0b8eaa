"""The scoreboard's facts from the database: three queries whatever the number of comments
(consultations per agency, comments per agency, and one row per comment needing an answer with
the day its public answer was published)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from consultations import timeline
from consultations.answers.queries import NEEDS_ANSWER
from consultations.models import COUNTED_STATUSES, Answer, AnswerState, ConsultationComment, ConsultationPage
from consultations.scoreboard.figures import AgencyFigures, CommentFact, figures
from regulations.models import Agency


def _opened(now):
    return ConsultationPage.objects.live().public().filter(opens_at__lte=now, lead_agency__isnull=False)


def scoreboard(now=None) -> tuple[list[AgencyFigures], dict[int, Agency]]:
    now = now or timezone.now()
    today = timeline.local_day(now)
    opened = _opened(now)
    consultations = dict(
        opened.order_by().values_list("lead_agency_id").annotate(n=Count("pk")).values_list("lead_agency_id", "n")
    )
    comments = ConsultationComment.objects.filter(consultation__in=opened.values("pk"))
    counted = dict(
        comments.filter(status__in=COUNTED_STATUSES)
        .order_by()
        .values_list("consultation__lead_agency_id")
        .annotate(n=Count("pk"))
        .values_list("consultation__lead_agency_id", "n")
    )
    own = Answer.objects.filter(comment_id=OuterRef("pk"), state=AnswerState.PUBLIC).values("published_at")[:1]
    grouped = Answer.objects.filter(group__memberships__comment_id=OuterRef("pk"), state=AnswerState.PUBLIC).values(
        "published_at"
    )[:1]
    rows = (
        comments.filter(status__in=NEEDS_ANSWER)
        .annotate(answered_at=Coalesce(Subquery(own), Subquery(grouped)))
        .values_list(
            "consultation__lead_agency_id", "consultation__closing_date", "consultation__answer_deadline", "answered_at"
        )
    )
    facts = [
        CommentFact(
            agency_id=agency,
            needs_answer=True,
            closing_day=closing,
            deadline=deadline,
            answered_on=timeline.local_day(answered_at) if answered_at else None,
        )
        for agency, closing, deadline, answered_at in rows
    ]
    lines = figures(consultations, counted, facts, today)
    agencies = Agency.objects.in_bulk([line.agency_id for line in lines])
    return lines, agencies
