"""What a document page shows: one version's provisions as a tree, its relations, business
regulations and legal status, read in a fixed number of queries whatever the document's size."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from regulations.extensions import business_regulation_notes
from regulations.validity import legal_status

from .business import BusinessRegulation
from .facts import facts_for, replacements, today
from .relations import DocumentRelation
from .structure import Provision, ProvisionKind

if TYPE_CHECKING:
    from .documents import LegalDocumentPage
    from .versions import DocumentVersion


@dataclass
class ProvisionNode:
    """A provision with its children, built in memory from one ordered query."""

    provision: Provision
    children: list[ProvisionNode] = dc_field(default_factory=list)


def build_tree(provisions: list[Provision]) -> list[ProvisionNode]:
    nodes = {p.pk: ProvisionNode(p) for p in provisions}
    roots: list[ProvisionNode] = []
    for provision in provisions:
        node = nodes[provision.pk]
        parent = nodes.get(provision.parent_id) if provision.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


TOC_KINDS = {
    ProvisionKind.CHAPTER,
    ProvisionKind.SECTION,
    ProvisionKind.PART,
    ProvisionKind.ARTICLE,
    ProvisionKind.APPENDIX,
    ProvisionKind.ATTACHMENT,
}


def document_page_context(
    page: LegalDocumentPage,
    version: DocumentVersion | None,
    versions: list[DocumentVersion],
    day: date | None = None,
) -> dict[str, Any]:
    """The text of `version` and what surrounds it: relations both ways, business regulations,
    fields, and the document's legal status on `day` (today by default). 6 queries (versions,
    read by the caller, make 7), whatever the size of the document, plus those of the apps
    that annotate business regulations (regulations/extensions.py: compliance_cost's costs, 1)."""
    provisions = (
        list(
            Provision.objects.filter(version=version)
            .only("id", "parent_id", "kind", "label", "heading", "text", "anchor", "depth", "position", "citation")
            .order_by("position")
        )
        if version is not None
        else []
    )
    relations_out = list(
        DocumentRelation.objects.filter(source=page).select_related("target").order_by("kind", "target_number")
    )
    relations_in = list(
        DocumentRelation.objects.filter(target=page, source__live=True)
        .select_related("source")
        .order_by("kind", "source__number")
    )
    regulations = list(
        BusinessRegulation.objects.filter(document=page)
        .select_related("agency", "sector")
        .prefetch_related(Prefetch("provisions", queryset=Provision.objects.only("id", "anchor", "citation")))
    )
    notes = business_regulation_notes(regulations)
    for regulation in regulations:
        regulation.notes = notes.get(regulation.pk, [])
    facts = facts_for(page, versions, replacements(relations_out, relations_in))
    return {
        "facts": facts,
        "status": legal_status(facts, day or today()),
        "tree": build_tree(provisions),
        "toc": [p for p in provisions if p.kind in TOC_KINDS],
        "article_count": sum(1 for p in provisions if p.kind == ProvisionKind.ARTICLE),
        "relations_out": relations_out,
        "relations_in": relations_in,
        "business_regulations": regulations,
        "document_fields": list(page.fields.all()),
        "issuing_agency": page.issuing_agency,
    }
