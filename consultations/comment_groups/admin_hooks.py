"""The admin's "Nhóm góp ý trùng lặp" menu item and URLs (imported by consultations.wagtail_hooks)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations.access import group_editing_consultations
from consultations.comment_groups import admin_urls


@hooks.register("register_admin_urls")
def comment_group_urls():
    return [path("nhom-gop-y/", include(admin_urls, namespace="consultations_groups"))]


class CommentGroupsMenuItem(MenuItem):
    def is_shown(self, request):
        return group_editing_consultations(request.user).exists()


@hooks.register("register_admin_menu_item")
def comment_groups_menu_item():
    return CommentGroupsMenuItem(
        _("Nhóm góp ý trùng lặp"), reverse("consultations_groups:index"), icon_name="group", order=260
    )
