from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from regulations.importing import ImportProblem
from regulations.parsers import ParseError
from regulations.uploads import (
    NEW_DOCUMENT,
    DocumentUploadForm,
    create_draft_from_upload,
    create_version_from_upload,
    folders_for,
)


def upload_document(request):
    if not folders_for(request.user):
        raise PermissionDenied
    form = DocumentUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["purpose"] == NEW_DOCUMENT:
                page = create_draft_from_upload(data["file"], data["folder"].specific, data["number"])
                message = _("Đã tạo bản nháp «%(title)s» với %(count)s điều khoản. Kiểm tra rồi gửi duyệt.") % {
                    "title": page.title,
                    "count": page.provisions.count(),
                }
            else:
                version = create_version_from_upload(data["file"], data["document"], form.version_details())
                page = version.document
                message = _(
                    "Đã tải lên phiên bản %(number)s (%(kind)s) của «%(title)s» với %(count)s điều khoản. "
                    "Phiên bản được công bố khi trang văn bản được duyệt: kiểm tra bản xem trước rồi gửi duyệt."
                ) % {
                    "number": version.number,
                    "kind": version.get_kind_display(),
                    "title": page.title,
                    "count": version.provisions.count(),
                }
        except (ParseError, ImportProblem) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, message)
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(request, "regulations/admin/upload_document.html", {"form": form})
