"""Wagtail hooks of the moderation queue (imported by consultations/wagtail_hooks.py): its admin
URLs under /quan-tri/kiem-duyet/ and its menu item, shown to moderators and administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import access
from consultations.moderation import admin_urls


@hooks.register("register_admin_urls")
def moderation_urls():
    return [path("kiem-duyet/", include(admin_urls, namespace="consultations_moderation"))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_moderation_queue(request.user)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Kiểm duyệt góp ý"), reverse("consultations_moderation:queue"), icon_name="warning", order=250
    )
