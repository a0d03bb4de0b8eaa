"""The agency's answer (tiếp thu, giải trình) to one comment or to a group of near-duplicates.

An answer has a disposition and a text (plain text, always rendered escaped), and goes through
the agency's approval before it is public: draft → submitted → public (an approver may send a
submitted answer back to draft with a note). Exactly one of `comment` and `group` is set; each
has at most one answer. A comment's answer is its own, else its group's
(`consultations.answers.queries`). Who may do what is `consultations.access`; the state changes
are `consultations.answers.actions`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Disposition(models.TextChoices):
    ACCEPTED = "tiep-thu", _("Tiếp thu")
    PARTLY_ACCEPTED = "tiep-thu-mot-phan", _("Tiếp thu một phần")
    EXPLAINED = "giai-trinh", _("Giải trình (không tiếp thu)")


class AnswerState(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ phê duyệt")
    PUBLIC = "public", _("Đã phê duyệt, công khai")


class AnswerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state=AnswerState.PUBLIC)

    def public_by_comment(self, comments: models.QuerySet) -> dict[int, "Answer"]:
        """For each comment among `comments` with a public answer, that answer (its own first,
        else its group's). Two queries."""
        from .groups import GroupMembership

        result: dict[int, Answer] = {}
        memberships = GroupMembership.objects.filter(
            comment__in=comments.values("pk"), group__answer__state=AnswerState.PUBLIC
        ).select_related("group__answer")
        for membership in memberships:
            result[membership.comment_id] = membership.group.answer
        for answer in self.public().filter(comment__in=comments.values("pk")):
            result[answer.comment_id] = answer
        return result


class Answer(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("đợt lấy ý kiến"),
    )
    comment = models.OneToOneField(
        "consultations.ConsultationComment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer",
        verbose_name=_("góp ý"),
    )
    group = models.OneToOneField(
        "consultations.CommentGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer",
        verbose_name=_("nhóm góp ý"),
    )
    disposition = models.CharField(_("cách xử lý"), max_length=20, choices=Disposition.choices)
    text = models.TextField(_("nội dung tiếp thu, giải trình"))
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=AnswerState.choices, default=AnswerState.DRAFT, db_index=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người trả lời"),
    )
    submitted_at = models.DateTimeField(_("gửi phê duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True, db_index=True)
    review_note = models.TextField(_("ý kiến của người phê duyệt"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("trả lời góp ý")
        verbose_name_plural = _("trả lời góp ý")
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=False, group__isnull=True) | Q(comment__isnull=True, group__isnull=False),
                name="answer_for_one_comment_or_one_group",
            ),
            models.CheckConstraint(
                condition=Q(disposition__in=[choice.value for choice in Disposition]),
                name="answer_has_a_disposition",
            ),
        ]

    def __str__(self) -> str:
        target = self.comment or self.group
        return f"{self.get_disposition_display()}: {target}"

    @property
    def is_public(self) -> bool:
        return self.state == AnswerState.PUBLIC

    @property
    def target(self):
        return self.comment if self.comment_id else self.group
