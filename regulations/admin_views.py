from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from regulations.importing import ImportProblem
from regulations.parsers import ParseError
from regulations.uploads import DocumentUploadForm, create_draft_from_upload, folders_for


def upload_document(request):
    if not folders_for(request.user):
        raise PermissionDenied
    form = DocumentUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            page = create_draft_from_upload(
                form.cleaned_data["file"], form.cleaned_data["folder"].specific, form.cleaned_data["number"]
            )
        except (ParseError, ImportProblem) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Đã tạo bản nháp «%(title)s» với %(count)s điều khoản. Kiểm tra rồi gửi duyệt.")
                % {"title": page.title, "count": page.provisions.count()},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(request, "regulations/admin/upload_document.html", {"form": form})
