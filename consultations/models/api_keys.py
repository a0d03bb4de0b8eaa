"""API keys (for `POST /api/v1/consultations/{id}/comments`): bound to a registered account,
stored hashed, revocable. Only the model lives here; issuing and checking keys belong to the
comment intake (docs/consultations.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys", verbose_name=_("tài khoản")
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100, blank=True)
    prefix = models.CharField(_("tiền tố"), max_length=16, unique=True, help_text=_("Phần đầu của khóa, để nhận ra."))
    key_hash = models.CharField(_("mã băm của khóa"), max_length=128, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
