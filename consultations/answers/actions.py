"""The state changes of an answer, each checked against consultations.access and the rules:
write (a draft), submit for approval, send back, approve (public). A refused action raises
`AnswerRefused` with a message in Vietnamese and changes nothing.

When answers become public, `answers_published` is sent (followers' digests listen) and the
answered comments that were `received` become `answered`.
"""

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations import access
from consultations.answers.queries import NEEDS_ANSWER
from consultations.models import (
    Answer,
    AnswerState,
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    ConsultationStage,
    Disposition,
)

# Sent after the transaction that made answers public commits: sender=ConsultationPage,
# consultation=..., answers=[Answer, ...].
answers_published = Signal()

MAX_TEXT_LENGTH = 10_000


class AnswerRefused(Exception):
    """An action on an answer is refused; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check(refusal: str | None) -> None:
    if refusal:
        raise AnswerRefused(refusal)


def _clean_values(disposition: str, text: str) -> tuple[str, str]:
    if disposition not in Disposition.values:
        raise AnswerRefused(_("Chọn cách xử lý góp ý: tiếp thu, tiếp thu một phần hoặc giải trình (không tiếp thu)."))
    text = (text or "").strip()
    if not text:
        raise AnswerRefused(_("Nhập nội dung tiếp thu, giải trình."))
    if len(text) > MAX_TEXT_LENGTH:
        raise AnswerRefused(
            _("Nội dung trả lời dài quá %(limit)s ký tự (hiện có %(length)s).")
            % {"limit": MAX_TEXT_LENGTH, "length": len(text)}
        )
    return disposition, text


@transaction.atomic
def write_answer(
    user,
    *,
    disposition: str,
    text: str,
    comment: ConsultationComment | None = None,
    group: CommentGroup | None = None,
) -> Answer:
    """Write or rewrite the draft answer to `comment` or to `group` (exactly one). A rewritten
    submitted answer goes back to draft; a public answer is not rewritten."""
    if (comment is None) == (group is None):
        raise ValueError("answer one comment or one group")
    consultation: ConsultationPage = (comment or group).consultation  # type: ignore[union-attr]
    _check(access.answer_refusal(user, consultation))
    if comment is not None and comment.status not in NEEDS_ANSWER:
        raise AnswerRefused(_("Góp ý này chưa được tiếp nhận hoặc đã bị ẩn; không cần trả lời."))
    disposition, text = _clean_values(disposition, text)
    target = {"comment": comment} if comment is not None else {"group": group}
    answer = Answer.objects.select_for_update().filter(**target).first()
    if answer is not None and answer.is_public:
        raise AnswerRefused(_("Câu trả lời này đã được công khai; không sửa được. Không có gì thay đổi."))
    if answer is None:
        answer = Answer(consultation=consultation, **target)
    answer.disposition = disposition
    answer.text = text
    answer.state = AnswerState.DRAFT
    answer.answered_by = user
    answer.submitted_at = None
    answer.save()
    # The agency has started answering: the consultation is being synthesised (stage).
    ConsultationPage.objects.filter(pk=consultation.pk, stage=ConsultationStage.CONSULTING).update(
        stage=ConsultationStage.SYNTHESISING
    )
    return answer


def _locked(answer: Answer) -> Answer:
    return Answer.objects.select_for_update().select_related("consultation").get(pk=answer.pk)


@transaction.atomic
def submit_answer(user, answer: Answer) -> Answer:
    """Send a draft answer to the agency's approvers."""
    answer = _locked(answer)
    _check(access.answer_refusal(user, answer.consultation))
    if answer.state != AnswerState.DRAFT:
        raise AnswerRefused(_("Chỉ gửi phê duyệt được bản nháp. Không có gì thay đổi."))
    answer.state = AnswerState.SUBMITTED
    answer.submitted_at = timezone.now()
    answer.save(update_fields=["state", "submitted_at", "updated_at"])
    return answer


@transaction.atomic
def send_back(user, answer: Answer, note: str) -> Answer:
    """An approver returns a submitted answer to draft, saying why."""
    answer = _locked(answer)
    _check(access.approval_refusal(user, answer.consultation))
    if answer.state != AnswerState.SUBMITTED:
        raise AnswerRefused(_("Chỉ trả lại được câu trả lời đang chờ phê duyệt. Không có gì thay đổi."))
    if not note.strip():
        raise AnswerRefused(_("Nêu lý do trả lại để người soạn sửa."))
    answer.state = AnswerState.DRAFT
    answer.review_note = note.strip()
    answer.save(update_fields=["state", "review_note", "updated_at"])
    return answer


@transaction.atomic
def approve_answer(user, answer: Answer) -> Answer:
    """An approver makes a draft or submitted answer public."""
    answer = _locked(answer)
    _check(access.approval_refusal(user, answer.consultation))
    if answer.is_public:
        raise AnswerRefused(_("Câu trả lời này đã được công khai."))
    now = timezone.now()
    answer.state = AnswerState.PUBLIC
    answer.approved_by = user
    answer.published_at = now
    answer.submitted_at = answer.submitted_at or now
    answer.save(update_fields=["state", "approved_by", "published_at", "submitted_at", "updated_at"])
    _mark_answered([answer])
    consultation = answer.consultation
    transaction.on_commit(
        lambda: answers_published.send(sender=ConsultationPage, consultation=consultation, answers=[answer])
    )
    return answer


def _mark_answered(answers: Iterable[Answer]) -> None:
    comment_ids = [answer.comment_id for answer in answers if answer.comment_id]
    group_ids = [answer.group_id for answer in answers if answer.group_id]
    ConsultationComment.objects.filter(status=CommentStatus.RECEIVED).filter(pk__in=comment_ids).update(
        status=CommentStatus.ANSWERED
    )
    if group_ids:
        ConsultationComment.objects.filter(
            status=CommentStatus.RECEIVED, group_membership__group_id__in=group_ids
        ).update(status=CommentStatus.ANSWERED)
