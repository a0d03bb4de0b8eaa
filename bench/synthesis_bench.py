"""Synthesis benchmark: building the report, its DOCX and its XLSX for a consultation with 200
articles and 2,000 comments (every one answered and public: 1,400 answered one by one, 600 in
20 near-duplicate groups answered once each), timed, with the number of SQL queries — the same
for a consultation of 10 articles and 100 comments, or the count grows with the size.

Runs in a database of its own (created from DATABASE_URL as Django's test database, migrated,
dropped at the end). Through `make bench`, or:

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... python bench/synthesis_bench.py
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultations.folders import ensure_consultation_folder  # noqa: E402
from consultations.models import (  # noqa: E402
    Answer,
    AnswerState,
    CommenterType,
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    Disposition,
    GroupMembership,
)
from consultations.synthesis import collect, docx_layout, tables  # noqa: E402
from regulations.agencies import resolve_agency  # noqa: E402
from regulations.importing import DocumentRecord, save_document  # noqa: E402
from regulations.models import LegalStatus  # noqa: E402
from regulations.parsers.types import ParsedNode  # noqa: E402

AGENCY = "Bộ Tài chính"
DISPOSITIONS = list(Disposition.values)


def _article(number: int) -> ParsedNode:
    clauses = [
        ParsedNode("clause", str(c), "", f"Nội dung khoản {c} Điều {number} về điều kiện kinh doanh.", 0)
        for c in (1, 2)
    ]
    return ParsedNode("article", str(number), f"Quy định số {number}", "", 0, clauses)


def make_consultation(articles: int, comments: int, groups: int, per_group: int, slug: str) -> ConsultationPage:
    record = DocumentRecord(
        title=f"Dự thảo Nghị định thử tải {slug}",
        doc_type="nghi-dinh",
        issuer=AGENCY,
        legal_status=LegalStatus.DRAFT,
        external_id=f"du-thao-bench-{slug}",
        nodes=[_article(n) for n in range(1, articles + 1)],
    )
    draft = save_document(record).page
    folder = ensure_consultation_folder(resolve_agency(AGENCY))
    opens_at = timezone.now() - timedelta(days=40)
    page = ConsultationPage(
        title=record.title,
        slug=slug,
        document=draft,
        opens_at=opens_at,
        closing_date=timezone.localdate() - timedelta(days=10),
    )
    folder.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    units = list(page.version.provisions.filter(kind="article").order_by("position"))
    approver = User.objects.get_or_create(username="bench-approver")[0]
    made = []
    for index in range(comments):
        individual = index % 3 == 0
        comment = ConsultationComment(
            consultation=page,
            provision=units[index % len(units)] if index % 10 else None,
            comment=f"Góp ý số {index}: đề nghị sửa quy định để giảm chi phí tuân thủ cho doanh nghiệp. " * 3,
            commenter_type=CommenterType.INDIVIDUAL if individual else CommenterType.BUSINESS,
            organization="" if individual else f"Công ty TNHH Thử tải {index % 400}",
            user_name=f"Người góp ý {index}",
            user_email=f"nguoi{index % 700}@example.vn",
            submit_date=opens_at + timedelta(hours=1 + index % 500),
        )
        comment.mark_received(opens_at + timedelta(hours=2 + index % 500))
        comment.status = CommentStatus.ANSWERED
        comment.save()
        made.append(comment)
    grouped = made[: groups * per_group]
    now = timezone.now()
    for g in range(groups):
        group = CommentGroup.objects.create(consultation=page)
        GroupMembership.objects.bulk_create(
            GroupMembership(comment=c, group=group) for c in grouped[g * per_group : (g + 1) * per_group]
        )
        Answer.objects.create(
            consultation=page,
            group=group,
            disposition=DISPOSITIONS[g % 3],
            text=f"Trả lời nhóm {g}.",
            state=AnswerState.PUBLIC,
            approved_by=approver,
            published_at=now,
        )
    Answer.objects.bulk_create(
        Answer(
            consultation=page,
            comment=c,
            disposition=DISPOSITIONS[i % 3],
            text=f"Trả lời góp ý {c.receipt_number}.",
            state=AnswerState.PUBLIC,
            approved_by=approver,
            published_at=now,
        )
        for i, c in enumerate(made[groups * per_group :])
    )
    return page


def measure(page: ConsultationPage) -> dict[str, float | int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = collect.build(page)
        built = time.perf_counter()
    docx_started = time.perf_counter()
    docx = docx_layout.render(report)
    docx_done = time.perf_counter()
    xlsx = tables.render_xlsx(report)
    xlsx_done = time.perf_counter()
    return {
        "comments": len(report.lines),
        "rows": sum(len(s.rows) for s in report.sections),
        "queries": len(queries),
        "build_s": built - started,
        "docx_s": docx_done - docx_started,
        "xlsx_s": xlsx_done - docx_done,
        "docx_kb": len(docx) // 1024,
        "xlsx_kb": len(xlsx) // 1024,
    }


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_synthesis_bench"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        small = measure(make_consultation(10, 100, 2, 15, "nho"))
        started = time.perf_counter()
        page = make_consultation(200, 2000, 20, 30, "lon")
        setup_s = time.perf_counter() - started
        large = measure(page)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("| consultation | comments | table rows | SQL queries | report (s) | DOCX (s, KiB) | XLSX (s, KiB) |")
    print("|---|---|---|---|---|---|---|")
    for name, m in (("10 articles, 100 comments", small), ("200 articles, 2,000 comments", large)):
        print(
            f"| {name} | {m['comments']} | {m['rows']} | {m['queries']} | {m['build_s']:.2f} | "
            f"{m['docx_s']:.2f}, {m['docx_kb']} | {m['xlsx_s']:.2f}, {m['xlsx_kb']} |"
        )
    same = small["queries"] == large["queries"]
    print(f"\n(data set-up: {setup_s:.0f} s; the same number of queries at both sizes: {same})")


if __name__ == "__main__":
    main()
