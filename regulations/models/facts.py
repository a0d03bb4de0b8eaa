"""Plain facts for `regulations.validity` from model instances already loaded (no queries)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from regulations.validity import DocumentFacts, Replacement, Status, StatusDecision, legal_status

from .relations import DocumentRelation, RelationKind

if TYPE_CHECKING:
    from .documents import LegalDocumentPage
    from .versions import DocumentVersion

# Relations recorded on the document: "<me> bị thay thế bởi <target>" (True: only in part).
REPLACED_BY_TARGET = {RelationKind.REPLACED_BY.value: False, RelationKind.PARTLY_REPLACED_BY.value: True}
# Relations recorded on the other document: "<source> thay thế <me>".
REPLACES_TARGET = {RelationKind.REPLACES.value: False, RelationKind.PARTLY_REPLACES.value: True}


def today() -> datetime.date:
    return timezone.localdate()


def replacements(
    relations_out: Iterable[DocumentRelation], relations_in: Iterable[DocumentRelation]
) -> tuple[Replacement, ...]:
    """The live portal documents that replace this one, from its relations both ways (with
    `target` and `source` already loaded)."""
    found: list[Replacement] = []
    for rel in relations_out:
        if rel.kind in REPLACED_BY_TARGET and rel.target is not None and rel.target.live:
            found.append(_replacement(rel.target, REPLACED_BY_TARGET[rel.kind]))
    for rel in relations_in:
        if rel.kind in REPLACES_TARGET and rel.source.live:
            found.append(_replacement(rel.source, REPLACES_TARGET[rel.kind]))
    return tuple(found)


def _replacement(page: LegalDocumentPage, partial: bool) -> Replacement:
    return Replacement(page.number or page.title, page.title, page.effective_date, partial, page.url or "")


def facts_for(
    page: LegalDocumentPage, versions: Iterable[DocumentVersion], found: tuple[Replacement, ...]
) -> DocumentFacts:
    return DocumentFacts(
        recorded=Status(page.recorded_status or Status.UNVERIFIED),
        effective_date=page.effective_date,
        expiry_date=page.expiry_date,
        versions=tuple(v.facts() for v in versions),
        replacements=found,
    )


def status_of(page: LegalDocumentPage, day: datetime.date | None = None) -> StatusDecision:
    """The document's legal status on `day` (today by default), read fresh (3 queries)."""
    relations_out = DocumentRelation.objects.filter(source=page, kind__in=REPLACED_BY_TARGET).select_related("target")
    relations_in = DocumentRelation.objects.filter(target=page, kind__in=REPLACES_TARGET).select_related("source")
    facts = facts_for(page, page.versions.all(), replacements(relations_out, relations_in))
    return legal_status(facts, day or today())
