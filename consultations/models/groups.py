"""Groups of near-duplicate comments (mass campaigns): one group, its members, answered once.

A group belongs to one consultation and holds two or more of its comments through
`GroupMembership` (one row per comment: a comment is in at most one group). Each comment stays
a comment of its own: counted, listed and receipted as before; the group only says "these say
the same thing" so the agency answers them once (the answer points at the group).

Memberships come from the automatic grouping (`consultations.comment_groups.regroup`) or from
the agency's staff, who split and merge groups by hand. A membership placed by staff is
`pinned`: regrouping never moves it. A pinned membership without a group is a comment staff
took out of its group, which regrouping then leaves alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentGroupQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(member_count=models.Count("memberships"))


class CommentGroup(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="comment_groups",
        verbose_name=_("đợt lấy ý kiến"),
    )
    core = models.ForeignKey(
        "consultations.ConsultationComment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("góp ý tiêu biểu"),
        help_text=_("Góp ý giống các góp ý khác trong nhóm nhất, hiện đại diện cho nhóm."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ chỉnh nhóm gần nhất"),
    )
    edited_at = models.DateTimeField(_("chỉnh tay lúc"), null=True, blank=True)

    objects = CommentGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhóm góp ý trùng lặp")
        verbose_name_plural = _("nhóm góp ý trùng lặp")
        ordering = ["consultation_id", "pk"]

    def __str__(self) -> str:
        return _("Nhóm góp ý %(number)s") % {"number": self.pk}

    def comments(self):
        """The group's comments, oldest first."""
        from consultations.models.comments import ConsultationComment

        return ConsultationComment.objects.filter(group_membership__group=self).order_by("submit_date", "pk")


class GroupMembership(models.Model):
    comment = models.OneToOneField(
        "consultations.ConsultationComment",
        on_delete=models.CASCADE,
        related_name="group_membership",
        verbose_name=_("góp ý"),
    )
    group = models.ForeignKey(
        CommentGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("nhóm"),
        help_text=_("Để trống (khi cán bộ đã tách riêng): góp ý không thuộc nhóm nào."),
    )
    pinned = models.BooleanField(
        _("cán bộ đã xếp"),
        default=False,
        help_text=_("Do cán bộ tách hoặc gộp: việc nhóm tự động không thay đổi."),
    )
    similarity = models.FloatField(_("độ giống góp ý tiêu biểu"), null=True, blank=True)
    added_at = models.DateTimeField(_("xếp nhóm lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thành viên nhóm góp ý")
        verbose_name_plural = _("thành viên nhóm góp ý")
        indexes = [models.Index(fields=["group", "comment"], name="group_membership_group")]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.group_id or '-'}"
