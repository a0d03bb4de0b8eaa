"""A consultation's published synthesis (bản tổng hợp, tiếp thu, giải trình ý kiến góp ý).

The report itself is generated from the answers whenever it is read (consultations.synthesis),
so it is always the answers as published; this row records that it was published, when, by
whom, and the few things the report needs that the answers do not say: the place, and the
signer's title and name. Its existence is what makes the consultation's stage `published`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Synthesis(models.Model):
    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="synthesis",
        verbose_name=_("đợt lấy ý kiến"),
    )
    place = models.CharField(_("địa danh"), max_length=64, default="Hà Nội")
    signer_title = models.CharField(
        _("chức danh người ký"), max_length=128, blank=True, help_text=_("Ví dụ: KT. BỘ TRƯỞNG / THỨ TRƯỞNG.")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người công bố"),
    )

    class Meta:
        verbose_name = _("bản tổng hợp ý kiến")
        verbose_name_plural = _("bản tổng hợp ý kiến")

    def __str__(self) -> str:
        return str(self.consultation_id)
