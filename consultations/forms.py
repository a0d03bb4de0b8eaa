"""The officer's form for a consultation page in the Wagtail admin: upload the draft (DOCX or
PDF), which the library's parser splits into chapters and articles, or choose a draft already in
the library; everything else is the page's own fields. On an existing consultation an uploaded
file becomes the draft's next version (a revised draft)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from consultations.drafts import add_draft_version, ascii_slug, create_draft_document, draft_record
from regulations.importing import ImportProblem, find_existing
from regulations.models import DocumentVersion, VersionKind
from regulations.parsers import ParseError

DRAFT_SUFFIXES = (".docx", ".pdf")


class DraftFileInput(forms.FileInput):
    """The draft's file input, with the script that holds Wagtail's autosave while the form has
    no saved draft or a new file waits to be saved: each save of an uploaded file makes a draft
    (version), so only the officer's own save may send it."""

    class Media:
        js = ["consultations/draft_upload.js"]


class ConsultationPageForm(WagtailAdminPageForm):
    draft_file = forms.FileField(
        label=_("Tệp dự thảo (.docx, .pdf)"),
        required=False,
        widget=DraftFileInput,
        help_text=_(
            "Cổng tách dự thảo thành chương, điều, khoản. Lấy ý kiến lần đầu: tải tệp lên (hoặc chọn văn bản "
            "dự thảo đã có). Đang lấy ý kiến: tệp mới là phiên bản dự thảo tiếp theo."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_draft = None
        self.fields["draft_file"].widget.attrs["data-draft-upload"] = "saved" if self.instance.document_id else "none"
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _(
                "Để trống khi tải tệp lên: lấy tên ghi trong tệp («Dự thảo Nghị định …»)."
            )
        if "slug" in self.fields:
            self.fields["slug"].required = False  # made from the title (ASCII) when left empty
        if "version" in self.fields:
            # Only the chosen draft's own draft versions (not every version in the library).
            document_id = self.data.get("document") if self.is_bound else None
            document_id = document_id or self.instance.document_id
            self.fields["version"].queryset = DocumentVersion.objects.filter(
                document_id=document_id if str(document_id or "").isdigit() else None, kind=VersionKind.DRAFT
            )

    # ---- where the page lives ----------------------------------------------------------------

    def _folder(self) -> Page | None:
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        return parent.specific if parent is not None else None

    def _agency(self):
        folder = self._folder()
        return getattr(folder, "agency", None)

    # ---- validation --------------------------------------------------------------------------

    def clean_draft_file(self):
        upload = self.cleaned_data.get("draft_file")
        if not upload:
            return None
        if Path(upload.name).suffix.lower() not in DRAFT_SUFFIXES:
            raise forms.ValidationError(_("Chỉ nhận tệp dự thảo .docx hoặc .pdf."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        from regulations.uploads import parse_upload  # its form's widgets need the models loaded

        try:
            self.parsed_draft = parse_upload(upload)
        except ParseError as exc:
            raise forms.ValidationError(
                _("Không đọc được tệp %(name)s: %(error)s") % {"name": upload.name, "error": exc.message}
            ) from exc
        except ImportProblem as exc:
            raise forms.ValidationError(_("Tệp %(name)s %(error)s.") % {"name": upload.name, "error": exc}) from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        upload = cleaned.get("draft_file")
        if document is not None and self.for_user is not None:
            if not document.permissions_for_user(self.for_user).can_edit():
                self.add_error("document", _("Chỉ chọn được văn bản dự thảo mà bạn có quyền sửa (của cơ quan mình)."))
        if self.parsed_draft is not None:
            if document is not None and self.instance.document_id != document.pk:
                self.add_error(
                    "draft_file",
                    _("Hoặc tải tệp dự thảo lên, hoặc chọn văn bản dự thảo đã có, không cả hai."),
                )
            agency = self._agency()
            if agency is not None and document is None:
                record = draft_record(self.parsed_draft, agency, upload.name, cleaned.get("title") or "")
                existing = find_existing(record) if record.number else None
                if existing is not None:
                    self.add_error(
                        "draft_file",
                        _("Đã có văn bản «%(title)s» trên cổng: chọn văn bản đó ở ô «dự thảo văn bản».")
                        % {"title": existing.title},
                    )
                cleaned["title"] = cleaned.get("title") or record.title
                cleaned["doc_type"] = cleaned.get("doc_type") or record.doc_type
        elif document is None and "draft_file" not in self.errors:
            self.add_error(
                "draft_file",
                _(
                    "Tải lên tệp dự thảo (.docx hoặc .pdf), hoặc chọn ở ô «dự thảo văn bản» một văn bản dự thảo "
                    "đã có trong thư viện."
                ),
            )
        if not cleaned.get("title"):
            self.add_error("title", _("Nhập tên dự thảo."))
        elif not cleaned.get("slug"):
            cleaned["slug"] = self._free_slug(cleaned["title"])
        return cleaned

    def _free_slug(self, title: str) -> str:
        base = ascii_slug(title)[:80].strip("-") or "du-thao"
        parent = self._folder()
        slug, n = base, 2
        while parent is not None and not Page._slug_is_available(slug, parent, self.instance):
            slug, n = f"{base}-{n}", n + 1
        return slug

    # ---- saving ------------------------------------------------------------------------------

    def save(self, commit=True):
        if self.parsed_draft is not None:
            page = self.instance
            upload = self.cleaned_data["draft_file"]
            if page.document_id is None:
                document = create_draft_document(
                    self.parsed_draft, self._agency(), source=upload.name, title=page.title
                )
                page.document = document
                page.version = document.versions.order_by("-number").first()
            else:
                page.version = add_draft_version(self.parsed_draft, page.document, source=upload.name)
        return super().save(commit=commit)
