"""The Council's independent opinion (ý kiến độc lập) on a consultation: the one CouncilOpinion
model (generic target; reduction plans use it too), written as a draft in the workspace and
published with its date and the members who sign it.

``publish_opinion(user, consultation, text=..., signers=[...])`` is the call for scripts (the
demo data): the same rules as the workspace's form."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultations import access
from consultations.council.actions import CouncilRefused
from consultations.models import ConsultationPage, CouncilOpinion
from regulations.roles import council_members

TITLE_MAX_LENGTH = 255


def member_label(user: Any) -> str:
    """How a signing member is printed under the opinion: their full name, else their username."""
    return user.get_full_name() or user.get_username()


def default_title(consultation: ConsultationPage) -> str:
    title = _("Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính về %(title)s") % {
        "title": consultation.title
    }
    return Truncator(title).chars(TITLE_MAX_LENGTH)


def opinions_on(consultation: ConsultationPage) -> Any:
    """Every opinion on the consultation (drafts too: the workspace), newest first."""
    return (
        CouncilOpinion.objects.about([consultation])
        .select_related("author")
        .prefetch_related("signers")
        .order_by("-given_on", "-pk")
    )


def published_opinions(consultation: ConsultationPage) -> list[CouncilOpinion]:
    """What the public page and the API show: the published opinions (one query)."""
    return list(CouncilOpinion.objects.published().about([consultation]).order_by("-given_on", "-pk"))


def _refuse(message: str) -> CouncilRefused:
    return CouncilRefused(message + " " + _("Không có gì thay đổi."))


def save_opinion(
    user: Any,
    consultation: ConsultationPage,
    *,
    text: str,
    signers: Iterable[Any],
    title: str = "",
    given_on: date | None = None,
    opinion: CouncilOpinion | None = None,
    publish: bool = False,
) -> CouncilOpinion:
    """Write (or rewrite, if ``opinion`` is a draft of the same consultation) the Council's
    opinion on the consultation; ``publish`` makes it public. Refused, with nothing changed: a
    non-member, another member's opinion, an empty text, no signatory, a signatory who is not a
    member, a date after today, a published opinion."""
    refusal = access.opinion_refusal(user, opinion)
    if refusal is not None:
        raise CouncilRefused(refusal)
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    if opinion is not None and (opinion.content_type_id, opinion.object_id) != (content_type.pk, consultation.pk):
        raise _refuse(_("Ý kiến này không thuộc đợt lấy ý kiến đang mở."))
    if opinion is not None and opinion.is_published:
        raise _refuse(_("Ý kiến đã công bố, không sửa được ở đây."))
    text = (text or "").strip()
    if not text:
        raise _refuse(_("Nội dung ý kiến trống."))
    signers = list({member.pk: member for member in signers}.values())
    if not signers:
        raise _refuse(_("Chọn ít nhất một thành viên Hội đồng ký ý kiến."))
    members = set(council_members().filter(pk__in=[member.pk for member in signers]).values_list("pk", flat=True))
    outsiders = [member_label(member) for member in signers if member.pk not in members]
    if outsiders:
        raise _refuse(
            _("Người ký phải là thành viên Hội đồng tư vấn: %(names)s không phải.") % {"names": ", ".join(outsiders)}
        )
    today = timezone.localdate()
    given_on = given_on or today
    if given_on > today:
        raise _refuse(_("Ngày ý kiến không được sau hôm nay."))

    opinion = opinion or CouncilOpinion(content_type=content_type, object_id=consultation.pk, author=user)
    opinion.title = (title or "").strip() or default_title(consultation)
    opinion.text = text
    opinion.signatories = "\n".join(member_label(member) for member in signers)
    opinion.given_on = given_on
    opinion.is_published = publish
    try:
        opinion.full_clean()
    except ValidationError as error:
        raise _refuse(" ".join(message for messages in error.message_dict.values() for message in messages)) from error
    with transaction.atomic():
        opinion.save()
        opinion.signers.set(signers)
    return opinion


def publish_opinion(user: Any, consultation: ConsultationPage, **values: Any) -> CouncilOpinion:
    """Write and publish the Council's opinion at once (the demo data's call); see save_opinion."""
    return save_opinion(user, consultation, publish=True, **values)
