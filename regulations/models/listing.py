"""The document list (/van-ban/, one agency's folder) and the home page's sections: validated
filters, pagination, facets."""

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict

from .agencies import Agency, Field
from .documents import DocumentType, LegalDocumentPage, LegalStatus

PAGE_SIZE = 20


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
    def from_params(cls, params: QueryDict | dict[str, str]) -> "DocumentFilters":
        filters = cls()
        doc_type = (params.get("type") or "").strip()
        if doc_type and doc_type not in DocumentType.values:
            filters.errors.append(f"Loại văn bản không hợp lệ: {doc_type}")
        else:
            filters.doc_type = doc_type
        status = (params.get("status") or "").strip()
        if status and status not in LegalStatus.values:
            filters.errors.append(f"Tình trạng hiệu lực không hợp lệ: {status}")
        else:
            filters.status = status
        filters.query = " ".join((params.get("q") or "").split())[:500]
        filters.agency = (params.get("agency") or "").strip()[:100]
        filters.field = (params.get("field") or "").strip()[:100]
        year = (params.get("year") or "").strip()
        if year:
            if year.isdigit() and 1945 <= int(year) <= 2100:
                filters.year = int(year)
            else:
                filters.errors.append(f"Năm không hợp lệ: {year[:10]}")
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


def document_list_context(params: QueryDict | dict[str, str]) -> dict[str, Any]:
    filters = DocumentFilters.from_params(params)
    queryset = filters.apply(published_documents()).order_by("-issued_date", "-issued_year", "title").distinct()
    paginator = Paginator(queryset, PAGE_SIZE)
    page_number = params.get("page") or 1
    page = paginator.get_page(page_number)
    base_params = QueryDict(mutable=True)
    for key in ("q", "type", "agency", "field", "status", "year"):
        value = params.get(key)
        if value:
            base_params[key] = value
    return {
        "documents": page,
        "filters": filters,
        "filter_query": base_params.urlencode(),
        "type_choices": DocumentType.choices,
        "status_choices": LegalStatus.choices,
        "agencies": Agency.objects.filter(issued_documents__live=True).distinct().order_by("name"),
        "fields": Field.objects.filter(documents__live=True).distinct().order_by("name"),
        "years": sorted({y for y in published_documents().values_list("issued_year", flat=True) if y}, reverse=True),
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
