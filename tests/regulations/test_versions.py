"""Versions of a document's text: creation, anchors per version, the page's version parameter and
date route, notices, 404s, permalinks, stored states, and the search entry builder."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regulations.importing import DocumentRecord, RelationRecord, VersionDetails, save_document
from regulations.models import DocumentVersion, LegalDocumentPage, Provision, RelationKind, VersionKind
from regulations.parsers.types import ParsedNode
from regulations.signals import document_state_changed
from regulations.states import refresh_states
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db

NUMBER = "24/2012/NĐ-CP"
OLD_TEXT = "Doanh nghiệp phải có vốn điều lệ từ 100 tỷ đồng."
NEW_TEXT = "Doanh nghiệp phải có vốn điều lệ từ 200 tỷ đồng."


def record(article_2: str = OLD_TEXT, *, extra_article: bool = True, **values) -> DocumentRecord:
    clause = ParsedNode("clause", "1", "", article_2, 0, [])
    articles = [
        ParsedNode("article", "1", "Phạm vi điều chỉnh", "Nghị định này quy định hoạt động kinh doanh vàng.", 0, []),
        ParsedNode("article", "2", "Điều kiện kinh doanh", "", 0, [clause]),
    ]
    if extra_article:
        articles.append(ParsedNode("article", "3", "Hiệu lực thi hành", "Có hiệu lực từ ngày ký.", 0, []))
    values.setdefault("effective_date", date(2012, 5, 25))
    return DocumentRecord(
        title="Nghị định về quản lý hoạt động kinh doanh vàng",
        doc_type="nghi-dinh",
        number=NUMBER,
        issuer="Chính phủ",
        issued_date=date(2012, 4, 3),
        nodes=articles,
        **values,
    )


def amended(effective: date = date(2020, 1, 1), **details) -> LegalDocumentPage:
    """The decree in force since 2012 (version 1) and its amended text (version 2)."""
    save_document(record())
    result = save_document(
        record(NEW_TEXT, extra_article=False),
        new_version=True,
        version=VersionDetails(VersionKind.OFFICIAL, effective, label="Sửa đổi năm 2020", **details),
    )
    assert result.outcome == "new-version"
    return LegalDocumentPage.objects.get(number=NUMBER)


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# ---- creation and import ----------------------------------------------------------------------


def test_it_gives_a_new_document_version_1_holding_its_provisions():
    page = save_document(record()).page

    version = page.versions.get()
    assert (version.number, version.kind, version.is_current, version.is_published) == (1, "chinh-thuc", True, True)
    assert version.provisions.count() == Provision.objects.filter(document=page).count() == 4


def test_it_updates_the_current_version_in_place_keeping_provision_ids():
    page = save_document(record()).page
    ids = dict(Provision.objects.values_list("anchor", "pk"))

    result = save_document(record(NEW_TEXT, extra_article=False))

    assert result.outcome == "updated" and page.versions.count() == 1
    assert Provision.objects.get(anchor="dieu-2-khoan-1").text == NEW_TEXT
    assert dict(Provision.objects.values_list("anchor", "pk")) == {k: v for k, v in ids.items() if k != "dieu-3"}


def test_a_new_version_leaves_the_old_text_intact():
    page = amended()

    first, second = page.versions.order_by("number")
    assert first.provisions.get(anchor="dieu-2-khoan-1").text == OLD_TEXT
    assert first.provisions.filter(anchor="dieu-3").exists()
    assert second.provisions.get(anchor="dieu-2-khoan-1").text == NEW_TEXT
    assert not second.provisions.filter(anchor="dieu-3").exists()
    assert (second.label, second.effective_date, second.is_current, first.is_current) == (
        "Sửa đổi năm 2020",
        date(2020, 1, 1),
        True,
        False,
    )
    # The document's own dates stay those of the document.
    assert page.effective_date == date(2012, 5, 25)


def test_the_same_text_twice_is_unchanged_even_as_a_new_version():
    amended()
    again = save_document(record(NEW_TEXT, extra_article=False), new_version=True, version=VersionDetails())
    assert again.outcome == "unchanged"
    assert save_document(record()).outcome == "unchanged"
    assert DocumentVersion.objects.count() == 2


def test_anchors_are_unique_per_version_not_per_document():
    page = amended()
    first, second = page.versions.order_by("number")
    assert Provision.objects.filter(document=page, anchor="dieu-1").count() == 2

    with pytest.raises(IntegrityError), transaction.atomic():
        Provision.objects.create(document=page, version=second, kind="article", label="1", position=99, anchor="dieu-1")


def test_only_one_version_of_a_document_is_current():
    page = amended()
    with pytest.raises(IntegrityError), transaction.atomic():
        page.versions.update(is_current=True)


def test_a_draft_version_does_not_replace_the_official_text():
    save_document(record())
    result = save_document(record(NEW_TEXT), new_version=True, version=VersionDetails(VersionKind.DRAFT))
    page = result.page

    assert result.version.kind == "du-thao" and result.version.effective_date is None
    assert page.versions.get(is_current=True).number == 1
    assert page.legal_status != "du-thao"


def test_in_place_reimport_writes_the_version_read_from_the_same_source():
    save_document(record(source="nd-24.docx"))
    save_document(
        record(NEW_TEXT, source="nd-24-sua-doi.docx"),
        new_version=True,
        version=VersionDetails(effective_date=date(2020, 1, 1)),
    )

    save_document(record("Văn bản gốc, bản sửa lỗi chính tả.", source="nd-24.docx"))

    first, second = DocumentVersion.objects.order_by("number")
    assert first.provisions.get(anchor="dieu-2-khoan-1").text == "Văn bản gốc, bản sửa lỗi chính tả."
    assert second.provisions.get(anchor="dieu-2-khoan-1").text == NEW_TEXT


def test_corpus_ids_stay_on_the_current_version():
    first = record(provision_external_ids={"dieu-1": "nd24_art1", "dieu-2": "nd24_art2"})
    save_document(first)
    second = record(NEW_TEXT, provision_external_ids={"dieu-1": "nd24_art1", "dieu-2": "nd24_art2"})
    save_document(second, new_version=True, version=VersionDetails(effective_date=date(2020, 1, 1)))
    current = DocumentVersion.objects.get(is_current=True)
    assert set(current.provisions.exclude(external_id=None).values_list("external_id", flat=True)) == {
        "nd24_art1",
        "nd24_art2",
    }

    first.title = "Nghị định 24/2012/NĐ-CP"  # a changed record: re-imported in place into version 1
    first.source = "khac.jsonl"
    save_document(first)
    assert Provision.objects.get(external_id="nd24_art2").version_id == current.pk


# ---- the page ---------------------------------------------------------------------------------


def test_the_page_shows_the_current_version_and_the_version_list(client):
    page = amended()

    body = html(client, page.url)

    assert NEW_TEXT in body and OLD_TEXT not in body
    assert "Các phiên bản của văn bản" in body
    assert f'href="{page.url}?phien-ban=1"' in body
    assert "Bạn đang xem phiên bản" not in body
    assert 'aria-current="page">Đang xem' in body


def test_the_version_parameter_shows_another_version_with_a_notice(client):
    page = amended()

    body = html(client, f"{page.url}?phien-ban=1")

    assert OLD_TEXT in body and NEW_TEXT not in body
    assert "Bạn đang xem phiên bản 1 (Văn bản chính thức), không phải phiên bản hiện hành." in body
    assert "Xem phiên bản hiện hành (phiên bản 2)" in body
    assert 'id="dieu-3"' in body  # the anchors of that version
    assert '<meta name="robots" content="noindex">' in body


def test_the_date_route_shows_the_version_in_force_on_that_date(client):
    page = amended()

    before = html(client, f"{page.url}2015-06-01/")
    after = html(client, page.url_on(date(2021, 3, 1)))

    assert OLD_TEXT in before and NEW_TEXT not in before
    assert "Bạn đang xem văn bản có hiệu lực vào ngày 01/06/2015: phiên bản 1" in before
    assert NEW_TEXT in after and "Đây là phiên bản hiện hành." in after
    assert "Tình trạng vào ngày 01/03/2021" in after


def test_the_date_form_redirects_to_the_date_route(client):
    page = amended()
    response = client.get(f"{page.url}?ngay=2015-06-01")
    assert response.status_code == 302 and response.url == f"{page.url}2015-06-01/"


@pytest.mark.parametrize(
    "suffix, message",
    [
        ("2024-02-30/", "Ngày không hợp lệ: 2024-02-30."),
        ("2011-01-01/", "không có phiên bản chính thức nào của văn bản này có hiệu lực vào ngày 01/01/2011"),
        ("?phien-ban=9", "Văn bản không có phiên bản «9»."),
        ("?phien-ban=abc", "Văn bản không có phiên bản «abc»."),
        ("?ngay=hom-qua", "Ngày không hợp lệ: hom-qua"),
    ],
)
def test_bad_dates_and_unknown_versions_get_a_clear_404(client, suffix, message):
    page = amended()

    body = html(client, f"{page.url}{suffix}", status=404)

    assert message in body
    assert f'href="{page.url}?phien-ban=1"' in body  # the versions there are


def test_an_unknown_sub_path_is_the_ordinary_404(client):
    page = amended()
    assert "Không tìm thấy trang" in html(client, f"{page.url}khong-co/", status=404)


def test_permalinks_and_anchors_point_at_the_current_version(client):
    page = amended()
    assert client.get("/vb/24-2012-nd-cp/dieu-2-khoan-1/").url == f"{page.url}#dieu-2-khoan-1"
    assert client.get("/vb/24-2012-nd-cp/dieu-3/").status_code == 404  # only in version 1
    old = Provision.objects.get(version__number=1, anchor="dieu-3")
    assert old.get_absolute_url() == f"{page.url}?phien-ban=1#dieu-3"
    assert Provision.objects.get(version__number=2, anchor="dieu-1").get_absolute_url() == f"{page.url}#dieu-1"


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_every_way_of_reading_a_version_costs_the_same_number_of_queries(client):
    page = amended()
    make_document(number="1/2021/NĐ-CP", title="Nghị định một phiên bản", articles=40)
    single = LegalDocumentPage.objects.get(number="1/2021/NĐ-CP")
    _query_count(client, page.url)  # warm caches (site root paths)

    counts = {
        _query_count(client, url)
        for url in (page.url, f"{page.url}?phien-ban=1", page.url_on(date(2015, 1, 1)), single.url)
    }
    assert len(counts) == 1


def test_a_page_without_any_version_still_renders(client):
    page = make_document()
    page.versions.all().delete()
    body = html(client, page.url)
    assert "Cổng chưa có toàn văn" in body


# ---- stored states ----------------------------------------------------------------------------


def test_a_version_taking_effect_later_becomes_current_on_its_date():
    page = amended(effective=date(2100, 1, 1))
    assert page.versions.get(is_current=True).number == 1
    announced = []

    def listen(sender, document_ids, **kwargs):
        announced.extend(document_ids)

    document_state_changed.connect(listen)
    try:
        result = refresh_states(on=date(2100, 1, 1))
    finally:
        document_state_changed.disconnect(listen)

    assert page.versions.get(is_current=True).number == 2
    assert result.current_changed == [page.pk] and announced == [page.pk]


def test_the_status_goes_from_not_yet_to_in_force_on_the_effective_date(client):
    page = save_document(record(effective_date=date(2100, 1, 1), legal_status="con-hieu-luc")).page
    assert page.legal_status == "chua-co-hieu-luc"
    assert LegalDocumentPage.objects.filter(legal_status="chua-co-hieu-luc").count() == 1

    refresh_states(on=date(2100, 1, 1))

    page.refresh_from_db()
    assert page.legal_status == "con-hieu-luc"


def test_a_replacing_document_arriving_later_expires_the_old_one(client):
    old = save_document(
        record(legal_status="con-hieu-luc", relations=[RelationRecord(RelationKind.REPLACED_BY, "31/2024/QH15")])
    ).page
    assert old.legal_status == "con-hieu-luc"

    make_document(
        number="31/2024/QH15",
        title="Luật Đất đai 2024",
        issuer="Quốc hội",
        doc_type="luat",
        effective_date=date(2024, 8, 1),
    )

    old.refresh_from_db()
    assert old.legal_status == "het-hieu-luc"
    body = html(client, old.url)
    assert "Bị thay thế bởi văn bản 31/2024/QH15, có hiệu lực từ ngày 01/08/2024." in body
    assert "Xem văn bản thay thế" in body


def test_the_replacement_seen_from_the_replacing_side_counts_too():
    old = save_document(record(legal_status="con-hieu-luc")).page
    make_document(
        number="31/2024/QH15",
        title="Luật thay thế",
        issuer="Quốc hội",
        doc_type="luat",
        effective_date=date(2024, 8, 1),
        relations=[RelationRecord(RelationKind.PARTLY_REPLACES, NUMBER)],
    )
    old.refresh_from_db()
    assert old.legal_status == "het-hieu-luc-mot-phan"


def test_publishing_schedules_a_refresh_for_the_next_change():
    from django_tasks_db.models import DBTaskResult

    save_document(record(effective_date=date(2100, 1, 1)))

    waiting = DBTaskResult.objects.filter(task_path="regulations.tasks.refresh_document_states", status="READY")
    assert waiting.count() == 1
    assert timezone.localtime(waiting.get().run_after).date() == date(2100, 1, 1)


# ---- search -----------------------------------------------------------------------------------


def test_the_search_entry_builder_reads_the_current_version_only():
    from search.kinds.legal_documents import LEGAL_DOCUMENTS

    page = amended()
    entries = LEGAL_DOCUMENTS.prepare([page.pk])[page.pk]["articles"]

    assert [e["anchor"] for e in entries] == ["dieu-1", "dieu-2"]
    assert NEW_TEXT in entries[1]["text"]
    assert {e["provision_id"] for e in entries} <= set(
        page.versions.get(is_current=True).provisions.values_list("pk", flat=True)
    )


# ---- commands ---------------------------------------------------------------------------------


def decree_file(tmp_path, name: str, clause: str, draft: bool = False) -> str:
    lines = [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 24/2012/NĐ-CP",
        "Hà Nội, ngày 03 tháng 4 năm 2012",
        *(["DỰ THẢO"] if draft else []),
        "NGHỊ ĐỊNH",
        "Về quản lý hoạt động kinh doanh vàng",
        "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này quy định về hoạt động kinh doanh vàng.",
        "Điều 2. Điều kiện kinh doanh",
        f"1. {clause}",
    ]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_document_updates_in_place_or_adds_a_version_when_asked(tmp_path):
    run("import_document", decree_file(tmp_path, "nd24.txt", OLD_TEXT))
    run("import_document", decree_file(tmp_path, "nd24.txt", "Bản sửa lỗi chính tả."))
    assert DocumentVersion.objects.count() == 1
    assert Provision.objects.get(anchor="dieu-2-khoan-1").text == "Bản sửa lỗi chính tả."

    rehearsal = run(
        "import_document",
        decree_file(tmp_path, "nd24-2020.txt", NEW_TEXT),
        "--new-version",
        "--effective-date",
        "2020-01-01",
        "--dry-run",
    )
    assert rehearsal.startswith("[chạy thử]") and "phiên bản mới 1" in rehearsal
    assert DocumentVersion.objects.count() == 1

    out = run(
        "import_document",
        decree_file(tmp_path, "nd24-2020.txt", NEW_TEXT),
        "--new-version",
        "--effective-date",
        "2020-01-01",
        "--version-label",
        "Sửa đổi 2020",
    )
    assert "phiên bản mới 1" in out and "phiên bản 2" in out
    second = DocumentVersion.objects.get(number=2)
    assert (second.kind, second.effective_date, second.label, second.source, second.is_current) == (
        "chinh-thuc",
        date(2020, 1, 1),
        "Sửa đổi 2020",
        "nd24-2020.txt",
        True,
    )
    assert DocumentVersion.objects.get(number=1).provisions.get(anchor="dieu-2-khoan-1").text == "Bản sửa lỗi chính tả."

    run(
        "import_document",
        decree_file(tmp_path, "du-thao.txt", "Dự thảo vốn 300 tỷ.", draft=True),
        "--new-version",
        "--draft",
    )
    draft = DocumentVersion.objects.get(number=3)
    assert draft.kind == "du-thao" and not draft.is_current


@pytest.mark.parametrize(
    "options, message",
    [
        (["--draft"], "chỉ dùng cùng --new-version"),
        (["--effective-date", "2020-01-01"], "chỉ dùng cùng --new-version"),
        (["--new-version"], "cần --effective-date"),
        (["--new-version", "--draft", "--effective-date", "2020-01-01"], "Dự thảo không có ngày có hiệu lực"),
        (["--new-version", "--effective-date", "2020-13-01"], "Ngày không hợp lệ: 2020-13-01"),
    ],
)
def test_the_version_options_refuse_what_makes_no_sense(tmp_path, options, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("import_document", decree_file(tmp_path, "nd24.txt", OLD_TEXT), *options)
    assert not LegalDocumentPage.objects.exists()


def test_import_legal_corpus_adds_new_versions(tmp_path):
    import json

    def corpus(text: str) -> str:
        path = tmp_path / "luat.jsonl"
        lines = [
            {
                "id": "x_art1",
                "law_id": "99/2020/QH14",
                "law_title": "Luật Thử nghiệm",
                "title": "Điều 1. A",
                "text": "Một.",
            },
            {
                "id": "x_art2",
                "law_id": "99/2020/QH14",
                "law_title": "Luật Thử nghiệm",
                "title": "Điều 2. B",
                "text": text,
            },
        ]
        path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
        return str(path)

    run("import_legal_corpus", corpus("Hai."), "--no-progress")
    out = run(
        "import_legal_corpus",
        corpus("Hai, sửa đổi."),
        "--no-progress",
        "--new-version",
        "--effective-date",
        "2023-07-01",
    )

    assert "phiên bản mới 1" in out
    page = LegalDocumentPage.objects.get(number="99/2020/QH14")
    assert [v.number for v in page.versions.all()] == [1, 2]
    assert Provision.objects.current().get(document=page, anchor="dieu-2").text == "Hai, sửa đổi."
    assert Provision.objects.get(external_id="x_art2").version.number == 2
