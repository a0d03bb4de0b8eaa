"""The workspace's list: every agency's comments that need an answer, filtered (agency,
consultation, article, disposition, answered or not, tag, priority), searched with or without
diacritics, and ordered by the Council's priority. Unknown filter values are named in a notice,
not obeyed. A fixed number of queries whatever the number of comments."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from consultations.access import consultations_of
from consultations.answers.queries import with_public_answer_flag
from consultations.council.matching import query_patterns
from consultations.models import (
    Answer,
    AnswerState,
    ConsultationComment,
    ConsultationPage,
    CouncilNote,
    CouncilTag,
    Disposition,
    GroupMembership,
    Priority,
)
from regulations.models import Agency

# Query parameters (the form's field names; docs/consultations.md).
PARAMS = {
    "agency": "co-quan",
    "consultation": "tham-van",
    "article": "dieu",
    "disposition": "xu-ly",
    "answered": "tra-loi",
    "tag": "nhan",
    "priority": "uu-tien",
    "query": "q",
    "order": "sap-xep",
}
WHOLE_DRAFT = "ca-du-thao"  # the article filter's value for comments on the draft as a whole
ANSWERED = {"co": True, "chua": False}
ORDERS = {
    "uu-tien": ("-priority_level", "-received_at", "-pk"),
    "moi-nhat": ("-received_at", "-pk"),
    "cu-nhat": ("received_at", "pk"),
}
MAX_QUERY = 200


@dataclass
class IssueFilters:
    agency: Agency | None = None
    consultation: ConsultationPage | None = None
    article: str = ""  # an anchor ("dieu-3", the same unit in every version) or WHOLE_DRAFT
    disposition: str = ""
    answered: bool | None = None
    tag: CouncilTag | None = None
    priority: int | None = None
    query: str = ""
    order: str = "uu-tien"
    errors: list[str] = dc_field(default_factory=list)

    @classmethod
    def from_params(cls, params: Any) -> IssueFilters:
        filters = cls()

        def value(name: str) -> str:
            return (params.get(PARAMS[name]) or "").strip()

        if slug := value("agency"):
            filters.agency = Agency.objects.filter(slug=slug[:100]).first()
            if filters.agency is None:
                filters.errors.append(_("Không có cơ quan «%(value)s».") % {"value": slug[:60]})
        if number := value("consultation"):
            found = ConsultationPage.objects.filter(pk=int(number)).first() if number.isdigit() else None
            if found is None:
                filters.errors.append(_("Không có đợt lấy ý kiến «%(value)s».") % {"value": number[:40]})
            filters.consultation = found
        filters.article = value("article")[:160]
        if (disposition := value("disposition")) and disposition not in Disposition.values:
            filters.errors.append(_("Cách xử lý không hợp lệ: %(value)s.") % {"value": disposition[:40]})
        elif disposition:
            filters.disposition = disposition
        if (answered := value("answered")) and answered not in ANSWERED:
            filters.errors.append(_("Lọc trả lời không hợp lệ: %(value)s.") % {"value": answered[:40]})
        elif answered:
            filters.answered = ANSWERED[answered]
        if tag := value("tag"):
            filters.tag = CouncilTag.objects.filter(pk=int(tag)).first() if tag.isdigit() else None
            if filters.tag is None:
                filters.errors.append(_("Không có nhãn «%(value)s».") % {"value": tag[:40]})
        if priority := value("priority"):
            if priority.isdigit() and int(priority) in Priority.values:
                filters.priority = int(priority)
            else:
                filters.errors.append(_("Mức ưu tiên không hợp lệ: %(value)s.") % {"value": priority[:40]})
        filters.query = value("query")[:MAX_QUERY]
        if (order := value("order")) and order not in ORDERS:
            filters.errors.append(_("Cách sắp xếp không hợp lệ: %(value)s.") % {"value": order[:40]})
        elif order:
            filters.order = order
        return filters

    def apply(self, comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
        comments = annotate(comments)
        if self.agency is not None:
            comments = comments.filter(consultation__in=consultations_of(Agency.objects.filter(pk=self.agency.pk)))
        if self.consultation is not None:
            comments = comments.filter(consultation=self.consultation)
        if self.article == WHOLE_DRAFT:
            comments = comments.filter(provision__isnull=True)
        elif self.article:
            comments = comments.filter(anchor=self.article)
        if self.disposition:
            comments = comments.filter(public_disposition=self.disposition)
        if self.answered is not None:
            comments = comments.filter(has_public_answer=self.answered)
        if self.tag is not None:
            comments = comments.filter(council_issue__tags=self.tag)
        if self.priority is not None:
            comments = comments.filter(priority_level=self.priority)
        for pattern in query_patterns(self.query):
            comments = comments.filter(
                Q(comment__regex=pattern) | Q(organization__regex=pattern) | Q(receipt_number__regex=pattern)
            )
        return comments.order_by(*ORDERS[self.order])


def annotate(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """Each comment's public answer's disposition (its own, else its group's), whether it has a
    public answer, its Council priority (0 when unmarked) and how many Council notes it has."""
    own = Answer.objects.filter(comment_id=OuterRef("pk"), state=AnswerState.PUBLIC).values("disposition")[:1]
    group = GroupMembership.objects.filter(comment_id=OuterRef("pk"), group__answer__state=AnswerState.PUBLIC).values(
        "group__answer__disposition"
    )[:1]
    notes = (
        CouncilNote.objects.filter(comment_id=OuterRef("pk"))
        .order_by()
        .values("comment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_public_answer_flag(comments).annotate(
        public_disposition=Coalesce(Subquery(own), Subquery(group)),
        priority_level=Coalesce("council_issue__priority", Value(Priority.NONE), output_field=IntegerField()),
        note_count=Coalesce(Subquery(notes, output_field=IntegerField()), Value(0)),
    )


def listed(comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
    """What a row shows: the consultation, the unit, the tags (one more query)."""
    return comments.select_related("consultation", "provision", "council_issue").prefetch_related("council_issue__tags")


def agencies_with_consultations() -> QuerySet[Agency]:
    return Agency.objects.filter(consultation_folder__isnull=False).order_by("name").distinct()
