"""Keep today's answers of `regulations.validity` stored and true.

Two answers depend on the date and on other documents, yet lists, search facets and the API
filter on them, so they are stored: `LegalDocumentPage.legal_status` (computed status) and
`DocumentVersion.is_current`. `refresh_states()` recomputes them for some or all documents in a
fixed number of queries and says which documents changed (`document_state_changed`, which the
search app listens to). It runs
- when a document is imported or published (`regulations.importing`, `regulations.receivers`),
  for the document and the documents it replaces;
- after `migrate`, for every document (rules may have changed with the code);
- on the next date an answer changes (an effective or expiry date, a replacement taking
  effect): the `refresh_document_states` task is enqueued for that day (`regulations.tasks`),
  and `manage.py refresh_legal_status` does the same by hand or from cron.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from regulations.models import DocumentRelation, DocumentVersion, LegalDocumentPage, VersionKind
from regulations.models.facts import REPLACED_BY_TARGET, REPLACES_TARGET, today
from regulations.signals import document_state_changed, next_state_change
from regulations.validity import (
    DocumentFacts,
    Replacement,
    Status,
    VersionFacts,
    current_version,
    legal_status,
    next_change,
)

# ---- stored answers ---------------------------------------------------------------------------


@dataclass
class RefreshResult:
    checked: int = 0
    statuses: dict[int, str] = field(default_factory=dict)  # every checked document's status today
    status_changed: list[int] = field(default_factory=list)
    current_changed: list[int] = field(default_factory=list)
    next_change: datetime.date | None = None

    @property
    def changed(self) -> list[int]:
        return sorted(set(self.status_changed) | set(self.current_changed))


def _facts_by_document(
    ids: list[int] | None,
) -> tuple[dict[int, dict], dict[int, list[dict]], dict[int, DocumentFacts]]:
    """Pages, versions and facts of these documents (all when `ids` is None): 4 queries."""
    pages_qs = LegalDocumentPage.objects.all()
    versions_qs = DocumentVersion.objects.all()
    out_qs = DocumentRelation.objects.filter(kind__in=REPLACED_BY_TARGET, target__live=True)
    in_qs = DocumentRelation.objects.filter(kind__in=REPLACES_TARGET, source__live=True)
    if ids is not None:
        pages_qs = pages_qs.filter(pk__in=ids)
        versions_qs = versions_qs.filter(document_id__in=ids)
        out_qs = out_qs.filter(source_id__in=ids)
        in_qs = in_qs.filter(target_id__in=ids)
    pages = {
        row["id"]: row
        for row in pages_qs.values("id", "recorded_status", "legal_status", "effective_date", "expiry_date")
    }
    versions: dict[int, list[dict]] = defaultdict(list)
    for row in versions_qs.order_by("number").values(
        "id", "document_id", "number", "kind", "effective_date", "is_published", "is_current"
    ):
        versions[row["document_id"]].append(row)
    found: dict[int, list[Replacement]] = defaultdict(list)
    for doc_id, kind, number, title, effective in out_qs.values_list(
        "source_id", "kind", "target__number", "target__title", "target__effective_date"
    ):
        found[doc_id].append(Replacement(number or title, title, effective, REPLACED_BY_TARGET[kind]))
    for doc_id, kind, number, title, effective in in_qs.values_list(
        "target_id", "kind", "source__number", "source__title", "source__effective_date"
    ):
        found[doc_id].append(Replacement(number or title, title, effective, REPLACES_TARGET[kind]))
    facts = {}
    for doc_id, page in pages.items():
        version_facts = tuple(
            VersionFacts(v["number"], v["kind"] == VersionKind.OFFICIAL, v["effective_date"], v["is_published"])
            for v in versions[doc_id]
        )
        facts[doc_id] = DocumentFacts(
            recorded=Status(page["recorded_status"] or Status.UNVERIFIED),
            effective_date=page["effective_date"],
            expiry_date=page["expiry_date"],
            versions=version_facts,
            replacements=tuple(found[doc_id]),
        )
    return pages, versions, facts


@transaction.atomic
def refresh_states(document_ids: Iterable[int] | None = None, *, on: datetime.date | None = None) -> RefreshResult:
    """Recompute and store the legal status and the current version of these documents (all
    when None) for `on` (today by default); announce the documents that changed and the day of
    the next change (`regulations.receivers` schedules the refresh for it)."""
    day = on or today()
    ids = None if document_ids is None else sorted(set(document_ids))
    result = RefreshResult()
    if ids == []:
        return result
    pages, versions, facts = _facts_by_document(ids)
    result.checked = len(pages)
    new_status: dict[str, list[int]] = defaultdict(list)
    clear_current: list[int] = []
    set_current: list[int] = []
    upcoming: list[datetime.date] = []
    for doc_id, page in pages.items():
        document = facts[doc_id]
        status = legal_status(document, day).status.value
        result.statuses[doc_id] = status
        if status != page["legal_status"]:
            new_status[status].append(doc_id)
            result.status_changed.append(doc_id)
        wanted = current_version(document, day)
        rows = versions[doc_id]
        old = [v["id"] for v in rows if v["is_current"] and v["number"] != wanted]
        new = [v["id"] for v in rows if not v["is_current"] and v["number"] == wanted]
        if old or new:
            clear_current += old
            set_current += new
            result.current_changed.append(doc_id)
        if (when := next_change(document, day)) is not None:
            upcoming.append(when)
    for status, changed in new_status.items():
        LegalDocumentPage.objects.filter(pk__in=changed).update(legal_status=status)
    if clear_current:  # first: one current version per document is a constraint
        DocumentVersion.objects.filter(pk__in=clear_current).update(is_current=False)
    if set_current:
        DocumentVersion.objects.filter(pk__in=set_current).update(is_current=True)
    result.next_change = min(upcoming, default=None)
    if result.changed:
        document_state_changed.send(sender=LegalDocumentPage, document_ids=result.changed)
    if result.next_change is not None:
        next_state_change.send(sender=LegalDocumentPage, day=result.next_change)
    return result


def replaced_by(page_id: int) -> list[int]:
    """The documents whose status depends on this one: those it replaces (in whole or part)."""
    targets = DocumentRelation.objects.filter(source_id=page_id, kind__in=REPLACES_TARGET, target__isnull=False)
    sources = DocumentRelation.objects.filter(target_id=page_id, kind__in=REPLACED_BY_TARGET)
    return sorted(set(targets.values_list("target_id", flat=True)) | set(sources.values_list("source_id", flat=True)))


def refresh_document(page: LegalDocumentPage) -> RefreshResult:
    """Refresh one document and those it replaces; update `page.legal_status` in memory."""
    result = refresh_states([page.pk, *replaced_by(page.pk)])
    if page.pk in result.statuses:
        page.legal_status = result.statuses[page.pk]
    return result
