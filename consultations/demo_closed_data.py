"""What happened to the closed demo consultation (the draft revised Law on Real Estate Business,
its text that of Luật Kinh doanh bất động sản 66/2014/QH13): the comments sent during its
period, a campaign of near-identical letters from buyers of off-plan flats, the agency's answers,
and the articles its revised draft (Dự thảo lần 2) rewrote to take comments in.

The firms, associations and people are invented (their tax codes are made up, with a right check
digit). The revised articles follow what the Law on Real Estate Business 29/2023/QH15 did with
the same questions (equity instead of legal capital, the 5% deposit, the bank's guarantee given
to each buyer, land recovery as a bar to selling), so the answers are plausible.
"""

from dataclasses import dataclass

from consultations.models import Disposition


@dataclass(frozen=True)
class ClosedComment:
    article: str  # the article's number ("" for the draft as a whole)
    day: int  # days after the opening when it was sent
    commenter_type: str
    name: str
    email: str  # identifies the demo comment (idempotence)
    text: str
    disposition: str
    answer: str
    organization: str = ""
    tax_code: str = ""
    sector: str = ""
    size: str = ""
    show_name: bool = False


COMMENTS: tuple[ClosedComment, ...] = (
    ClosedComment(
        "3",
        8,
        "business",
        "Đặng Quốc Việt",
        "phapche@vanphongxanh.example",
        "Khoản 1 Điều 3 định nghĩa kinh doanh bất động sản rất rộng, gồm cả cho thuê, cho thuê lại nhằm mục đích "
        "sinh lợi. Đề nghị làm rõ doanh nghiệp sản xuất chỉ cho thuê lại một phần diện tích văn phòng, nhà xưởng "
        "chưa dùng hết có phải là kinh doanh bất động sản và phải đáp ứng các điều kiện tại Điều 10 hay không.",
        Disposition.EXPLAINED,
        "Ban soạn thảo xin giải trình: doanh nghiệp cho thuê lại một phần diện tích chưa sử dụng hết, quy mô nhỏ, "
        "không thường xuyên thuộc trường hợp tại khoản 2 Điều 10, không phải đáp ứng điều kiện của doanh nghiệp "
        "kinh doanh bất động sản nhưng phải kê khai nộp thuế; tiêu chí cụ thể do Chính phủ quy định chi tiết. Giữ "
        "nguyên định nghĩa tại khoản 1 Điều 3.",
        organization="Công ty TNHH Thiết bị Văn phòng Xanh",
        tax_code="0314940928",
        sector="C",
        size="small",
    ),
    ClosedComment(
        "10",
        5,
        "business",
        "Lâm Thị Thu Hằng",
        "phaply@diaochungthinhphat.example",
        "Yêu cầu vốn pháp định không thấp hơn 20 tỷ đồng tại khoản 1 Điều 10 không phản ánh năng lực thực hiện dự "
        "án: doanh nghiệp chỉ cần chứng minh vốn khi thành lập, sau đó có thể rút ra. Đề nghị bỏ vốn pháp định, "
        "thay bằng yêu cầu vốn chủ sở hữu tương ứng với quy mô từng dự án và bắt buộc công khai thông tin về "
        "doanh nghiệp, về bất động sản đưa vào kinh doanh.",
        Disposition.ACCEPTED,
        "Ban soạn thảo tiếp thu. Dự thảo lần 2 bỏ quy định vốn pháp định 20 tỷ đồng; khoản 1 Điều 10 quy định "
        "doanh nghiệp kinh doanh bất động sản phải có vốn chủ sở hữu không thấp hơn 20% tổng vốn đầu tư đối với "
        "dự án có quy mô sử dụng đất dưới 20 ha, không thấp hơn 15% đối với dự án từ 20 ha trở lên, và phải công "
        "khai thông tin về doanh nghiệp, về bất động sản đưa vào kinh doanh.",
        organization="Công ty Cổ phần Đầu tư Địa ốc Hưng Thịnh Phát",
        tax_code="0316991999",
        sector="L",
        size="medium",
    ),
    ClosedComment(
        "10",
        12,
        "individual",
        "Phan Thị Ngọc",
        "ngocphan@example.vn",
        "Khoản 2 Điều 10 cho phép cá nhân bán, cho thuê bất động sản quy mô nhỏ, không thường xuyên mà không phải "
        "thành lập doanh nghiệp, nhưng không nói thế nào là quy mô nhỏ. Đề nghị ghi rõ trong Luật số giao dịch "
        "hoặc giá trị tối đa trong một năm để người dân cho thuê nhà không bị xử phạt oan.",
        Disposition.EXPLAINED,
        "Ban soạn thảo xin giải trình: tiêu chí quy mô nhỏ, không thường xuyên phụ thuộc vào loại bất động sản và "
        "diễn biến của thị trường, nên được giao Chính phủ quy định chi tiết (khoản 3 Điều 10) để điều chỉnh kịp "
        "thời; Luật không quy định cứng số giao dịch hoặc giá trị giao dịch.",
    ),
    ClosedComment(
        "9",
        22,
        "individual",
        "Cao Minh Trí",
        "tricao@example.vn",
        "Khoản 1 Điều 9 mới yêu cầu nhà, công trình đưa vào kinh doanh không bị kê biên. Đề nghị bổ sung điều kiện "
        "nhà, công trình không thuộc trường hợp đã có quyết định thu hồi đất hoặc quyết định phá dỡ, để người mua "
        "không mua phải nhà sắp bị thu hồi.",
        Disposition.ACCEPTED,
        "Ban soạn thảo tiếp thu, bổ sung điểm d khoản 1 Điều 9: nhà, công trình xây dựng đưa vào kinh doanh không "
        "thuộc trường hợp đã có quyết định thu hồi đất, quyết định phá dỡ của cơ quan nhà nước có thẩm quyền.",
        show_name=True,
    ),
    ClosedComment(
        "55",
        18,
        "agency",
        "Võ Thanh Tâm",
        "vanphong@soxaydung-thidiem.example",
        "Khoản 2 Điều 55 chỉ yêu cầu cơ quan quản lý nhà ở cấp tỉnh trả lời chủ đầu tư trong 15 ngày. Đề nghị bổ "
        "sung trách nhiệm công khai danh sách dự án, số lượng nhà ở đủ điều kiện được bán, cho thuê mua trên trang "
        "thông tin điện tử của cơ quan, để người mua tự kiểm tra trước khi nộp tiền.",
        Disposition.ACCEPTED,
        "Ban soạn thảo tiếp thu, bổ sung vào khoản 2 Điều 55 trách nhiệm của cơ quan quản lý nhà ở cấp tỉnh công "
        "khai trên trang thông tin điện tử của mình danh sách dự án và số lượng nhà ở đủ điều kiện được bán, cho "
        "thuê mua.",
        organization="Sở Xây dựng (địa phương thí điểm)",
    ),
    ClosedComment(
        "57",
        20,
        "association",
        "Nguyễn Hữu Phước",
        "vanphong@hiephoibatdongsan-phianam.example",
        "Giới hạn thu không quá 95% giá trị hợp đồng khi chưa cấp Giấy chứng nhận là hợp lý. Tuy nhiên nhiều chủ "
        "đầu tư vẫn thu tiền đặt cọc, giữ chỗ rất lớn khi dự án chưa đủ điều kiện bán. Hiệp hội đề nghị quy định "
        "tiền đặt cọc không quá 5% giá bán và chỉ được thu khi dự án đã đủ điều kiện đưa vào kinh doanh; đồng thời "
        "nâng tỷ lệ thanh toán lần đầu lên 40% để chủ đầu tư nhỏ có vốn triển khai.",
        Disposition.PARTLY_ACCEPTED,
        "Ban soạn thảo tiếp thu một phần: bổ sung khoản 3 Điều 57, chủ đầu tư chỉ được thu tiền đặt cọc không quá "
        "5% giá bán, cho thuê mua khi nhà ở đã có đủ điều kiện đưa vào kinh doanh theo Điều 55. Giữ tỷ lệ thanh "
        "toán lần đầu không quá 30% giá trị hợp đồng để bảo vệ người mua.",
        organization="Hiệp hội Doanh nghiệp bất động sản khu vực phía Nam",
    ),
    ClosedComment(
        "62",
        15,
        "individual",
        "Trương Văn Hải",
        "haitruong.moigioi@example.vn",
        "Tôi làm môi giới bất động sản độc lập đã 8 năm. Đề nghị giữ quy định cho phép cá nhân môi giới độc lập tại "
        "khoản 2 Điều 62, đồng thời cho phép thi sát hạch, cấp chứng chỉ hành nghề trực tuyến và công nhận chứng "
        "chỉ trên toàn quốc, không phải thi lại khi chuyển tỉnh.",
        Disposition.PARTLY_ACCEPTED,
        "Ban soạn thảo tiếp thu một phần: giữ quy định cho phép cá nhân kinh doanh dịch vụ môi giới bất động sản "
        "độc lập; chứng chỉ hành nghề có giá trị trên phạm vi cả nước. Hình thức thi sát hạch (kể cả trực tuyến) "
        "do Bộ Xây dựng hướng dẫn, không quy định trong Luật.",
        show_name=True,
    ),
    ClosedComment(
        "69",
        25,
        "business",
        "Hồ Thị Kim Oanh",
        "lienhe@sangiaodichnamviet.example",
        "Đề nghị bắt buộc mọi giao dịch mua bán, cho thuê mua nhà ở hình thành trong tương lai phải thực hiện qua "
        "sàn giao dịch bất động sản, để minh bạch giá bán và bảo vệ người mua.",
        Disposition.EXPLAINED,
        "Ban soạn thảo xin giải trình: bắt buộc mọi giao dịch qua sàn làm tăng chi phí cho người mua và doanh "
        "nghiệp mà không bảo đảm minh bạch hơn; quy định này đã được áp dụng và phải bãi bỏ vì mang tính hình "
        "thức. Dự thảo khuyến khích giao dịch qua sàn, yêu cầu công khai thông tin dự án; người mua được bảo vệ "
        "bằng bảo lãnh của ngân hàng (Điều 56) và giới hạn thanh toán, đặt cọc (Điều 57).",
        organization="Công ty TNHH Sàn giao dịch bất động sản Nam Việt",
        tax_code="0401101887",
        sector="L",
        size="small",
    ),
    ClosedComment(
        "",
        30,
        "business",
        "Bạch Văn Lực",
        "hopdong@xaydungtruongson.example",
        "Đề nghị Luật cho phép hợp đồng mua bán, cho thuê mua bất động sản được ký và lưu trữ dưới dạng điện tử, "
        "kết nối với hệ thống thông tin về nhà ở và thị trường bất động sản, để giảm giấy tờ và thời gian công "
        "chứng cho doanh nghiệp và người mua.",
        Disposition.PARTLY_ACCEPTED,
        "Ban soạn thảo tiếp thu một phần: hợp đồng kinh doanh bất động sản được lập bằng văn bản hoặc dưới dạng "
        "thông điệp dữ liệu theo pháp luật về giao dịch điện tử; việc kết nối với hệ thống thông tin về nhà ở và "
        "thị trường bất động sản do Chính phủ hướng dẫn. Luật không bắt buộc mọi hợp đồng phải ký điện tử.",
        organization="Công ty Cổ phần Xây dựng Trường Sơn",
        tax_code="4201724881",
        sector="F",
        size="large",
    ),
)

