"""The scores of all cost profiles, in two SQL statements whatever their number.

Grade and percentile are defined in compliance_cost.model.scoring (pure): the grade by the band
of the annual cost, the percentile as the share of scored profiles costing at most as much
(``CUME_DIST``), here counted as integers, ×100, rounded half-up to 2 decimals (PostgreSQL
divides exactly; SQLite in floating point, which can differ in the last digit of a tie at
exactly half a hundredth). Scored profiles are the published current ones with a cost
(``CostProfile.objects.scored()``); every other profile has no score.
"""

from __future__ import annotations

from django.db import connection

from compliance_cost.model.scoring import BANDS
from compliance_cost.models import CostProfile, ProfileStatus


def _grade_case(column: str) -> tuple[str, list[object]]:
    whens, params = [], []
    for band in BANDS:
        if band.upper is None:
            continue
        whens.append(f"WHEN {column} < %s THEN %s")
        params += [band.upper, band.grade]
    return f"CASE {' '.join(whens)} ELSE %s END", [*params, BANDS[-1].grade]


def rescore() -> None:
    """Grade and percentile of every scored profile; the others' cleared."""
    quote = connection.ops.quote_name
    table = quote(CostProfile._meta.db_table)
    annual, grade, percentile = (
        quote(CostProfile._meta.get_field(n).column) for n in ("annual_total", "grade", "percentile")
    )
    status, plan_item = quote("status"), quote(CostProfile._meta.get_field("plan_item").column)
    scored = f"{status} = %s AND {plan_item} IS NULL AND {annual} IS NOT NULL"
    case, case_params = _grade_case(f"{table}.{annual}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {grade} = '', {percentile} = NULL WHERE NOT ({scored}) "
            f"AND ({grade} <> '' OR {percentile} IS NOT NULL)",
            [ProfileStatus.PUBLISHED],
        )
        cursor.execute(
            f"UPDATE {table} SET {grade} = {case}, {percentile} = ranked.pct "
            f"FROM (SELECT id, ROUND(COUNT(*) OVER (ORDER BY {annual}) * 100.0 / COUNT(*) OVER (), 2) AS pct "
            f"FROM {table} WHERE {scored}) AS ranked WHERE {table}.id = ranked.id",
            [*case_params, ProfileStatus.PUBLISHED],
        )
