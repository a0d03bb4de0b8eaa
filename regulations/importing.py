"""Save parsed or recorded documents into the library: one transaction per document, idempotent.

Every importer (JSONL corpus, DOCX/PDF/text files, gazette records) builds a DocumentRecord and
hands it to save_document(). Re-running an import updates in place: pages keep their URL, the
version the text came from is rewritten with its provisions' ids kept (matched by anchor), so
links and comments on them survive. With `new_version=True` the text becomes a new version of
the document instead, and the earlier versions stay as they were.
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
from regulations.legaltext.numbers import number_key, number_slug
from regulations.library import ensure_folder
from regulations.models import (
    Agency,
    DocumentRelation,
    DocumentVersion,
    Field,
    LegalDocumentPage,
    LegalStatus,
    Provision,
    VersionKind,
)
from regulations.parsers.anchors import anchor_for, citation_label
from regulations.parsers.types import ParsedNode
from regulations.states import refresh_document


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
    expiry_date: date | None = None
    # The status the source states (stored as the page's recorded_status; the status shown is
    # computed from dates and relations, see regulations.validity).
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
    # Where the text came from (a file name, a corpus file): the version it updates on re-import.
    source: str = ""

    def fingerprint(self) -> str:
        """The record's content (not where it was read from)."""
        content = asdict(self)
        content.pop("source")
        payload = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class VersionDetails:
    """What save_document() records about the version it creates."""

    kind: str = VersionKind.OFFICIAL
    effective_date: date | None = None
    label: str = ""
    note: str = ""


@dataclass
class SaveResult:
    page: LegalDocumentPage
    outcome: str  # "created", "updated", "new-version" or "unchanged"
    version: DocumentVersion | None = None


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
        "expiry_date": record.expiry_date,
        "recorded_status": "" if record.legal_status == LegalStatus.UNVERIFIED else record.legal_status,
        "status_note": record.status_note,
        "source_url": record.source_url,
        "gazette_issue": record.gazette_issue,
        "metadata_source": record.metadata_source,
        "external_id": record.external_id,
    }
    for name, value in values.items():
        if value not in (None, "") or not getattr(page, name, None):
            setattr(page, name, value)
    if not page.recorded_status:
        page.recorded_status = LegalStatus.UNVERIFIED
    page.import_fingerprint = record.fingerprint()


def _fill_metadata(page: LegalDocumentPage, record: DocumentRecord) -> None:
    """A new version leaves the document's attributes alone, filling only what is unknown
    (its dates and status belong to the document, not to the version)."""
    for name in ("summary", "signer", "issued_date", "source_url", "gazette_issue"):
        value = getattr(record, name)
        if value not in (None, "") and not getattr(page, name):
            setattr(page, name, value)


def _fields(names: list[str]) -> list[Field]:
    result = []
    for name in names:
        found = Field.objects.filter(name__iexact=name).first()
        if found is None:
            found = Field.objects.create(name=name, slug=slugify(name.replace("đ", "d").replace("Đ", "D"))[:100])
        result.append(found)
    return result


def sync_provisions(version: DocumentVersion, record: DocumentRecord) -> None:
    """Upsert the version's provisions by anchor, keeping ids of those that remain."""
    assert record.nodes is not None
    page = version.document
    flat = flatten(record.nodes)
    existing = {p.anchor: p for p in Provision.objects.filter(version=version)}
    wanted = {f.anchor for f in flat}
    Provision.objects.filter(version=version).exclude(anchor__in=wanted).delete()
    external_ids = record.provision_external_ids
    if external_ids:
        # An external id follows the text last imported with it (it may move between anchors,
        # documents or versions): free them first.
        Provision.objects.filter(external_id__in=external_ids.values()).exclude(version=version).update(
            external_id=None
        )
        Provision.objects.filter(version=version).update(external_id=None)
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
                provision = Provision(document=page, version=version, anchor=item.anchor, **values)
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


def _already_stored(page: LegalDocumentPage, fingerprint: str) -> bool:
    return page.import_fingerprint == fingerprint or page.versions.filter(import_fingerprint=fingerprint).exists()


def add_version(
    page: LegalDocumentPage, details: VersionDetails, *, source: str = "", published: bool = True
) -> DocumentVersion:
    """The document's next version (number 1 for a new document), without text yet."""
    last = page.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return DocumentVersion.objects.create(
        document=page,
        number=last + 1,
        kind=details.kind,
        effective_date=None if details.kind == VersionKind.DRAFT else details.effective_date,
        label=details.label[:255],
        note=details.note,
        source=source[:255],
        is_published=published,
    )


