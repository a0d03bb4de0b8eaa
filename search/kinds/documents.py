"""Documents: one entry per published legal document, its title and summary (`type=document`).

Built with the articles kind from the same pages (legal_documents.py). Every document number
cited in the query pins that document at rank 1. Its titles and numbers are the first
completion suggestions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from search.db_matching import MAX_CANDIDATES, match_score, rank, with_phrases, word_prefix
from search.facets import Filters
from search.kinds import legal_documents as legal
from search.kinds.base import Matches, SearchKind
from search.query import CitationTarget, ParsedQuery
from search.ranking import FieldSet
from search.results import Hit, Suggestion
from search.search_index import INTEGER, syllable_text
from search.triggers import Trigger


class DocumentsKind(SearchKind):
    name = "documents"
    type = "document"
    label = _("Văn bản")
    builder = legal.LEGAL_DOCUMENTS
    fields = FieldSet(
        heading="title", context="summary", id_field="document_id", date_tiebreak="document_id", date="issued_date"
    )
    owner_field = "document_id"
    id_prefix = "d"
    facets = legal.FACETS
    suggestions = 0
    source_fields = legal.SOURCE_FIELDS

    def properties(self) -> dict[str, Any]:
        return {
            **legal.metadata_properties(),
            "title": syllable_text(),
            "summary": syllable_text(),
            "article_count": INTEGER,
        }

    def triggers(self) -> list[Trigger]:
        return legal.triggers()

    def pin_condition(self, target: CitationTarget) -> dict[str, Any] | None:
        return legal.cited_document(target)

    def hit(self, source: dict[str, Any], entry_id: str) -> Hit:
        src = source
        title = src.get("title") or src.get("document_title") or src.get("document_number") or ""
        status = src.get("legal_status") or ""
        return Hit(
            type=self.type,
            id=int(src.get("document_id") or entry_id.lstrip(self.id_prefix)),
            external_id=src.get("external_id"),
            document_number=src.get("document_number") or "",
            article_number=None,
            title=title,
            url=src.get("url") or "",
            document_title=title,
            legal_status=status,
            legal_status_label=legal.status_label(status),
            agency_name=src.get("agency_name") or "",
            year=src.get("year"),
        )

    # ---- the database fallback ---------------------------------------------------------------

    def database_queryset(self, filters: Filters) -> Any:
        return legal.filtered_documents(filters).distinct()

    def database_matches(self, query: ParsedQuery, filters: Filters, terms: list[str]) -> Matches:
        """Documents holding the terms in their title, summary or number; cited ones pinned."""
        documents = self.database_queryset(filters)
        cited = (legal.find_cited(target, documents) for target in query.citations)
        found = Matches(pinned=list(dict.fromkeys(doc.pk for doc in cited if doc)))
        if terms:
            rows = (
                documents.exclude(pk__in=found.pinned)
                .annotate(matched=match_score(terms, ["title", "summary", "number"]))
                .filter(matched__gt=0)
                .order_by("-matched", "-issued_year")
                .values_list("pk", "title", "summary", "number")[:MAX_CANDIDATES]
            )
            texts = {pk: f"{title}\n{summary}\n{number}" for pk, title, summary, number in rows}
            titles = {pk: title for pk, title, _s, _n in rows}
            found.scores = with_phrases(rank(texts, titles, terms), texts, query)
        return found

    def database_rows(self, ids: list[int]) -> dict[int, legal.LegalRow]:
        return {pk: legal.LegalRow(doc) for pk, doc in legal.document_rows(ids).items()}

    def database_sort_key(self, object_id: int, row: legal.LegalRow, score: float, sort: str) -> tuple[Any, ...]:
        doc = row.document
        if sort == "date":
            return (doc.issued_date is None, -(doc.issued_date.toordinal() if doc.issued_date else 0), -score)
        return (-score, -(doc.issued_year or 0), object_id)

    def database_texts(self, ids: list[int], rows: dict[int, Any], found: Matches) -> dict[int, str]:
        return {pk: f"{rows[pk].document.title}\n{rows[pk].document.summary}" for pk in ids}

    def database_hit(self, object_id: int, row: legal.LegalRow) -> Hit:
        doc = row.document
        return Hit(
            type=self.type,
            id=object_id,
            external_id=None,  # documents have no corpus id in the index either
            document_number=doc.number,
            article_number=None,
            title=doc.title,
            url=doc.url or "",
            document_title=doc.title,
            legal_status=doc.legal_status,
            legal_status_label=legal.status_label(doc.legal_status),
            agency_name=doc.issuing_agency.name if doc.issuing_agency else "",
            year=doc.issued_year,
        )

    def database_suggestions(self, words: list[str], limit: int) -> list[Suggestion]:
        """Documents whose title or number starts a word with each word typed."""
        q = Q()
        for word in words:
            pattern = word_prefix(word)
            q &= Q(title__regex=pattern) | Q(number__regex=pattern)
        docs = legal.live_documents().filter(q).order_by("-issued_year", "title")[:limit]
        return [Suggestion(text=d.title, url=d.url or "") for d in docs]


KIND = DocumentsKind()
