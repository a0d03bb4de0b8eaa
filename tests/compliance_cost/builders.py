"""Short ways to build cost model inputs in tests (numbers as strings or ints, never floats)."""

from decimal import Decimal

from compliance_cost.model import (
    Calculation,
    CostItem,
    Estimate,
    Method,
    OneOff,
    ParameterSetRef,
    Recurring,
    Step,
)


def d(value) -> Decimal:
    return Decimal(str(value))


def est(value, low=None, high=None) -> Estimate:
    return Estimate(d(value), None if low is None else d(low), None if high is None else d(high))


def step(hours, persons=1) -> Step:
    return Step(hours=hours if isinstance(hours, Estimate) else est(hours), persons=est(persons))


def item(amount, name="") -> CostItem:
    return CostItem(amount=amount if isinstance(amount, Estimate) else est(amount), name=name)


def recurring(*, steps=(), services=0, fees=(), other=(), given=None, per_year=None, every=None, first=1):
    return Recurring(
        steps=tuple(steps),
        service_cost=est(services),
        fees=tuple(item(f) for f in fees),
        other_costs=tuple(item(o) for o in other),
        cost_per_occurrence=None if given is None else est(given),
        per_year=None if per_year is None else (per_year if isinstance(per_year, Estimate) else est(per_year)),
        every_years=every,
        first_year=first,
    )


def calculation(
    *,
    method=Method.VN,
    hourly_value=43750,
    multiplier=1,
    subjects=1,
    dossiers=None,
    horizon=1,
    recurring=None,
    one_off=None,
) -> Calculation:
    return Calculation(
        method=method,
        hourly_value=hourly_value if isinstance(hourly_value, Estimate) else est(hourly_value),
        overhead_multiplier=est(multiplier),
        horizon_years=horizon,
        subjects=None if subjects is None else (subjects if isinstance(subjects, Estimate) else est(subjects)),
        dossiers_per_year=None if dossiers is None else est(dossiers),
        recurring=recurring,
        one_off=one_off,
    )


def one_off(*, steps=(), amount=0, year=1) -> OneOff:
    return OneOff(steps=tuple(steps), amount=est(amount), year=year)


VN_2024 = ParameterSetRef(
    id=None,
    name="Thu nhập bình quân 2024",
    method=Method.VN,
    base_year=2024,
    hourly_value=Decimal(43750),
    overhead_multiplier=Decimal(1),
    source="Tổng cục Thống kê",
)
SCM_2024 = ParameterSetRef(
    id=None,
    name="SCM 2024",
    method=Method.SCM,
    base_year=2024,
    hourly_value=Decimal(43750),
    overhead_multiplier=Decimal("1.25"),
    source="Tổng cục Thống kê; SCM",
)
PARAMETER_SETS = {Method.VN: VN_2024, Method.SCM: SCM_2024}

ISSUE_EXAMPLE = {
    "method": "vn",
    "hourly_value": 43750,
    "overhead_multiplier": 1,
    "subjects": 325000,
    "horizon_years": 1,
    "recurring": {
        "steps": [{"name": "Chuẩn bị hồ sơ", "hours": 2, "persons": 1}],
        "service_cost": 0,
        "fees": [{"name": "Lệ phí", "amount": 500000}],
        "other_costs": [{"name": "Sao y, gửi hồ sơ", "amount": 30000}],
        "cost_per_occurrence": None,
        "per_year": 12,
        "every_years": None,
        "first_year": 1,
    },
    "one_off": {"steps": [], "amount": 0, "year": 1},
}
