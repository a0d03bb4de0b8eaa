"""The demo library loads the real shared corpus with correct metadata, idempotently."""

import json
from datetime import date

import pytest

from regulations.demo import load_demo
from regulations.models import BusinessRegulation, DocumentRelation, LegalDocumentPage, Provision
from tests.module_data import rolled_back_at_end

pytestmark = pytest.mark.django_db

SEEDS = {
    # file prefix: (number, doc_type, issuer, issued_date, issued_year, legal_status)
    "000": ("", "nghi-quyet", "Chính phủ", None, 2022, "du-thao"),
    "001": ("1804/UBND-NCKSTT", "cong-van", "Ủy ban nhân dân tỉnh Đắk Nông", date(2021, 4, 16), 2021, None),
    "002": ("727/TTg-KSTT", "cong-van", "Thủ tướng Chính phủ", date(2024, 10, 1), 2024, None),
    "003": ("", "ke-hoach", "Ủy ban nhân dân tỉnh (không ghi tên)", None, 2022, None),
    "004": ("1250/VPCP-KSTT", "cong-van", "Văn phòng Chính phủ", date(2021, 2, 25), 2021, None),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, corpus_dir):
    """The demo library, loaded once for the module (it takes most of a minute)."""
    with rolled_back_at_end(django_db_blocker):
        report = load_demo(corpus_dir)
        assert report.errors == []
        yield report


def _seed(prefix: str, corpus_dir) -> LegalDocumentPage:
    index = json.loads((corpus_dir / "seeds" / "index.json").read_text(encoding="utf-8"))
    entry = next(e for e in index if e["file"].startswith(prefix))
    if entry["number"]:
        return LegalDocumentPage.objects.get(number=entry["number"])
    return LegalDocumentPage.objects.get(external_id=f"seed:{entry['file'].removesuffix('.txt')}")


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_it_imports_each_seed_with_the_right_metadata(demo, corpus_dir, prefix):
    number, doc_type, issuer, issued, year, status = SEEDS[prefix]
    page = _seed(prefix, corpus_dir)

    assert page.number == number
    assert page.doc_type == doc_type
    assert page.issuing_agency.name == issuer
    assert page.issued_date == issued
    assert page.issued_year == year
    if status:
        assert page.legal_status == status
    assert page.live
    assert Provision.objects.filter(document=page).count() > 5


def test_it_keeps_the_attached_decision_inside_seed_001(demo, corpus_dir):
    page = _seed("001", corpus_dir)
    attachment = Provision.objects.get(document=page, kind="attachment")
    assert "468/QĐ-TTg" in attachment.label
    articles = Provision.objects.filter(document=page, kind="article", parent=attachment)
    assert sorted(articles.values_list("label", flat=True)) == ["1", "2", "3"]


