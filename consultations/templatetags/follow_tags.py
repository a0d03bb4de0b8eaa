"""{% follow_button "consultation" page %} and {% follow_filter_buttons page filters %}:
follow buttons (consultations/follows/button.html); one query when signed in, none otherwise."""

from django import template

from consultations.follows.buttons import button_context
from consultations.models import FollowKind
from regulations.models import Agency, Field

register = template.Library()


@register.inclusion_tag("consultations/follows/button.html", takes_context=True)
def follow_button(context, kind: str, target):
    request = context["request"]
    return {
        **button_context(request.user, kind, target, request.get_full_path()),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("consultations/follows/filter_buttons.html", takes_context=True)
def follow_filter_buttons(context, page, filters):
    """On the list: follow the agency or the field chosen in the filters (one query each; the
    agency's own folder page has its button in its heading)."""
    request = context["request"]
    buttons = []
    if filters.agency and not hasattr(page, "agency_id"):
        agency = Agency.objects.filter(slug=filters.agency).first()
        if agency is not None:
            buttons.append(button_context(request.user, FollowKind.AGENCY, agency, request.get_full_path()))
    if filters.field:
        field = Field.objects.filter(slug=filters.field).first()
        if field is not None:
            buttons.append(button_context(request.user, FollowKind.FIELD, field, request.get_full_path()))
    return {"buttons": buttons, "csrf_token": context.get("csrf_token")}
