"""Demo consultations, always relative to today, from real texts of the shared corpus:

- open: the draft Government resolution of seed 000 ("Dự thảo", 2022: it became Nghị quyết
  131/NQ-CP), consulted on by Văn phòng Chính phủ, opened a week ago, closing 30 days from today;
- upcoming: a draft decree on gold trading by Ngân hàng Nhà nước, its text that of Nghị định
  24/2012/NĐ-CP (the decree a new one would replace), opening in 5 days;
- closed: a draft revised Law on Real Estate Business by Bộ Xây dựng, its text that of Luật Kinh
  doanh bất động sản 66/2014/QH13 (the law the revision replaced), closed 60 days ago.

Idempotent: a second run keeps the pages and moves their dates to stay relative to today. The
demo comments and accounts are added on top of these (see `DemoConsultations`).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from consultations.folders import ensure_consultation_folder, ensure_consultation_index
from consultations.models import ConsultationPage, ConsultationQuestion
from consultations.timeline import VIETNAM
from regulations.agencies import resolve_agency
from regulations.importing import DocumentRecord, VersionDetails, save_document
from regulations.library import ensure_folder
from regulations.models import Field, LegalDocumentPage, LegalStatus, VersionKind
from regulations.sources import record_from_fulltext

SEED_000_KEY = "seed:000_30dcf1b77f192af4"


@dataclass
class DemoConsultations:
    """The three demo consultations, for the demo data that goes on top (comments, accounts)."""

    open: ConsultationPage
    upcoming: ConsultationPage
    closed: ConsultationPage


@dataclass(frozen=True)
class DemoSpec:
    slug: str
    agency: str  # the drafting agency: its library folder holds the draft, its folder the consultation
    issuer: str  # who would issue the text
    title: str
    summary: str
    opens_in_days: int  # negative: opened that many days ago
    closes_in_days: int
    fields: tuple[str, ...]
    questions: tuple[str, ...]


OPEN = DemoSpec(
    slug="du-thao-nghi-quyet-day-manh-cai-cach-thu-tuc-hanh-chinh",
    agency="Văn phòng Chính phủ",
    issuer="Chính phủ",
    title="",  # the seed's own title
    summary=(
        "Dự thảo Nghị quyết của Chính phủ về đẩy mạnh cải cách thủ tục hành chính, cắt giảm quy định kinh doanh và "
        "hiện đại hóa phương thức chỉ đạo, điều hành; giao Văn phòng Chính phủ vận hành Cổng tham vấn và tra cứu "
        "quy định kinh doanh."
    ),
    opens_in_days=-7,
    closes_in_days=30,
    fields=("Cải cách thủ tục hành chính",),
    questions=(
        "Những quy định kinh doanh nào doanh nghiệp của anh/chị thấy cần cắt giảm hoặc đơn giản hóa trước tiên?",
        "Thời hạn hoàn thành các nhiệm vụ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Mục II.2 có khả "
        "thi không?",
        "Cổng tham vấn và tra cứu quy định kinh doanh cần có thêm chức năng gì để doanh nghiệp góp ý thuận tiện hơn?",
    ),
)
UPCOMING = DemoSpec(
    slug="du-thao-nghi-dinh-quan-ly-hoat-dong-kinh-doanh-vang",
    agency="Ngân hàng Nhà nước Việt Nam",
    issuer="Chính phủ",
    title="Dự thảo Nghị định về quản lý hoạt động kinh doanh vàng (thay thế Nghị định số 24/2012/NĐ-CP)",
    summary=(
        "Điều kiện kinh doanh vàng trang sức, mỹ nghệ và vàng miếng, sản xuất vàng miếng, xuất nhập khẩu vàng "
        "nguyên liệu. Văn bản mẫu để trình diễn: nội dung lấy từ Nghị định 24/2012/NĐ-CP."
    ),
    opens_in_days=5,
    closes_in_days=65,
    fields=("Tài chính, ngân hàng",),
    questions=("Điều kiện cấp giấy chứng nhận kinh doanh mua, bán vàng miếng có còn phù hợp không?",),
)
CLOSED = DemoSpec(
    slug="du-thao-luat-kinh-doanh-bat-dong-san-sua-doi",
    agency="Bộ Xây dựng",
    issuer="Quốc hội",
    title="Dự thảo Luật Kinh doanh bất động sản (sửa đổi)",
    summary=(
        "Điều kiện của tổ chức, cá nhân kinh doanh bất động sản, kinh doanh bất động sản hình thành trong tương lai "
        "và dịch vụ môi giới. Văn bản mẫu để trình diễn: nội dung lấy từ Luật Kinh doanh bất động sản 66/2014/QH13."
    ),
    opens_in_days=-100,
    closes_in_days=-60,
    fields=("Đất đai, bất động sản",),
    questions=("Có nên bắt buộc giao dịch bất động sản qua sàn giao dịch không?",),
)


CLOSED_SOURCE = "66-2014-qh13.json"  # the corpus text of the closed consultation's draft
UPCOMING_SOURCE = "24-2012-nd-cp.json"


def draft_key(spec: DemoSpec) -> str:
    return f"du-thao-demo-{spec.slug}"


def draft_record(data: dict, file_name: str, spec: DemoSpec) -> DocumentRecord:
    """The record of a draft whose text is `data`, a real text of the corpus (its number, dates
    and relations left out: a draft has none)."""
    record = record_from_fulltext(data)
    record.title = spec.title
    record.number = None
    record.external_id = draft_key(spec)
    record.issuer = spec.issuer
    record.issued_date = record.effective_date = record.expiry_date = None
    record.issued_year = None
    record.relations = []
    record.provision_external_ids = {}
    record.legal_status = LegalStatus.DRAFT
    record.status_note = ""
    record.gazette_issue = ""
    record.source_url = ""
    record.metadata_source = f"Văn bản mẫu để trình diễn, nội dung từ {file_name} của kho dữ liệu"
    record.source = f"demo:{file_name}"
    record.fields = list(spec.fields)
    return record


def _draft_from_corpus(corpus: Path, file_name: str, spec: DemoSpec) -> LegalDocumentPage:
    existing = LegalDocumentPage.objects.filter(external_id=draft_key(spec)).first()
    if existing is not None:
        return existing
    data = json.loads((corpus / "regulations" / "full-text" / file_name).read_text("utf-8"))
    folder = ensure_folder(resolve_agency(spec.agency))
    details = VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 1")
    return save_document(draft_record(data, file_name, spec), folder=folder, version=details).page


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=VIETNAM)


def _consultation(spec: DemoSpec, draft: LegalDocumentPage, today: date) -> ConsultationPage:
    folder = ensure_consultation_folder(resolve_agency(spec.agency))
    page = ConsultationPage.objects.child_of(folder).filter(slug=spec.slug).first()
    is_new = page is None
    page = page or ConsultationPage(slug=spec.slug)
    page.title = spec.title or draft.title
    page.document = draft
    # The version put out for comment: kept once set (a revised draft is a later version).
    page.version = (
        page.version if page.version_id else draft.versions.filter(kind=VersionKind.DRAFT).order_by("-number").first()
    )
    page.summary = spec.summary
    page.opens_at = _at(today + timedelta(days=spec.opens_in_days), 8)
    page.closing_date = today + timedelta(days=spec.closes_in_days)
    page.closing_time = None
    page.answer_deadline = None
    page.full_clean(exclude=["path", "depth", "closes_at", "url_path", "draft_title"])
    if is_new:
        folder.add_child(instance=page)
    page.fields = list(Field.objects.filter(name__in=spec.fields))
    page.questions = [ConsultationQuestion(text=text) for text in spec.questions]
    page.save()
    page.save_revision().publish()
    return page


@transaction.atomic
def load_demo_consultations(corpus: Path, today: date | None = None) -> DemoConsultations:
    """Create or refresh the three demo consultations (the library's demo data must be loaded:
    seed 000 is its draft)."""
    today = today or timezone.localdate()
    ensure_consultation_index()
    seed = LegalDocumentPage.objects.get(external_id=SEED_000_KEY)
    gold = _draft_from_corpus(corpus, UPCOMING_SOURCE, UPCOMING)
    real_estate = _draft_from_corpus(corpus, CLOSED_SOURCE, CLOSED)
    return DemoConsultations(
        open=_consultation(OPEN, seed, today),
        upcoming=_consultation(UPCOMING, gold, today),
        closed=_consultation(CLOSED, real_estate, today),
    )
