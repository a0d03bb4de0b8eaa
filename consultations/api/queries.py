"""What the consultation API reads: consultations with their counts in a fixed number of
queries (whatever the number of consultations, articles or comments)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from consultations.models import COUNTED_STATUSES, ConsultationComment, ConsultationPage, Synthesis
from consultations.units import ARTICLE_KINDS, SECTION_KINDS
from regulations.models import Provision


def _count(queryset: QuerySet) -> Coalesce:
    """The count of a `.values(group)` queryset correlated with the outer row, 0 if none."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


def _units_count(kinds: tuple[str, ...]) -> Coalesce:
    units = Provision.objects.filter(version_id=OuterRef("version_id"), kind__in=kinds).values("version_id")
    return _count(units)


def consultations(now: datetime) -> QuerySet:
    """Live consultations with `status_value`, `article_units`, `section_units` (commentable
    units: articles if any, else sections) and `counted_comments`."""
    comments = ConsultationComment.objects.filter(consultation_id=OuterRef("pk"), status__in=COUNTED_STATUSES).values(
        "consultation_id"
    )
    return (
        ConsultationPage.objects.live()
        .public()
        .with_status(now)
        .select_related("lead_agency")
        .annotate(
            article_units=_units_count(ARTICLE_KINDS),
            section_units=_units_count(SECTION_KINDS),
            counted_comments=_count(comments),
            has_synthesis=Exists(Synthesis.objects.filter(consultation_id=OuterRef("pk"))),
        )
    )


def filtered(queryset: QuerySet, status: str | None, agency: str | None, field: str | None, now: datetime) -> QuerySet:
    if status:
        queryset = queryset.filter(pk__in=ConsultationPage.objects.in_status(status, now).values("pk"))
    if agency:
        queryset = queryset.filter(Q(lead_agency__slug=agency))
    if field:
        # the consultation's own fields, or else those of its draft document
        queryset = queryset.filter(
            pk__in=ConsultationPage.objects.filter(Q(fields__slug=field) | Q(document__fields__slug=field)).values("pk")
        )
    return queryset.order_by("closes_at", "pk")


def article_count(page: ConsultationPage) -> int:
    return page.article_units or page.section_units


def unit_comment_counts(page: ConsultationPage) -> dict[int, int]:
    """Counted comments per commentable unit of the page's version (one query)."""
    rows = (
        ConsultationComment.objects.filter(consultation=page, status__in=COUNTED_STATUSES, provision__isnull=False)
        .values("provision_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["provision_id"]: row["n"] for row in rows}
