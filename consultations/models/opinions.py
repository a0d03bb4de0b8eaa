"""Opinions of the Prime Minister's Advisory Council for administrative procedure reform (Hội đồng
tư vấn cải cách thủ tục hành chính) on drafts and reduction plans: one model for every target.

The Council gives independent opinions on draft regulations and on reduction plans (seed
``000_30dcf1b77f192af4.txt``, II.1.đ). An opinion points at its target through Django's
contenttypes (a reduction plan, one of its items, a consultation, a draft's article...): apps
above this one register the models that may receive opinions (``consultations.opinions``), so
this app never imports them. The text is plain text (shown with its line breaks, never as HTML);
only published opinions are shown. Council members (regulations.roles.COUNCIL_GROUP_NAME) write
and publish them, for every agency: in the snippet admin, or for a consultation in the Council's
workspace (consultations.council.opinions: ``publish_opinion``), which records the signing
members' accounts (``signers``) too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from consultations.opinion_targets import is_registered_target


class CouncilOpinionQuerySet(models.QuerySet["CouncilOpinion"]):
    def published(self) -> CouncilOpinionQuerySet:
        return self.filter(is_published=True)

    def about(self, objects: list[Any]) -> CouncilOpinionQuerySet:
        """Opinions on any of ``objects`` (of one or several models), in one query."""
        condition = Q(pk__in=[])
        by_type: dict[int, list[int]] = {}
        for obj in objects:
            content_type = ContentType.objects.get_for_model(obj)  # cached by Django
            by_type.setdefault(content_type.pk, []).append(obj.pk)
        for content_type_id, ids in by_type.items():
            condition |= Q(content_type_id=content_type_id, object_id__in=ids)
        return self.filter(condition)


class CouncilOpinion(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("loại đối tượng")
    )
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("tiêu đề"), max_length=255)
    text = models.TextField(_("nội dung ý kiến"), help_text=_("Văn bản thuần: xuống dòng được giữ nguyên."))
    signatories = models.TextField(_("người ký"), help_text=_("Mỗi dòng một người: họ tên, chức danh trong Hội đồng."))
    # The members' accounts who signed, when the opinion was written in the Council's workspace
    # (consultations.council.opinions fills ``signatories`` from them); empty for one typed in.
    signers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="signed_council_opinions", verbose_name=_("thành viên ký")
    )
    given_on = models.DateField(_("ngày ý kiến"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="council_opinions",
        verbose_name=_("người nhập"),
    )
    is_published = models.BooleanField(_("công bố"), default=False)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CouncilOpinionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("content_type"), FieldPanel("object_id")])],
            heading=_("Ý kiến về"),
        ),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("signatories"), FieldPanel("given_on")]),
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("ý kiến Hội đồng tư vấn")
        verbose_name_plural = _("ý kiến Hội đồng tư vấn")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        if not self.is_published:
            self.published_at = None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.content_type_id:
            return
        model = self.content_type.model_class()
        if model is None or not is_registered_target(model):
            raise ValidationError({"content_type": _("Hội đồng không cho ý kiến về loại đối tượng này.")})
        if not model._default_manager.filter(pk=self.object_id).exists():
            raise ValidationError({"object_id": _("Không có đối tượng với mã này.")})
        if not [line for line in self.signatories.splitlines() if line.strip()]:
            raise ValidationError({"signatories": _("Ghi ít nhất một người ký.")})

    @property
    def signatory_list(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]
