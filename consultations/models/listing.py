"""The consultation list (/tham-van/, one agency's folder) and the home page's section:
validated filters, counts, the order by closing date, pagination."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations import timeline
from consultations.units import ARTICLE_KINDS, SECTION_KINDS
from regulations import list_params
from regulations.models import Agency, DocumentType, Field, Provision

from .comments import COUNTED_STATUSES, ConsultationComment
from .consultation import ConsultationPage, ConsultationStatus

PAGE_SIZE = 20
LIST_PARAMS = ("status", "agency", "field", "type")
# Open consultations first (closing soonest first), then upcoming ones (opening soonest first),
# then those closed (most recently closed first).
STATUS_RANK = {
    timeline.Status.OPEN: 0,
    timeline.Status.UPCOMING: 1,
    timeline.Status.CLOSED: 2,
    timeline.Status.SYNTHESISING: 2,
    timeline.Status.PUBLISHED: 2,
}


@dataclass
class ConsultationFilters:
    """The list's filters, validated: unknown values are named in a notice, not obeyed."""

    status: str = ""
    agency: str = ""
    field: str = ""
    doc_type: str = ""
    errors: list[str] = dc_field(default_factory=list)

    @classmethod
    def from_params(cls, params: list_params.Params) -> ConsultationFilters:
        filters = cls()
        errors = filters.errors
        filters.status = list_params.choice(params, "status", ConsultationStatus.values, _("Trạng thái"), errors)
        filters.doc_type = list_params.choice(params, "type", DocumentType.values, _("Loại văn bản"), errors)
        filters.agency = list_params.bounded(params, "agency")
        filters.field = list_params.bounded(params, "field")
        return filters

    def apply(self, queryset, now: datetime):
        if self.status:
            queryset = queryset.in_status(self.status, now)
        if self.agency:
            queryset = queryset.filter(lead_agency__slug=self.agency)
        if self.field:
            queryset = queryset.filter(fields__slug=self.field)
        if self.doc_type:
            queryset = queryset.filter(doc_type=self.doc_type)
        return queryset


def _count_units(kinds: tuple[str, ...]):
    return Subquery(
        Provision.objects.filter(version=OuterRef("version"), kind__in=kinds)
        .order_by()
        .values("version")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def with_counts(queryset):
    """Annotate `comment_count` (received comments, hidden ones too) and `unit_count` (articles,
    or numbered sections and items for a draft without articles: consultations.units)."""
    comments = (
        ConsultationComment.objects.filter(consultation=OuterRef("pk"), status__in=COUNTED_STATUSES)
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), Value(0)),
        unit_count=Coalesce(NullIf(_count_units(ARTICLE_KINDS), Value(0)), _count_units(SECTION_KINDS), Value(0)),
    )


def published_consultations():
    return ConsultationPage.objects.live().public().select_related("lead_agency", "document")


def ordered_by_closing(queryset, now: datetime):
    """Open first (closing soonest), then upcoming (opening soonest), then closed (latest first)."""
    queryset = queryset.with_status(now)
    rank = Case(
        *(When(status_value=status.value, then=Value(rank)) for status, rank in STATUS_RANK.items()),
        output_field=IntegerField(),
    )
    soon = Case(
        When(status_value=timeline.Status.OPEN.value, then=F("closes_at")),
        When(status_value=timeline.Status.UPCOMING.value, then=F("opens_at")),
    )
    latest = Case(When(closes_at__lt=now, then=F("closes_at")))
    return queryset.annotate(status_rank=rank, soon=soon, latest=latest).order_by(
        "status_rank", F("soon").asc(nulls_last=True), F("latest").desc(nulls_last=True), "title"
    )


def consultation_list_context(params: list_params.Params, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    filters = ConsultationFilters.from_params(params)
    queryset = ordered_by_closing(with_counts(filters.apply(published_consultations(), now)), now).distinct()
    page, filter_query = list_params.paginated(queryset, params, PAGE_SIZE, LIST_PARAMS)
    live = ConsultationPage.objects.live().public()
    return {
        "consultations": page,
        "filters": filters,
        "filter_query": filter_query,
        "status_choices": ConsultationStatus.choices,
        "type_choices": [c for c in DocumentType.choices if c[0] in set(live.values_list("doc_type", flat=True))],
        "agency_choices": list_params.options(
            Agency.objects.filter(led_consultations__in=live).distinct().order_by("name")
        ),
        "field_choices": list_params.options(Field.objects.filter(consultations__in=live).distinct().order_by("name")),
        "now": now,
    }


def closing_soon(limit: int = 4, now: datetime | None = None) -> list[ConsultationPage]:
    """The open consultations that close soonest (the home page's section)."""
    now = now or timezone.now()
    queryset = with_counts(published_consultations().in_status(ConsultationStatus.OPEN, now))
    return list(queryset.order_by("closes_at", "title")[:limit])
