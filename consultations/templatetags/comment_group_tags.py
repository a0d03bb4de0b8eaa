"""`{% public_comment_groups page as groups %}`: the consultation's near-duplicate groups as the
public page shows them (members the public sees, two or more, largest first; each lists its first
INLINE_MEMBERS members, all of them for the group `?nhom=<id>` names). `{% comment_href comment %}`:
a link to a comment on the page, that draws its unit in full when the page does not draw it."""

from django import template

from consultations.comment_groups.display import GROUP_PARAM, public_groups_of, public_name
from consultations.models.reading import COMMENT_PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def public_comment_groups(context, consultation):
    request = context.get("request")
    value = request.GET.get(GROUP_PARAM, "") if request is not None else ""
    return public_groups_of(consultation.pk, expanded=int(value) if value.isdecimal() else None)


@register.simple_tag(takes_context=True)
def comment_href(context, comment) -> str:
    """The link to a comment: "#gop-y-<id>" if the page draws it, else "?gop-y=<id>#gop-y-<id>"."""
    if comment.pk in context.get("drawn_comments", ()):
        return f"#gop-y-{comment.pk}"
    return f"?{COMMENT_PARAM}={comment.pk}#gop-y-{comment.pk}"


@register.filter
def commenter_name(comment) -> str:
    return public_name(comment)
