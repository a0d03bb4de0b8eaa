import pytest

from regulations.importing import DocumentRecord, ImportProblem, RelationRecord, save_document
from regulations.models import DocumentRelation, LegalDocumentPage, Provision, RelationKind
from tests.regulations.builders import article, make_document

pytestmark = pytest.mark.django_db


def test_it_creates_a_published_page_with_its_structure_under_the_agency_folder():
    page = make_document(articles=3)

    assert page.live
    assert page.get_parent().specific.agency.name == "Chính phủ"
    assert page.url_path.endswith("/van-ban/chinh-phu/24-2012-nd-cp/")
    anchors = list(Provision.objects.filter(document=page).values_list("anchor", flat=True))
    assert anchors[:4] == ["dieu-1", "dieu-1-khoan-1", "dieu-1-khoan-1-diem-a", "dieu-1-khoan-2"]
    assert Provision.objects.filter(document=page, kind="article").count() == 3
    point = Provision.objects.get(document=page, anchor="dieu-2-khoan-1-diem-a")
    assert point.parent.anchor == "dieu-2-khoan-1"
    assert point.citation == "điểm a khoản 1 Điều 2"


def test_it_is_idempotent_and_keeps_provision_ids_on_reimport():
    page = make_document(articles=3)
    ids = dict(Provision.objects.filter(document=page).values_list("anchor", "id"))

    again = save_document(
        DocumentRecord(
            title=page.title,
            doc_type="nghi-dinh",
            number="24/2012/nđ-cp",
            issuer="Chính phủ",
            nodes=[article(str(i), f"Điều kiện kinh doanh số {i}") for i in range(1, 3)],
        )
    )

    assert again.outcome == "updated"
    assert again.page.pk == page.pk
    assert LegalDocumentPage.objects.count() == 1
    remaining = dict(Provision.objects.filter(document=page).values_list("anchor", "id"))
    assert "dieu-3" not in remaining
    assert all(remaining[a] == ids[a] for a in remaining)


def test_it_reports_unchanged_when_the_same_record_comes_twice():
    record = DocumentRecord(
        title="Luật Du lịch 2017", doc_type="luat", number="09/2017/QH14", nodes=[article("1", "Phạm vi điều chỉnh")]
    )
    assert save_document(record).outcome == "created"
    assert save_document(record).outcome == "unchanged"


def test_it_links_relations_in_both_directions_when_the_target_arrives_later():
    decree = make_document(relations=[RelationRecord(RelationKind.BASIS, "47/2010/QH12", "Luật Các tổ chức tín dụng")])
    relation = DocumentRelation.objects.get(source=decree)
    assert relation.target is None

    law = make_document(
        number="47/2010/QH12", title="Luật Các tổ chức tín dụng 2010", issuer="Quốc hội", doc_type="luat"
    )

    relation.refresh_from_db()
    assert relation.target == law
    assert list(law.relations_in.values_list("source__number", flat=True)) == ["24/2012/NĐ-CP"]


def test_it_refuses_a_record_without_issuer_or_number_and_leaves_nothing_behind():
    with pytest.raises(ImportProblem, match="cơ quan ban hành"):
        save_document(DocumentRecord(title="Văn bản lạ", doc_type="khac", nodes=[article("1", "X")]))
    assert LegalDocumentPage.objects.count() == 0
    assert Provision.objects.count() == 0


def test_it_rolls_back_the_whole_document_when_saving_fails_midway(monkeypatch):
    import regulations.importing as importing

    def broken(page, record):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "sync_provisions", broken)
    with pytest.raises(RuntimeError):
        make_document()
    assert LegalDocumentPage.objects.count() == 0
    assert Provision.objects.count() == 0
