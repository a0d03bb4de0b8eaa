"""How a commenter and a comment are shown to the public: one module for the consultation page,
the API, the moderation queue and (issue 8) the synthesis.

Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (docs/consultations.md, "Personal data"):
- an organisation (business, association, agency) is shown by its name;
- an individual is shown as «Cá nhân #N», or by the name they gave if they ticked the consent
  (`show_name`, off by default). N is per person and per consultation: the individuals who
  commented on a consultation numbered in the order of their first received comment; the same
  person (same e-mail address, else same account: `commenter_key`) keeps their number on that
  consultation, and has another on the next one, so a person cannot be followed across
  consultations. Numbers never change: comments are never deleted (a hidden one still counts)
  and an erasure keeps the person's number under a new random key;
- e-mail, phone, ID number, address, tax code, the account and the IP hash are never shown by
  anything that uses this module (the API serializers and feeds take their fields from it);
- a hidden comment shows its public note («đã ẩn: nội dung quảng cáo») instead of its text.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from consultations import commenters as commenters_rule
from consultations.models import COUNTED_STATUSES, CommenterType, CommentStatus, ConsultationComment

ORGANISATION_TYPES = (CommenterType.BUSINESS, CommenterType.ASSOCIATION, CommenterType.AGENCY)


@dataclass(frozen=True)
class Commenter:
    """A commenter as the public sees them."""

    label: str  # "Công ty TNHH Minh Phát", "Trần Thị Bình" (with consent), "Cá nhân #3"
    kind: str  # a CommenterType value
    kind_label: str
    named: bool  # an organisation's name or a consented name, not a number
    number: int | None  # N of «Cá nhân #N», for individuals


def individual_label(number: int | None) -> str:
    return commenters_rule.individual_label(number)


def commenter_label(
    commenter_type: str, organization: str, name: str, show_name: bool, number: int | None
) -> tuple[str, bool]:
    """The label and whether it is a name: the rule (consultations.commenters), free of the database."""
    type_label = str(CommenterType(commenter_type).label)
    return commenters_rule.commenter_label(commenter_type, organization, name, show_name, number, type_label)


def individual_numbers(consultation_id: int) -> dict[str, int]:
    """commenter_key → N for the individuals of one consultation (one query)."""
    rows = ConsultationComment.objects.filter(
        consultation_id=consultation_id,
        commenter_type=CommenterType.INDIVIDUAL,
        status__in=COUNTED_STATUSES,
    ).values_list("commenter_key", "received_at", "pk")
    return commenters_rule.individual_numbers(rows)


def commenter(comment: ConsultationComment, numbers: dict[str, int]) -> Commenter:
    """How `comment`'s author is shown; `numbers` from individual_numbers(its consultation)."""
    number = numbers.get(comment.commenter_key) if comment.commenter_type == CommenterType.INDIVIDUAL else None
    label, named = commenter_label(
        comment.commenter_type, comment.organization, comment.user_name, comment.show_name, number
    )
    kind = CommenterType(comment.commenter_type)
    return Commenter(label=label, kind=kind.value, kind_label=str(kind.label), named=named, number=number)


def commenters(comments: Iterable[ConsultationComment]) -> dict[int, Commenter]:
    """comment pk → Commenter, for comments of any consultations (one query per consultation)."""
    comments = list(comments)
    numbers = {cid: individual_numbers(cid) for cid in {comment.consultation_id for comment in comments}}
    return {comment.pk: commenter(comment, numbers[comment.consultation_id]) for comment in comments}


def is_hidden(comment: ConsultationComment) -> bool:
    return comment.status == CommentStatus.HIDDEN


def public_text(comment: ConsultationComment) -> str:
    """What the page shows of the comment: its text, or, hidden, its public note."""
    if is_hidden(comment):
        return comment.public_note or _("đã ẩn")
    return comment.comment


def unit_label(comment: ConsultationComment) -> str:
    """What the comment is on: «Điều 3», «điểm a khoản 1 Mục II», or the draft as a whole."""
    provision = comment.provision
    if provision is None:
        return _("Cả dự thảo")
    return provision.citation or provision.display_label
