"""Turn a legal document (page + provisions) into index entries (docs/search-index.md).

Two steps, so the CPU-bound one can run in other processes:

1. `prepare(page)` reads the database: one query for all the document's provisions (the page
   itself comes with its agency and fields, see `documents_queryset()`), and assembles each
   article's full text in memory. It returns plain dicts (picklable, no NLP yet).
2. `enrich(prepared)` runs the Vietnamese pipeline on each entry: `words` (segmented text) and
   `citations` (canonical numbers cited). Pure: no database, no Django settings.

`article_entries(page)` and `document_entry(page)` do both steps for callers that want one.
The unit of the articles index is the article (Điều); a document without articles (a letter, a
plan) is indexed by its top-level units instead ("I.", "1."), and in a document with articles
any part that holds no article (an appendix) is indexed as one unit too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation

from search.nlp.normalize import normalize
from search.nlp.pipeline import analyze

if TYPE_CHECKING:
    from regulations.models import LegalDocumentPage, Provision

ARTICLE = "article"
# Entities whose `.number` is a document the text cites.
_CITING_LABELS = frozenset({"LEGAL_REF", "ARTICLE_REF"})
# The completion field rejects these separators; keep suggestions to one line.
_SUGGEST_MAX = 100


def documents_queryset():
    """Live, public documents with what an entry needs (agency, fields) in 2 queries."""
    from regulations.models import LegalDocumentPage

    return LegalDocumentPage.objects.live().public().select_related("issuing_agency").prefetch_related("fields")


# ---- step 1: database -> plain dicts -------------------------------------------------------


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
    from regulations.models import Provision

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


def prepare(page: LegalDocumentPage, provisions: list[Provision] | None = None) -> dict[str, Any]:
    """The document's entries without NLP: {"document": {...}, "articles": [{...}, ...]}."""
    if provisions is None:
        provisions = load_provisions([page.pk]).get(page.pk, [])
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
    return {"document": document, "articles": articles}


# ---- step 2: NLP (pure, runs in worker processes) ------------------------------------------


def _analyse_into(entry: dict[str, Any]) -> list[str]:
    analysis = analyze(entry["text"])
    entry["text"] = analysis.normalized  # NFC, one tone placement, lines kept
    entry["words"] = " ".join(analysis.words)
    citations = [e.number for e in analysis.entities if e.label in _CITING_LABELS and e.number]
    entry["citations"] = list(dict.fromkeys(citations))
    return entry["citations"]


def enrich(prepared: dict[str, Any]) -> dict[str, Any]:
    """Add `words` and `citations` to every entry of `prepare()`'s result (in place)."""
    cited: list[str] = []
    for article in prepared["articles"]:
        cited.extend(_analyse_into(article))
    document = prepared["document"]
    own = _analyse_into(document)
    # A document cites what its title, summary and articles cite (not itself).
    number = document.get("document_number")
    document["citations"] = [n for n in dict.fromkeys([*own, *cited]) if n != number]
    return prepared


def enrich_safely(prepared: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """`enrich` for worker processes: (result, "") or (None, what went wrong)."""
    try:
        return enrich(prepared), ""
    except Exception as exc:  # noqa: BLE001 - reported per document by the caller
        return None, f"{type(exc).__name__}: {exc}"


def warm_up() -> None:
    """Load the NLP models now (the initializer of each worker process)."""
    analyze("Điều 1. Phạm vi điều chỉnh theo Nghị định số 01/2020/NĐ-CP.")


def build(page: LegalDocumentPage, provisions: list[Provision] | None = None) -> dict[str, Any]:
    return enrich(prepare(page, provisions))


def article_entries(page: LegalDocumentPage) -> list[dict[str, Any]]:
    """The articles index entries of one document (2 queries: provisions, URL lookup)."""
    return build(page)["articles"]


def document_entry(page: LegalDocumentPage) -> dict[str, Any]:
    """The documents index entry of one document."""
    return build(page)["document"]


# ---- bulk actions --------------------------------------------------------------------------


def article_id(provision_id: int) -> str:
    return f"a{provision_id}"


def document_id(page_id: int) -> str:
    return f"d{page_id}"


def index_actions(prepared: dict[str, Any], *, articles_index: str, documents_index: str) -> list[dict[str, Any]]:
    """helpers.bulk actions writing one enriched document (its entry and its articles)."""
    actions = [
        {
            "_op_type": "index",
            "_index": articles_index,
            "_id": article_id(entry["provision_id"]),
            "_source": entry,
        }
        for entry in prepared["articles"]
    ]
    document = prepared["document"]
    actions.append(
        {
            "_op_type": "index",
            "_index": documents_index,
            "_id": document_id(document["document_id"]),
            "_source": document,
        }
    )
    return actions
