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
    """One object of one search kind to (re)index or to remove from that kind's index.

    Written in the same transaction as the change it reports (see search/signals.py), so a
    change is never lost even when OpenSearch is down. `kind` is a registered kind's name
    (search/kinds/: "articles", "documents"); `object_id` is the id of the object its entries
    are built from (for both of those, the document page), a plain integer: the object may
    already be deleted when the request is processed.
    """

    kind = models.CharField(_("loại nội dung"), max_length=40)
    object_id = models.BigIntegerField(_("mã đối tượng"))
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
        indexes = [models.Index(fields=["kind", "object_id"], name="search_request_kind_object")]
        verbose_name = _("yêu cầu lập chỉ mục")
        verbose_name_plural = _("yêu cầu lập chỉ mục")

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.object_id}"


class TextStatistics(models.Model):
    """What the indexed texts say about their syllables (search/nlp/lexicon.py): entry counts
    per syllable (query weighting) and accented forms and pairs (diacritic restoration).

    One row, rewritten by `search_reindex` and by the worker's `refresh_text_statistics` task;
    every web process loads it once and again when `built_at` changes (search/statistics.py).
    """

    name = models.CharField(_("tên"), max_length=40, unique=True)
    built_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    entries = models.PositiveIntegerField(_("số mục"), default=0)
    data = models.BinaryField(_("dữ liệu"))

    class Meta:
        verbose_name = _("thống kê văn bản")
        verbose_name_plural = _("thống kê văn bản")

    def __str__(self) -> str:
        return f"{self.name} ({self.entries} entries, {self.built_at:%Y-%m-%d %H:%M})"
