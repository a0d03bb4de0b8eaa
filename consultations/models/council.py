"""The Advisory Council's own working records on comments: tags, a priority, private notes.

The Prime Minister's Advisory Council for administrative procedure reform reads the comments of
every agency's consultations (consultations.council). What its members record about a comment
is theirs alone: never shown on the public pages, in the API or to the agency's staff.

- ``CouncilTag``: a label the members give issues ("giấy phép con", "chi phí tuân thủ"), one
  table of its own (not Wagtail's public tags, nor taggit's, whose admin autocomplete any
  staff account may read);
- ``CouncilIssue``: one row per comment the Council has marked: its tags and priority;
- ``CouncilNote``: a note on a comment, shared within the Council, never changed once written.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regulations.legaltext.normalize import normalize

TAG_MAX_LENGTH = 64
NOTE_MAX_LENGTH = 5000


class Priority(models.IntegerChoices):
    """How urgently the Council should take an issue up (higher first)."""

    NONE = 0, _("Chưa xếp")
    LOW = 1, _("Thấp")
    MEDIUM = 2, _("Trung bình")
    HIGH = 3, _("Cao")
    URGENT = 4, _("Rất cao")


def tag_key(name: str) -> str:
    """The key that makes "Giấy phép con" and "giấy  phép con" one tag (one Unicode form and
    tone placement, case folded, single spaces); diacritics count: "bán" is not "ban"."""
    return " ".join(normalize(name).casefold().split())


class CouncilTag(models.Model):
    name = models.CharField(_("nhãn"), max_length=TAG_MAX_LENGTH)
    key = models.CharField(max_length=TAG_MAX_LENGTH * 2, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("nhãn của Hội đồng tư vấn")
        verbose_name_plural = _("nhãn của Hội đồng tư vấn")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = " ".join(normalize(self.name).split())
        self.key = tag_key(self.name)
        super().save(*args, **kwargs)


class CouncilIssue(models.Model):
    """What the Council has recorded about one comment: its tags and its priority."""

    comment = models.OneToOneField(
        "consultations.ConsultationComment",
        on_delete=models.CASCADE,
        related_name="council_issue",
        verbose_name=_("góp ý"),
    )
    priority = models.PositiveSmallIntegerField(
        _("mức ưu tiên"), choices=Priority.choices, default=Priority.NONE, db_index=True
    )
    tags = models.ManyToManyField(CouncilTag, blank=True, related_name="issues", verbose_name=_("nhãn"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vấn đề Hội đồng theo dõi")
        verbose_name_plural = _("vấn đề Hội đồng theo dõi")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.get_priority_display()}"


class CouncilNote(models.Model):
    """A Council member's note on a comment, read by the other members only."""

    comment = models.ForeignKey(
        "consultations.ConsultationComment",
        on_delete=models.CASCADE,
        related_name="council_notes",
        verbose_name=_("góp ý"),
    )
    text = models.TextField(_("ghi chú"), max_length=NOTE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("người ghi"), max_length=255)  # kept if the account goes
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ghi chú nội bộ của Hội đồng")
        verbose_name_plural = _("ghi chú nội bộ của Hội đồng")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"
