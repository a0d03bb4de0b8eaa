"""Revised drafts: a second version that inserts an article (so the next ones are renumbered),
rewrites one and drops one; comments follow their article to it (consultations.revisions), the
synthesis says where each accepted comment was taken in, and the redline page shows it all."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.answers import actions
from consultations.models import Disposition
from consultations.revisions import compare_versions, later_version, where_taken_in
from consultations.synthesis import collect
from regulations.importing import DocumentRecord, VersionDetails, save_document
from regulations.models import LegalStatus, VersionKind
from regulations.parsers.types import ParsedNode
from regulations.redline import ChangeKind
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db

KEY = "du-thao-test-cam-do"
TITLE = "Dự thảo Nghị định về kinh doanh dịch vụ cầm đồ"


def _article(label: str, heading: str, *clauses: str) -> ParsedNode:
    children = [ParsedNode("clause", str(n), "", text, 0, []) for n, text in enumerate(clauses, start=1)]
    return ParsedNode("article", label, heading, "", 0, children)


FIRST = [
    _article("1", "Phạm vi điều chỉnh", "Nghị định này quy định điều kiện kinh doanh dịch vụ cầm đồ."),
    _article(
        "2",
        "Điều kiện kinh doanh",
        "Có giấy chứng nhận đủ điều kiện về an ninh, trật tự.",
        "Có vốn pháp định tối thiểu 5 tỷ đồng.",
    ),
    _article("3", "Báo cáo định kỳ", "Doanh nghiệp báo cáo hằng tháng với cơ quan công an cấp huyện."),
]
SECOND = [
    FIRST[0],
    _article("2", "Giải thích từ ngữ", "Cầm đồ là việc bên nhận cầm đồ cho vay và nhận tài sản cầm cố."),
    _article(
        "3",
        "Điều kiện kinh doanh",
        "Có giấy chứng nhận đủ điều kiện về an ninh, trật tự.",
        "Có vốn điều lệ tối thiểu 1 tỷ đồng.",
    ),
]


def _record(nodes) -> DocumentRecord:
    return DocumentRecord(
        title=TITLE,
        doc_type="nghi-dinh",
        issuer="Bộ Tài chính",
        legal_status=LegalStatus.DRAFT,
        external_id=KEY,
        nodes=nodes,
        fields=["Tài chính, ngân hàng"],
    )


@pytest.fixture
def consultation(finance_folder):
    draft = save_document(_record(FIRST), version=VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 1")).page
    return make_consultation(
        draft, agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30, title=TITLE
    )


@pytest.fixture
def revised(consultation):
    details = VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 2")
    return save_document(_record(SECOND), new_version=True, version=details).version


def _unit(version, number: str):
    return version.provisions.get(anchor=f"dieu-{number}")


def test_it_compares_the_draft_versions_article_by_article(consultation, revised):
    first = consultation.version
    assert later_version(first) == revised
    found = compare_versions(first, revised)
    summary = [(c.kind, c.old and c.old.label, c.new and c.new.label) for c in found.redline.changes]
    assert summary == [
        (ChangeKind.UNCHANGED, "Điều 1", "Điều 1"),
        (ChangeKind.ADDED, None, "Điều 2"),
        (ChangeKind.CHANGED, "Điều 2", "Điều 3"),
        (ChangeKind.REMOVED, "Điều 3", None),
    ]
    body = found.redline.changes[2].body
    assert [s.text.strip() for s in body if s.op == "delete"] == ["pháp định", "5"]
    assert [s.text.strip() for s in body if s.op == "insert"] == ["điều lệ", "1"]


def test_it_says_where_the_revised_draft_took_each_comment_in(consultation, revised):
    first = consultation.version
    on_conditions = make_comment(consultation, _unit(first, "2"), "Đề nghị giảm vốn pháp định.")
    on_reports = make_comment(consultation, _unit(first, "3"), "Đề nghị báo cáo theo quý.")
    on_the_whole = make_comment(consultation, None, "Cần đánh giá tác động.")
    assert on_conditions.version == first  # each comment says which version it was made on
    assert where_taken_in(on_conditions) == _unit(revised, "3")
    assert where_taken_in(on_reports) is None  # the revised draft dropped the article
    assert where_taken_in(on_the_whole) is None
    on_revised = make_comment(consultation, _unit(revised, "3"), "Vốn 1 tỷ vẫn cao.", version=revised)
    assert where_taken_in(on_revised) is None  # no later version yet


def test_it_shows_in_the_synthesis_where_each_accepted_comment_was_taken_in(consultation, revised, alice, bob):
    first = consultation.version
    accepted = make_comment(consultation, _unit(first, "2"), "Đề nghị giảm vốn pháp định.")
    explained = make_comment(consultation, _unit(first, "1"), "Đề nghị mở rộng phạm vi.")
    for comment, disposition in ((accepted, Disposition.ACCEPTED), (explained, Disposition.EXPLAINED)):
        answer = actions.write_answer(alice, comment=comment, disposition=disposition, text="Trả lời.")
        actions.approve_answer(bob, answer)
    lines = {line.comment_id: line for line in collect.lines(consultation)}
    assert lines[accepted.pk].taken_in == "Điều 3 (Phiên bản 2: Dự thảo lần 2)"
    assert lines[accepted.pk].version_label == "Phiên bản 1: Dự thảo lần 1"
    assert lines[explained.pk].taken_in == ""
    report = collect.build(consultation)
    (row,) = [row for section in report.sections for row in section.rows if accepted.pk in row.comment_ids]
    assert row.taken_in_sentence == "Đã thể hiện tại Điều 3 (Phiên bản 2: Dự thảo lần 2)."


def test_it_shows_the_redline_page_with_the_comments_following_their_article(client, consultation, revised):
    comment = make_comment(consultation, _unit(consultation.version, "2"), "Đề nghị giảm vốn pháp định.")
    url = reverse("consultations_redline:page", args=[consultation.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Điều 3. Điều kiện kinh doanh" in html and "Sửa đổi, trước là Điều 2" in html
    assert "Điều mới" in html and "Đã bỏ" in html
    assert '<del><span class="visually-hidden">[bỏ: </span>pháp định' in html
    assert '<ins><span class="visually-hidden">[thêm: </span>điều lệ' in html
    section = html.split('id="thay-doi-dieu-3"', 1)[1].split("</section>", 1)[0]
    assert comment.receipt_number in section and "góp ý trên Phiên bản 1: Dự thảo lần 1" in section
    assert "Điều 1. Phạm vi" not in html  # unchanged articles are not repeated


def test_it_refuses_a_version_the_draft_does_not_have_with_a_clear_message(client, consultation, revised):
    url = reverse("consultations_redline:page", args=[consultation.pk])
    response = client.get(url, {"tu": "1", "den": "9"})
    assert response.status_code == 400
    assert "Dự thảo không có phiên bản này" in response.content.decode()
    response = client.get(url, {"tu": "2", "den": "2"})
    assert response.status_code == 400 and "hai phiên bản khác nhau" in response.content.decode()


def test_it_says_when_the_draft_has_no_revised_version(client, consultation):
    response = client.get(reverse("consultations_redline:page", args=[consultation.pk]))
    assert response.status_code == 200
    assert "chưa có phiên bản sửa đổi" in response.content.decode()


def test_it_links_the_consultation_page_to_the_redline_once_the_draft_is_revised(client, consultation, revised):
    link = reverse("consultations_redline:page", args=[consultation.pk])
    html = client.get(consultation.url).content.decode()
    assert f'href="{link}"' in html and "So sánh 2 phiên bản dự thảo" in html


def test_it_shows_no_redline_link_for_a_draft_with_one_version(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert reverse("consultations_redline:page", args=[consultation.pk]) not in html
