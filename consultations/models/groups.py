"""Groups of near-duplicate comments (a mass campaign: one template, names or a sentence changed).

Only the data: a group belongs to one consultation and has members; a comment is in at most
one group (`CommentGroupMember.comment` is one-to-one). How groups are found (MinHash/LSH) and
split or merged by hand is issue 8's grouping work; a group is answered once for all its
members through `Answer.group` (consultations.models.answers). Every member is still counted,
listed and receipted on its own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentGroup(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="comment_groups",
        verbose_name=_("đợt lấy ý kiến"),
    )
    title = models.CharField(_("tên nhóm"), max_length=255, blank=True)
    members = models.ManyToManyField(
        "consultations.ConsultationComment",
        through="consultations.CommentGroupMember",
        related_name="comment_groups",
        verbose_name=_("góp ý trong nhóm"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhóm góp ý trùng lặp")
        verbose_name_plural = _("nhóm góp ý trùng lặp")

    def __str__(self) -> str:
        return self.title or str(_("Nhóm góp ý số %(id)s") % {"id": self.pk})


class CommentGroupMember(models.Model):
    group = models.ForeignKey(CommentGroup, on_delete=models.CASCADE, related_name="memberships")
    comment = models.OneToOneField(
        "consultations.ConsultationComment",
        on_delete=models.CASCADE,
        related_name="group_membership",
        verbose_name=_("góp ý"),
    )

    class Meta:
        verbose_name = _("góp ý trong nhóm")
        verbose_name_plural = _("góp ý trong nhóm")

    def __str__(self) -> str:
        return f"{self.group_id}: {self.comment_id}"
