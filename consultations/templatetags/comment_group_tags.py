"""`{% public_comment_groups page as groups %}`: the consultation's near-duplicate groups as the
public page shows them (members the public sees, two or more, largest first)."""

from django import template

from consultations.comment_groups.display import groups_of, public_name

register = template.Library()


@register.simple_tag
def public_comment_groups(consultation):
    return groups_of(consultation.pk, shown_only=True)


@register.filter
def commenter_name(comment) -> str:
    return public_name(comment)
