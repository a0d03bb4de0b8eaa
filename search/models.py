"""The indexing outbox: what OpenSearch still has to learn about, kept in the database."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexAction(models.TextChoices):
    INDEX = "index", _("lập chỉ mục")
    DELETE = "delete", _("xóa khỏi chỉ mục")


class IndexRequestQuerySet(models.QuerySet):
    def due(self, now=None):
        """Requests whose back-off has passed, oldest first."""
        return self.filter(available_at__lte=now or timezone.now()).order_by("id")


class IndexRequest(models.Model):
    """One document to (re)index or to remove from the search indexes.

    Written in the same transaction as the change it reports (see search/signals.py), so a
    change is never lost even when OpenSearch is down. `document_id` is a plain integer: the
    page may already be deleted when the request is processed.
    """

    document_id = models.IntegerField(_("mã văn bản"), db_index=True)
    action = models.CharField(_("thao tác"), max_length=8, choices=IndexAction.choices)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    # Set again when a later change is folded into this pending request (see outbox.py).
    requested_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    available_at = models.DateTimeField(_("thử lại từ"), default=timezone.now, db_index=True)

    objects = IndexRequestQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("yêu cầu lập chỉ mục")
        verbose_name_plural = _("yêu cầu lập chỉ mục")

    def __str__(self) -> str:
        return f"{self.action} {self.document_id}"
