"""Admin screens for the regulation library (Wagtail snippets and viewsets)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from regulations.admin_views import upload_document
from regulations.agency_admin import AgencySnippetViewSet
from regulations.forms import BusinessRegulationForm, ProcedureForm
from regulations.models import AdministrativeProcedure, Agency, BusinessRegulation, Field
from regulations.roles import AgencyPermissionPolicy
from regulations.uploads import folders_for

# Access rules (regulations/roles.py), registered before the viewsets that use them.
register_permission_policy(AdministrativeProcedure, AgencyPermissionPolicy(AdministrativeProcedure))


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    list_display = ["name", "short_name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "tag"
    menu_label = "Lĩnh vực"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ReferencesGroup(SnippetViewSetGroup):
    """The shared references (agencies, fields) every app points at."""

    items = (AgencyViewSet, FieldViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Danh mục"
    menu_name = "references"


register_snippet(ReferencesGroup)


class BusinessRegulationViewSet(SnippetViewSet):
    model = BusinessRegulation
    icon = "list-ul"
    menu_label = "Quy định kinh doanh"
    list_display = ["title", "document", "category", "agency", "status"]
    list_filter = ["category", "status", "agency"]
    search_fields = ["title", "description"]
    edit_handler = ObjectList(BusinessRegulation.panels, base_form_class=BusinessRegulationForm)


class ProcedureViewSet(AgencySnippetViewSet):
    """Each agency's legal officers and approvers edit their own agency's procedures."""

    model = AdministrativeProcedure
    icon = "tasks"
    menu_label = "Thủ tục hành chính"
    list_display = ["name", "code", "agency", "regulation", "time_limit_label"]
    list_filter = ["agency"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(AdministrativeProcedure.panels, base_form_class=ProcedureForm)


class RegulationsGroup(SnippetViewSetGroup):
    items = (BusinessRegulationViewSet, ProcedureViewSet)
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
