"""Following and unfollowing: what a follow may point at, and the changes themselves. A
refusal raises `FollowRefused` with a Vietnamese message and changes nothing."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consultations.follows.tokens import Unsubscribe
from consultations.models import ConsultationPage, DigestState, Follow, FollowKind
from regulations.models import Agency, Field


class FollowRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def resolve_target(kind: str, target: str):
    """The consultation (live, public), agency or field named by a form's `kind` and `target`
    (its id)."""
    try:
        pk = int(target)
    except (TypeError, ValueError):
        pk = None
    model = {
        FollowKind.CONSULTATION.value: ConsultationPage.objects.live().public(),
        FollowKind.AGENCY.value: Agency.objects.all(),
        FollowKind.FIELD.value: Field.objects.all(),
    }.get(kind)
    found = model.filter(pk=pk).first() if model is not None and pk is not None else None
    if found is None:
        raise FollowRefused(_("Không tìm thấy dự thảo, cơ quan hay lĩnh vực để theo dõi. Không có gì thay đổi."))
    return found


def _lookup(kind: str, target) -> dict:
    return {kind: target}


def follows_of(user, kind: str, target) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, **_lookup(kind, target)).exists()


def follow(user, kind: str, target) -> tuple[Follow, bool]:
    """Follow `target` (created: True), or the follow there already is (False). The daily
    digest starts with the first follow."""
    from consultations.follows.tasks import schedule_next_digest

    existing = Follow.objects.filter(user=user, **_lookup(kind, target)).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            created = Follow.objects.create(user=user, **_lookup(kind, target))
            DigestState.objects.get_or_create(user=user)
    except IntegrityError:  # the same follow sent twice at once
        return Follow.objects.get(user=user, **_lookup(kind, target)), False
    transaction.on_commit(schedule_next_digest)
    return created, True


def unfollow(user, kind: str, target) -> int:
    return Follow.objects.filter(user=user, **_lookup(kind, target)).delete()[0]


def unsubscribe(request: Unsubscribe) -> list[str]:
    """Carry out a verified unsubscribe link; the names of what is no longer followed (empty:
    it was done already)."""
    follows = Follow.objects.filter(user_id=request.user_id).select_related("consultation", "agency", "field")
    if not request.everything:
        follows = follows.filter(pk=request.follow_id)
    names = [follow.target_name for follow in follows]
    follows.delete()
    return names
