"""Wagtail hooks of the answer queue (imported by consultations/wagtail_hooks.py): its admin URLs
under /quan-tri/tra-loi-gop-y/ and its menu item, shown to whoever answers a consultation."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import access
from consultations.answers import admin_urls


@hooks.register("register_admin_urls")
def answer_urls():
    return [path("tra-loi-gop-y/", include(admin_urls, namespace="consultations_answers"))]


class AnswerMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_answer_queue(request.user)


@hooks.register("register_admin_menu_item")
def answer_menu_item():
    return AnswerMenuItem(_("Trả lời góp ý"), reverse("consultations_answers:queue"), icon_name="comment", order=260)
