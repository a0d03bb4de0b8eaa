"""Admin screens for the regulation library (Wagtail snippets and viewsets)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from regulations.admin_views import upload_document
from regulations.forms import BusinessRegulationForm
from regulations.models import BusinessRegulation
from regulations.uploads import folders_for


class BusinessRegulationViewSet(SnippetViewSet):
    model = BusinessRegulation
    icon = "list-ul"
    menu_label = "Quy định kinh doanh"
    list_display = ["title", "document", "category", "agency", "status"]
    list_filter = ["category", "status", "agency"]
    search_fields = ["title", "description"]
    edit_handler = ObjectList(BusinessRegulation.panels, base_form_class=BusinessRegulationForm)


class RegulationsGroup(SnippetViewSetGroup):
    items = (BusinessRegulationViewSet,)
    menu_icon = "doc-full"
    menu_label = "Quy định kinh doanh"
    menu_name = "regulations"


register_snippet(RegulationsGroup)


@hooks.register("register_admin_urls")
def register_upload_url():
    return [path("van-ban/tai-len/", upload_document, name="regulations_upload_document")]


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(folders_for(request.user))


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return UploadMenuItem("Nhập văn bản từ tệp", reverse("regulations_upload_document"), icon_name="upload", order=250)