# ---- the campaign: one letter, sent by many buyers with small edits ---------------------------

CAMPAIGN_ARTICLE = "56"
_BOUGHT = "Tôi là người mua căn hộ hình thành trong tương lai và đã nộp tiền theo tiến độ cho chủ đầu tư."
_COPY = (
    "Đề nghị Luật quy định chủ đầu tư phải gửi cho người mua bản sao hợp đồng bảo lãnh của ngân hàng ngay khi ký "
    "hợp đồng mua bán, và ngân hàng bảo lãnh phải xác nhận trực tiếp với từng người mua."
)
_REFUND = (
    "Nếu chủ đầu tư chậm bàn giao nhà quá 6 tháng thì ngân hàng bảo lãnh phải hoàn lại tiền cho người mua trong "
    "30 ngày, không để người mua phải tự đi kiện."
)
_LOST = "Nhiều gia đình như chúng tôi đã lâm vào cảnh khó khăn vì dự án bị treo nhiều năm."
_PLEA = "Kính mong Ban soạn thảo xem xét."

# (name, e-mail, text): the template with a sentence left out, moved, added or reworded.
CAMPAIGN: tuple[tuple[str, str, str], ...] = (
    ("Lê Thị Hoa", "hoa.le@example.vn", f"{_BOUGHT} {_COPY} {_REFUND} {_LOST}"),
    ("Ngô Văn Toàn", "toan.ngo@example.vn", f"{_BOUGHT.replace('Tôi là', 'Gia đình tôi là')} {_COPY} {_REFUND}"),
    ("Đinh Thị Lụa", "lua.dinh@example.vn", f"{_COPY} {_BOUGHT} {_REFUND} {_LOST}"),
    ("Mai Xuân Thắng", "thang.mai@example.vn", f"{_BOUGHT} {_COPY} {_REFUND} {_LOST} {_PLEA}"),
    ("Tạ Quang Huy", "huy.ta@example.vn", f"{_BOUGHT} {_COPY} {_REFUND.replace('6 tháng', '3 tháng')} {_LOST}"),
    ("Dương Thị Yến", "yen.duong@example.vn", f"Tôi tên là Dương Thị Yến. {_BOUGHT} {_COPY} {_REFUND}"),
    ("Kiều Văn Nam", "nam.kieu@example.vn", f"{_BOUGHT} {_REFUND} {_COPY} {_PLEA}"),
    ("Lương Thị Thảo", "thao.luong@example.vn", f"{_BOUGHT} {_COPY} {_REFUND} {_LOST}".replace("căn hộ", "nhà ở")),
    ("Quách Minh Đức", "duc.quach@example.vn", f"{_BOUGHT} {_COPY} {_REFUND} {_LOST}"),
)
CAMPAIGN_FIRST_DAY = 26  # the letters came in over the last days of the period, one every few hours
CAMPAIGN_DISPOSITION = Disposition.PARTLY_ACCEPTED
CAMPAIGN_ANSWER = (
    "Ban soạn thảo tiếp thu một phần: khoản 2 Điều 56 được sửa để chủ đầu tư phải gửi bản sao hợp đồng bảo lãnh "
    "cho bên mua, bên thuê mua khi ký hợp đồng và ngân hàng bảo lãnh phải xác nhận bằng văn bản với từng bên mua, "
    "bên thuê mua. Thời hạn hoàn tiền khi chủ đầu tư chậm bàn giao nhà do các bên thỏa thuận trong hợp đồng bảo "
    "lãnh theo pháp luật về bảo lãnh; Luật không quy định một thời hạn chung."
)

