"""What Council members record about a comment: tags, a priority, notes. Each action checks the
rule (consultations.access), validates, and changes nothing when it refuses (CouncilRefused)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from consultations import access
from consultations.models import ConsultationComment, CouncilIssue, CouncilNote, CouncilTag, Priority
from consultations.models.council import NOTE_MAX_LENGTH, TAG_MAX_LENGTH, tag_key

MAX_TAGS = 10


class CouncilRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check(user, comment: ConsultationComment) -> None:
    refusal = access.council_refusal(user)
    if refusal is not None:
        raise CouncilRefused(refusal)
    if not access.council_comments(user).filter(pk=comment.pk).exists():
        raise CouncilRefused(_("Góp ý này chưa được tiếp nhận hoặc đã bị ẩn. Không có gì thay đổi."))


def tag_names(typed: str | Iterable[str]) -> list[str]:
    """The tags typed as «giấy phép con, "chi phí, thời gian"» (commas between tags; a tag in
    double quotes may hold a comma; spaces belong to the tag: Vietnamese words are several
    syllables), without repeats."""
    if isinstance(typed, str):
        names = next(csv.reader([" ".join(typed.split())], skipinitialspace=True), []) if typed.strip() else []
    else:
        names = list(typed)
    unique: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())
        if name and tag_key(name) not in unique:
            unique[tag_key(name)] = name
    return list(unique.values())


def validate_tags(names: list[str]) -> None:
    if len(names) > MAX_TAGS:
        raise CouncilRefused(_("Mỗi góp ý có tối đa %(max)d nhãn. Không có gì thay đổi.") % {"max": MAX_TAGS})
    long = [name for name in names if len(name) > TAG_MAX_LENGTH]
    if long:
        raise CouncilRefused(
            _("Nhãn «%(name)s…» dài quá %(max)d ký tự. Không có gì thay đổi.")
            % {"name": long[0][:30], "max": TAG_MAX_LENGTH}
        )


def mark_issue(user, comment: ConsultationComment, *, priority: int, tags: str | Iterable[str]) -> CouncilIssue:
    """Set the comment's priority and tags (the tags replace the ones it had; new ones are made)."""
    _check(user, comment)
    if priority not in Priority.values:
        raise CouncilRefused(_("Mức ưu tiên không hợp lệ. Không có gì thay đổi."))
    names = tag_names(tags)
    validate_tags(names)
    with transaction.atomic():
        issue, _created = CouncilIssue.objects.select_for_update().get_or_create(comment=comment)
        chosen = []
        for name in names:
            tag, _made = CouncilTag.objects.get_or_create(key=tag_key(name), defaults={"name": name})
            chosen.append(tag)
        issue.priority = priority
        issue.updated_by = user
        issue.save()
        issue.tags.set(chosen)
    return issue


def add_note(user, comment: ConsultationComment, text: str) -> CouncilNote:
    """A note on the comment for the Council's members only."""
    _check(user, comment)
    text = (text or "").strip()
    if not text:
        raise CouncilRefused(_("Ghi chú trống. Không có gì thay đổi."))
    if len(text) > NOTE_MAX_LENGTH:
        raise CouncilRefused(
            _("Ghi chú dài %(length)d ký tự, quá giới hạn %(max)d. Không có gì thay đổi.")
            % {"length": len(text), "max": NOTE_MAX_LENGTH}
        )
    name = user.get_full_name() or user.get_username()
    return CouncilNote.objects.create(comment=comment, text=text, author=user, author_name=name)
