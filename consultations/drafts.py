"""The draft's text in the library: an uploaded DOCX/PDF becomes a draft document (only draft
versions, status "dự thảo") in the library folder of the agency that consults on it, or the
next draft version of a document already under consultation (a revised draft).

A draft has no number yet ("Số: /NĐ-CP"): its key (`LegalDocumentPage.external_id`, also its
slug) is `du-thao-<year>-<agency slug>-<title slug>`, with `-2`, `-3` if taken.
"""

from django.utils import timezone
from django.utils.text import slugify

from regulations.importing import DocumentRecord, ImportProblem, VersionDetails, find_existing, save_document
from regulations.library import ensure_folder
from regulations.models import Agency, DocumentVersion, LegalDocumentPage, LegalStatus, VersionKind
from regulations.parsers.types import ParsedDocument
from regulations.sources import record_from_parsed

DRAFT_PREFIX = "Dự thảo"


def ascii_slug(text: str) -> str:
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def draft_key(agency: Agency, title: str, year: int | None = None) -> str:
    """A unique key for a draft without a number."""
    year = year or timezone.localdate().year
    title_slug = ascii_slug(title.removeprefix(DRAFT_PREFIX).strip())[:80].strip("-") or "van-ban"
    base = f"du-thao-{year}-{agency.slug}-{title_slug}"[:120].strip("-")
    key, n = base, 2
    while LegalDocumentPage.objects.filter(external_id=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def draft_record(parsed: ParsedDocument, agency: Agency, source: str, title: str = "") -> DocumentRecord:
    """The record of an uploaded draft: always a draft, titled "Dự thảo ..."."""
    overrides = {"legal_status": LegalStatus.DRAFT, "issuer": parsed.header.issuer or agency.name}
    if title:
        overrides["title"] = title
    record = record_from_parsed(parsed, overrides=overrides)
    if not record.title.startswith(DRAFT_PREFIX):
        record.title = f"{DRAFT_PREFIX} {record.title}"[:255]
    record.source = source[:255]
    return record


def create_draft_document(
    parsed: ParsedDocument, agency: Agency, *, source: str, title: str = "", label: str = "Dự thảo lần 1"
) -> LegalDocumentPage:
    """Save an uploaded draft as a new, unpublished draft document in the agency's library folder
    (published with the consultation, consultations.receivers)."""
    record = draft_record(parsed, agency, source, title)
    if not record.number:
        record.external_id = draft_key(agency, record.title)
    existing = find_existing(record)
    if existing is not None:
        raise ImportProblem(
            f"đã có văn bản «{existing.title}» trên cổng: chọn văn bản đó ở ô «dự thảo văn bản» thay vì tải lên"
        )
    details = VersionDetails(VersionKind.DRAFT, None, label)
    return save_document(record, publish=False, folder=ensure_folder(agency), version=details).page


def add_draft_version(
    parsed: ParsedDocument, document: LegalDocumentPage, *, source: str, label: str = ""
) -> DocumentVersion:
    """Save an uploaded revised draft as the document's next draft version (published with the
    consultation)."""
    document = document.specific
    agency = document.issuing_agency or document.get_parent().specific.agency
    record = draft_record(parsed, agency, source, title=document.title)
    record.number = document.number or None
    record.external_id = document.external_id
    number = document.versions.count() + 1
    details = VersionDetails(VersionKind.DRAFT, None, label or f"Dự thảo lần {number}")
    result = save_document(record, publish=False, new_version=True, version=details)
    if result.outcome == "unchanged" or result.version is None:
        raise ImportProblem("văn bản đã có một phiên bản giống hệt tệp này")
    return result.version
