"""Save parsed or recorded documents into the library: one transaction per document, idempotent.

Every importer (JSONL corpus, DOCX/PDF/text files, gazette records) builds a DocumentRecord and
hands it to save_document(). Re-running an import updates in place: pages keep their URL,
provisions keep their ids (matched by anchor), so links and comments on them survive.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from regulations.agencies import resolve_agency
from regulations.library import ensure_folder
from regulations.models import Agency, DocumentRelation, Field, LegalDocumentPage, LegalStatus, Provision
from regulations.numbers import number_key, number_slug
from regulations.parsers.anchors import anchor_for, citation_label
from regulations.parsers.types import ParsedNode


class ImportProblem(Exception):
    """A record that cannot be saved; the message names what is wrong (in Vietnamese)."""


@dataclass
class RelationRecord:
    kind: str
    number: str
    title: str = ""


@dataclass
class DocumentRecord:
    title: str
    doc_type: str
    number: str | None = None
    summary: str = ""
    issuer: str | None = None
    signer: str = ""
    issued_date: date | None = None
    issued_year: int | None = None
    effective_date: date | None = None
    legal_status: str = LegalStatus.UNVERIFIED
    status_note: str = ""
    fields: list[str] = field(default_factory=list)
    source_url: str = ""
    gazette_issue: str = ""
    metadata_source: str = ""
    preamble: str = ""
    closing: str = ""
    external_id: str | None = None
    # None: leave the document's structure as it is (metadata-only records).
    nodes: list[ParsedNode] | None = None
    # External ids of provisions, by anchor ("dieu-5" -> "91-2015-qh13_art5").
    provision_external_ids: dict[str, str] = field(default_factory=dict)
    relations: list[RelationRecord] = field(default_factory=list)

    def fingerprint(self) -> str:
        payload = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class SaveResult:
    page: LegalDocumentPage
    outcome: str  # "created", "updated" or "unchanged"


@dataclass
class FlatProvision:
    node: ParsedNode
    parent_anchor: str | None
    anchor: str
    citation: str
    depth: int
    position: int


def flatten(nodes: Sequence[ParsedNode]) -> list[FlatProvision]:
    """Reading-order list of nodes with anchors; duplicate anchors get a numeric suffix."""
    flat: list[FlatProvision] = []
    seen: set[str] = set()

    def walk(children: Sequence[ParsedNode], path: list[tuple[str, str]], parent: str | None) -> None:
        for node in children:
            chain = path + [(node.kind, node.label)]
            anchor = anchor_for(chain)
            unique, n = anchor, 2
            while unique in seen:
                unique, n = f"{anchor}-{n}", n + 1
            seen.add(unique)
            flat.append(FlatProvision(node, parent, unique, citation_label(chain)[:255], len(path), len(flat)))
            walk(node.children, chain, unique)

    walk(nodes, [], None)
    return flat


def find_existing(record: DocumentRecord) -> LegalDocumentPage | None:
    if record.number:
        page = LegalDocumentPage.objects.filter(number_key=number_key(record.number)).first()
        if page:
            return page
    if record.external_id:
        return LegalDocumentPage.objects.filter(external_id=record.external_id).first()
    return None


def _owner(record: DocumentRecord) -> Agency:
    agency = resolve_agency(record.issuer, record.number)
    if agency is None:
        raise ImportProblem("không xác định được cơ quan ban hành (thiếu tên cơ quan và số hiệu)")
    return agency


def _slug(record: DocumentRecord) -> str:
    if record.number:
        return number_slug(record.number)[:200]
    return slugify((record.external_id or record.title).replace("đ", "d").replace("Đ", "D"))[:200]


def _apply_metadata(page: LegalDocumentPage, record: DocumentRecord, agency: Agency) -> None:
    """Copy the record onto the page. An empty value in the record never erases a known one,
    so a sparse source (a corpus line) cannot wipe what a richer one (the gazette) said."""
    values = {
        "title": record.title[:255],
        "number": record.number or "",
        "doc_type": record.doc_type,
        "summary": record.summary,
        "issuing_agency": agency,
        "signer": record.signer,
        "issued_date": record.issued_date,
        "issued_year": record.issued_date.year if record.issued_date else record.issued_year,
        "effective_date": record.effective_date,
        "legal_status": "" if record.legal_status == LegalStatus.UNVERIFIED else record.legal_status,
        "status_note": record.status_note,
        "source_url": record.source_url,
        "gazette_issue": record.gazette_issue,
        "metadata_source": record.metadata_source,
        "external_id": record.external_id,
    }
    if record.nodes is not None:
        values.update(preamble=record.preamble, closing=record.closing)
    for name, value in values.items():
        if value not in (None, "") or not getattr(page, name, None):
            setattr(page, name, value)
    if not page.legal_status:
        page.legal_status = LegalStatus.UNVERIFIED
    page.import_fingerprint = record.fingerprint()


def _fields(names: list[str]) -> list[Field]:
    result = []
    for name in names:
        found = Field.objects.filter(name__iexact=name).first()
        if found is None:
            found = Field.objects.create(name=name, slug=slugify(name.replace("đ", "d").replace("Đ", "D"))[:100])
        result.append(found)
    return result


def sync_provisions(page: LegalDocumentPage, record: DocumentRecord) -> None:
    """Upsert the document's provisions by anchor, keeping ids of those that remain."""
    assert record.nodes is not None
    flat = flatten(record.nodes)
    existing = {p.anchor: p for p in Provision.objects.filter(document=page)}
    wanted = {f.anchor for f in flat}
    Provision.objects.filter(document=page).exclude(anchor__in=wanted).delete()
    external_ids = record.provision_external_ids
    if external_ids:
        # An external id may move between anchors on re-import: free them first.
        Provision.objects.filter(external_id__in=external_ids.values()).exclude(document=page).update(external_id=None)
        Provision.objects.filter(document=page).update(external_id=None)
        for provision in existing.values():
            provision.external_id = None
    by_anchor: dict[str, Provision] = {}
    to_update: list[Provision] = []
    max_depth = max((f.depth for f in flat), default=-1)
    for depth in range(max_depth + 1):
        to_create: list[Provision] = []
        for item in (f for f in flat if f.depth == depth):
            parent = by_anchor[item.parent_anchor] if item.parent_anchor else None
            values = {
                "parent": parent,
                "kind": item.node.kind,
                "label": item.node.label[:64],
                "heading": item.node.heading,
                "text": item.node.text,
                "position": item.position,
                "depth": item.depth,
                "citation": item.citation,
                "external_id": external_ids.get(item.anchor),
            }
            provision = existing.get(item.anchor)
            if provision is None:
                provision = Provision(document=page, anchor=item.anchor, **values)
                to_create.append(provision)
            else:
                for key, value in values.items():
                    setattr(provision, key, value)
                to_update.append(provision)
            by_anchor[item.anchor] = provision
        Provision.objects.bulk_create(to_create, batch_size=500)
    Provision.objects.bulk_update(
        to_update,
        ["parent", "kind", "label", "heading", "text", "position", "depth", "citation", "external_id"],
        batch_size=500,
    )