# ---- the revised draft (Dự thảo lần 2): the clauses it rewrote or added -------------------------

REVISED_LABEL = "Dự thảo lần 2"
# article number -> clause number -> the clause's new text (points: "a) ..." lines replace or add
# points of the clause: see `REVISED_POINTS`).
REVISED_CLAUSES: dict[str, dict[str, str]] = {
    "10": {
        "1": "Tổ chức, cá nhân kinh doanh bất động sản phải thành lập doanh nghiệp hoặc hợp tác xã (sau đây gọi chung "
        "là doanh nghiệp), có vốn chủ sở hữu không thấp hơn 20% tổng vốn đầu tư đối với dự án có quy mô sử dụng đất "
        "dưới 20 ha, không thấp hơn 15% tổng vốn đầu tư đối với dự án có quy mô sử dụng đất từ 20 ha trở lên, và "
        "phải công khai thông tin về doanh nghiệp, về bất động sản đưa vào kinh doanh, trừ trường hợp quy định tại "
        "khoản 2 Điều này.",
    },
    "55": {
        "2": "Trước khi bán, cho thuê mua nhà ở hình thành trong tương lai, chủ đầu tư phải có văn bản thông báo cho "
        "cơ quan quản lý nhà ở cấp tỉnh về việc nhà ở đủ điều kiện được bán, cho thuê mua. Trong thời hạn 15 ngày kể "
        "từ ngày nhận được thông báo, cơ quan quản lý nhà ở cấp tỉnh có trách nhiệm trả lời bằng văn bản cho chủ đầu "
        "tư về nhà ở đủ điều kiện được bán, cho thuê mua; trường hợp không đủ điều kiện phải nêu rõ lý do. Cơ quan "
        "quản lý nhà ở cấp tỉnh có trách nhiệm công khai trên trang thông tin điện tử của mình danh sách dự án và số "
        "lượng nhà ở đủ điều kiện được bán, cho thuê mua.",
    },
    "56": {
        "2": "Phạm vi, điều kiện, nội dung và phí bảo lãnh do các bên thỏa thuận nhưng phải bảo đảm thực hiện trách "
        "nhiệm của bên bảo lãnh quy định tại khoản 3 Điều này và phải được lập thành hợp đồng. Chủ đầu tư có trách "
        "nhiệm gửi bản sao hợp đồng bảo lãnh cho bên mua, bên thuê mua khi ký kết hợp đồng mua, thuê mua; ngân hàng "
        "bảo lãnh có trách nhiệm xác nhận bằng văn bản việc bảo lãnh với từng bên mua, bên thuê mua. Hợp đồng bảo "
        "lãnh có thời hạn cho đến khi nhà ở được bàn giao cho bên mua, bên thuê mua.",
    },
    "57": {
        "3": "Chủ đầu tư chỉ được thu tiền đặt cọc không quá 5% giá bán, cho thuê mua nhà ở hình thành trong tương "
        "lai từ khách hàng khi nhà ở đã có đủ điều kiện đưa vào kinh doanh theo quy định tại Điều 55 của Luật này.",
    },
}
# article number -> clause number -> point letter -> text (a new or rewritten point)
REVISED_POINTS: dict[str, dict[str, dict[str, str]]] = {
    "9": {
        "1": {
            "c": "Không bị kê biên để bảo đảm thi hành án;",
            "d": "Không thuộc trường hợp đã có quyết định thu hồi đất, quyết định phá dỡ của cơ quan nhà nước có "
            "thẩm quyền.",
        },
    },
}

