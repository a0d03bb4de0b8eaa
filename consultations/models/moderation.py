"""The moderation log: every approve, hide and restore, who did it, when and why. Rows are
written once by consultations.moderation and never changed or deleted (save refuses an
update, delete refuses; the admin shows them read-only)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models.comments import CommentStatus


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Duyệt, cho hiện")
    HIDE = "hide", _("Ẩn")
    RESTORE = "restore", _("Khôi phục")


class HideReason(models.TextChoices):
    """Why a comment is hidden. The label follows "đã ẩn: " in the note left on the page."""

    ADVERTISING = "quang-cao", _("nội dung quảng cáo")
    ABUSE = "xuc-pham", _("xúc phạm, lời lẽ thiếu văn hóa")
    PERSONAL_DATA = "thong-tin-ca-nhan", _("thông tin cá nhân")
    UNLAWFUL = "vi-pham-phap-luat", _("nội dung vi phạm pháp luật")
    OFF_TOPIC = "khong-lien-quan", _("không liên quan đến dự thảo")
    SPAM = "lap-lai", _("gửi lặp lại nhiều lần")
    OTHER = "khac", _("lý do khác")


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký kiểm duyệt không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký kiểm duyệt không được xóa.")


class ModerationEvent(models.Model):
    comment = models.ForeignKey(
        "consultations.ConsultationComment",
        on_delete=models.PROTECT,
        related_name="moderation_events",
        verbose_name=_("góp ý"),
    )
    action = models.CharField(_("thao tác"), max_length=16, choices=ModerationAction.choices)
    reason = models.CharField(_("lý do"), max_length=24, choices=HideReason.choices, blank=True)
    note = models.TextField(_("giải thích của người kiểm duyệt"), blank=True)
    public_note = models.CharField(_("ghi chú công khai"), max_length=255, blank=True)
    status_before = models.CharField(_("trạng thái trước"), max_length=24)
    status_after = models.CharField(_("trạng thái sau"), max_length=24)
    flags_reviewed = models.PositiveIntegerField(_("số báo cáo vi phạm đã xem"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    # Kept when the account goes: the log says who acted, always.
    actor_name = models.CharField(_("tên người thực hiện"), max_length=255)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thao tác kiểm duyệt")
        verbose_name_plural = _("nhật ký kiểm duyệt")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.comment_id} ({self.actor_name}, {self.created_at:%d/%m/%Y %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Nhật ký kiểm duyệt không được sửa.")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký kiểm duyệt không được xóa.")

    @property
    def status_before_label(self) -> str:
        return str(CommentStatus(self.status_before).label)

    @property
    def status_after_label(self) -> str:
        return str(CommentStatus(self.status_after).label)
