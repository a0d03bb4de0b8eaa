"""Articles: one entry per article (Điều) of a published legal document (`type=article`).

Built with the documents kind from the same pages (legal_documents.py). A citation of an article
in the query ("Điều 11 NĐ 24/2012", "BLLĐ điều 113") pins that article at rank 1; a bare
document number lifts that document's articles. Definition and scope questions boost the
defining or scope article (search/ranking.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from regulations.models import Provision, ProvisionKind
from search import fulltext, provision_tree
from search.db_matching import MAX_CANDIDATES, match_score, rank, with_phrases
from search.facets import Filters
from search.kinds import legal_documents as legal
from search.kinds.base import Matches, SearchKind
from search.query import CitationTarget, ParsedQuery
from search.ranking import WEIGHTS, FieldSet, cites
from search.results import Hit
from search.search_index import INTEGER, KEYWORD, syllable_text
from search.triggers import Trigger

# The boost, in the fallback, of the articles of a document named without an article.
CITED_DOCUMENT_BONUS = 5.0
# Provisions taken from the database's text search for one query, its best first: the units
# they belong to are then ranked in Python (fewer than the regular expressions' candidates,
# whose order is only the number of terms matched).
FULLTEXT_CANDIDATES = 100


def _title(citation: str, heading: str) -> str:
    return f"{citation}. {heading}" if citation and heading else (citation or heading)


class ArticlesKind(SearchKind):
    name = "articles"
    type = "article"
    label = _("Điều khoản")
    builder = legal.LEGAL_DOCUMENTS
    fields = FieldSet(
        heading="heading",
        context="document_title",
        id_field="provision_id",
        date_tiebreak="provision_id",
        date="issued_date",
    )
    owner_field = "document_id"
    id_prefix = "a"
    facets = legal.FACETS
    answers_questions = True
    suggestions = 1  # after the documents' titles
    source_fields = legal.SOURCE_FIELDS
    # Each chunk of an article opens with "<law title>. Điều N. <heading>" (search/semantic.py).
    chunk_fields = ("document_title", "citation", "heading")

    def properties(self) -> dict[str, Any]:
        return {
            **legal.metadata_properties(),
            "provision_id": INTEGER,
            "external_id": KEYWORD,
            "anchor": KEYWORD,
            "kind": KEYWORD,
            "position": INTEGER,
            "article_number": KEYWORD,
            "citation": syllable_text(),
            "heading": syllable_text(),
            "document_title": syllable_text(),
        }

    def triggers(self) -> list[Trigger]:
        return legal.triggers()

    # ---- ranking -----------------------------------------------------------------------------

    def pin_condition(self, target: CitationTarget) -> dict[str, Any] | None:
        return legal.cited_article(target) if target.article else None

    def citation_clauses(self, target: CitationTarget) -> list[dict[str, Any]]:
        """A document named without an article lifts all its articles."""
        if target.article:
            return [cites(target)]
        lift = {"constant_score": {"filter": legal.cited_document(target), "boost": WEIGHTS["cited_document"]}}
        return [lift, cites(target)]

    def hit(self, source: dict[str, Any], entry_id: str) -> Hit:
        src = source
        citation = src.get("citation") or (f"Điều {src['article_number']}" if src.get("article_number") else "")
        status = src.get("legal_status") or ""
        return Hit(
            type=self.type,
            id=int(src.get("provision_id") or entry_id.lstrip(self.id_prefix)),
            external_id=src.get("external_id"),
            document_number=src.get("document_number") or "",
            article_number=src.get("article_number"),
            title=_title(citation, src.get("heading") or ""),
            url=src.get("url") or "",
            document_title=src.get("document_title") or "",
            legal_status=status,
            legal_status_label=legal.status_label(status),
            agency_name=src.get("agency_name") or "",
            year=src.get("year"),
        )

    # ---- the database fallback ---------------------------------------------------------------

    def database_queryset(self, filters: Filters) -> Any:
        return legal.filtered_documents(filters)

    def database_matches(self, query: ParsedQuery, filters: Filters, terms: list[str]) -> Matches:
        """Provisions holding the terms (in their text or heading), counted for the article that
        holds them; cited articles pinned; a cited document's articles lifted."""
        documents = self.database_queryset(filters)
        document_ids = documents.values("pk")  # a subquery
        found = Matches()
        cited_documents: set[int] = set()
        for target in query.citations:
            doc = legal.find_cited(target, documents)
            if doc is None:
                continue
            if not target.article:
                cited_documents.add(doc.pk)
                continue
            unit = (
                Provision.objects.current()
                .filter(document=doc, kind=ProvisionKind.ARTICLE, label=target.article)
                .values_list("pk", flat=True)
                .first()
            )
            if unit is not None and unit not in found.pinned:
                found.pinned.append(unit)

        if terms:
            units = _article_units(_matching_provisions(terms, document_ids))
            unit_ids = sorted(set(units.values()))
            found.texts = _full_texts(unit_ids)
            headings = dict(Provision.objects.filter(pk__in=unit_ids).values_list("pk", "heading"))
            found.scores = with_phrases(rank(found.texts, headings, terms), found.texts, query)
        if cited_documents:
            current = Provision.objects.current()
            articles = current.filter(document_id__in=cited_documents, kind=ProvisionKind.ARTICLE)
            for pk in articles.values_list("pk", flat=True)[:MAX_CANDIDATES]:
                found.scores[pk] = found.scores.get(pk, 0.0) + CITED_DOCUMENT_BONUS
        for pk in found.pinned:
            found.scores.pop(pk, None)
        return found

    def database_rows(self, ids: list[int]) -> dict[int, legal.LegalRow]:
        units = {
            row["pk"]: row
            for row in Provision.objects.filter(pk__in=ids).values(
                "pk", "document_id", "position", "label", "heading", "citation", "anchor", "external_id"
            )
        }
        docs = legal.document_rows(row["document_id"] for row in units.values())
        return {pk: legal.LegalRow(docs[row["document_id"]], row) for pk, row in units.items()}

    def database_sort_key(self, object_id: int, row: legal.LegalRow, score: float, sort: str) -> tuple[Any, ...]:
        unit, doc = row.unit or {}, row.document
        if sort == "date":
            return (
                doc.issued_date is None,
                -(doc.issued_date.toordinal() if doc.issued_date else 0),
                -score,
                unit["position"],
            )
        return (-score, unit["document_id"], unit["position"])

    def database_texts(self, ids: list[int], rows: dict[int, Any], found: Matches) -> dict[int, str]:
        texts = {pk: found.texts[pk] for pk in ids if pk in found.texts}
        texts.update(_full_texts([pk for pk in ids if pk not in texts]))
        return texts

    def database_hit(self, object_id: int, row: legal.LegalRow) -> Hit:
        unit, doc = row.unit or {}, row.document
        citation = unit["citation"] or (f"Điều {unit['label']}" if unit["label"] else "")
        return Hit(
            type=self.type,
            id=object_id,
            external_id=unit["external_id"],
            document_number=doc.number,
            article_number=unit["label"],
            title=_title(citation, unit["heading"] or ""),
            url=f"{doc.url}#{unit['anchor']}",
            document_title=doc.title,
            legal_status=doc.legal_status,
            legal_status_label=legal.status_label(doc.legal_status),
            agency_name=doc.issuing_agency.name if doc.issuing_agency else "",
            year=doc.issued_year,
        )