SYNTHESIS_PLACE = "Hà Nội"
SYNTHESIS_SIGNER_TITLE = "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"
SYNTHESIS_SIGNER_NAME = "Trần Quang Minh"  # invented

# ---- the Advisory Council's independent opinion, after the synthesis ---------------------------

COUNCIL_OPINION_AFTER_CLOSING_DAYS = 28
COUNCIL_OPINION = (
    "Hội đồng tư vấn cải cách thủ tục hành chính của Thủ tướng Chính phủ đã nghiên cứu dự thảo Luật Kinh doanh "
    "bất động sản (sửa đổi), các ý kiến góp ý và bản tổng hợp, tiếp thu, giải trình của Bộ Xây dựng, và có ý kiến "
    "độc lập như sau:\n"
    "1. Hội đồng đánh giá cao việc bỏ yêu cầu vốn pháp định 20 tỷ đồng, thay bằng vốn chủ sở hữu theo quy mô dự án "
    "(Điều 10): điều kiện gắn với năng lực thực hiện dự án, không tạo rào cản gia nhập thị trường.\n"
    "2. Về bảo lãnh khi bán nhà ở hình thành trong tương lai (Điều 56), 9 người mua nhà cùng đề nghị một nội dung. "
    "Hội đồng đề nghị quy định thời hạn tối đa để ngân hàng bảo lãnh hoàn tiền cho người mua khi chủ đầu tư chậm "
    "bàn giao, thay vì để các bên tự thỏa thuận, vì người mua là bên yếu thế trong hợp đồng.\n"
    "3. Hội đồng đề nghị Bộ Xây dựng đánh giá chi phí tuân thủ của các điều kiện mới tại Điều 9, Điều 55 và Điều 57 "
    "đối với doanh nghiệp nhỏ và vừa, và công bố kết quả trên Cổng tham vấn trước khi trình Chính phủ."
)
