"""Editors upload a DOCX/PDF/text file in the admin: it becomes a draft document in their
agency's folder, or a new version (draft or official) of a document they may edit; either way
it is reviewed and published through the agency's moderation workflow."""

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.permission_policies.pages import PagePermissionPolicy

from regulations.importing import ImportProblem, VersionDetails, find_existing, save_document
from regulations.legaltext.numbers import number_key
from regulations.models import AgencyFolderPage, DocumentVersion, LegalDocumentPage, VersionKind
from regulations.parsers import ParseError, parse_document
from regulations.parsers.types import ParsedDocument
from regulations.sources import record_from_parsed

ALLOWED_SUFFIXES = (".docx", ".pdf", ".txt")
NEW_DOCUMENT = "van-ban-moi"
NEW_VERSION = "phien-ban-moi"


def folders_for(user) -> list[AgencyFolderPage]:
    """The agency folders in which this user may add documents."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return list(AgencyFolderPage.objects.filter(pk__in=pages.values("pk")).select_related("agency"))


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp văn bản (.docx, .pdf, .txt)"))
    purpose = forms.ChoiceField(
        label=_("Tệp này là"),
        choices=[
            (NEW_DOCUMENT, _("Một văn bản mới")),
            (NEW_VERSION, _("Phiên bản mới của một văn bản đã có trên cổng")),
        ],
        initial=NEW_DOCUMENT,
        required=False,
        widget=forms.RadioSelect,
    )
    folder = forms.ModelChoiceField(
        queryset=AgencyFolderPage.objects.none(),
        label=_("Cơ quan quản lý"),
        required=False,
        help_text=_("Với văn bản mới."),
    )
    number = forms.CharField(label=_("Số hiệu (nếu tệp không ghi)"), required=False, max_length=64)
    document = forms.ModelChoiceField(
        queryset=LegalDocumentPage.objects.all(),
        label=_("Văn bản có phiên bản mới"),
        required=False,
        widget=AdminPageChooser(target_models=[LegalDocumentPage]),
    )
    version_kind = forms.ChoiceField(
        label=_("Loại phiên bản"), choices=VersionKind.choices, initial=VersionKind.DRAFT, required=False
    )
    effective_date = forms.DateField(
        label=_("Ngày có hiệu lực của phiên bản"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Bắt buộc với văn bản chính thức; để trống với dự thảo."),
    )
    version_label = forms.CharField(label=_("Tên phiên bản (ví dụ «Dự thảo lần 2»)"), required=False, max_length=255)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        folders = folders_for(user)
        self.fields["folder"].queryset = AgencyFolderPage.objects.filter(pk__in=[f.pk for f in folders])
        if len(folders) == 1:
            self.fields["folder"].initial = folders[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Chỉ nhận tệp .docx, .pdf hoặc .txt."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def clean(self):
        data = super().clean()
        data["purpose"] = data.get("purpose") or NEW_DOCUMENT
        if data["purpose"] == NEW_DOCUMENT:
            if not data.get("folder") and "folder" not in self.errors:
                self.add_error("folder", _("Chọn cơ quan quản lý văn bản mới."))
            return data
        document = data.get("document")
        if document is None:
            if "document" not in self.errors:
                self.add_error("document", _("Chọn văn bản có phiên bản mới."))
        elif not document.permissions_for_user(self.user).can_edit():
            self.add_error("document", _("Bạn không có quyền sửa văn bản này."))
        kind = data.get("version_kind") or VersionKind.DRAFT
        data["version_kind"] = kind
        if kind == VersionKind.OFFICIAL and not data.get("effective_date"):
            self.add_error("effective_date", _("Văn bản chính thức cần ngày có hiệu lực."))
        if kind == VersionKind.DRAFT and data.get("effective_date"):
            self.add_error("effective_date", _("Dự thảo không có ngày có hiệu lực."))
        return data

    def version_details(self) -> VersionDetails:
        data = self.cleaned_data
        return VersionDetails(
            kind=data["version_kind"], effective_date=data.get("effective_date"), label=data.get("version_label") or ""
        )


def parse_upload(upload) -> ParsedDocument:
    """Parse an uploaded .docx/.pdf/.txt file (a Django UploadedFile), also for other apps' upload
    forms. Raises ParseError or ImportProblem with a message for the editor."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder_path:
        path = Path(folder_path) / f"upload{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            parsed = parse_document(path, max_bytes=settings.IMPORT_MAX_BYTES)
        except ParseError as exc:
            raise ParseError(upload.name, exc.line, exc.message) from exc
    if not (parsed.nodes or parsed.preamble.strip()):
        raise ImportProblem(str(_("không có nội dung sau phần đầu văn bản")))
    return parsed


def create_draft_from_upload(upload, folder: AgencyFolderPage, number: str = "") -> LegalDocumentPage:
    """Parse the uploaded file and save it as an unpublished draft in the folder.
    Raises ParseError or ImportProblem with a message for the editor."""
    parsed = parse_upload(upload)
    overrides = {"number": number} if number else {}
    overrides["issuer"] = parsed.header.issuer or folder.agency.name
    record = record_from_parsed(parsed, overrides=overrides)
    record.source = upload.name[:255]
    if not record.number:
        record.external_id = f"upload:{folder.agency.slug}:{Path(upload.name).stem}"[:128]
    existing = find_existing(record)
    if existing is not None:
        raise ImportProblem(
            str(_("đã có văn bản «%(title)s»; hãy tải tệp lên như phiên bản mới của văn bản đó."))
            % {"title": existing.title}
        )
    return save_document(record, publish=False, folder=folder).page


def create_version_from_upload(upload, document: LegalDocumentPage, details: VersionDetails) -> DocumentVersion:
    """Parse the uploaded file and save it as the document's next version, waiting for the page
    to be published (moderation). Raises ParseError or ImportProblem with a message for the editor."""
    parsed = parse_upload(upload)
    document = document.specific
    if parsed.header.number and document.number_key and number_key(parsed.header.number) != document.number_key:
        raise ImportProblem(
            str(_("tệp ghi số hiệu %(file)s, khác số hiệu của văn bản đã chọn (%(document)s)."))
            % {"file": parsed.header.number, "document": document.number}
        )
    issuer = document.issuing_agency.name if document.issuing_agency else parsed.header.issuer
    record = record_from_parsed(parsed, overrides={"number": document.number, "issuer": issuer})
    record.number = document.number or None
    record.external_id = document.external_id
    record.source = upload.name[:255]
    result = save_document(record, publish=False, new_version=True, version=details)
    if result.outcome == "unchanged":
        raise ImportProblem(str(_("văn bản đã có một phiên bản giống hệt tệp này.")))
    assert result.version is not None
    return result.version
