"""What the two legal-document kinds share (articles.py, documents.py): they read the same
objects (published ``LegalDocumentPage`` pages), in one builder, and have the same metadata
fields, facets, citation pins and database filters.

The builder reads a batch of documents in a fixed number of queries (pages with their agency and
fields; all their provisions; the site's URL roots once) and prepares one entry per document
(kind "documents") and one per article (kind "articles"). The unit of the articles index is the
article (Điều); a document without articles (a letter, a plan) is indexed by its top-level units
instead ("I.", "1."), and in a document with articles any part that holds no article (an
appendix) is indexed as one unit too. After the NLP, a document's entry cites what its articles
cite.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, Final

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from regulations.legaltext.normalize import normalize
from regulations.models import Agency, DocumentType, Field, LegalDocumentPage, LegalStatus, Provision
from regulations.signals import document_state_changed
from search.entries import Prepared
from search.facets import CachedNames, Facet, Filters, RangeFacet, database_filter
from search.kinds.base import EntryBuilder
from search.query import CitationTarget
from search.search_index import INTEGER, KEYWORD, NOT_INDEXED
from search.triggers import Trigger, page_changes, signal_changes

ARTICLE = "article"
# The completion field rejects these separators; keep suggestions to one line.
_SUGGEST_MAX = 100

# Fields returned with each hit (the big text fields stay on the server).
SOURCE_FIELDS: Final = (
    "provision_id",
    "document_id",
    "external_id",
    "anchor",
    "url",
    "article_number",
    "citation",
    "heading",
    "document_number",
    "document_title",
    "title",
    "doc_type",
    "legal_status",
    "agency",
    "agency_name",
    "year",
    "issued_date",
    # The text as published, for highlighting (see search.highlight.highlight_text).
    "text",
)


def metadata_properties() -> dict[str, Any]:
    """The document's metadata, on its own entry and on each of its articles'."""
    return {
        "document_id": INTEGER,
        "url": NOT_INDEXED,
        "document_number": KEYWORD,
        "number_key": {"type": "keyword", "normalizer": "vi_lowercase"},
        "doc_type": KEYWORD,
        "legal_status": KEYWORD,
        "agency": KEYWORD,
        "agency_name": KEYWORD,
        "fields": KEYWORD,
        "year": INTEGER,
        "issued_date": {"type": "date", "format": "strict_date"},
    }


def triggers() -> list[Trigger]:
    """Published, unpublished, deleted, moved; and a document whose computed legal status or
    current version changed without being published again (a date passed, a replacing document
    arrived: regulations.signals.document_state_changed)."""
    state = signal_changes(document_state_changed, LegalDocumentPage, lambda sent: sent["document_ids"])
    return [*page_changes(LegalDocumentPage), state]


# ---- the builder -----------------------------------------------------------------------------


def documents_queryset() -> QuerySet[LegalDocumentPage]:
    """Live, public documents with what an entry needs (agency, fields) in 2 queries."""
    return LegalDocumentPage.objects.live().public().select_related("issuing_agency").prefetch_related("fields")


def _metadata(page: LegalDocumentPage) -> dict[str, Any]:
    agency = page.issuing_agency
    return {
        "document_id": page.pk,
        "url": page.get_url() or "",
        "document_number": page.number or None,
        "number_key": page.number_key or None,
        "doc_type": page.doc_type or None,
        "legal_status": page.legal_status or None,
        "agency": agency.slug if agency else None,
        "agency_name": agency.name if agency else None,
        "fields": sorted(field.slug for field in page.fields.all()),
        "year": page.issued_year,
        "issued_date": page.issued_date.isoformat() if page.issued_date else None,
    }


def _suggest(*inputs: str | None) -> dict[str, list[str]]:
    cleaned = []
    for value in inputs:
        line = normalize(value or "")
        if line:
            cleaned.append(line[:_SUGGEST_MAX])
    return {"input": list(dict.fromkeys(cleaned))}


def _index_units(provisions: list[Provision]) -> list[Provision]:
    """The provisions that become entries, in reading order (see the module docstring)."""
    by_id = {p.pk: p for p in provisions}
    holds_article: dict[int, bool] = {p.pk: False for p in provisions}
    for p in reversed(provisions):  # children come after their parent in reading order
        if p.parent_id in holds_article and (p.kind == ARTICLE or holds_article[p.pk]):
            holds_article[p.parent_id] = True

    def inside_article(p: Provision) -> bool:
        parent = by_id.get(p.parent_id) if p.parent_id else None
        while parent is not None:
            if parent.kind == ARTICLE:
                return True
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        return False

    units = []
    for p in provisions:
        if inside_article(p):
            continue
        if p.kind == ARTICLE:
            units.append(p)
        elif not holds_article[p.pk] and (p.parent_id is None or holds_article.get(p.parent_id)):
            units.append(p)
    return units


def _full_text(node: Provision, children: dict[int | None, list[Provision]]) -> str:
    """Heading, text, then every descendant with its marker ("1.", "a)", "-"), in order —
    the same text as Provision.full_text(), without a query per level."""
    parts = [node.heading, node.text]
    for child in children.get(node.pk, []):
        parts.append(f"{child.display_label} {_full_text(child, children)}".strip())
    return "\n".join(part for part in parts if part)


def load_provisions(document_ids: Iterable[int]) -> dict[int, list[Provision]]:
    """The provisions of these documents' current versions in one query, grouped by document,
    in reading order."""
    grouped: dict[int, list[Provision]] = {}
    rows = Provision.objects.current().filter(document_id__in=list(document_ids)).order_by("document_id", "position")
    for provision in rows.only(
        "id",
        "document_id",
        "parent_id",
        "kind",
        "label",
        "heading",
        "text",
        "position",
        "anchor",
        "citation",
        "external_id",
    ):
        grouped.setdefault(provision.document_id, []).append(provision)
    return grouped


def prepare_document(page: LegalDocumentPage, provisions: list[Provision]) -> Prepared:
    """One document's entries without NLP: {"articles": [{...}, ...], "documents": [{...}]}."""
    meta = _metadata(page)
    title = normalize(page.title)
    children: dict[int | None, list[Provision]] = {}
    for p in provisions:
        children.setdefault(p.parent_id, []).append(p)

    articles = []
    # Markers ("Điều", "Chương") come from translated labels: build them in the site language.
    with translation.override(settings.LANGUAGE_CODE):
        for unit in _index_units(provisions):
            heading = normalize(unit.heading)
            articles.append(
                {
                    **meta,
                    "provision_id": unit.pk,
                    "external_id": unit.external_id or None,
                    "anchor": unit.anchor,
                    "url": f"{meta['url']}#{unit.anchor}" if meta["url"] else f"#{unit.anchor}",
                    "kind": unit.kind,
                    "position": unit.position,
                    "article_number": unit.label,
                    "citation": normalize(unit.citation or unit.display_label),
                    "heading": heading,
                    "document_title": title,
                    "text": _full_text(unit, children),
                    "suggest": _suggest(unit.heading, page.title),
                }
            )
    summary = normalize(page.summary)
    document = {
        **meta,
        "title": title,
        "summary": summary,
        "article_count": len(articles),
        "text": "\n".join(part for part in (page.title, page.summary) if part),
        "suggest": _suggest(page.title, page.number),
    }
    return {"articles": articles, "documents": [document]}


