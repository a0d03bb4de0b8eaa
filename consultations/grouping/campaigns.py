"""A generated set of comments with mass campaigns in it, to measure grouping (pure).

`generate(sentences, total=10_000, campaign_share=0.7, templates=20)` writes `total`
comments in Vietnamese: `campaign_share` of them come from `templates` campaign letters, each
copy edited as people edit a circulated letter — their own name, position, company and
province; often one sentence replaced, added or dropped; often two sentences or the two halves
of a sentence in the other order — and the rest are written on their own. The legal text the
comments quote and discuss comes from `sentences` (real provisions, e.g. the corpus' articles
through `corpus_sentences`); the letters' frames (greetings, requests, reasons, closings) are
the usual phrases of comments on Vietnamese drafts. A campaign's quotes are its own; each
comment written alone quotes provisions no other comment quotes. Same seed, same comments.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from regulations.legaltext.normalize import compare_key, normalize


@dataclass(frozen=True)
class GeneratedComment:
    key: int
    text: str
    template: int | None  # the campaign it was copied from, or None if written alone


SURNAMES: Final = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương".split()
MIDDLE_NAMES: Final = "Văn Thị Hữu Đức Minh Thanh Ngọc Quang Thu Hoàng Xuân Kim Bảo Gia Anh".split()
GIVEN_NAMES: Final = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hòa Hùng Hương Khánh Lan Long Mai Minh Nam Nga Phúc Quân Sơn Tâm Thảo "
    "Trang Tuấn Việt Yến Hiếu Lộc Nhung Oanh Phương Quyên Thắng Trung Vy Đạt Khoa Linh"
).split()
POSITIONS: Final = (
    "Giám đốc",
    "Phó Giám đốc",
    "Kế toán trưởng",
    "Trưởng phòng pháp chế",
    "Trưởng phòng kinh doanh",
    "chủ hộ kinh doanh",
    "Chủ tịch Hội đồng quản trị",
    "người đại diện theo pháp luật",
)
COMPANY_FORMS: Final = (
    "Công ty TNHH",
    "Công ty cổ phần",
    "Công ty TNHH một thành viên",
    "Hợp tác xã",
    "Doanh nghiệp tư nhân",
)
COMPANY_TRADES: Final = (
    "Thương mại",
    "Xây dựng",
    "Vận tải",
    "Xuất nhập khẩu",
    "Dược phẩm",
    "Thực phẩm",
    "Dịch vụ",
    "Đầu tư",
    "Nông sản",
    "Cơ khí",
)
COMPANY_NAMES: Final = (
    "Minh Phát",
    "Hoàng Long",
    "Sao Mai",
    "Thành Đạt",
    "An Khang",
    "Phú Thịnh",
    "Đại Việt",
    "Hưng Thịnh",
    "Tân Tiến",
    "Bình Minh",
    "Kim Ngân",
    "Trường Sơn",
    "Hải Âu",
    "Phương Nam",
    "Hồng Hà",
    "Cửu Long",
    "Tây Nguyên",
    "Lam Sơn",
)
PROVINCES: Final = (
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "An Giang",
    "Bắc Ninh",
    "Thái Nguyên",
    "Gia Lai",
    "Đắk Lắk",
    "Tây Ninh",
    "Vĩnh Long",
    "Cà Mau",
)
GREETINGS: Final = (
    "Kính gửi Ban soạn thảo.",
    "Kính gửi cơ quan chủ trì soạn thảo dự thảo.",
    "Kính gửi Bộ và Tổ biên tập dự thảo.",
    "Thưa Ban soạn thảo,",
    "Kính gửi Quý cơ quan.",
)
INTRODUCTIONS: Final = (
    "Tôi là {person}, {position} {company} tại {province}.",
    "Tôi tên là {person}, hiện là {position} của {company}, trụ sở tại {province}.",
    "Chúng tôi là {company} ({province}), do ông/bà {person} làm {position}.",
    "Thay mặt {company} có trụ sở tại {province}, tôi là {person}, {position}, xin gửi ý kiến như sau.",
    "{company} ở {province}, người đại diện là {person} ({position}), xin góp ý như sau.",
)
QUOTE_LEADS: Final = (
    "Về quy định «{quote}»,",
    "Dự thảo quy định: «{quote}».",
    "Chúng tôi đã nghiên cứu quy định «{quote}»",
    "Tại dự thảo có nội dung: «{quote}»;",
    "Đối với nội dung «{quote}»,",
)
REQUESTS: Final = (
    "đề nghị Ban soạn thảo bỏ quy định này vì không cần thiết",
    "đề nghị sửa đổi theo hướng đơn giản hóa hồ sơ và rút ngắn thời hạn giải quyết",
    "đề nghị quy định rõ cơ quan nào có thẩm quyền kiểm tra và thời hạn trả lời",
    "đề nghị chuyển từ tiền kiểm sang hậu kiểm đối với nội dung này",
    "đề nghị bổ sung quy định chuyển tiếp cho các doanh nghiệp đang hoạt động",
    "kiến nghị cho phép nộp hồ sơ hoàn toàn trực tuyến, không yêu cầu bản giấy",
    "đề nghị giảm mức phí và lệ phí cho doanh nghiệp nhỏ và vừa",
    "đề nghị lùi thời điểm có hiệu lực ít nhất mười hai tháng để doanh nghiệp chuẩn bị",
    "đề nghị làm rõ khái niệm được sử dụng vì có thể hiểu theo nhiều cách khác nhau",
    "kiến nghị bãi bỏ yêu cầu xác nhận của chính quyền địa phương",
    "đề nghị thống nhất với quy định của luật chuyên ngành để tránh chồng chéo",
    "đề nghị giảm mức xử phạt vi phạm hành chính cho phù hợp với quy mô hộ kinh doanh",
)
REASONS: Final = (
    "Thực tế doanh nghiệp chúng tôi phải đi lại nhiều lần mới hoàn thành thủ tục.",
    "Chi phí tuân thủ quy định này chiếm phần lớn lợi nhuận của các doanh nghiệp nhỏ.",
    "Quy định hiện hành đã bảo đảm mục tiêu quản lý nên không cần thêm điều kiện mới.",
    "Nhiều địa phương đang áp dụng cách hiểu khác nhau gây khó khăn cho người dân.",
    "Các nước trong khu vực đã bỏ yêu cầu tương tự từ nhiều năm nay.",
    "Hồ sơ hiện nay trùng lặp với thông tin đã có trong cơ sở dữ liệu quốc gia.",
    "Thời hạn giải quyết quá dài làm doanh nghiệp lỡ cơ hội kinh doanh.",
    "Điều kiện về vốn và mặt bằng là rào cản gia nhập thị trường.",
    "Cán bộ tiếp nhận thường yêu cầu thêm giấy tờ không có trong danh mục.",
    "Việc xin xác nhận tốn thêm thời gian mà không giúp ích cho công tác quản lý.",
    "Doanh nghiệp vừa và nhỏ khó đáp ứng yêu cầu về nhân sự có chứng chỉ.",
    "Quy định chưa phân biệt doanh nghiệp mới thành lập với doanh nghiệp đã hoạt động lâu năm.",
    "Người lao động sẽ bị ảnh hưởng nếu doanh nghiệp phải tạm dừng hoạt động để bổ sung hồ sơ.",
    "Mức phạt quá cao so với thu nhập bình quân của hộ kinh doanh cá thể.",
    "Thủ tục chứng thực bản sao gây tốn kém không cần thiết.",
    "Chúng tôi đã nhiều lần phản ánh nhưng chưa được giải quyết dứt điểm.",
)
EXTRA_SENTENCES: Final = (
    "Chúng tôi rất mong Ban soạn thảo lắng nghe ý kiến của cộng đồng doanh nghiệp.",
    "Đây là vấn đề nhiều hội viên của hiệp hội cùng quan tâm.",
    "Doanh nghiệp tôi đã hoạt động hơn mười năm trong lĩnh vực này.",
    "Năm vừa qua chúng tôi đã phải hoãn hai dự án vì vướng thủ tục.",
    "Tôi xin cung cấp thêm số liệu nếu Ban soạn thảo cần.",
    "Ý kiến này cũng đã được gửi tới hiệp hội ngành hàng.",
    "Rất mong nhận được phản hồi sớm.",
    "Chúng tôi sẵn sàng tham gia hội thảo để trao đổi thêm.",
)
CLOSINGS: Final = (
    "Trân trọng cảm ơn.",
    "Xin chân thành cảm ơn Ban soạn thảo.",
    "Trân trọng.",
    "Kính mong Ban soạn thảo xem xét, tiếp thu.",
    "Xin cảm ơn và mong nhận được phản hồi.",
)

_NUMBERING_RE: Final = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|[a-zđ]\)|-|\+|•)\s*", re.IGNORECASE)
_SENTENCE_RE: Final = re.compile(r"(?<=[.;:])\s+|\n+")


# Words that make a provision one a business would comment on.
BUSINESS_WORDS: Final = re.compile(
    r"\b(?:doanh nghiệp|kinh doanh|giấy phép|giấy chứng nhận|hồ sơ|thủ tục|lệ phí|phí|điều kiện|đăng ký|"
    r"cơ sở|thuế|hợp đồng|nhà đầu tư|dự án|hàng hóa|dịch vụ)\b",
    re.IGNORECASE,
)


def corpus_sentences(path: Path, limit: int | None = None) -> list[str]:
    """Distinct provision sentences of 12 to 40 words that speak of business (`BUSINESS_WORDS`)
    from a corpus JSON Lines file (`{"text": ...}` per article), in file order, numbering
    ("1.", "a)") removed."""
    seen: set[str] = set()
    found: list[str] = []
    for text in _texts(path):
        for piece in _SENTENCE_RE.split(text):
            sentence = _NUMBERING_RE.sub("", normalize(piece)).strip(" ;:,.")
            if not 12 <= len(sentence.split()) <= 40 or "«" in sentence or "»" in sentence:
                continue
            if not BUSINESS_WORDS.search(sentence):
                continue
            key = compare_key(sentence)
            if key in seen:
                continue
            seen.add(key)
            found.append(sentence)
            if limit is not None and len(found) >= limit:
                return found
    return found


def _texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    yield text


@dataclass(frozen=True)
class _Template:
    greeting: str
    introduction: str
    body: tuple[str, ...]
    closing: str


class _Writer:
    def __init__(self, sentences: Sequence[str], seed: int) -> None:
        self.random = random.Random(seed)
        self.quotes = list(sentences)
        self.random.shuffle(self.quotes)
        self.next_quote = 0

    def quote(self) -> str:
        if self.next_quote >= len(self.quotes):
            raise ValueError("not enough source sentences for this many comments")
        sentence = self.quotes[self.next_quote]
        self.next_quote += 1
        return sentence

    def names(self) -> dict[str, str]:
        r = self.random
        return {
            "person": f"{r.choice(SURNAMES)} {r.choice(MIDDLE_NAMES)} {r.choice(GIVEN_NAMES)}",
            "position": r.choice(POSITIONS),
            "company": f"{r.choice(COMPANY_FORMS)} {r.choice(COMPANY_TRADES)} {r.choice(COMPANY_NAMES)}",
            "province": r.choice(PROVINCES),
        }

    def point(self, article: int) -> str:
        """One argued point: a quoted provision, a request on it, a reason."""
        r = self.random
        lead = r.choice(QUOTE_LEADS).format(quote=self.quote())
        request = r.choice(REQUESTS)
        if lead.endswith("."):
            request = request[0].upper() + request[1:]
        return f"{lead} {request} (Điều {article} dự thảo). {r.choice(REASONS)}"

    def template(self) -> _Template:
        r = self.random
        points = tuple(self.point(r.randint(1, 60)) for _ in range(r.choice((2, 3))))
        return _Template(r.choice(GREETINGS), r.choice(INTRODUCTIONS), points, r.choice(CLOSINGS))

    def copy(self, template: _Template) -> str:
        """The template as one person sends it: their names, and usually one more edit."""
        r = self.random
        body = list(template.body)
        edit = r.random()
        if edit < 0.25:  # a sentence of their own replaces one reason
            index = r.randrange(len(body))
            head, _, _ = body[index].rpartition(". ")
            body[index] = f"{head}. {r.choice(EXTRA_SENTENCES)}"
        elif edit < 0.45:  # a sentence added
            body.insert(r.randrange(len(body) + 1), r.choice(EXTRA_SENTENCES))
        elif edit < 0.6 and len(body) > 2:  # a point dropped
            del body[r.randrange(len(body))]
        order = r.random()
        if order < 0.3:  # two points in the other order
            i = r.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        elif order < 0.5:  # the two halves of a sentence swapped
            i = r.randrange(len(body))
            head, _, tail = body[i].rpartition(". ")
            if head:
                body[i] = f"{tail.rstrip('.')}. {head}."
        introduction = template.introduction.format(**self.names())
        return " ".join([template.greeting, introduction, *body, template.closing])

    def alone(self) -> str:
        """A comment written by one person on their own."""
        r = self.random
        parts = [self.point(r.randint(1, 60)) for _ in range(r.choice((1, 1, 2)))]
        if r.random() < 0.5:
            parts.insert(0, r.choice(INTRODUCTIONS).format(**self.names()))
        if r.random() < 0.5:
            parts.append(r.choice(CLOSINGS))
        return " ".join(parts)


def generate(
    sentences: Sequence[str],
    total: int = 10_000,
    campaign_share: float = 0.7,
    templates: int = 20,
    seed: int = 8,
) -> list[GeneratedComment]:
    """`total` comments, `campaign_share` of them copies of `templates` campaign letters (sizes
    uneven, as campaigns are), the others written alone; shuffled, keys 1..total."""
    if not 0.0 <= campaign_share <= 1.0 or templates < 1 or total < 1:
        raise ValueError("need total >= 1, templates >= 1 and 0 <= campaign_share <= 1")
    writer = _Writer(sentences, seed)
    r = writer.random
    letters = [writer.template() for _ in range(templates)]
    copies = round(total * campaign_share)
    weights = [r.uniform(0.5, 2.0) for _ in letters]
    origins: list[int | None] = [r.choices(range(templates), weights)[0] for _ in range(copies)]
    origins += [None] * (total - copies)
    r.shuffle(origins)
    comments = []
    for key, origin in enumerate(origins, start=1):
        text = writer.alone() if origin is None else writer.copy(letters[origin])
        comments.append(GeneratedComment(key=key, text=text, template=origin))
    return comments
