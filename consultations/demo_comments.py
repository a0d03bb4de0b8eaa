"""A dozen demo comments on the open demo consultation (seed 000, the draft Government
resolution), sent through the comment intake like any other, so that each gets its receipt
number: anonymous commenters, confirmed at once as if they had followed their e-mailed link.

The firms, associations and people are invented (their tax codes are made up, with a right check
digit); what they say is what firms commonly say about such a resolution. Idempotent: comments
already there (same e-mail, same text) are not sent again. No e-mail is queued for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from consultations.intake.confirmation import confirm
from consultations.intake.service import Submission, submit
from consultations.models import ConsultationComment, ConsultationPage, ConsultationStatus

# The library's demo gives seed 000 (the draft resolution, which has no number) this key.
DEMO_DRAFT_KEY = "seed:000_30dcf1b77f192af4"


@dataclass(frozen=True)
class DemoComment:
    anchor: str  # the unit commented on ("" for the draft as a whole)
    commenter_type: str
    name: str
    email: str
    text: str
    organization: str = ""
    tax_code: str = ""
    sector: str = ""
    size: str = ""
    show_name: bool = False


COMMENTS: tuple[DemoComment, ...] = (
    DemoComment(
        "phan-ii-khoan-1-diem-d",
        "business",
        "Nguyễn Thị Lan",
        "phaply@phuthinhwood.example",
        "Đề nghị quy định rõ thời hạn Văn phòng Chính phủ phải trả lời kiến nghị của doanh nghiệp gửi qua Cổng tham "
        "vấn (ví dụ 30 ngày) và công khai câu trả lời, để doanh nghiệp biết kiến nghị đã được xử lý đến đâu.",
        organization="Công ty TNHH Gỗ Nội thất Phú Thịnh",
        tax_code="0316224581",
        sector="C",
        size="medium",
    ),
    DemoComment(
        "phan-ii-khoan-1-diem-d",
        "association",
        "Trần Quốc Hưng",
        "vanphong@hiephoilogistics.example",
        "Hiệp hội đề nghị Cổng tham vấn cho phép góp ý theo từng điều, khoản của dự thảo và gửi kèm tài liệu, đồng "
        "thời công bố bản tổng hợp tiếp thu, giải trình trong thời hạn nhất định sau khi kết thúc lấy ý kiến.",
        organization="Hiệp hội Doanh nghiệp dịch vụ Logistics miền Trung",
    ),
    DemoComment(
        "phan-ii-khoan-1-diem-b",
        "business",
        "Lê Minh Tuấn",
        "xnk@anphatimex.example",
        "Nghị định về kết nối và chia sẻ thông tin trong lĩnh vực xuất khẩu, nhập khẩu cần nêu rõ danh mục giấy tờ "
        "doanh nghiệp không phải nộp lại khi cơ quan đã có dữ liệu, tránh tình trạng nộp trùng hồ sơ tại nhiều bộ.",
        organization="Công ty Cổ phần Xuất nhập khẩu An Phát",
        tax_code="0402118932",
        sector="G",
        size="small",
    ),
    DemoComment(
        "phan-ii-khoan-1-diem-a",
        "business",
        "Phạm Văn Đức",
        "giamdoc@ducthanhfood.example",
        "Đề nghị bổ sung yêu cầu các bộ công bố chi phí tuân thủ trước và sau khi cắt giảm đối với từng quy định kinh "
        "doanh, để doanh nghiệp kiểm chứng được mục tiêu cắt giảm ít nhất 20% chi phí tuân thủ.",
        organization="Công ty TNHH Thực phẩm Đức Thành",
        tax_code="3703156422",
        sector="C",
        size="small",
    ),
    DemoComment(
        "phan-ii-khoan-2-diem-a",
        "individual",
        "Hoàng Thị Mai",
        "maihoang@example.vn",
        "Nhiều thủ tục đã công khai trên Cổng Dịch vụ công nhưng biểu mẫu vẫn khác với biểu mẫu tại bộ phận một cửa. "
        "Đề nghị quy định chỉ dùng một bộ biểu mẫu đã công bố, cán bộ không được yêu cầu thêm giấy tờ ngoài danh mục.",
        show_name=True,
    ),
    DemoComment(
        "phan-ii-khoan-2-diem-d",
        "business",
        "Vũ Thanh Sơn",
        "it@sondientu.example",
        "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính nên cho phép tái sử dụng kết quả đã số hóa mà "
        "không yêu cầu doanh nghiệp nộp bản sao chứng thực. Đề nghị nêu rõ thời hạn hoàn thành cho từng cấp.",
        organization="Công ty Cổ phần Điện tử Sơn Hà",
        tax_code="0108451287",
        sector="J",
        size="medium",
    ),
    DemoComment(
        "phan-ii-khoan-2-diem-d",
        "individual",
        "Đỗ Văn Bình",
        "binhdo@example.vn",
        "Thanh toán trực tuyến phí, lệ phí còn lỗi thường xuyên; đề nghị có đầu mối hỗ trợ và cho phép nộp bổ sung "
        "khi giao dịch thanh toán bị treo mà không phải nộp lại toàn bộ hồ sơ.",
    ),
    DemoComment(
        "phan-ii-khoan-3-diem-g",
        "agency",
        "Ngô Thu Hà",
        "vanphong@sokhdt-binhan.example",
        "Đề nghị Hệ thống thông tin theo dõi nhiệm vụ kết nối với hệ thống quản lý văn bản của địa phương để tránh "
        "nhập liệu hai lần; cần hướng dẫn kỹ thuật và lộ trình kết nối cụ thể.",
        organization="Sở Kế hoạch và Đầu tư (địa phương thí điểm)",
    ),
    DemoComment(
        "phan-i-khoan-4",
        "association",
        "Bùi Đức Long",
        "hoivien@hiephoidetmay.example",
        "Hiệp hội thống nhất với quan điểm đẩy mạnh phân cấp. Tuy nhiên cần quy định rõ thẩm quyền và thời hạn của "
        "cấp được phân cấp, tránh tình trạng hồ sơ chuyển qua lại giữa trung ương và địa phương.",
        organization="Hiệp hội Dệt may và Da giày khu vực phía Nam",
    ),
    DemoComment(
        "phan-iii-khoan-3",
        "business",
        "Trịnh Văn Khoa",
        "ketoan@khoaphatxaydung.example",
        "Đề nghị bố trí kinh phí cho việc đào tạo cán bộ một cửa cấp xã; nhiều nơi chưa quen quy trình điện tử nên "
        "doanh nghiệp vẫn phải đến trực tiếp.",
        organization="Công ty TNHH Xây dựng Khoa Phát",
        tax_code="2800975312",
        sector="F",
        size="micro",
    ),
    DemoComment(
        "",
        "business",
        "Lý Thị Hồng",
        "hong.ly@hongphattravel.example",
        "Doanh nghiệp du lịch nhỏ như chúng tôi mất nhiều thời gian cho báo cáo định kỳ. Đề nghị Nghị quyết giao rà "
        "soát, cắt giảm chế độ báo cáo trùng lặp và chuyển toàn bộ sang báo cáo điện tử một lần cho nhiều cơ quan.",
        organization="Công ty TNHH Du lịch Hồng Phát (chi nhánh Đà Nẵng)",
        tax_code="0315099874-001",
        sector="N",
        size="micro",
    ),
    DemoComment(
        "",
        "individual",
        "Cá nhân ẩn danh",
        "nguoidan@example.vn",
        "Đề nghị Cổng tham vấn có phiên bản dễ đọc trên điện thoại và gửi thư báo khi dự thảo mình quan tâm được "
        "sửa đổi hoặc có kết quả tiếp thu.",
    ),
)


def open_demo_consultation() -> ConsultationPage | None:
    """The open live consultation on seed 000, or else the open live consultation closing last."""
    open_now = ConsultationPage.objects.live().in_status(ConsultationStatus.OPEN, timezone.now())
    return (
        open_now.filter(document__external_id=DEMO_DRAFT_KEY).first() or open_now.order_by("-closes_at", "pk").first()
    )


def add_demo_comments(consultation: ConsultationPage) -> tuple[int, int]:
    """Send the demo comments to `consultation` (which must be open); (sent now, already there)."""
    units = {p.anchor: p.pk for p in consultation.version.provisions.all()} if consultation.version_id else {}
    sent = existing = 0
    for demo in COMMENTS:
        if ConsultationComment.objects.filter(consultation=consultation, user_email=demo.email).exists():
            existing += 1
            continue
        outcome = submit(
            Submission(
                consultation_id=consultation.pk,
                text=demo.text,
                commenter_type=demo.commenter_type,
                article_id=units.get(demo.anchor) if demo.anchor else None,
                organization=demo.organization,
                tax_code=demo.tax_code,
                sector=demo.sector,
                size=demo.size,
                name=demo.name,
                email=demo.email,
                show_name=demo.show_name,
                notify=False,
            )
        )
        confirm(outcome.comment.pk, timezone.now(), notify=False)
        sent += 1
    _spread_over_the_period(consultation)
    return sent, existing


def _spread_over_the_period(consultation: ConsultationPage) -> None:
    """Date the demo comments evenly between the opening and now, in the order of COMMENTS, so
    that they fall inside the period again when `make run` moves it days later."""
    now = timezone.now()
    step = (now - consultation.opens_at) / (len(COMMENTS) + 1)
    for n, demo in enumerate(COMMENTS, start=1):
        moment = consultation.opens_at + step * n
        ConsultationComment.objects.filter(consultation=consultation, user_email=demo.email).update(
            submit_date=moment, received_at=moment
        )