def sync_relations(page: LegalDocumentPage, record: DocumentRecord) -> None:
    """Merge the record's relations with those the page has (a relation is never dropped by a
    source that does not list it)."""
    relations = list(page.relations_out.all()) if page.pk else []
    seen: set[tuple[str, str]] = {(r.kind, number_key(r.target_number)) for r in relations}
    for rel in record.relations:
        key = (rel.kind, number_key(rel.number))
        if not key[1] or key in seen or key[1] == page.number_key:
            continue
        seen.add(key)
        relations.append(DocumentRelation(kind=rel.kind, target_number=rel.number, target_title=rel.title))
    page.relations_out = relations


def link_relations(page: LegalDocumentPage) -> int:
    """Point relations that name this document's number (from other documents) at it."""
    if not page.number_key:
        return 0
    return DocumentRelation.objects.filter(target_key=page.number_key, target__isnull=True).update(target=page)


@transaction.atomic
def save_document(record: DocumentRecord, *, publish: bool = True, folder: Page | None = None) -> SaveResult:
    """Create or update one document with its structure and relations, all or nothing.

    With publish=False a new document is saved as an unpublished draft (for an editor to send
    through moderation), in `folder` if given, else in its issuing agency's folder.
    """
    if not record.title.strip():
        raise ImportProblem("thiếu tên văn bản")
    agency = _owner(record)
    page = find_existing(record)
    if page is not None and page.import_fingerprint == record.fingerprint():
        return SaveResult(page, "unchanged")
    created = page is None
    if not created and not publish:
        raise ImportProblem("chỉ tạo bản nháp cho văn bản mới")
    if created:
        folder = folder or ensure_folder(agency)
        page = LegalDocumentPage(slug=_slug(record), live=publish)
        _apply_metadata(page, record, agency)
        sync_relations(page, record)
        page.fields = _fields(record.fields)
        folder.add_child(instance=page)
    else:
        page = page.specific
        _apply_metadata(page, record, agency)
        if record.relations:
            sync_relations(page, record)
        if record.fields:
            page.fields = _fields(record.fields)
        page.save()
    if record.nodes is not None:
        sync_provisions(page, record)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    link_relations(page)
    return SaveResult(page, "created" if created else "updated")


class _Rehearsal(Exception):
    """Raised inside the rehearsal's transaction to roll it back."""


def rehearse_document(record: DocumentRecord) -> str:
    """What save_document would do ("created", "updated", "unchanged"), leaving nothing saved."""
    try:
        with transaction.atomic():
            outcome = save_document(record).outcome
            raise _Rehearsal(outcome)
    except _Rehearsal as done:
        return str(done)
