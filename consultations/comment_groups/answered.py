"""Which groups are answered (an `Answer` points at them, in any state: a draft is work staff
did for these members). An answered group is never deleted by regrouping or merging, and its
members are not moved by the automatic regrouping: the answer was written for them."""

from collections.abc import Iterable

from consultations.models import Answer, CommentGroup


def answered_group_ids(group_ids: Iterable[int]) -> set[int]:
    ids = list(group_ids)
    if not ids:
        return set()
    return set(Answer.objects.filter(group_id__in=ids).values_list("group_id", flat=True))


def is_answered(group: CommentGroup) -> bool:
    return bool(answered_group_ids([group.pk]))
