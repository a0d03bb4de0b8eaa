"""Admin screens for objects that belong to an agency, scoped by ``roles.AgencyPermissionPolicy``.

A snippet viewset built on ``AgencySnippetViewSet`` lists only the objects the user may change
(all of them for a superuser), refuses (403) to edit, inspect, copy or delete another agency's
object, and offers in its forms (``AgencyScopedForm``) only the agencies, regulations or
procedures of the user's own agencies. The rule itself is in regulations/roles.py; this module
only applies it to Wagtail's generic views.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

from regulations.roles import agency_ids_of


def _policy(model: Any) -> Any:
    return policy_registry.get_by_type(model)


class _InstanceChecked:
    """Refuse another agency's object before the view does anything with it."""

    instance_action = "change"

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)  # type: ignore[misc]
        if not _policy(self.model).user_has_permission_for_instance(  # type: ignore[attr-defined]
            self.request.user,  # type: ignore[attr-defined]
            self.instance_action,
            obj,
        ):
            raise PermissionDenied
        return obj


class ScopedIndexView(snippets.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        allowed = _policy(self.model).instances_user_has_any_permission_for(self.request.user, ["change", "view"])
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class ScopedEditView(_InstanceChecked, snippets.EditView):
    pass


class ScopedDeleteView(_InstanceChecked, snippets.DeleteView):
    instance_action = "delete"


class ScopedInspectView(_InstanceChecked, snippets.InspectView):
    instance_action = "view"


class ScopedCopyView(_InstanceChecked, snippets.CopyView):
    pass


class AgencySnippetViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose views keep to the user's agencies (register the model's
    ``AgencyPermissionPolicy`` with ``wagtail.permissions.register_permission_policy`` first)."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_class = ScopedCopyView


class AgencyScopedForm(WagtailAdminModelForm):
    """Choices limited to the user's agencies. ``agency_fields`` maps a form field to the path
    from its model to the agency: ``{"agency": "pk", "regulation": "agency"}``."""

    agency_fields: ClassVar[dict[str, str]] = {"agency": "pk"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        agencies = agency_ids_of(user)
        for name, path in self.agency_fields.items():
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(**{f"{path}__in": agencies})
