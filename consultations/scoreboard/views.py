"""The scoreboard: the page (/tham-van/thong-ke-tra-loi/, a bar chart and the same data as a
table) and `GET /api/v1/consultations/scoreboard`."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations import timeline
from consultations.scoreboard.collect import scoreboard
from consultations.scoreboard.figures import AgencyFigures

BAR_WIDTH = 400  # the chart's bars at 100%, in SVG units


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def present(line: AgencyFigures, agency) -> dict:
    return {
        "agency": {"slug": agency.slug, "name": agency.name},
        "consultations": line.consultations,
        "comments": line.comments,
        "comments_needing_answer": line.needing_answer,
        "answered": line.answered,
        "answered_share": _percent(line.answered_share),
        "comments_due": line.due,
        "answered_on_time": line.answered_on_time,
        "answered_on_time_share": _percent(line.on_time_share),
        "median_days_to_answer": line.median_days_to_answer,
        "overdue_now": line.overdue_now,
    }


@require_GET
def scoreboard_page(request: HttpRequest) -> HttpResponse:
    lines, agencies = scoreboard()
    rows = [present(line, agencies[line.agency_id]) for line in lines]
    for index, row in enumerate(rows):
        share = row["answered_on_time_share"]
        row["bar"] = 0 if share is None else round(BAR_WIDTH * share / 100, 1)
        row["y"] = index * 28
    context = {
        "rows": rows,
        "today": timeline.local_day(timezone.now()),
        "chart_height": max(len(rows), 1) * 28,
        "bar_width": BAR_WIDTH,
    }
    return TemplateResponse(request, "consultations/scoreboard/scoreboard_page.html", context)


class AgencyRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ScoreboardLineSerializer(serializers.Serializer):
    agency = AgencyRefSerializer(help_text="The lead agency of the consultations (cơ quan chủ trì soạn thảo).")
    consultations = serializers.IntegerField(min_value=0, help_text="Consultations that have opened.")
    comments = serializers.IntegerField(min_value=0, help_text="Comments received (hidden ones included).")
    comments_needing_answer = serializers.IntegerField(min_value=0, help_text="Received and not hidden.")
    answered = serializers.IntegerField(min_value=0, help_text="With a public answer (their own or their group's).")
    answered_share = serializers.FloatField(
        allow_null=True, min_value=0, max_value=100, help_text="answered / comments_needing_answer, in %."
    )
    comments_due = serializers.IntegerField(min_value=0, help_text="Needing an answer, answer deadline passed.")
    answered_on_time = serializers.IntegerField(
        min_value=0, help_text="Due comments whose answer was published by the deadline day."
    )
    answered_on_time_share = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=100,
        help_text="answered_on_time / comments_due, in %; null if none due.",
    )
    median_days_to_answer = serializers.FloatField(
        allow_null=True, min_value=0, help_text="Days from the closing day to the answer, median; null if none."
    )
    overdue_now = serializers.IntegerField(min_value=0, help_text="Without a public answer, deadline passed.")


class ScoreboardSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="The day the figures are for (Vietnam time).")
    results = ScoreboardLineSerializer(many=True)


class ScoreboardAPIView(APIView):
    """Per agency: consultations held, comments received, share answered, share answered by the
    deadline, median days to answer, overdue now."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="consultations_scoreboard",
        summary="Bảng theo dõi trả lời góp ý theo cơ quan / answers to comments per agency",
        responses={200: ScoreboardSerializer},
    )
    def get(self, request: Request) -> Response:
        lines, agencies = scoreboard()
        data = {
            "date": timeline.local_day(timezone.now()),
            "results": [present(line, agencies[line.agency_id]) for line in lines],
        }
        return Response(ScoreboardSerializer(data).data)
