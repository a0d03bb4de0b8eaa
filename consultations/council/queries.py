"""The workspace's list: every agency's comments that need an answer, filtered (agency,
consultation, article, disposition, answered or not, tag, priority), searched with or without
diacritics, and ordered by the Council's priority. Unknown filter values are named in a notice,
not obeyed (regulations.list_params, as the public lists). A fixed number of queries whatever the number of comments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

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
from regulations import list_params
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
    """The list's filters as typed (strings, for the form's selects), checked against what
    exists (regulations.list_params: an unknown value is named in ``errors`` and not obeyed)."""

    agency: str = ""  # an agency's slug
    consultation: str = ""  # a consultation's id
    article: str = ""  # an anchor ("dieu-3": the same unit in every version) or WHOLE_DRAFT
    disposition: str = ""
    answered: str = ""  # "co" / "chua"
    tag: str = ""  # a CouncilTag's id
    priority: str = ""  # a Priority value
    query: str = ""
    order: str = "uu-tien"
    errors: list[str] = dc_field(default_factory=list)

    @classmethod
    def from_params(cls, params: list_params.Params) -> IssueFilters:
        filters = cls()
        errors = filters.errors

        def choice(name: str, allowed: Iterable[str], label: str) -> str:
            return list_params.choice(params, PARAMS[name], allowed, label, errors)

        filters.agency = choice("agency", agencies_with_consultations().values_list("slug", flat=True), _("Cơ quan"))
        consultation_ids = [str(pk) for pk in ConsultationPage.objects.values_list("pk", flat=True)]
        filters.consultation = choice("consultation", consultation_ids, _("Đợt lấy ý kiến"))
        filters.article = list_params.bounded(params, PARAMS["article"], 160)
        filters.disposition = choice("disposition", Disposition.values, _("Cách xử lý"))
        filters.answered = choice("answered", ANSWERED, _("Lọc trả lời"))
        filters.tag = choice("tag", [str(pk) for pk in CouncilTag.objects.values_list("pk", flat=True)], _("Nhãn"))
        filters.priority = choice("priority", [str(value) for value in Priority.values], _("Mức ưu tiên"))
        filters.query = list_params.bounded(params, PARAMS["query"], MAX_QUERY)
        filters.order = choice("order", ORDERS, _("Cách sắp xếp")) or "uu-tien"
        return filters

    @property
    def chosen_consultation(self) -> ConsultationPage | None:
        return ConsultationPage.objects.filter(pk=int(self.consultation)).first() if self.consultation else None

    def apply(self, comments: QuerySet[ConsultationComment]) -> QuerySet[ConsultationComment]:
        comments = annotate(comments)
        if self.agency:
            comments = comments.filter(consultation__in=consultations_of(Agency.objects.filter(slug=self.agency)))
        if self.consultation:
            comments = comments.filter(consultation_id=int(self.consultation))
        if self.article == WHOLE_DRAFT:
            comments = comments.filter(provision__isnull=True)
        elif self.article:
            comments = comments.filter(anchor=self.article)
        if self.disposition:
            comments = comments.filter(public_disposition=self.disposition)
        if self.answered:
            comments = comments.filter(has_public_answer=ANSWERED[self.answered])
        if self.tag:
            comments = comments.filter(council_issue__tags=int(self.tag))
        if self.priority:
            comments = comments.filter(priority_level=int(self.priority))
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
