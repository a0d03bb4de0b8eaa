"""Form fields rendered accessibly (includes/form_field.html): the widget points at its hint
and its error with aria-describedby and says aria-invalid when the value was refused."""

from django import template
from django.forms import BoundField, CheckboxInput, RadioSelect

register = template.Library()


@register.simple_tag
def field_widget(field: BoundField) -> str:
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def is_radio(field: BoundField) -> bool:
    return isinstance(field.field.widget, RadioSelect)
