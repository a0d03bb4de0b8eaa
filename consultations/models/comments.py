"""Comments (góp ý) on a consultation: django-comments-xtd's threaded comment, extended.

`ConsultationComment` extends `XtdComment` (settings.COMMENTS_XTD_MODEL), so xtd's threads
(two levels: a comment and its replies, COMMENTS_XTD_MAX_THREAD_LEVEL = 1), flags and templates
work on it. Its own columns say what the comment is on (a commentable unit of the version it
was made on, or the draft as a whole), who made it (commenter type, organisation, tax code,
sector, size, consent to show the name), and how it was received (receipt number, received_at,
on time or not, status, idempotency key and the account or API key that sent it, a hash of the
sender's IP, never the IP itself). `status` is the truth; xtd's `is_public` and `is_removed`
follow it on save.
"""

import hashlib
import hmac
import secrets
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment, XtdCommentManager

from consultations.intake.text import fingerprint
from consultations.models.inserts import insert_new_thread
from consultations.receipts import MAX_LENGTH as RECEIPT_MAX_LENGTH
from consultations.receipts import new_receipt_number
from consultations.units import is_commentable


class CommenterType(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    BUSINESS = "business", _("Doanh nghiệp")
    ASSOCIATION = "association", _("Hiệp hội, tổ chức đại diện")
    AGENCY = "agency", _("Cơ quan nhà nước")


class BusinessSize(models.TextChoices):
    """Firm size as Nghị định 80/2021/NĐ-CP (Điều 5) defines micro, small and medium firms."""

    MICRO = "micro", _("Siêu nhỏ")
    SMALL = "small", _("Nhỏ")
    MEDIUM = "medium", _("Vừa")
    LARGE = "large", _("Lớn")


class Sector(models.TextChoices):
    """Sections (ngành cấp 1) of Vietnam's standard industrial classification, VSIC 2018
    (Quyết định 27/2018/QĐ-TTg)."""

    A = "A", _("Nông nghiệp, lâm nghiệp và thủy sản")
    B = "B", _("Khai khoáng")
    C = "C", _("Công nghiệp chế biến, chế tạo")
    D = "D", _("Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí")
    E = "E", _("Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải")
    F = "F", _("Xây dựng")
    G = "G", _("Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác")
    H = "H", _("Vận tải kho bãi")
    I = "I", _("Dịch vụ lưu trú và ăn uống")  # noqa: E741
    J = "J", _("Thông tin và truyền thông")
    K = "K", _("Hoạt động tài chính, ngân hàng và bảo hiểm")
    L = "L", _("Hoạt động kinh doanh bất động sản")
    M = "M", _("Hoạt động chuyên môn, khoa học và công nghệ")
    N = "N", _("Hoạt động hành chính và dịch vụ hỗ trợ")
    O = "O", _("Quản lý nhà nước, an ninh quốc phòng; bảo đảm xã hội bắt buộc")  # noqa: E741
    P = "P", _("Giáo dục và đào tạo")
    Q = "Q", _("Y tế và hoạt động trợ giúp xã hội")
    R = "R", _("Nghệ thuật, vui chơi và giải trí")
    S = "S", _("Hoạt động dịch vụ khác")
    T = "T", _("Hoạt động làm thuê trong các hộ gia đình, sản xuất sản phẩm và dịch vụ tự tiêu dùng của hộ gia đình")
    U = "U", _("Hoạt động của các tổ chức và cơ quan quốc tế")


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Chờ xác nhận qua thư điện tử")
    RECEIVED = "received", _("Đã tiếp nhận")
    PENDING_MODERATION = "pending_moderation", _("Chờ kiểm duyệt")
    HIDDEN = "hidden", _("Đã ẩn")
    ANSWERED = "answered", _("Đã trả lời")


# Received comments: every one of them is counted (a hidden one too), only unconfirmed are not.
COUNTED_STATUSES = (
    CommentStatus.RECEIVED,
    CommentStatus.PENDING_MODERATION,
    CommentStatus.HIDDEN,
    CommentStatus.ANSWERED,
)
# Shown on the public page (a hidden one as its public note).
SHOWN_STATUSES = (CommentStatus.RECEIVED, CommentStatus.HIDDEN, CommentStatus.ANSWERED)


def attachment_path(comment: "ConsultationComment", filename: str) -> str:
    """A random file name under the year: the commenter's own file name is not kept in it."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"consultations/gop-y/{timezone.now():%Y}/{secrets.token_urlsafe(16)}{suffix}"


def hash_ip(address: str) -> str:
    """A keyed hash of an IP address (rate limits and abuse checks without keeping the IP)."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def commenter_key_for(email: str, user_id: int | None) -> str:
    """A keyed hash naming one person (by e-mail address, else by account) without keeping who:
    the same person's comments on a consultation share it, so they share their «Cá nhân #N»
    (consultations.display). Never published; replaced by a random key when the person erases
    their data."""
    if email.strip():
        identity = "email:" + email.strip().lower()
    elif user_id is not None:
        identity = f"user:{user_id}"
    else:
        return "random:" + secrets.token_hex(16)
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()[:40]


class ConsultationCommentQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(status__in=COUNTED_STATUSES)

    def shown(self):
        return self.filter(status__in=SHOWN_STATUSES)


class ConsultationCommentManager(XtdCommentManager.from_queryset(ConsultationCommentQuerySet)):
    pass


class ConsultationComment(XtdComment):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("đợt lấy ý kiến"),
    )
    version = models.ForeignKey(
        "regulations.DocumentVersion",
        on_delete=models.PROTECT,
        related_name="consultation_comments",
        verbose_name=_("góp ý trên phiên bản"),
    )
    provision = models.ForeignKey(
        "regulations.Provision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("điều, mục góp ý"),
        help_text=_("Để trống: góp ý chung cho cả dự thảo."),
    )
    # The unit's anchor ("dieu-5", "phan-ii-khoan-1-diem-a"): names the same unit in every
    # version of the draft, so a comment follows its article to the next version (issue 8).
    anchor = models.CharField(_("neo"), max_length=160, blank=True, editable=False)

    commenter_type = models.CharField(_("người góp ý là"), max_length=16, choices=CommenterType.choices)
    organization = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    # Normalised by the comment intake: 10 digits, or 13 for a branch written "0100109106-001".
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True, db_index=True)
    sector = models.CharField(_("ngành kinh doanh"), max_length=1, choices=Sector.choices, blank=True)
    size = models.CharField(_("quy mô"), max_length=8, choices=BusinessSize.choices, blank=True)
    show_name = models.BooleanField(
        _("đồng ý công khai tên"),
        default=False,
        help_text=_("Không chọn: cá nhân hiện là «Cá nhân #N»."),
    )

    receipt_number = models.CharField(_("mã tiếp nhận"), max_length=RECEIPT_MAX_LENGTH, unique=True, editable=False)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True, db_index=True)
    on_time = models.BooleanField(_("đúng hạn"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=24, choices=CommentStatus.choices, default=CommentStatus.UNCONFIRMED
    )
    public_note = models.CharField(
        _("ghi chú công khai"),
        max_length=255,
        blank=True,
        help_text=_("Hiện thay cho góp ý đã ẩn, ví dụ «đã ẩn: nội dung quảng cáo»."),
    )
    attachment = models.FileField(_("tệp đính kèm"), upload_to=attachment_path, max_length=255, blank=True)

    idempotency_key = models.CharField(_("khóa chống gửi trùng"), max_length=100, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản gửi"),
    )
    api_key = models.ForeignKey(
        "consultations.ApiKey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("khóa API đã dùng"),
    )
    ip_hash = models.CharField(_("mã băm địa chỉ IP"), max_length=64, blank=True, editable=False)
    # Who the commenter is, as a keyed hash (commenter_key_for): numbers individuals per person.
    commenter_key = models.CharField(_("mã người góp ý"), max_length=48, blank=True, editable=False, db_index=True)
    # The text's fingerprint (intake.text.fingerprint), set when the comment is stored: the
    # double-submit check (the same text from the same person within a minute) is one indexed look-up.
    fingerprint = models.CharField(_("dấu vân tay nội dung"), max_length=64, blank=True, editable=False)

    objects = ConsultationCommentManager()

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        indexes = [
            models.Index(fields=["consultation", "status"], name="comment_consultation_status"),
            models.Index(fields=["consultation", "provision"], name="comment_consultation_unit"),
            models.Index(fields=["consultation", "fingerprint"], name="comment_consultation_text"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sent_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="comment_unique_idempotency_key_per_account",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self, anchor_pattern: str = "?gop-y=%(id)s#gop-y-%(id)s") -> str:
        """The comment on its consultation's page: `?gop-y=<id>` draws its unit's every thread
        (consultations.models.reading: a unit draws only its first few otherwise)."""
        return self.consultation.url + (anchor_pattern % {"id": self.pk})

    # ---- rules -------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.version_id and self.consultation_id and self.version.document_id != self.consultation.document_id:
            errors.setdefault("version", []).append(_("Phiên bản này không thuộc dự thảo đang lấy ý kiến."))
        if self.provision_id and self.version_id and not is_commentable(self.provision, self.version):
            errors.setdefault("provision", []).append(_("Không góp ý được vào mục này của dự thảo."))
        if errors:
            raise ValidationError(errors)

    def mark_received(self, now: datetime | None = None) -> None:
        """Record the comment as received at `now` (at once for a signed-in commenter, at
        e-mail confirmation otherwise): on time if it was submitted by the closing time;
        awaiting moderation if the consultation pre-moderates. Does not save."""
        now = now or timezone.now()
        submitted = self.submit_date or now
        self.received_at = now
        self.on_time = submitted <= self.consultation.closes_at
        pre_moderated = self.consultation.pre_moderation
        self.status = CommentStatus.PENDING_MODERATION if pre_moderated else CommentStatus.RECEIVED

    @property
    def is_counted(self) -> bool:
        return self.status in COUNTED_STATUSES

    @property
    def is_hidden(self) -> bool:
        return self.status == CommentStatus.HIDDEN

    # ---- saving ------------------------------------------------------------------------------

    def _fill_in(self) -> None:
        consultation = self.consultation
        if self.content_type_id is None:
            self.content_type = ContentType.objects.get_for_model(type(consultation))
        self.object_pk = str(consultation.pk)
        if self.site_id is None:
            self.site_id = settings.SITE_ID
        if self.submit_date is None:
            self.submit_date = timezone.now()
        if self.version_id is None:
            self.version_id = consultation.version_id
        if self.provision_id is not None and not self.anchor:
            self.anchor = self.provision.anchor
        if self.ip_address:
            self.ip_hash = hash_ip(self.ip_address)
            self.ip_address = None
        if not self.commenter_key:
            self.commenter_key = commenter_key_for(self.user_email, self.sent_by_id or self.user_id)
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.comment)
        # xtd's flags follow the status: hidden comments stay in the thread (is_removed shows
        # them removed), unconfirmed and pre-moderated ones are not public yet.
        self.is_public = self.status in SHOWN_STATUSES
        self.is_removed = self.status == CommentStatus.HIDDEN

    def save(self, *args, **kwargs):
        self._fill_in()
        if not self.receipt_number:
            self.receipt_number = self._free_receipt_number()
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        last_id = _LAST_COMMENT_ID.get(connections[using].vendor)
        if self.pk is None and not self.parent_id and last_id and not args:
            if connections[using].vendor == "postgresql" and set(kwargs) <= {"using"}:
                return insert_new_thread(self, using)  # three rows, one statement
            return self._insert_thread(last_id, **kwargs)
        return super().save(*args, **kwargs)

    def _insert_thread(self, last_id: str, **kwargs) -> None:
        """A new top-level comment in one save: its three rows (django_comments, xtd's, ours)
        inserted once, the thread and parent (its own id, as xtd gives a top-level comment)
        read by the xtd row's INSERT from the id the first INSERT drew on this connection.
        xtd's own save() inserts the rows, then updates all three to set the thread; replies
        still go through it (xtd orders them in their thread)."""
        self.thread_id = self.parent_id = RawSQL(last_id, ())
        try:
            super(XtdComment, self).save(**kwargs)
        except BaseException:
            self.thread_id = self.parent_id = 0
            raise
        self.thread_id = self.parent_id = self.pk

    @staticmethod
    def _free_receipt_number() -> str:
        """A receipt number no comment has (one indexed look-up; the unique constraint still
        guards against two writers drawing the same number in the same instant). The intake
        draws its number without the look-up and draws again if the constraint refuses it."""
        year = timezone.localdate().year
        while True:
            number = new_receipt_number(year)
            if not ConsultationComment.objects.filter(receipt_number=number).exists():
                return number


# The id the INSERT into django_comments just drew on this connection (session-local on both).
_LAST_COMMENT_ID = {
    "postgresql": f"currval(pg_get_serial_sequence('{Comment._meta.db_table}', '{Comment._meta.pk.column}'))",
    "sqlite": "last_insert_rowid()",
}
