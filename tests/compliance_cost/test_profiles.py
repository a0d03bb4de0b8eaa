"""Cost profiles: stored inputs with evidence and ranges, computed with the model and the
parameter set they record, scored among all published profiles (compliance_cost.costing,
compliance_cost.scores)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from compliance_cost import costing, scores
from compliance_cost.model.scoring import percentiles
from compliance_cost.models import CostProfile, ParameterSet, ProfileCost, ProfileStep
from tests.compliance_cost.factories import make_profile, make_regulation

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulation():
    return make_regulation()


def test_it_computes_a_profile_with_the_current_parameter_set_and_records_it(regulation):
    """1,000 subjects × once a year × (2 h × 43,750 + 500,000 fee) = 587,500,000 a year;
    587,500 per subject; grade A (under 1 billion)."""
    profile = make_profile(regulation)
    current = ParameterSet.objects.current("vn")
    assert profile.computed_parameter_set == current
    assert profile.hourly_rate == Decimal("43750.00")
    assert profile.cost_per_occurrence == Decimal(587500)
    assert profile.annual_total == Decimal(587_500_000)
    assert profile.per_subject_annual == Decimal(587500)
    assert profile.breakdown["time"] == "87500000.00" and profile.breakdown["fees"] == "500000000"
    assert (profile.grade, profile.percentile) == ("A", Decimal("100.00"))
    assert profile.agency == regulation.agency
    assert profile.computation_error == ""


def test_it_computes_the_range_from_every_input_at_its_low_and_high_end(regulation):
    """Subjects 1,000 (600–1,500), hours 2 (1–4): low 600 × (43,750 + 500,000) = 326,250,000;
    high 1,500 × (175,000 + 500,000) = 1,012,500,000: the range crosses into grade B."""
    profile = make_profile(regulation, compute=False, subjects_low=600, subjects_high=1500)
    ProfileStep.objects.filter(profile=profile).update(hours_low=Decimal(1), hours_high=Decimal(4))
    costing.recompute_profile(profile)
    profile.refresh_from_db()
    assert (profile.annual_low, profile.annual_total, profile.annual_high) == (
        Decimal(326_250_000),
        Decimal(587_500_000),
        Decimal(1_012_500_000),
    )


def test_it_uses_a_named_parameter_set_and_leaves_out_fees_with_scm(regulation):
    """SCM: 2 h × 54,687.50 = 109,375 a dossier (the 500,000 fee shown, not counted)."""
    scm = ParameterSet.objects.current("scm")
    profile = make_profile(regulation, method="scm", parameter_set=scm)
    assert profile.computed_parameter_set == scm
    assert profile.cost_per_occurrence == Decimal(109375)
    assert profile.breakdown["fees"] == "500000000"


def test_it_records_what_the_model_refuses_instead_of_a_figure(regulation):
    profile = make_profile(regulation, compute=False, per_year=None)  # steps but no frequency
    costing.recompute_profile(profile)
    profile.refresh_from_db()
    assert profile.annual_total is None and profile.grade == ""
    assert "recurring.per_year" in profile.computation_error


def test_it_keeps_one_current_profile_per_regulation_and_checks_ranges(regulation):
    make_profile(regulation)
    with pytest.raises(IntegrityError), transaction.atomic():
        CostProfile.objects.create(regulation=regulation, subjects=1)
    bad = CostProfile(regulation=regulation, subjects=10, subjects_low=20, per_year=Decimal(0))
    with pytest.raises(ValidationError) as refused:
        bad.clean()
    assert {"subjects_low", "per_year"} <= set(refused.value.message_dict)


def test_it_scores_with_sql_as_the_model_defines_percentiles():
    """Profiles at 587.5 m, 2 × 1.0875 bn (a tie) and 18.75 bn, and a draft: the draft has no score;
    the others' percentiles are those of compliance_cost.model.scoring."""
    costs = []
    for index, (hours, subjects) in enumerate([(2, 1000), (1, 2000), (1, 2000), (10, 20000)]):
        profile = make_profile(make_regulation(number=f"{index + 1}/2020/TT-BTC"), hours=str(hours), subjects=subjects)
        costs.append(profile)
    draft = make_profile(make_regulation(number="9/2020/TT-BTC"), status="nhap")
    scores.rescore()
    rows = {p.pk: p for p in CostProfile.objects.all()}
    expected = percentiles([rows[p.pk].annual_total for p in costs])
    assert (
        [rows[p.pk].percentile for p in costs]
        == expected
        == [
            Decimal("25.00"),
            Decimal("75.00"),
            Decimal("75.00"),
            Decimal("100.00"),
        ]
    )
    assert [rows[p.pk].grade for p in costs] == ["A", "B", "B", "C"]
    assert (rows[draft.pk].grade, rows[draft.pk].percentile) == ("", None)


def test_it_builds_the_api_body_with_each_input_evidence_and_range(regulation):
    profile = make_profile(regulation, compute=False, subjects_low=800, volume_evidence_kind="survey")
    profile.volume_evidence_source = "Khảo sát VCCI"
    ProfileCost.objects.filter(profile=profile).update(amount_high=Decimal(600000))
    body = costing.profile_body(profile, profile.steps.all(), profile.costs.all())
    assert body["subjects"] == {"value": 1000, "low": 800, "evidence": {"kind": "survey", "source": "Khảo sát VCCI"}}
    fee = body["recurring"]["fees"][0]
    assert fee["amount"]["high"] == 600000 and fee["amount"]["evidence"]["kind"] == "legal_text"
    assert body["recurring"]["per_year"]["value"] == 1
    assert "hourly_value" not in body  # left to the parameter set, which is then recorded
