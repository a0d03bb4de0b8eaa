"""Rate-limit counters kept in the database, so that every server process counts together."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """How many submissions one key (an account, a hashed IP) made in one fixed time window.
    Written only by `consultations.intake.ratelimit` with one atomic upsert per hit."""

    key = models.CharField(_("khóa"), max_length=120)
    window_start = models.DateTimeField(_("đầu cửa sổ"), db_index=True)
    count = models.PositiveIntegerField(_("số lần"), default=0)

    class Meta:
        verbose_name = _("bộ đếm giới hạn tần suất")
        verbose_name_plural = _("bộ đếm giới hạn tần suất")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="rate_counter_key_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M:%S}: {self.count}"
