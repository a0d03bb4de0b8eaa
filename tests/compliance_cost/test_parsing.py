"""Validation in the pure layer: every bad input is refused with its field path, in both languages."""

import copy
from decimal import Decimal

import pytest

from compliance_cost.model import EvidenceKind, InvalidInput, Method, parse_calculation, parse_comparison
from tests.compliance_cost.builders import ISSUE_EXAMPLE, PARAMETER_SETS, VN_2024


def body(**changes):
    data = copy.deepcopy(ISSUE_EXAMPLE)
    for key, value in changes.items():
        data[key] = value
    return data


def with_recurring(**changes):
    data = body()
    data["recurring"].update(changes)
    return data


def errors_of(data, parameter_sets=PARAMETER_SETS) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        parse_calculation(data, parameter_sets)
    return caught.value.errors


def assert_bilingual(message: str) -> None:
    vietnamese, english = message.split(" / ", 1)
    assert vietnamese and english
    assert any(ch in vietnamese for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý")


def test_it_reads_the_issue_example():
    calc = parse_calculation(ISSUE_EXAMPLE, PARAMETER_SETS)
    assert calc.method is Method.VN
    assert calc.hourly_value.value == 43750
    assert calc.subjects is not None and calc.subjects.value == 325000
    assert calc.recurring is not None and calc.recurring.per_year is not None
    assert calc.recurring.per_year.value == 12
    assert calc.recurring.fees[0].amount.value == 500000
    assert calc.parameter_set is None  # the request gave both hourly_value and overhead_multiplier


def test_it_takes_missing_rates_from_the_current_parameter_set_and_says_so():
    data = body()
    del data["hourly_value"], data["overhead_multiplier"]
    calc = parse_calculation(data, PARAMETER_SETS)
    assert calc.parameter_set is VN_2024
    assert calc.supplied_by_parameter_set == ("hourly_value", "overhead_multiplier")
    assert calc.hourly_value.value == 43750

    data = body(hourly_value=50000)
    del data["overhead_multiplier"]
    calc = parse_calculation(data, PARAMETER_SETS)
    assert calc.supplied_by_parameter_set == ("overhead_multiplier",)
    assert calc.hourly_value.value == 50000


def test_it_keeps_decimals_exact_and_reads_ranges_with_evidence():
    data = with_recurring(
        steps=[
            {
                "hours": {
                    "value": Decimal("1.5"),
                    "low": 1,
                    "high": 2.25,
                    "evidence": {"kind": "survey", "source": "Khảo sát 120 doanh nghiệp", "url": "https://vcci.com.vn"},
                }
            }
        ]
    )
    step = parse_calculation(data, PARAMETER_SETS).recurring.steps[0]
    assert (step.hours.value, step.hours.low, step.hours.high) == (Decimal("1.5"), 1, Decimal("2.25"))
    assert step.hours.evidence is not None and step.hours.evidence.kind is EvidenceKind.SURVEY
    assert step.persons.value == 1


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (with_recurring(steps=[{"hours": -2}]), "recurring.steps[0].hours"),
        (with_recurring(steps=[{"hours": 9000}]), "recurring.steps[0].hours"),
        (with_recurring(steps=[{"hours": 2, "persons": 0}]), "recurring.steps[0].persons"),
        (with_recurring(steps=[{"hours": 2, "persons": 5000}]), "recurring.steps[0].persons"),
        (with_recurring(fees=[{"amount": -1}]), "recurring.fees[0].amount"),
        (with_recurring(other_costs=[{"amount": 10**13}]), "recurring.other_costs[0].amount"),
        (with_recurring(service_cost=-5), "recurring.service_cost"),
        (body(subjects=-1), "subjects"),
        (body(subjects=12.5), "subjects"),
        (body(subjects=Decimal("300.0")), "subjects"),
        (body(horizon_years=1.0), "horizon_years"),
        (body(hourly_value=0), "hourly_value"),
        (body(overhead_multiplier="0.5"), "overhead_multiplier"),
        (body(overhead_multiplier=0.5), "overhead_multiplier"),
        (body(horizon_years=0), "horizon_years"),
        (body(horizon_years=51), "horizon_years"),
    ],
)
def test_it_refuses_negative_or_absurd_numbers(data, path):
    errors = errors_of(data)
    assert path in errors
    assert_bilingual(errors[path])


def test_it_refuses_text_where_a_number_belongs():
    errors = errors_of(with_recurring(steps=[{"hours": "hai giờ"}], per_year="12"))
    assert "Phải nhập số, không phải chữ" in errors["recurring.steps[0].hours"]
    assert "text where a number belongs" in errors["recurring.steps[0].hours"]
    assert "recurring.per_year" in errors


def test_it_refuses_booleans_and_non_finite_numbers():
    errors = errors_of(body(subjects=True, hourly_value=float("nan")))
    assert "subjects" in errors
    assert "hourly_value" in errors