class LegalDocumentBuilder(EntryBuilder):
    """Published legal documents -> the entries of the articles and documents kinds."""

    name = "legal documents"

    def object_ids(self) -> list[int]:
        return list(documents_queryset().order_by("pk").values_list("pk", flat=True))

    def prepare(self, ids: Collection[int]) -> dict[int, Prepared]:
        """4 queries for any number of documents: pages, their fields, their provisions, and
        the site roots for URLs (cached after the first)."""
        ids = list(ids)
        provisions = load_provisions(ids)
        pages = documents_queryset().filter(pk__in=ids).order_by("pk")
        return {page.pk: prepare_document(page, provisions.get(page.pk, [])) for page in pages}

    def finish(self, prepared: Prepared) -> None:
        """A document cites what its title, summary and articles cite (not itself)."""
        cited = [number for article in prepared["articles"] for number in article["citations"]]
        (document,) = prepared["documents"]
        number = document.get("document_number")
        document["citations"] = [n for n in dict.fromkeys([*document["citations"], *cited]) if n != number]


LEGAL_DOCUMENTS: Final = LegalDocumentBuilder()


# ---- facets ----------------------------------------------------------------------------------

YEAR_MIN: Final = 1945
YEAR_MAX: Final = 2100


@dataclass(frozen=True)
class LegalRow:
    """A row of the database fallback: a document, and the article (a provision's values) when
    the hit is an article. The facets count on the document."""

    document: LegalDocumentPage
    unit: dict[str, Any] | None = None


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _agency_values(row: LegalRow) -> list[Any]:
    agency = row.document.issuing_agency
    return [agency.slug if agency else None]


def _year_filter(low: int | None, high: int | None) -> Q:
    q = Q()
    if low is not None:
        q &= Q(issued_year__gte=low)
    if high is not None:
        q &= Q(issued_year__lte=high)
    return q


AGENCY_NAMES: Final = CachedNames(Agency, lambda: Agency.objects.values_list("slug", "name"))
FIELD_NAMES: Final = CachedNames(Field, lambda: Field.objects.values_list("slug", "name"))

