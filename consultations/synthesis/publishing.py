"""Publishing the synthesis, and the consultation's stage after closing.

The synthesis is published by the owning agency's approver, after closing, and only when every
comment that needs an answer has a public one (its own or its group's); otherwise it is refused
with a message saying how many wait, and nothing changes. Publishing records a `Synthesis` row;
the consultation's stage follows the facts: `published` once a synthesis exists, `synthesising`
once an answer is written after closing. The stage is also kept on save (a receiver below), so an
older page revision published later cannot set it back.
"""

from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations import access
from consultations.answers.actions import AnswerRefused
from consultations.answers.queries import unanswered
from consultations.models import Answer, ConsultationPage, ConsultationStage, Synthesis

# Sent after the transaction that published a synthesis commits: sender=ConsultationPage,
# consultation=..., synthesis=...
synthesis_published = Signal()


class SynthesisRefused(AnswerRefused):
    """Publishing the synthesis is refused; `message` says why, in Vietnamese."""


def publication_refusal(user, consultation: ConsultationPage) -> str | None:
    """Why the synthesis cannot be published now by `user` (None: it can)."""
    if not access.can_approve_answers(user, consultation):
        return _("Chỉ người phê duyệt của cơ quan chủ trì được công bố bản tổng hợp. Không có gì thay đổi.")
    if consultation.is_open() or timezone.now() < consultation.opens_at:
        return _("Đợt lấy ý kiến chưa kết thúc; chưa công bố được bản tổng hợp. Không có gì thay đổi.")
    if Synthesis.objects.filter(consultation=consultation).exists():
        return _("Bản tổng hợp đã được công bố.")
    waiting = unanswered(consultation.comments.all()).count()
    if waiting:
        return ngettext(
            "Còn %(count)s góp ý chưa có câu trả lời công khai; chưa công bố được bản tổng hợp. Không có gì thay đổi.",
            "Còn %(count)s góp ý chưa có câu trả lời công khai; chưa công bố được bản tổng hợp. Không có gì thay đổi.",
            waiting,
        ) % {"count": waiting}
    return None


@transaction.atomic
def publish_synthesis(
    user, consultation: ConsultationPage, *, place: str = "Hà Nội", signer_title: str = "", signer_name: str = ""
) -> Synthesis:
    consultation = ConsultationPage.objects.select_for_update().get(pk=consultation.pk)
    refusal = publication_refusal(user, consultation)
    if refusal:
        raise SynthesisRefused(refusal)
    synthesis = Synthesis.objects.create(
        consultation=consultation,
        place=place.strip() or "Hà Nội",
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        published_at=timezone.now(),
        published_by=user,
    )
    ConsultationPage.objects.filter(pk=consultation.pk).update(stage=ConsultationStage.PUBLISHED)
    transaction.on_commit(
        lambda: synthesis_published.send(sender=ConsultationPage, consultation=consultation, synthesis=synthesis)
    )
    return synthesis


def stage_from_facts(consultation: ConsultationPage) -> str:
    """`published` once a synthesis exists; `synthesising` once an answer exists after closing;
    else what the officer set."""
    if consultation.pk is None:
        return consultation.stage
    if Synthesis.objects.filter(consultation_id=consultation.pk).exists():
        return ConsultationStage.PUBLISHED
    if (
        consultation.stage == ConsultationStage.CONSULTING
        and Answer.objects.filter(consultation_id=consultation.pk).exists()
    ):
        return ConsultationStage.SYNTHESISING
    return consultation.stage


def mark_synthesising(consultation_id: int) -> None:
    """The agency has started answering: a consultation still `consulting` is `synthesising`."""
    ConsultationPage.objects.filter(pk=consultation_id, stage=ConsultationStage.CONSULTING).update(
        stage=ConsultationStage.SYNTHESISING
    )


@receiver(pre_save, sender=ConsultationPage, dispatch_uid="consultations.synthesis.keep_stage")
def keep_stage(sender, instance: ConsultationPage, raw: bool = False, **kwargs) -> None:
    if not raw:
        instance.stage = stage_from_facts(instance)
