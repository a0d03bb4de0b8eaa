"""Relations between documents (căn cứ, hướng dẫn, sửa đổi...), shown in both directions.

Every kind has an inverse, so a relation can be recorded from whichever side the source
material lists it on (a Công báo page lists both "văn bản căn cứ" and "văn bản hướng dẫn"),
even when the other document is not in the portal yet.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from regulations.legaltext.numbers import number_key


class RelationKind(models.TextChoices):
    BASIS = "can-cu", _("Căn cứ")
    BASIS_OF = "la-can-cu-cua", _("Là căn cứ của")
    GUIDES = "huong-dan", pgettext_lazy("quan hệ văn bản", "Hướng dẫn")  # not the document type
    GUIDED_BY = "duoc-huong-dan-boi", _("Được hướng dẫn bởi")
    AMENDS = "sua-doi-bo-sung", _("Sửa đổi, bổ sung, đính chính")
    AMENDED_BY = "bi-sua-doi-bo-sung-boi", _("Được sửa đổi, bổ sung, đính chính bởi")
    REPLACES = "thay-the", _("Thay thế, bãi bỏ")
    REPLACED_BY = "bi-thay-the-boi", _("Bị thay thế, bãi bỏ bởi")
    PARTLY_REPLACES = "thay-the-mot-phan", _("Thay thế, bãi bỏ một phần")
    PARTLY_REPLACED_BY = "bi-thay-the-mot-phan-boi", _("Bị thay thế, bãi bỏ một phần bởi")
    REFERS = "dan-chieu", _("Dẫn chiếu")
    REFERRED_BY = "duoc-dan-chieu-boi", _("Được dẫn chiếu bởi")


_PAIRS = [
    (RelationKind.BASIS, RelationKind.BASIS_OF),
    (RelationKind.GUIDES, RelationKind.GUIDED_BY),
    (RelationKind.AMENDS, RelationKind.AMENDED_BY),
    (RelationKind.REPLACES, RelationKind.REPLACED_BY),
    (RelationKind.PARTLY_REPLACES, RelationKind.PARTLY_REPLACED_BY),
    (RelationKind.REFERS, RelationKind.REFERRED_BY),
]
INVERSE: dict[str, str] = {a.value: b.value for a, b in _PAIRS} | {b.value: a.value for a, b in _PAIRS}

# The relation headings of a Công báo document page, mapped to the kind seen from that page.
CONGBAO_HEADINGS: dict[str, str] = {
    "Văn bản căn cứ": RelationKind.BASIS,
    "Văn bản dẫn chiếu": RelationKind.REFERS,
    "Văn bản hướng dẫn": RelationKind.GUIDED_BY,
    "Văn bản được hướng dẫn": RelationKind.GUIDES,
    "Văn bản thay thế/bãi bỏ/hủy bỏ/đình chỉ": RelationKind.REPLACED_BY,
    "Văn bản thay thế/bãi bỏ/hủy bỏ/đình chỉ một phần": RelationKind.PARTLY_REPLACED_BY,
    "Văn bản bị thay thế/bãi bỏ/hủy bỏ/đình chỉ": RelationKind.REPLACES,
    "Văn bản bị thay thế/bãi bỏ/hủy bỏ/đình chỉ một phần": RelationKind.PARTLY_REPLACES,
    "Văn bản bị sửa đổi bổ xung/được đính chính": RelationKind.AMENDS,
    "Văn bản bị sửa đổi bổ sung/được đính chính": RelationKind.AMENDS,
    "Văn bản sửa đổi bổ sung/đính chính": RelationKind.AMENDED_BY,
}


def kind_label(kind: str) -> str:
    return str(RelationKind(kind).label)


def inverse_label(kind: str) -> str:
    return kind_label(INVERSE[kind])


class DocumentRelation(Orderable):
    """`source` <kind> `target`: e.g. Nghị định 24/2012 'căn cứ' Luật 47/2010/QH12.

    The target may not be in the portal yet: its number and title are kept, and `target`
    is linked when a document with that number arrives (regulations.importing.link_relations).
    """

    source = ParentalKey("regulations.LegalDocumentPage", on_delete=models.CASCADE, related_name="relations_out")
    kind = models.CharField(_("quan hệ"), max_length=32, choices=RelationKind.choices)
    target = models.ForeignKey(
        "regulations.LegalDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relations_in",
        verbose_name=_("văn bản liên quan trên cổng"),
    )
    target_number = models.CharField(_("số hiệu văn bản liên quan"), max_length=64)
    target_key = models.CharField(max_length=64, db_index=True, editable=False)
    target_title = models.TextField(_("tên văn bản liên quan"), blank=True)

    panels = [FieldPanel("kind"), FieldPanel("target_number"), FieldPanel("target_title")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target_key"], name="relation_unique"),
        ]
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")

    def __str__(self) -> str:
        return f"{self.source} — {self.get_kind_display()} — {self.target_number}"

    def save(self, *args, **kwargs):
        self.target_key = number_key(self.target_number)
        if self.target_id is None and self.target_key:
            from regulations.models import LegalDocumentPage

            self.target = LegalDocumentPage.objects.filter(number_key=self.target_key).first()
        return super().save(*args, **kwargs)

    @property
    def forward_label(self) -> str:
        return kind_label(self.kind)

    @property
    def inverse_label(self) -> str:
        return inverse_label(self.kind)