def test_it_imports_the_full_text_laws_with_every_article(demo, corpus_dir):
    index = json.loads((corpus_dir / "regulations" / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 22
    for entry in index:
        page = LegalDocumentPage.objects.get(number=entry["number"])
        assert Provision.objects.filter(document=page, kind="article").count() == entry["articles"], entry["number"]


def test_it_keeps_official_gazette_metadata_and_relations(demo):
    decree = LegalDocumentPage.objects.get(number="24/2012/NĐ-CP")
    assert decree.issuing_agency.name == "Chính phủ"
    assert decree.issued_date == date(2012, 4, 3)
    assert decree.effective_date == date(2012, 5, 25)
    assert decree.signer == "Nguyễn Tấn Dũng"
    kinds = set(DocumentRelation.objects.filter(source=decree).values_list("kind", "target_number"))
    assert ("can-cu", "47/2010/QH12") in kinds
    assert ("duoc-huong-dan-boi", "16/2012/TT-NHNN") in kinds
    law = LegalDocumentPage.objects.get(number="47/2010/QH12")
    assert DocumentRelation.objects.filter(source=decree, target=law).exists()
    assert law.legal_status == "het-hieu-luc"


def test_it_imports_the_sixty_gazette_records_without_body(demo, corpus_dir):
    records = json.loads((corpus_dir / "regulations" / "congbao-metadata-business.json").read_text(encoding="utf-8"))
    assert len(records) == 60
    numbers = {r["number"] for r in records}
    pages = LegalDocumentPage.objects.filter(number__in=numbers)
    assert pages.count() == 60
    sample = pages.get(number="66.19/2026/NQ-CP")
    assert sample.issuing_agency.name == "Chính phủ"
    assert sample.issued_date == date(2026, 5, 18)
    assert sample.doc_type == "nghi-quyet"


def test_it_detects_business_regulations_from_article_headings(demo):
    regulations = BusinessRegulation.objects.select_related("document")
    assert regulations.count() > 10
    licence = regulations.filter(title__icontains="giấy phép kinh doanh dịch vụ lữ hành").first()
    assert licence is not None and licence.document.number == "09/2017/QH14"
    assert licence.provisions.get().kind == "article"


def test_it_changes_nothing_on_a_second_run(demo, corpus_dir):
    counts = (LegalDocumentPage.objects.count(), Provision.objects.count(), BusinessRegulation.objects.count())
    report = load_demo(corpus_dir)
    assert report.counts["unchanged"] == 89 and report.counts["created"] == 0
    assert (LegalDocumentPage.objects.count(), Provision.objects.count(), BusinessRegulation.objects.count()) == counts


def test_it_loads_a_law_in_two_real_versions(demo):
    """Luật Bảo vệ môi trường 2020 as passed and as amended by Luật Thanh tra 2022 (Điều 116 khoản 2)."""
    law = LegalDocumentPage.objects.get(number="72/2020/QH14")
    first, second = law.versions.order_by("number")

    assert law.effective_date == date(2022, 1, 1)  # its Điều 170
    assert (first.effective_date, second.effective_date) == (None, date(2023, 7, 1))  # Điều 117 of the amending law
    assert second.is_current and not first.is_current
    assert "11/2022/QH15" in second.label and "Chưa áp dụng các lần sửa đổi khác" in second.note
    old = dict(first.provisions.values_list("anchor", "text"))
    new = dict(second.provisions.values_list("anchor", "text"))
    assert old.keys() == new.keys() and len(old) > 500
    assert {anchor for anchor in old if old[anchor] != new[anchor]} == {"dieu-160-khoan-2-diem-a"}
    assert old["dieu-160-khoan-2-diem-a"].startswith("Thanh tra thường xuyên được tiến hành")
    assert new["dieu-160-khoan-2-diem-a"] == "Thanh tra theo kế hoạch;"
    inspection_law = LegalDocumentPage.objects.get(number="11/2022/QH15")
    assert DocumentRelation.objects.filter(source=law, kind="bi-sua-doi-bo-sung-boi", target=inspection_law).exists()
    # The corpus ids stay with the text search shows.
    assert Provision.objects.get(external_id="72-2020-qh14_art160").version == second


def test_its_statuses_are_computed_from_dates_and_relations(demo):
    statuses = dict(LegalDocumentPage.objects.values_list("number", "legal_status"))
    assert statuses["47/2010/QH12"] == "het-hieu-luc"  # expired on 01/7/2024
    # Replaced by Luật Xây dựng 2025 from 01/7/2026 (regulations/legaltext/law_table.py); a status
    # recorded without a date is tested with regulations.validity (tests/regulations/test_validity.py).
    assert statuses["50/2014/QH13"] == "het-hieu-luc"
    # Thông tư 215/2016/TT-BTC (in force 01/01/2017) replaces both of these gazette records.
    assert statuses["106/2013/TT-BTC"] == statuses["176/2012/TT-BTC"] == "het-hieu-luc"
    assert statuses["24/2012/NĐ-CP"] == "chua-xac-minh"