def test_it_refuses_a_frequency_of_zero_with_a_horizon():
    errors = errors_of(body(horizon_years=3, recurring={**ISSUE_EXAMPLE["recurring"], "per_year": 0}))
    assert "Tần suất bằng 0 trong thời hạn 3 năm" in errors["recurring.per_year"]
    assert "frequency of zero over a horizon of 3 years" in errors["recurring.per_year"]


def test_it_refuses_both_per_year_and_every_years():
    errors = errors_of(with_recurring(per_year=12, every_years=2))
    assert set(errors) == {"recurring.per_year", "recurring.every_years"}
    assert "not both" in errors["recurring.every_years"]


def test_it_refuses_no_frequency_at_all():
    errors = errors_of(with_recurring(per_year=None, every_years=None))
    assert "recurring.per_year" in errors


def test_it_refuses_a_first_year_past_the_horizon():
    errors = errors_of(body(horizon_years=3, recurring={**ISSUE_EXAMPLE["recurring"], "first_year": 4}))
    assert "Năm 4 nằm sau thời hạn tính 3 năm" in errors["recurring.first_year"]
    assert "past the horizon of 3 years" in errors["recurring.first_year"]
    errors = errors_of(body(horizon_years=2, one_off={"amount": 5, "year": 3}))
    assert "one_off.year" in errors


def test_it_refuses_an_unknown_method_and_lists_the_accepted_ones():
    with pytest.raises(InvalidInput) as caught:
        parse_calculation(body(method="rbm"), PARAMETER_SETS)
    assert "method" in caught.value.errors
    assert caught.value.allowed["method"] == ["vn", "scm"]
    assert "method" in errors_of({k: v for k, v in ISSUE_EXAMPLE.items() if k != "method"})


def test_it_refuses_a_missing_parameter_set():
    data = body(method="scm")
    del data["hourly_value"]
    errors = errors_of(data, {Method.VN: VN_2024})
    assert "Chưa có bộ tham số đang áp dụng cho phương pháp 'scm'" in errors["hourly_value"]
    assert "no active parameter set for method 'scm'" in errors["hourly_value"]
    assert "overhead_multiplier" not in errors


def test_it_refuses_unknown_fields_anywhere():
    data = with_recurring(per_yaer=3)
    data["recurring"]["steps"][0]["minutes"] = 5
    data["extra"] = 1
    errors = errors_of(data)
    assert {"recurring.per_yaer", "recurring.steps[0].minutes", "extra"} <= set(errors)


def test_it_refuses_frequencies_with_dossiers_per_year():
    """dossiers_per_year already counts everyone's occurrences: a frequency would multiply them again."""
    errors = errors_of(body(dossiers_per_year=50000))
    assert "dossiers_per_year already counts" in errors["recurring.per_year"]
    calc = parse_calculation(body(dossiers_per_year=50000, recurring={"steps": [{"hours": 1}]}), PARAMETER_SETS)
    assert calc.counts_dossiers


def test_it_needs_subjects_or_dossiers_and_subjects_for_one_off_costs():
    data = body()
    del data["subjects"]
    assert "subjects" in errors_of(data)
    data["dossiers_per_year"] = 100
    data["recurring"] = {"cost_per_occurrence": 5}
    assert "one-off costs are per subject" in errors_of(data)["subjects"]
    del data["one_off"]
    assert parse_calculation(data, PARAMETER_SETS).dossiers_per_year.value == 100


def test_it_needs_some_cost():
    errors = errors_of(body(recurring=None, one_off=None))
    assert "recurring" in errors


def test_it_refuses_reversed_ranges_and_bad_evidence():
    errors = errors_of(
        with_recurring(
            steps=[{"hours": {"value": 2, "low": 3}}],
            fees=[{"amount": {"value": 5, "high": 4}}],
            other_costs=[{"amount": {"value": 5, "evidence": {"kind": "rumour", "source": " ", "url": "ftp://x"}}}],
        )
    )
    assert "recurring.steps[0].hours.low" in errors
    assert "recurring.fees[0].amount.high" in errors
    assert {
        "recurring.other_costs[0].amount.evidence.kind",
        "recurring.other_costs[0].amount.evidence.source",
        "recurring.other_costs[0].amount.evidence.url",
    } <= set(errors)


def test_it_refuses_wrong_shapes_and_too_many_entries():
    errors = errors_of(with_recurring(steps={"hours": 2}, fees=[{"amount": 1}] * 51, other_costs=[3]))
    assert "must be a list" in errors["recurring.steps"]
    assert "at most 50 entries" in errors["recurring.fees"]
    assert "must be a JSON object" in errors["recurring.other_costs[0]"]
    assert "body" in errors_of([1, 2])


def test_it_compares_only_calculations_of_the_same_method():
    with pytest.raises(InvalidInput) as caught:
        parse_comparison({"before": body(), "after": body(method="scm")}, PARAMETER_SETS)
    assert "after.method" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        parse_comparison({"before": body(subjects=-1)}, PARAMETER_SETS)
    assert {"before.subjects", "after"} <= set(caught.value.errors)
    before, after = parse_comparison({"before": body(), "after": body(subjects=1)}, PARAMETER_SETS)
    assert after.subjects.value == 1
