"""Recomputing compliance costs at scale: every profile's figures, the grades and percentiles,
the plan items, and the per-agency totals against the 20% targets.

Builds ``--regulations`` (10,000) business regulations spread over the ministries, each with a
published cost profile (two steps, a fee, a number of subjects and a frequency), and one
reduction plan per ministry with an item for every other regulation; then runs, once each,
``compliance_cost.costing.recompute_profiles()`` (what an admin's "recompute all" and a new
parameter set trigger) and ``compliance_cost.totals.agency_reports()`` (the agency pages, the
overview and ``GET /api/v1/compliance-cost/agencies``), timing them and counting their SQL
queries. The rows are written with ``bulk_create`` into the bench database (``make bench``
creates a fresh one), next to the documents of the imported corpus. Prints a Markdown table.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=… python bench/cost_recompute.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

MINISTRIES = [
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Xây dựng",
    "Bộ Y tế",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Ngân hàng Nhà nước Việt Nam",
]


def build(count: int) -> None:
    """``count`` regulations with their profiles, steps, fees, and one plan per ministry."""
    from compliance_cost.models import CostProfile, PlanItem, ProfileCost, ProfileStep, ReductionPlan
    from regulations.agencies import resolve_agency
    from regulations.models import BusinessRegulation, LegalDocumentPage

    documents = list(LegalDocumentPage.objects.values_list("pk", flat=True).order_by("pk"))
    if not documents:
        sys.exit("cost_recompute: the bench database has no document; import the corpus first")
    agencies = [resolve_agency(name) for name in MINISTRIES]
    regulations = BusinessRegulation.objects.bulk_create(
        [
            BusinessRegulation(
                title=f"Quy định kinh doanh thử nghiệm {index + 1}",
                document_id=documents[index % len(documents)],
                category="thu-tuc-hanh-chinh",
                agency=agencies[index % len(agencies)],
            )
            for index in range(count)
        ],
        batch_size=2000,
    )
    profiles = CostProfile.objects.bulk_create(
        [
            CostProfile(
                regulation=regulation,
                agency_id=regulation.agency_id,  # save() derives it; bulk_create does not call save()
                status="cong-bo",
                subjects=100 + (index * 37) % 50_000,
                per_year=Decimal((1, 1, 2, 4, 12)[index % 5]),
            )
            for index, regulation in enumerate(regulations)
        ],
        batch_size=2000,
    )
    evidence = {"evidence_kind": "expert_estimate", "evidence_source": "Ước tính (dữ liệu đo hiệu năng)"}
    ProfileStep.objects.bulk_create(
        [
            ProfileStep(profile=profile, name=name, hours=Decimal(hours), persons=Decimal(1), **evidence)
            for index, profile in enumerate(profiles)
            for name, hours in (("Chuẩn bị hồ sơ", 1 + index % 8), ("Nộp hồ sơ, nhận kết quả", 1 + index % 3))
        ],
        batch_size=4000,
    )
    ProfileCost.objects.bulk_create(
        [
            ProfileCost(
                profile=profile,
                category="phi-le-phi",
                name="Lệ phí",
                amount=Decimal(50_000 * (1 + index % 20)),
                **evidence,
            )
            for index, profile in enumerate(profiles)
        ],
        batch_size=4000,
    )
    plans = {
        agency.pk: ReductionPlan.objects.create(agency=agency, title="Phương án cắt giảm (đo hiệu năng)", year=2026)
        for agency in agencies
    }
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                plan=plans[regulation.agency_id],
                regulation=regulation,
                action=("don-gian-hoa", "sua-doi", "bai-bo")[index % 3],
                change="Nộp hồ sơ trực tuyến",
                after_entered=Decimal(1000 * (index % 7)) if index % 3 == 1 else None,
                after_evidence_kind="expert_estimate" if index % 3 == 1 else "",
                after_evidence_source="Ước tính (dữ liệu đo hiệu năng)" if index % 3 == 1 else "",
            )
            for index, regulation in enumerate(regulations)
            if index % 2 == 0
        ],
        batch_size=2000,
    )


def measured(action):
    """(result, seconds, queries) of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
    return result, seconds, len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regulations", type=int, default=10_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from compliance_cost import costing
    from compliance_cost.models import CostProfile, PlanItem
    from compliance_cost.totals import agency_reports

    started = time.perf_counter()
    build(args.regulations)
    built = time.perf_counter() - started
    computed, recompute_s, recompute_q = measured(costing.recompute_profiles)
    reports, totals_s, totals_q = measured(agency_reports)
    scored = CostProfile.objects.scored().count()
    items = PlanItem.objects.count()
    if computed < args.regulations or scored < args.regulations:
        sys.exit(f"cost_recompute: {computed} profiles computed, {scored} scored, expected {args.regulations}")
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    lines = [
        "| step | rows | seconds | SQL queries |",
        "|---|---|---|---|",
        f"| `recompute_profiles()`: every profile's figures (one `UPDATE … FROM` JSON), grades and percentiles, "
        f"plan items, search outbox | {computed} profiles, {items} plan items | {recompute_s:.2f} | {recompute_q} |",
        f"| `agency_reports()`: per-agency totals, planned and in force, against the 20% targets "
        f"| {len(reports)} agencies | {totals_s:.2f} | {totals_q} |",
        "",
        f"{args.regulations} regulations on {database}, built with `bulk_create` in {built:.1f} s (not counted). "
        "The query counts do not grow with the number of regulations "
        "(`tests/compliance_cost/test_recompute.py` checks it on 3 and 15).",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
