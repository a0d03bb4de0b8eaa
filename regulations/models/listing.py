"""The document list (/van-ban/, one agency's folder) and the home page's sections: validated
filters, pagination, facets."""

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from regulations import list_params

from .agencies import Agency, Field
from .documents import DocumentType, LegalDocumentPage, LegalStatus

PAGE_SIZE = 20
LIST_PARAMS = ("q", "type", "agency", "field", "status", "year")


@dataclass
class DocumentFilters:
    """The filters of the document list, validated: unknown values are reported, not obeyed."""

    doc_type: str = ""
    agency: str = ""
    field: str = ""
    status: str = ""
    year: int | None = None
    query: str = ""
    errors: list[str] = dc_field(default_factory=list)

    @classmethod
    def from_params(cls, params: list_params.Params) -> "DocumentFilters":
        filters = cls()
        errors = filters.errors
        filters.doc_type = list_params.choice(params, "type", DocumentType.values, _("Loại văn bản"), errors)
        filters.status = list_params.choice(params, "status", LegalStatus.values, _("Tình trạng hiệu lực"), errors)
        filters.query = " ".join((params.get("q") or "").split())[:500]
        filters.agency = list_params.bounded(params, "agency")
        filters.field = list_params.bounded(params, "field")
        year = list_params.bounded(params, "year", 10)
        if year:
            if year.isdigit() and 1945 <= int(year) <= 2100:
                filters.year = int(year)
            else:
                errors.append(list_params.invalid(_("Năm"), year))
        return filters

    def apply(self, queryset):
        if self.query:
            queryset = queryset.filter(
                Q(title__icontains=self.query) | Q(number__icontains=self.query) | Q(summary__icontains=self.query)
            )
        if self.doc_type:
            queryset = queryset.filter(doc_type=self.doc_type)
        if self.status:
            queryset = queryset.filter(legal_status=self.status)
        if self.agency:
            queryset = queryset.filter(issuing_agency__slug=self.agency)
        if self.field:
            queryset = queryset.filter(fields__slug=self.field)
        if self.year:
            queryset = queryset.filter(issued_year=self.year)
        return queryset


def published_documents():
    return LegalDocumentPage.objects.live().public().select_related("issuing_agency")


def document_list_context(params: list_params.Params) -> dict[str, Any]:
    filters = DocumentFilters.from_params(params)
    queryset = filters.apply(published_documents()).order_by("-issued_date", "-issued_year", "title").distinct()
    page, filter_query = list_params.paginated(queryset, params, PAGE_SIZE, LIST_PARAMS)
    years = sorted({y for y in published_documents().values_list("issued_year", flat=True) if y}, reverse=True)
    return {
        "documents": page,
        "filters": filters,
        "filter_query": filter_query,
        "type_choices": DocumentType.choices,
        "status_choices": LegalStatus.choices,
        "agency_choices": list_params.options(
            Agency.objects.filter(issued_documents__live=True).distinct().order_by("name")
        ),
        "field_choices": list_params.options(Field.objects.filter(documents__live=True).distinct().order_by("name")),
        "year_choices": [(year, year) for year in years],
    }


def home_page_sections() -> dict[str, Any]:
    live = Q(documents__live=True)
    return {
        "newest_documents": list(published_documents().order_by("-issued_date", "-first_published_at")[:8]),
        "fields_with_counts": list(
            Field.objects.annotate(document_count=Count("documents", filter=live, distinct=True))
            .filter(document_count__gt=0)
            .order_by("-document_count", "name")[:12]
        ),
        "agencies_with_counts": list(
            Agency.objects.annotate(
                document_count=Count("issued_documents", filter=Q(issued_documents__live=True), distinct=True)
            )
            .filter(document_count__gt=0)
            .order_by("-document_count", "name")[:12]
        ),
    }
