"""The demo library: the five seed documents, 22 full-text laws and decrees, 60 gazette
records and one law in two versions (regulations.demo_versions) from the shared corpus, with
fields, known legal statuses and business regulations."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from regulations.agencies import resolve_agency
from regulations.demo_versions import DemoSourceError, amended_law_records
from regulations.importing import DocumentRecord, ImportProblem, save_document
from regulations.legaltext import laws
from regulations.models import (
    Agency,
    BusinessRegulation,
    Field,
    LegalDocumentPage,
    LegalStatus,
    Provision,
    ProvisionKind,
    RegulationCategory,
)
from regulations.parsers import ParseError, parse_document
from regulations.sources import record_from_fulltext, record_from_gazette, record_from_parsed


def replaced_status(number: str | None) -> tuple[str, str, date] | None:
    """ "Hết hiệu lực", a note and the day it ceased to be in force, for a law the law table knows
    to be replaced by one in force (regulations/legaltext/law_table.py; the corpus leaves
    statuses unverified)."""
    successor = laws.replacement(number) if number else None
    if successor is None:
        return None
    since = successor.in_force_from
    return LegalStatus.EXPIRED, f"Được thay thế bởi {successor.title} từ ngày {since:%d/%m/%Y}.", since


# Fields (lĩnh vực) by keywords in a document's title or summary, lower case.
FIELD_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Tài chính, ngân hàng": (
        "tín dụng",
        "ngân hàng",
        "kinh doanh vàng",
        "tiền tệ",
        "ngoại hối",
        "chứng khoán",
        "bảo hiểm",
        "thuế",
        "phí",
        "lệ phí",
        "tài chính",
    ),
    "Đất đai, bất động sản": ("đất đai", "bất động sản", "nhà ở"),
    "Xây dựng": ("xây dựng",),
    "Du lịch, văn hóa": ("du lịch", "điện ảnh", "văn hóa"),
    "Nông nghiệp": ("chăn nuôi", "trồng trọt", "nông nghiệp", "thủy sản", "thú y"),
    "Năng lượng, dầu khí": ("dầu khí", "điện lực", "năng lượng", "xăng dầu"),
    "Lao động, việc làm": ("lao động", "viên chức", "việc làm", "tiền lương"),
    "Tư pháp, khiếu nại": (
        "khiếu nại",
        "tố cáo",
        "thanh tra",
        "trọng tài",
        "tòa án",
        "kiểm sát",
        "án phí",
        "nuôi con nuôi",
        "tiếp cận thông tin",
    ),
    "An ninh mạng, thông tin": ("an ninh mạng", "thông tin", "viễn thông", "giao dịch điện tử"),
    "Đăng ký kinh doanh, doanh nghiệp": ("đăng ký doanh nghiệp", "đăng ký kinh doanh", "hộ kinh doanh", "doanh nghiệp"),
    "Cải cách thủ tục hành chính": ("thủ tục hành chính", "một cửa", "cải cách", "đơn giản hóa", "cắt giảm"),
    "Thương mại, công thương": ("thương mại", "xuất khẩu", "nhập khẩu", "hóa chất", "công thương"),
}

# Business regulations recognised from article headings: (pattern, category).
REGULATION_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"điều kiện.*(kinh doanh|cấp|hoạt động|hành nghề|được)", re.I),
        RegulationCategory.INVESTMENT_CONDITION,
    ),
    (
        re.compile(r"(hồ sơ|trình tự|thủ tục).*(cấp|đề nghị|đăng ký|giấy phép|chứng chỉ|công nhận)", re.I),
        RegulationCategory.PROCEDURE,
    ),
    (re.compile(r"(cấp|cấp lại|thu hồi).*(giấy phép|giấy chứng nhận|chứng chỉ)", re.I), RegulationCategory.PROCEDURE),
    (re.compile(r"chế độ báo cáo|báo cáo định kỳ", re.I), RegulationCategory.REPORTING),
    (re.compile(r"kiểm tra chuyên ngành|thanh tra chuyên ngành", re.I), RegulationCategory.INSPECTION),
    (re.compile(r"tiêu chuẩn|quy chuẩn", re.I), RegulationCategory.STANDARD),
)


# The agency in charge of each demo law's business regulations (cơ quan chịu trách nhiệm): the
# ministry that manages the field since the ministries were merged in 2025 (Bộ Nông nghiệp và Môi
# trường, Bộ Nội vụ for labour), not the Quốc hội that passed the law. A law not listed keeps its
# issuer.
RESPONSIBLE_AGENCIES: dict[str, str] = {
    "09/2017/QH14": "Bộ Văn hóa, Thể thao và Du lịch",  # Luật Du lịch
    "05/2022/QH15": "Bộ Văn hóa, Thể thao và Du lịch",  # Luật Điện ảnh
    "32/2018/QH14": "Bộ Nông nghiệp và Môi trường",  # Luật Chăn nuôi
    "31/2018/QH14": "Bộ Nông nghiệp và Môi trường",  # Luật Trồng trọt
    "72/2020/QH14": "Bộ Nông nghiệp và Môi trường",  # Luật Bảo vệ môi trường
    "45/2019/QH14": "Bộ Nội vụ",  # Bộ luật Lao động
    "12/2022/QH15": "Bộ Công Thương",  # Luật Dầu khí
    "104/2016/QH13": "Bộ Tư pháp",  # Luật Tiếp cận thông tin
    "54/2010/QH12": "Bộ Tư pháp",  # Luật Trọng tài thương mại
    "11/2022/QH15": "Thanh tra Chính phủ",  # Luật Thanh tra
}
# Headings that match the patterns above but set the standards for appointing public officials
# (kiểm sát viên, thanh tra viên): no obligation on firms.
NOT_BUSINESS = re.compile(r"bổ nhiệm|\bngạch\b|kiểm sát viên", re.I)
AUTO_DETECTED = "Nhận diện tự động từ tiêu đề điều; cần cơ quan chủ trì rà soát."


@dataclass
class DemoReport:
    counts: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "new-version": 0, "unchanged": 0}
    )
    errors: list[str] = field(default_factory=list)
    regulations: int = 0

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1


def fields_for(text: str) -> list[str]:
    lowered = text.lower()
    return [name for name, words in FIELD_KEYWORDS.items() if any(w in lowered for w in words)]


def _with_known_facts(record: DocumentRecord) -> DocumentRecord:
    record.fields = fields_for(f"{record.title} {record.summary}")
    known = replaced_status(record.number)
    if known:
        record.legal_status, record.status_note, record.expiry_date = known
    return record


SEED_OVERRIDES: dict[str, dict[str, object]] = {
    # The plan carries no header at all: issuer and year come from the corpus index.
    "003": {"issuer": "Ủy ban nhân dân tỉnh (không ghi tên)", "doc_type": "Kế hoạch", "issued_year": 2022},
}


def seed_records(seeds: Path) -> list[tuple[str, Callable[[], DocumentRecord]]]:
    index = json.loads((seeds / "index.json").read_text(encoding="utf-8"))
    result = []
    for entry in index:
        path = seeds / entry["file"]
        key = entry["file"][:3]

        def build(path: Path = path, key: str = key) -> DocumentRecord:
            parsed = parse_document(path)
            external_id = None if parsed.header.number else f"seed:{path.stem}"
            record = record_from_parsed(parsed, external_id=external_id, overrides=SEED_OVERRIDES.get(key, {}))
            record.metadata_source = "Văn bản gốc (tệp hạt giống của dự án)"
            record.source = path.name
            return record

        result.append((str(path), build))
    return result


def load_demo(corpus: Path, progress: Callable[[str], None] = lambda _msg: None) -> DemoReport:
    report = DemoReport()
    jobs: list[tuple[str, Callable[[], DocumentRecord]]] = []
    jobs += seed_records(corpus / "seeds")
    for path in sorted((corpus / "regulations" / "full-text").glob("*.json")):
        jobs.append((str(path), lambda p=path: _fulltext_record(p)))
    gazette = json.loads((corpus / "regulations" / "congbao-metadata-business.json").read_text(encoding="utf-8"))
    for position, entry in enumerate(gazette):
        jobs.append((f"congbao-metadata-business.json#{position}", lambda e=entry: record_from_gazette(e)))
    for source, build in jobs:
        try:
            record = _with_known_facts(build())
            report.add(save_document(record).outcome)
        except (ParseError, ImportProblem, KeyError, ValueError) as exc:
            report.errors.append(f"{source}: {exc}")
        progress(source)
    load_amended_law(corpus, report)
    progress("search-benchmark/corpus.jsonl (72/2020/QH14)")
    report.regulations = detect_business_regulations()
    assign_responsible_agencies()
    return report


def _fulltext_record(path: Path) -> DocumentRecord:
    record = record_from_fulltext(json.loads(path.read_text(encoding="utf-8")))
    record.source = path.name
    return record


def load_amended_law(corpus: Path, report: DemoReport) -> None:
    """Luật Bảo vệ môi trường 2020 as passed and as amended: two versions of one document."""
    try:
        passed, amended, details = amended_law_records(corpus)
        report.add(save_document(_with_known_facts(passed)).outcome)
        report.add(save_document(_with_known_facts(amended), new_version=True, version=details).outcome)
    except (DemoSourceError, ImportProblem, KeyError, ValueError) as exc:
        report.errors.append(f"search-benchmark/corpus.jsonl (72/2020/QH14): {exc}")


def responsible_agency(document: LegalDocumentPage) -> Agency:
    name = RESPONSIBLE_AGENCIES.get(document.number or "")
    agency = resolve_agency(name) if name else None
    return agency or document.issuing_agency or resolve_agency(None, document.number)


@transaction.atomic
def assign_responsible_agencies() -> int:
    """Give the automatically detected regulations of the listed laws their responsible agency
    (for libraries loaded before the table existed). Idempotent; returns the rows changed."""
    changed = 0
    for number, name in RESPONSIBLE_AGENCIES.items():
        agency = resolve_agency(name)
        if agency is not None:
            changed += (
                BusinessRegulation.objects.filter(document__number=number, description=AUTO_DETECTED)
                .exclude(agency=agency)
                .update(agency=agency)
            )
    return changed


@transaction.atomic
def detect_business_regulations() -> int:
    """Create a business regulation for each article (of the current versions) whose heading
    states a condition, procedure, report, inspection or standard. Idempotent: one per
    (document, article)."""
    created = 0
    articles = (
        Provision.objects.current()
        .filter(kind=ProvisionKind.ARTICLE, business_regulations__isnull=True)
        .exclude(heading="")
        .select_related("document", "document__issuing_agency")
    )
    for article in articles:
        category = next((cat for pattern, cat in REGULATION_HEADINGS if pattern.search(article.heading)), None)
        document: LegalDocumentPage = article.document
        if category is None or document.issuing_agency is None or NOT_BUSINESS.search(article.heading):
            continue
        sector_names = fields_for(f"{document.title} {article.heading}")
        sector = Field.objects.filter(name=sector_names[0]).first() if sector_names else None
        regulation = BusinessRegulation.objects.create(
            title=f"{article.heading} ({article.citation} {document.number})".strip(),
            description=AUTO_DETECTED,
            document=document,
            category=category,
            agency=responsible_agency(document),
            sector=sector,
        )
        regulation.provisions.add(article)
        created += 1
    return created
