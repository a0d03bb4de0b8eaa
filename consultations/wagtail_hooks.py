"""Admin screens for consultations (Wagtail snippets)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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

# The staff's answer queue (its menu item and admin URLs) and publishing the synthesis.
from consultations.answers import admin_hooks  # noqa: E402, F401

# The comment groups' admin (menu item and URLs).
from consultations.comment_groups import admin_hooks as comment_group_admin_hooks  # noqa: E402, F401
from consultations.synthesis import admin_hooks as synthesis_admin_hooks  # noqa: E402, F401
