"""Which groups are answered: an answer (the answers' `Answer.group`) or anything else besides
memberships points at them. Found through the model's relations, so this needs no import of
the answers' code; an answered group is never deleted by regrouping or merging, and its
members are not moved by the automatic regrouping (the approved answer was for them)."""

from collections.abc import Iterable

from consultations.models import CommentGroup, GroupMembership


def answered_group_ids(group_ids: Iterable[int]) -> set[int]:
    ids = list(group_ids)
    found: set[int] = set()
    if not ids:
        return found
    for relation in CommentGroup._meta.related_objects:
        if relation.related_model is GroupMembership or not (relation.one_to_many or relation.one_to_one):
            continue
        name = relation.field.name
        found.update(
            relation.related_model._default_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True)
        )
    return found


def is_answered(group: CommentGroup) -> bool:
    return bool(answered_group_ids([group.pk]))
