"""Editors upload a DOCX/PDF/text file in the admin: it becomes a draft document in their
agency's folder, to be reviewed and sent through the agency's moderation workflow."""

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from regulations.importing import ImportProblem, find_existing, save_document
from regulations.models import AgencyFolderPage, LegalDocumentPage
from regulations.parsers import ParseError, parse_document
from regulations.sources import record_from_parsed

ALLOWED_SUFFIXES = (".docx", ".pdf", ".txt")


def folders_for(user) -> list[AgencyFolderPage]:
    """The agency folders in which this user may add documents."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return list(AgencyFolderPage.objects.filter(pk__in=pages.values("pk")).select_related("agency"))


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp văn bản (.docx, .pdf, .txt)"))
    folder = forms.ModelChoiceField(queryset=AgencyFolderPage.objects.none(), label=_("Cơ quan quản lý"))
    number = forms.CharField(label=_("Số hiệu (nếu tệp không ghi)"), required=False, max_length=64)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
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


def create_draft_from_upload(upload, folder: AgencyFolderPage, number: str = "") -> LegalDocumentPage:
    """Parse the uploaded file and save it as an unpublished draft in the folder.
    Raises ParseError or ImportProblem with a message for the editor."""
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
    overrides = {"number": number} if number else {}
    overrides["issuer"] = parsed.header.issuer or folder.agency.name
    record = record_from_parsed(parsed, overrides=overrides)
    if not record.number:
        record.external_id = f"upload:{folder.agency.slug}:{Path(upload.name).stem}"[:128]
    if not (parsed.nodes or parsed.preamble.strip()):
        raise ImportProblem(str(_("không có nội dung sau phần đầu văn bản")))
    existing = find_existing(record)
    if existing is not None:
        raise ImportProblem(
            str(_("đã có văn bản «%(title)s»; hãy sửa văn bản đó thay vì tải lên lại.")) % {"title": existing.title}
        )
    return save_document(record, publish=False, folder=folder).page
