"""The first parameter sets: average income per hour from the General Statistics Office.

Hourly value = average monthly income of workers ÷ 22 working days ÷ 8 hours (Bộ luật Lao động
45/2019/QH14, Điều 105: normal working time at most 8 hours a day; 22 days is a five-day week).
* vn 2023: 7,100,000 đồng a month → 40,340.909… đồng an hour;
* vn 2024: 7,700,000 đồng a month → 43,750 đồng an hour (the issue's example figure);
* scm 2024: the same income × 1.25, the Standard Cost Model's default 25% overhead → 54,687.50.
Admins add later years in the admin; this migration never overwrites an edited set.
"""

from decimal import Decimal
from typing import Any

from django.db import migrations

WORKING_TIME = (
    "Thời gian làm việc: 22 ngày một tháng × 8 giờ một ngày (Điều 105 Bộ luật Lao động 45/2019/QH14: "
    "thời giờ làm việc bình thường không quá 8 giờ trong 01 ngày; 22 ngày ứng với tuần làm việc 5 ngày)."
)

SETS = [
    {
        "name": "Thu nhập bình quân của người lao động năm 2023 (Tổng cục Thống kê)",
        "method": "vn",
        "base_year": 2023,
        "income": Decimal("7100000"),
        "overhead_multiplier": Decimal("1"),
        "source_citation": (
            "Tổng cục Thống kê: thu nhập bình quân tháng của người lao động năm 2023 là 7,1 triệu đồng, "
            "tăng 6,9% so với năm 2022 (số liệu công bố tháng 01/2024; TTXVN/VietnamPlus đưa tin ngày 09/01/2024)."
        ),
        "source_url": "https://en.vietnamplus.vn/vietnamese-labourers-average-income-up-69-in-2023/275998.vnp",
    },
    {
        "name": "Thu nhập bình quân của người lao động năm 2024 (Tổng cục Thống kê)",
        "method": "vn",
        "base_year": 2024,
        "income": Decimal("7700000"),
        "overhead_multiplier": Decimal("1"),
        "source_citation": (
            "Tổng cục Thống kê, họp báo công bố số liệu thống kê quý IV và năm 2024 (Hà Nội, 06/01/2025): "
            "thu nhập bình quân tháng của người lao động năm 2024 là 7,7 triệu đồng, tăng 8,6% so với năm 2023."
        ),
        "source_url": "https://www.gso.gov.vn/",
    },
    {
        "name": "Mô hình chi phí chuẩn (SCM): thu nhập bình quân 2024 × 1,25",
        "method": "scm",
        "base_year": 2024,
        "income": Decimal("7700000"),
        "overhead_multiplier": Decimal("1.25"),
        "source_citation": (
            "Tiền lương: thu nhập bình quân tháng của người lao động năm 2024, 7,7 triệu đồng (Tổng cục Thống kê, "
            "06/01/2025). Hệ số chi phí chung 1,25: mức mặc định 25% chi phí chung (overhead) của Mô hình chi phí "
            "chuẩn (International Standard Cost Model Manual, SCM Network); phí, lệ phí không tính vào gánh nặng."
        ),
        "source_url": "https://www.gso.gov.vn/",
    },
]


def create_sets(apps: Any, schema_editor: Any) -> None:
    ParameterSet = apps.get_model("compliance_cost", "ParameterSet")
    for values in SETS:
        if ParameterSet.objects.filter(method=values["method"], base_year=values["base_year"]).exists():
            continue
        ParameterSet.objects.create(
            **values,
            income_months=1,
            working_days_per_month=Decimal("22"),
            working_hours_per_day=Decimal("8"),
            notes=WORKING_TIME,
            is_active=True,
        )


def remove_sets(apps: Any, schema_editor: Any) -> None:
    ParameterSet = apps.get_model("compliance_cost", "ParameterSet")
    for values in SETS:
        ParameterSet.objects.filter(name=values["name"], method=values["method"], base_year=values["base_year"]).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance_cost", "0001_initial")]

    operations = [migrations.RunPython(create_sets, remove_sets)]
