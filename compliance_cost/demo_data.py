"""The demo cost profiles and reduction plans as data (compliance_cost/demo.py builds them):
real business regulations of the demo library, with the sources of every figure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from compliance_cost.models import (
    CostCategory,
    ItemAction,
)
from compliance_cost.models.evidence import EvidenceKind

# The stored values (TextChoices members are their values at run time).
ESTIMATE = str(EvidenceKind.EXPERT_ESTIMATE)
FEE, SERVICE, OTHER = str(CostCategory.FEE), str(CostCategory.SERVICE), str(CostCategory.OTHER)
ABOLISH, SIMPLIFY, AMEND = str(ItemAction.ABOLISH), str(ItemAction.SIMPLIFY), str(ItemAction.AMEND)
VOLUME_SOURCE = "Ước tính chuyên gia cho dữ liệu mẫu của Cổng ({what}); cần thay bằng thống kê hồ sơ của cơ quan"
FEE_SOURCE = (
    "Ước tính chuyên gia theo mức phí tại {circular} (văn bản chưa có trên Cổng; cần đối chiếu trước khi công bố)"
)
DEMO_NOTE = (
    "Dữ liệu mẫu: các mục dưới đây là ví dụ minh họa dựng từ văn bản trong kho dữ liệu mẫu của Cổng, "
    "không phải nội dung của văn bản phê duyệt; số liệu chi phí là ước tính chuyên gia."
)


@dataclass(frozen=True)
class Money:
    name: str
    amount: int
    low: int
    high: int
    source: str
    category: str = OTHER


@dataclass(frozen=True)
class Work:
    name: str
    hours: str
    low: str
    high: str
    persons: str = "1"


@dataclass(frozen=True)
class DemoProfile:
    number: str  # the document
    article: str  # the article the regulation is stated in
    dossiers: tuple[int, int, int]  # a year: central, low, high (expert estimate)
    what: str  # what the dossiers are, for the evidence
    procedure: str = ""  # create this procedure and cost it (else the regulation is costed)
    steps: tuple[Work, ...] = ()
    money: tuple[Money, ...] = ()


SUBMIT = Work("Nộp hồ sơ và nhận kết quả tại cơ quan giải quyết (đi lại, chờ)", "3", "2", "6")
CERTIFIED = "Chứng thực bản sao (phí chứng thực, sao chụp)"

PROFILES: tuple[DemoProfile, ...] = (
    DemoProfile(
        "09/2017/QH14",
        "32",
        (700, 400, 1000),
        "giấy phép kinh doanh dịch vụ lữ hành nội địa cấp mới mỗi năm",
        "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                3_000_000,
                3_000_000,
                3_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money(CERTIFIED, 30_000, 15_000, 60_000, "Ước tính chuyên gia: 3 bản sao có chứng thực"),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "33",
        (300, 200, 500),
        "giấy phép kinh doanh dịch vụ lữ hành quốc tế cấp mới mỗi năm",
        "Cấp Giấy phép kinh doanh dịch vụ lữ hành quốc tế",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành quốc tế",
                3_000_000,
                3_000_000,
                3_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money(CERTIFIED, 30_000, 15_000, 60_000, "Ước tính chuyên gia: 3 bản sao có chứng thực"),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "35",
        (400, 200, 700),
        "giấy phép kinh doanh dịch vụ lữ hành cấp đổi mỗi năm",
        "Cấp đổi giấy phép kinh doanh dịch vụ lữ hành",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp đổi giấy phép kinh doanh dịch vụ lữ hành",
                2_000_000,
                2_000_000,
                2_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "60",
        (4000, 2500, 6000),
        "thẻ hướng dẫn viên du lịch quốc tế, nội địa cấp mới mỗi năm",
        "Cấp thẻ hướng dẫn viên du lịch quốc tế, nội địa",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp thẻ hướng dẫn viên du lịch",
                650_000,
                650_000,
                650_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money("Khám sức khỏe", 300_000, 200_000, 500_000, "Ước tính chuyên gia: giá khám sức khỏe"),
            Money("Chụp ảnh chân dung", 50_000, 30_000, 80_000, "Ước tính chuyên gia"),
        ),
    ),
    DemoProfile(
        "05/2022/QH15",
        "27",
        (1500, 1000, 2500),
        "phim đề nghị cấp giấy phép phân loại mỗi năm",
        "Cấp Giấy phép phân loại phim",
        (SUBMIT,),
    ),
    DemoProfile(
        "72/2020/QH14",
        "43",
        (3000, 2000, 5000),
        "giấy phép môi trường cấp mỗi năm",
        "Cấp giấy phép môi trường",
        (SUBMIT,),
        (
            Money(
                "Thuê tư vấn lập báo cáo đề xuất cấp giấy phép môi trường",
                60_000_000,
                20_000_000,
                150_000_000,
                "Ước tính chuyên gia: giá dịch vụ tư vấn môi trường",
                SERVICE,
            ),
            Money(
                "Phí thẩm định cấp giấy phép môi trường (Điều 45 Luật Bảo vệ môi trường)",
                10_000_000,
                5_000_000,
                50_000_000,
                "Ước tính chuyên gia: mức phí do Bộ Tài chính quy định, không có trong kho dữ liệu mẫu",
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "45/2019/QH14",
        "120",
        (30000, 15000, 60000),
        "hồ sơ đăng ký nội quy lao động mỗi năm",
        "Đăng ký nội quy lao động",
        (SUBMIT,),
    ),
    DemoProfile(
        "45/2019/QH14",
        "157",
        (120000, 80000, 160000),
        "giấy phép lao động cấp mới, cấp lại, gia hạn mỗi năm",
        "Cấp, cấp lại, gia hạn giấy phép lao động",
        (
            Work("Chuẩn bị hồ sơ đề nghị cấp giấy phép lao động", "8", "4", "16"),
            SUBMIT,
        ),
        (
            Money(
                "Dịch thuật, hợp pháp hóa lãnh sự giấy tờ nước ngoài",
                2_000_000,
                1_000_000,
                4_000_000,
                "Ước tính chuyên gia",
            ),
            Money(
                "Lệ phí cấp giấy phép lao động",
                600_000,
                400_000,
                800_000,
                "Ước tính chuyên gia: mức do HĐND tỉnh quyết định",
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "12/2022/QH15",
        "27",
        (15, 5, 30),
        "hồ sơ đề nghị cấp giấy chứng nhận đăng ký đầu tư dự án dầu khí mỗi năm",
        steps=(Work("Lập hồ sơ dự án đầu tư dầu khí", "160", "80", "320", "3"),),
        money=(
            Money(
                "Thuê tư vấn pháp lý, kỹ thuật lập hồ sơ",
                500_000_000,
                200_000_000,
                1_500_000_000,
                "Ước tính chuyên gia",
                SERVICE,
            ),
        ),
    ),
    DemoProfile(
        "54/2010/QH12",
        "73",
        (5, 2, 10),
        "tổ chức trọng tài nước ngoài đề nghị hoạt động tại Việt Nam mỗi năm",
        steps=(Work("Chuẩn bị hồ sơ thành lập chi nhánh, văn phòng đại diện", "40", "24", "80", "2"),),
        money=(Money("Dịch thuật, hợp pháp hóa lãnh sự", 10_000_000, 5_000_000, 20_000_000, "Ước tính chuyên gia"),),
    ),
    DemoProfile(
        "11/2022/QH15",
        "50",
        (20000, 10000, 40000),
        "doanh nghiệp được thanh tra chuyên ngành mỗi năm",
        steps=(
            Work("Chuẩn bị báo cáo, hồ sơ, tài liệu theo yêu cầu của đoàn thanh tra", "24", "16", "48", "2"),
            Work("Làm việc với đoàn thanh tra", "16", "8", "40", "2"),
        ),
    ),
)


@dataclass(frozen=True)
class After:
    """How an item changes a profile: papers dropped, hours and amounts changed (by the start of
    their name)."""

    drop: tuple[str, ...] = ()
    hours: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoItem:
    number: str
    article: str
    action: str
    change: str
    after: After | None = None  # an after profile (the regulation's or procedure's)
    after_entered: int | None = None  # else an annual figure, with an expert estimate
    before_entered: int | None = None  # for a regulation without a profile


@dataclass(frozen=True)
class DemoPlan:
    agency: str
    title: str
    year: int
    items: tuple[DemoItem, ...]
    decision: tuple[str, datetime.date] | None = None
    amending: tuple[str, datetime.date] | None = None
    stated: dict[str, Decimal | int | str] = field(default_factory=dict)


ONLINE = "Nộp hồ sơ và nhận kết quả"
PLANS: tuple[DemoPlan, ...] = (
    DemoPlan(
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Phương án minh họa: đơn giản hóa hồ sơ cấp giấy phép lữ hành và thẻ hướng dẫn viên (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "09/2017/QH14",
                "32",
                SIMPLIFY,
                "Bỏ bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp (cơ quan tự tra cứu trên Cổng "
                "thông tin quốc gia về đăng ký doanh nghiệp); nộp hồ sơ và nhận giấy phép trực tuyến.",
                After(
                    drop=("Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",),
                    hours={ONLINE: "1"},
                    amounts={CERTIFIED: 20_000},
                ),
            ),
            DemoItem(
                "09/2017/QH14",
                "33",
                SIMPLIFY,
                "Như mục trên, cho giấy phép lữ hành quốc tế.",
                After(
                    drop=("Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",),
                    hours={ONLINE: "1"},
                    amounts={CERTIFIED: 20_000},
                ),
            ),
            DemoItem(
                "09/2017/QH14",
                "60",
                SIMPLIFY,
                "Bỏ sơ yếu lý lịch có xác nhận của Ủy ban nhân dân cấp xã (thông tin đã có trong Cơ sở dữ liệu "
                "quốc gia về dân cư); nộp hồ sơ trực tuyến.",
                After(drop=("Chuẩn bị: Sơ yếu lý lịch",), hours={ONLINE: "1"}),
            ),
        ),
    ),
    DemoPlan(
        "Bộ Nông nghiệp và Môi trường",
        "Phương án cắt giảm, đơn giản hóa thủ tục hành chính và điều kiện kinh doanh — minh họa (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "72/2020/QH14",
                "43",
                SIMPLIFY,
                "Không yêu cầu nộp lại tài liệu pháp lý, kỹ thuật đã có trong hồ sơ đánh giá tác động môi trường; "
                "nộp hồ sơ, nhận giấy phép trực tuyến.",
                After(drop=("Chuẩn bị: Tài liệu pháp lý",), hours={ONLINE: "1"}),
            ),
            DemoItem(
                "32/2018/QH14",
                "58",
                ABOLISH,
                "Bãi bỏ Giấy chứng nhận đủ điều kiện chăn nuôi đối với chăn nuôi trang trại quy mô lớn, "
                "thay bằng kê khai và hậu kiểm.",
                before_entered=12_000_000_000,
            ),
        ),
        decision=("66.19/2026/NQ-CP", datetime.date(2026, 5, 18)),
        amending=("22/2026/TT-BNNMT", datetime.date(2026, 8, 1)),
    ),
    DemoPlan(
        "Bộ Nội vụ",
        "Phương án cắt giảm, đơn giản hóa thủ tục hành chính về lao động — minh họa (dữ liệu mẫu)",
        2025,
        (
            DemoItem(
                "45/2019/QH14",
                "157",
                SIMPLIFY,
                "Cấp giấy phép lao động trực tuyến, liên thông với cấp thị thực; giảm giấy tờ phải hợp pháp hóa.",
                After(hours={"Chuẩn bị hồ sơ đề nghị": "5", ONLINE: "1"}, amounts={"Dịch thuật": 1_200_000}),
            ),
            DemoItem(
                "45/2019/QH14",
                "120",
                SIMPLIFY,
                "Đăng ký nội quy lao động trực tuyến.",
                After(hours={ONLINE: "0.5"}),
            ),
        ),
        decision=("2020/QĐ-TTg", datetime.date(2025, 9, 13)),
    ),
    DemoPlan(
        "Bộ Công Thương",
        "Phương án minh họa: thủ tục đầu tư dầu khí (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "12/2022/QH15",
                "27",
                AMEND,
                "Nộp hồ sơ điện tử; thẩm định song song hồ sơ đầu tư và hồ sơ kỹ thuật.",
                after_entered=6_000_000_000,
            ),
        ),
    ),
    DemoPlan(
        "Bộ Tư pháp",
        "Phương án minh họa: hoạt động của tổ chức trọng tài nước ngoài (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "54/2010/QH12",
                "73",
                SIMPLIFY,
                "Chấp nhận bản sao điện tử có chứng thực thay cho bản hợp pháp hóa lãnh sự.",
                after_entered=60_000_000,
            ),
        ),
    ),
    DemoPlan(
        "Thanh tra Chính phủ",
        "Phương án minh họa: giảm chồng chéo thanh tra chuyên ngành (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "11/2022/QH15",
                "50",
                SIMPLIFY,
                "Không thanh tra một doanh nghiệp quá một lần một năm; yêu cầu tài liệu qua hệ thống điện tử.",
                after_entered=45_000_000_000,
            ),
        ),
        # Printed figures that do not add up, to show how the portal flags them: 2 ÷ 6 is 33.3%,
        # not 30%; the saving is not before − after; 2 regulations cut where the plan has 1 item.
        stated={
            "stated_regulations_total": 6,
            "stated_regulations_cut": 2,
            "stated_cut_rate": Decimal("30"),
            "stated_cost_before": Decimal(70_000_000_000),
            "stated_cost_after": Decimal(45_000_000_000),
            "stated_saving": Decimal(30_000_000_000),
            "stated_source": "Số liệu minh họa (dữ liệu mẫu)",
        },
    ),
)
