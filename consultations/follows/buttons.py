"""What a follow button says (the template tag, the HTMX answer and the follows page share it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from consultations.follows.actions import follows_of
from consultations.models import FollowKind


def labels(kind: str, target) -> tuple[str, str]:
    """(follow, unfollow) in words, naming the target for screen readers out of context."""
    if kind == FollowKind.CONSULTATION:
        return _("Theo dõi dự thảo này"), _("Bỏ theo dõi dự thảo này")
    if kind == FollowKind.AGENCY:
        return (
            _("Theo dõi dự thảo của %(name)s") % {"name": target.name},
            _("Bỏ theo dõi %(name)s") % {"name": target.name},
        )
    return (
        _("Theo dõi lĩnh vực %(name)s") % {"name": target.name},
        _("Bỏ theo dõi lĩnh vực %(name)s") % {"name": target.name},
    )


def button_context(user, kind: str, target, next_url: str, following: bool | None = None, status: str = "") -> dict:
    if following is None:
        following = follows_of(user, kind, target)
    follow_label, unfollow_label = labels(kind, target)
    return {
        "kind": kind,
        "target_id": target.pk,
        "next": next_url,
        "following": following,
        "label": unfollow_label if following else follow_label,
        "status": status,
        "signed_in": user.is_authenticated,
    }
