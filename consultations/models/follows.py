"""Follows (theo dõi): a signed-in person follows a consultation, an agency (the consultations it
leads) or a field, and gets at most one digest e-mail a day of what happened to them
(consultations.follows).

`DigestState` is one row per person: up to when their news was covered by a digest (or found
empty), the day the last digest went out, and the keys of the events sent lately (so that an
event whose transaction committed late is sent once, not lost and not twice).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowKind(models.TextChoices):
    CONSULTATION = "consultation", _("dự thảo")
    AGENCY = "agency", _("cơ quan")
    FIELD = "field", _("lĩnh vực")


class Follow(models.Model):
    """One person following one thing: exactly one of `consultation`, `agency`, `field`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("người theo dõi")
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("đợt lấy ý kiến"),
    )
    agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    field = models.ForeignKey(
        "regulations.Field",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực"),
    )
    created_at = models.DateTimeField(_("theo dõi từ"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("theo dõi")
        verbose_name_plural = _("theo dõi")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(consultation__isnull=False, agency__isnull=True, field__isnull=True)
                    | Q(consultation__isnull=True, agency__isnull=False, field__isnull=True)
                    | Q(consultation__isnull=True, agency__isnull=True, field__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "consultation"],
                condition=Q(consultation__isnull=False),
                name="follow_consultation_once",
            ),
            models.UniqueConstraint(
                fields=["user", "agency"], condition=Q(agency__isnull=False), name="follow_agency_once"
            ),
            models.UniqueConstraint(
                fields=["user", "field"], condition=Q(field__isnull=False), name="follow_field_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.kind}:{self.target_id}"

    @property
    def kind(self) -> str:
        if self.consultation_id:
            return FollowKind.CONSULTATION
        return FollowKind.AGENCY if self.agency_id else FollowKind.FIELD

    @property
    def target_id(self) -> int:
        return self.consultation_id or self.agency_id or self.field_id

    @property
    def target(self):
        return self.consultation or self.agency or self.field

    @property
    def kind_label(self) -> str:
        return str(FollowKind(self.kind).label)

    @property
    def target_name(self) -> str:
        target = self.target
        return target.title if self.consultation_id else target.name


class DigestState(models.Model):
    """Where one person's daily digest stands."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_digest", primary_key=True
    )
    covered_until = models.DateTimeField(_("đã báo tin đến"), null=True, blank=True)
    last_sent_on = models.DateField(_("ngày gửi thư gần nhất"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("gửi thư gần nhất lúc"), null=True, blank=True)
    # {event key: ISO time} of the events sent within the look-back window (consultations.follows.events).
    recent_keys = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("thư tóm tắt theo dõi")
        verbose_name_plural = _("thư tóm tắt theo dõi")

    def __str__(self) -> str:
        return str(self.user_id)
