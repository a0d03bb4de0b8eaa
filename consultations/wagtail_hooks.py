"""Admin screens for consultations: Wagtail snippets, and the staff's answer queue."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations import access
from consultations.answers import admin_urls as answers_admin_urls
from consultations.models import MinimumPeriodRule


class MinimumPeriodRuleViewSet(SnippetViewSet):
    """Administrators set the floor of the consultation period per document type."""

    model = MinimumPeriodRule
    icon = "time"
    menu_label = "Thời gian lấy ý kiến tối thiểu"
    list_display = ["doc_type", "days", "basis"]


class ConsultationsGroup(SnippetViewSetGroup):
    items = (MinimumPeriodRuleViewSet,)
    menu_icon = "comment"
    menu_label = "Tham vấn"
    menu_name = "consultations"


register_snippet(ConsultationsGroup)


# ---- the answer queue (consultations.answers.admin_views) ------------------------------------


@hooks.register("register_admin_urls")
def answer_urls():
    return [path("tra-loi-gop-y/", include(answers_admin_urls, namespace="consultations_answers"))]


class AnswerMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_answer_queue(request.user)


@hooks.register("register_admin_menu_item")
def answer_menu_item():
    return AnswerMenuItem(_("Trả lời góp ý"), reverse("consultations_answers:queue"), icon_name="comment", order=260)