def version_to_update(page: LegalDocumentPage, record: DocumentRecord) -> DocumentVersion:
    """Where an in-place re-import writes: the newest version read from the same source (file
    or corpus), else the current version, else the newest; a document without any gets one."""
    versions = list(page.versions.order_by("-number"))
    if record.source:
        same_source = next((v for v in versions if v.source == record.source), None)
        if same_source is not None:
            return same_source
    current = next((v for v in versions if v.is_current), None)
    if current is not None:
        return current
    if versions:
        return versions[0]
    return add_version(page, _first_version_details(record), source=record.source)


def _first_version_details(record: DocumentRecord, details: VersionDetails | None = None) -> VersionDetails:
    details = details or VersionDetails()
    if record.legal_status == LegalStatus.DRAFT:
        return VersionDetails(VersionKind.DRAFT, None, details.label, details.note)
    return details


def write_text(version: DocumentVersion, record: DocumentRecord) -> None:
    """Store the record's text (preamble, provisions, closing) in the version."""
    version.preamble = record.preamble
    version.closing = record.closing
    version.import_fingerprint = record.fingerprint()
    if record.source:
        version.source = record.source[:255]
    version.save(update_fields=["preamble", "closing", "import_fingerprint", "source"])
    sync_provisions(version, record)


def settle_external_ids(page: LegalDocumentPage) -> None:
    """Corpus ids name a law's articles, not one of its texts: keep each on the current
    version's provision with the same anchor (the text search shows), taking it from an
    older or newer version that holds it."""
    current = page.versions.filter(is_current=True).first()
    if current is None:
        return
    held = (
        Provision.objects.filter(document=page, external_id__isnull=False)
        .exclude(version=current)
        .order_by("version__number")
        .values_list("anchor", "external_id")
    )
    elsewhere = dict(held)  # the newest version's id wins for an anchor held twice
    if not elsewhere:
        return
    targets = list(Provision.objects.filter(version=current, anchor__in=elsewhere, external_id__isnull=True))
    if not targets:
        return
    for provision in targets:
        provision.external_id = elsewhere[provision.anchor]
    Provision.objects.filter(external_id__in=[p.external_id for p in targets]).update(external_id=None)
    Provision.objects.bulk_update(targets, ["external_id"], batch_size=500)


@transaction.atomic
def save_document(
    record: DocumentRecord,
    *,
    publish: bool = True,
    folder: Page | None = None,
    new_version: bool = False,
    version: VersionDetails | None = None,
) -> SaveResult:
    """Create or update one document with its text and relations, all or nothing.

    With publish=False a new document is saved as an unpublished draft (for an editor to send
    through moderation), in `folder` if given, else in its issuing agency's folder.

    With new_version=True the record's text becomes the document's next version (described by
    `version`: draft or official, effective date, label) and earlier versions are left intact;
    a new version saved with publish=False waits for the page to be published (moderation).
    A record identical to one already stored is "unchanged" either way.
    """
    if not record.title.strip():
        raise ImportProblem("thiếu tên văn bản")
    agency = _owner(record)
    page = find_existing(record)
    if page is not None and _already_stored(page, record.fingerprint()):
        return SaveResult(page, "unchanged")
    details = version or VersionDetails()
    if page is None:
        folder = folder or ensure_folder(agency)
        page = LegalDocumentPage(slug=_slug(record), live=publish)
        _apply_metadata(page, record, agency)
        sync_relations(page, record)
        page.fields = _fields(record.fields)
        folder.add_child(instance=page)
        target = add_version(page, _first_version_details(record, details), source=record.source)
        outcome = "created"
    elif new_version:
        page = page.specific
        if record.nodes is None:
            raise ImportProblem("bản ghi không có nội dung văn bản để tạo phiên bản mới")
        if publish:
            _fill_metadata(page, record)
            if record.relations:
                sync_relations(page, record)
            page.save()
        target = add_version(page, details, source=record.source, published=publish)
        outcome = "new-version"
    else:
        if not publish:
            raise ImportProblem("chỉ tạo bản nháp cho văn bản mới")
        page = page.specific
        _apply_metadata(page, record, agency)
        if record.relations:
            sync_relations(page, record)
        if record.fields:
            page.fields = _fields(record.fields)
        page.save()
        target = version_to_update(page, record) if record.nodes is not None else None
        outcome = "updated"
    if record.nodes is not None and target is not None:
        write_text(target, record)
    link_relations(page)
    refresh_document(page)
    if page.versions.count() > 1:
        settle_external_ids(page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return SaveResult(page, outcome, target)


class _Rehearsal(Exception):
    """Raised inside the rehearsal's transaction to roll it back."""


def rehearse_document(record: DocumentRecord, **options) -> str:
    """What save_document(record, **options) would do ("created", "updated", "new-version",
    "unchanged"), leaving nothing saved."""
    try:
        with transaction.atomic():
            outcome = save_document(record, **options).outcome
            raise _Rehearsal(outcome)
    except _Rehearsal as done:
        return str(done)