def _matching_provisions(terms: list[str], document_ids: Any) -> set[int]:
    """Provisions of the current versions of these documents holding any of the terms: the
    database's text search (search/fulltext.py) where it has one, else regular expressions."""
    current = (
        Provision.objects.current()
        .filter(document_id__in=document_ids)
        .exclude(kind__in=[ProvisionKind.CHAPTER, ProvisionKind.SECTION])
    )
    found = fulltext.provision_candidates(terms, FULLTEXT_CANDIDATES, within=current)
    if found is not None:
        return set(found)
    candidates = (
        current.annotate(matched=match_score(terms, ["text", "heading"]))
        .filter(matched__gt=0)
        .order_by("-matched", "document_id", "position")
        .values_list("pk", flat=True)[:MAX_CANDIDATES]
    )
    return set(candidates)


def _article_units(provision_ids: set[int]) -> dict[int, int]:
    """Map matching provisions to the unit that is indexed: their article, or for documents
    without articles their top-level unit. One query (their ancestors, search/fulltext.py)."""
    info = provision_tree.ancestors(provision_ids)
    units: dict[int, int] = {}
    for pk in provision_ids:
        node, top = pk, pk
        unit = None
        for _step in range(16):
            parent, kind = info.get(node, (None, ""))
            if kind == str(ProvisionKind.ARTICLE):
                unit = node
                break
            top = node
            if parent is None:
                break
            node = parent
        if unit is None:
            parent, kind = info.get(top, (None, ""))
            if kind in (str(ProvisionKind.CHAPTER), str(ProvisionKind.SECTION)):
                continue
            unit = top
        units[pk] = unit
    return units


def _full_texts(unit_ids: list[int]) -> dict[int, str]:
    """Heading + text of each unit with all its descendants, in reading order (one query)."""
    rows = provision_tree.subtrees(unit_ids)
    by_parent: dict[int, list[int]] = {}
    for pk, (parent, *_rest) in rows.items():
        if parent is not None:
            by_parent.setdefault(parent, []).append(pk)

    def render(pk: int, top: bool) -> str:
        _parent, heading, text, kind, _pos, label = rows[pk]
        marker = {"clause": f"{label}.", "point": f"{label})", "bullet": "-"}.get(kind, "")
        head = "\n".join(p for p in ([heading, text] if top else [f"{marker} {heading}".strip(), text]) if p)
        parts = [head] + [render(c, False) for c in sorted(by_parent.get(pk, []), key=lambda c: rows[c][4])]
        return "\n".join(p for p in parts if p)

    return {pk: render(pk, True) for pk in unit_ids if pk in rows}


KIND = ArticlesKind()