AGENCY: Final = Facet(
    name="agency",
    field="agency",
    label=_("Cơ quan ban hành"),
    noun="Cơ quan",
    database_filter=lambda values: Q(issuing_agency__slug__in=values),
    database_values=_agency_values,
    vocabulary=lambda: frozenset(Agency.objects.values_list("slug", flat=True)),
    labels=AGENCY_NAMES,
    choices=lambda: list(
        Agency.objects.filter(issued_documents__live=True).distinct().order_by("name").values_list("slug", "name")
    ),
    description="Issuing agency slug.",
)
FIELD: Final = Facet(
    name="field",
    field="fields",
    label=_("Lĩnh vực"),
    noun="Lĩnh vực",
    database_filter=lambda values: Q(fields__slug__in=values),
    database_values=lambda row: [field.slug for field in row.document.fields.all()],
    vocabulary=lambda: frozenset(Field.objects.values_list("slug", flat=True)),
    labels=FIELD_NAMES,
    choices=lambda: list(
        Field.objects.filter(documents__live=True).distinct().order_by("name").values_list("slug", "name")
    ),
    description="Field (lĩnh vực) slug.",
)
DOC_TYPE: Final = Facet(
    name="doc_type",
    field="doc_type",
    label=_("Loại văn bản"),
    noun="Loại văn bản",
    database_filter=lambda values: Q(doc_type__in=values),
    database_values=lambda row: [row.document.doc_type],
    vocabulary=lambda: frozenset(DocumentType.values),
    labels=lambda values: {value: _choice_label(DocumentType, value) for value in values},
    choices=lambda: [(value, str(label)) for value, label in DocumentType.choices],
    description="Document type (luat, nghi-dinh, thong-tu...).",
)
STATUS: Final = Facet(
    name="status",
    field="legal_status",
    label=_("Tình trạng hiệu lực"),
    noun="Tình trạng hiệu lực",
    database_filter=lambda values: Q(legal_status__in=values),
    database_values=lambda row: [row.document.legal_status],
    vocabulary=lambda: frozenset(LegalStatus.values),
    labels=lambda values: {value: _choice_label(LegalStatus, value) for value in values},
    choices=lambda: [(value, str(label)) for value, label in LegalStatus.choices],
    description="Legal status (con-hieu-luc, het-hieu-luc...).",
)
YEAR: Final = RangeFacet(
    name="year",
    field="year",
    label=_("Năm ban hành"),
    noun="Năm",
    minimum=YEAR_MIN,
    maximum=YEAR_MAX,
    database_filter=_year_filter,
    database_values=lambda row: [row.document.issued_year],
    from_label=_("Từ năm"),
    to_label=_("đến năm"),
    descriptions=("Issued from this year", "Issued up to this year"),
)
FACETS: Final = (AGENCY, FIELD, DOC_TYPE, STATUS, YEAR)


def status_label(value: str) -> str:
    return _choice_label(LegalStatus, value)


# ---- citations -------------------------------------------------------------------------------


def _number_condition(target: CitationTarget) -> dict[str, Any]:
    if target.is_complete_number:
        return {"terms": {"number_key": target.number_keys}}
    return {
        "bool": {
            "should": [{"prefix": {"number_key": key.rstrip("/") + "/"}} for key in target.number_keys],
            "minimum_should_match": 1,
        }
    }


def cited_document(target: CitationTarget) -> dict[str, Any]:
    """Entries of the document a citation names (by number, or a number's prefix: "24/2012")."""
    return {"bool": {"filter": [_number_condition(target)]}}


def cited_article(target: CitationTarget) -> dict[str, Any]:
    """The entry of the article a citation names ("Điều 11 NĐ 24/2012")."""
    return {"bool": {"filter": [_number_condition(target), {"term": {"article_number": target.article}}]}}


# ---- the database fallback -------------------------------------------------------------------


def live_documents() -> QuerySet[LegalDocumentPage]:
    return LegalDocumentPage.objects.live().public()


def filtered_documents(filters: Filters) -> QuerySet[LegalDocumentPage]:
    return live_documents().filter(database_filter(FACETS, filters))


def document_rows(ids: Iterable[int]) -> dict[int, LegalDocumentPage]:
    """Documents to show and count, with their agency and fields (3 queries)."""
    return {
        d.pk: d
        for d in LegalDocumentPage.objects.filter(pk__in=set(ids))
        .select_related("issuing_agency")
        .prefetch_related("fields")
    }


def find_cited(target: CitationTarget, documents: QuerySet[LegalDocumentPage]) -> LegalDocumentPage | None:
    """The live document a citation names, among ``documents`` (the filtered ones)."""
    found: LegalDocumentPage | None
    if target.is_complete_number:
        # The newest first: a law cited by name lands on its newest version in the portal.
        found = documents.filter(number_key__in=target.number_keys).order_by("-issued_year", "pk").first()
    else:
        q = Q()
        for key in target.number_keys:
            q |= Q(number_key__startswith=key.rstrip("/") + "/")
        found = documents.filter(q).order_by("-issued_year").first()
    return found
