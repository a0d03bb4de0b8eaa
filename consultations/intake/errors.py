"""What the intake refuses, and how it says so (Vietnamese first, English through gettext).

Each refusal is an exception the page form and the API both turn into their answer:
:class:`Invalid` (fields; the form shows each message at its field, the API answers 400 naming
each field in both languages), :class:`NotOpen` (closed or not yet open: 409), :class:`TooMany`
(a rate limit: 429 with Retry-After), :class:`Unknown` (no such live consultation: 404).
Nothing is stored when one is raised.
"""

from __future__ import annotations

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from consultations.intake.attachments import AttachmentProblem
from consultations.intake.taxcode import TaxCodeProblem

NON_FIELD = "__all__"


def _format(message: Promise | str, values: dict) -> str:
    return str(message) % values


_lazy_format = lazy(_format, str)


def interpolate(message: Promise | str, **values: object) -> Promise:
    """`message % values`, still lazy: rendered in the language of wherever it is shown (both
    languages in the API), not in the language of the moment it was made."""
    return _lazy_format(message, values)


class Refused(Exception):
    status = 400


class Invalid(Refused):
    status = 400

    def __init__(self, errors: dict[str, list[Promise | str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class NotOpen(Refused):
    status = 409

    def __init__(self, message: Promise | str, state: str) -> None:
        super().__init__(message)
        self.message = message
        self.state = state  # "upcoming" or "closed"


class TooMany(Refused):
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.message = interpolate(
            _("Bạn đã gửi quá nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau %(seconds)s giây."),
            seconds=retry_after,
        )


class Unknown(Refused):
    status = 404


TITLE_INVALID = _("Góp ý chưa gửi được: xin sửa các mục dưới đây")
TITLE_NOT_OPEN = _("Dự thảo không nhận góp ý vào lúc này")
TITLE_TOO_MANY = _("Gửi quá nhiều góp ý")

TEXT_REQUIRED = _("Nhập nội dung góp ý (chỉ có khoảng trắng thì không gửi được).")
TEXT_TOO_LONG = _(
    "Nội dung góp ý dài %(length)s ký tự, vượt quá giới hạn %(limit)s ký tự. Hãy rút gọn, hoặc gửi phần dài "
    "dưới dạng tệp đính kèm (PDF hoặc DOCX)."
)
COMMENTER_TYPE = _("Chọn người góp ý là cá nhân, doanh nghiệp, hiệp hội hay cơ quan nhà nước.")
ORGANIZATION_REQUIRED = _("Nhập tên tổ chức (doanh nghiệp, hiệp hội hoặc cơ quan).")
ORGANIZATION_TOO_LONG = _("Tên tổ chức dài quá %(limit)s ký tự.")
TAX_CODE_REQUIRED = _("Doanh nghiệp cần nhập mã số thuế (10 chữ số, hoặc 13 chữ số với chi nhánh).")
TAX_CODE_PROBLEMS = {
    TaxCodeProblem.NOT_DIGITS: _("Mã số thuế chỉ gồm chữ số (chi nhánh viết dạng 0100109106-001)."),
    TaxCodeProblem.LENGTH: _("Mã số thuế có 10 chữ số, hoặc 13 chữ số với chi nhánh (0100109106-001)."),
    TaxCodeProblem.ZERO_PART: _("Mã số thuế không hợp lệ: có phần toàn số 0."),
    TaxCodeProblem.CHECK_DIGIT: _(
        "Mã số thuế không đúng: chữ số kiểm tra (chữ số thứ 10) không khớp. Hãy kiểm tra lại từng chữ số."
    ),
}
SECTOR = _("Chọn ngành kinh doanh trong danh sách.")
SIZE = _("Chọn quy mô doanh nghiệp trong danh sách.")
NAME_REQUIRED = _("Nhập họ và tên của bạn.")
NAME_TOO_LONG = _("Họ và tên dài quá %(limit)s ký tự.")
EMAIL_REQUIRED = _("Nhập địa chỉ thư điện tử để xác nhận góp ý và nhận mã tiếp nhận.")
EMAIL_INVALID = _("Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@congty.vn).")
ARTICLE_UNKNOWN = _("Điều, mục này không thuộc dự thảo đang lấy ý kiến.")
PARENT_UNKNOWN = _("Không tìm thấy góp ý bạn muốn trả lời trong dự thảo này.")
PARENT_TOO_DEEP = _("Chỉ trả lời được góp ý gốc (thảo luận có hai cấp).")
IDEMPOTENCY_TOO_LONG = _("idempotency_key dài quá %(limit)s ký tự.")
HONEYPOT = _("Không gửi được góp ý. Nếu bạn dùng trình tự động điền biểu mẫu, hãy tắt nó và gửi lại.")
ATTACHMENT_PROBLEMS = {
    AttachmentProblem.EXTENSION: _("Tệp đính kèm phải là PDF hoặc DOCX."),
    AttachmentProblem.EMPTY: _("Tệp đính kèm rỗng."),
    AttachmentProblem.TOO_LARGE: _("Tệp đính kèm quá lớn: tối đa %(limit)s MB."),
    AttachmentProblem.NOT_PDF: _("Tệp có đuôi .pdf nhưng nội dung không phải PDF."),
    AttachmentProblem.ENCRYPTED_PDF: _("Tệp PDF có mật khẩu hoặc bị mã hóa: hãy gửi bản không khóa."),
    AttachmentProblem.DAMAGED_PDF: _("Tệp PDF bị hỏng, không đọc được."),
    AttachmentProblem.NOT_DOCX: _("Tệp có đuôi .docx nhưng nội dung không phải văn bản Word (DOCX)."),
    AttachmentProblem.MACROS: _("Tệp Word chứa macro: hãy lưu lại dưới dạng .docx không có macro."),
    AttachmentProblem.ZIP_BOMB: _("Tệp DOCX giải nén ra quá lớn hoặc có quá nhiều thành phần."),
}
NOT_YET_OPEN = _("Dự thảo chưa mở lấy ý kiến: bắt đầu nhận góp ý từ %(opens)s.")
CLOSED = _("Đã hết thời gian lấy ý kiến (kết thúc lúc %(closes)s). Góp ý gửi sau thời điểm này không được tiếp nhận.")
