"""The Council's workspace in the admin (imported by consultations/wagtail_hooks.py): its URLs
and its menu item «Hội đồng tư vấn», shown to Council members and administrators only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import access
from consultations.council import admin_urls


@hooks.register("register_admin_urls")
def council_urls():
    return [path("hoi-dong-tu-van/", include(admin_urls, namespace="consultations_council"))]


class CouncilMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_council_workspace(request.user)


@hooks.register("register_admin_menu_item")
def council_menu_item():
    return CouncilMenuItem(
        _("Hội đồng tư vấn"), reverse("consultations_council:workspace"), icon_name="openquote", order=270
    )
