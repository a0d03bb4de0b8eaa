"""Admin screens for consultations (Wagtail snippets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations.models import ApiKey, MinimumPeriodRule


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


class ConsultationsGroup(SnippetViewSetGroup):
    items = (MinimumPeriodRuleViewSet, ApiKeyViewSet)
    menu_icon = "comment"
    menu_label = "Tham vấn"
    menu_name = "consultations"


register_snippet(ConsultationsGroup)

# The staff's answer queue (its menu item and admin URLs) and publishing the synthesis.
from consultations.answers import admin_hooks  # noqa: E402, F401

# The comment groups' admin (menu item and URLs).
from consultations.comment_groups import admin_hooks as comment_group_admin_hooks  # noqa: E402, F401
from consultations.synthesis import admin_hooks as synthesis_admin_hooks  # noqa: E402, F401
