"""Admin screens for consultations (Wagtail snippets): the floor of the consultation period per
document type and the API keys (administrators), and the Advisory Council's opinions (Council
members); the answer, synthesis, comment-group and moderation screens' hooks are their own
modules, imported at the end.

Opinions: regulations.roles.CouncilPermissionPolicy (Council members write and publish opinions
on every agency's drafts and plans; each edits their own). A link such as
``/quan-tri/snippets/consultations/councilopinion/add/?content_type=<id>&object_id=<id>`` (the
plan page offers it to Council members) opens the form on that target.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations.models import ApiKey, CouncilOpinion, MinimumPeriodRule
from consultations.opinion_targets import registered_targets
from regulations.roles import CouncilPermissionPolicy

register_permission_policy(CouncilOpinion, CouncilPermissionPolicy(CouncilOpinion))


class MinimumPeriodRuleViewSet(SnippetViewSet):
    """Administrators set the floor of the consultation period per document type."""

    model = MinimumPeriodRule
    icon = "time"
    menu_label = "Thời gian lấy ý kiến tối thiểu"
    list_display = ["doc_type", "days", "basis"]


class ApiKeyPermissionPolicy(ModelPermissionPolicy):
    """Keys are issued by `manage.py create_api_key` (which shows the secret once), never added
    in the admin; administrators list them, rename and revoke them."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ApiKey, ApiKeyPermissionPolicy(ApiKey))


class ApiKeyViewSet(SnippetViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("Khóa API")
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    panels = [FieldPanel("name"), FieldPanel("revoked_at")]


class CouncilOpinionForm(WagtailAdminModelForm):
    """The target's type among the registered ones (reduction plans, their items...)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        models = list(registered_targets())
        ids = [ContentType.objects.get_for_model(model).pk for model in models]
        field = self.fields["content_type"]
        field.queryset = ContentType.objects.filter(pk__in=ids)
        labels = {
            ContentType.objects.get_for_model(model).pk: str(label) for model, label in registered_targets().items()
        }
        field.label_from_instance = lambda content_type: labels.get(content_type.pk, str(content_type))


class OpinionCreateView(snippets.CreateView):
    """Opens on the target named in the query string, and records who wrote the opinion."""

    def get_initial(self) -> dict[str, Any]:
        initial = dict(super().get_initial())
        for name in ("content_type", "object_id"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def save_instance(self) -> Any:
        self.form.instance.author = self.request.user
        return super().save_instance()


class CouncilOpinionViewSet(SnippetViewSet):
    model = CouncilOpinion
    icon = "openquote"
    menu_label = "Ý kiến Hội đồng tư vấn"
    add_view_class = OpinionCreateView
    list_display = ["title", "content_type", "object_id", "given_on", "is_published"]
    list_filter = ["is_published", "content_type"]
    search_fields = ["title", "text"]
    edit_handler = ObjectList(CouncilOpinion.panels, base_form_class=CouncilOpinionForm)


class ConsultationsGroup(SnippetViewSetGroup):
    items = (MinimumPeriodRuleViewSet, CouncilOpinionViewSet, ApiKeyViewSet)
    menu_icon = "comment"
    menu_label = "Tham vấn"
    menu_name = "consultations"


register_snippet(ConsultationsGroup)

# The staff's answer queue (its menu item and admin URLs), publishing the synthesis, and the
# moderators' queue.
from consultations.answers import admin_hooks  # noqa: E402, F401

# The comment groups' admin (menu item and URLs), the Advisory Council's workspace.
from consultations.comment_groups import admin_hooks as comment_group_admin_hooks  # noqa: E402, F401
from consultations.council import admin_hooks as council_admin_hooks  # noqa: E402, F401
from consultations.moderation import admin_hooks as moderation_admin_hooks  # noqa: E402, F401
from consultations.synthesis import admin_hooks as synthesis_admin_hooks  # noqa: E402, F401
