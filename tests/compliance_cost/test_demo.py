"""The compliance cost demo: profiles of real regulations of the demo library, papers and time
limits read from their text, every other figure an expert estimate said to be one, and one
reduction plan per agency with business regulations; `load_demo_data` loads it, twice safely."""

from io import StringIO

import pytest
from django.core.management import call_command

from compliance_cost.demo import PLANS, PROFILES, load_cost_demo
from compliance_cost.models import CostProfile, PlanItem, ProfileStep, ReductionPlan
from compliance_cost.totals import agency_reports
from regulations.models import AdministrativeProcedure, BusinessRegulation
from tests.corpus import CORPUS

pytestmark = pytest.mark.django_db


def test_it_loads_the_cost_demo_with_the_library_and_changes_nothing_on_a_second_run():
    """One test: loading the demo library takes about a minute."""
    out = StringIO()
    call_command("load_demo_data", "--corpus", str(CORPUS), "--no-progress", stdout=out)
    loaded = out.getvalue()
    profiles_and_plans(loaded)
    dossier_and_time_limit_from_the_text()
    real_approving_documents_and_statuses()
    nothing_new_on_a_second_run()


def profiles_and_plans(loaded):
    assert f"Chi phí tuân thủ: {len(PROFILES)} hồ sơ chi phí, {len(PLANS)} phương án cắt giảm mới" in loaded
    agencies = set(BusinessRegulation.objects.values_list("agency__name", flat=True))
    planned = set(ReductionPlan.objects.values_list("agency__name", flat=True))
    assert agencies == planned  # one plan for every agency with business regulations
    assert "Quốc hội" not in agencies  # the ministries in charge, not the legislature
    assert len(planned) == ReductionPlan.objects.count()
    current = CostProfile.objects.scored()
    assert current.count() == len(PROFILES)
    assert not CostProfile.objects.exclude(computation_error="").exists()
    assert {p.grade for p in current} >= {"A", "B", "C", "D"}


def dossier_and_time_limit_from_the_text():
    licence = AdministrativeProcedure.objects.get(name="Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa")
    assert (licence.time_limit_days, licence.time_limit_working_days) == (10, False)
    assert licence.time_limit_source == "điểm b khoản 2 Điều 32 Luật 09/2017/QH14"
    assert licence.documents.count() == 5
    profile = CostProfile.objects.current().get(procedure=licence)
    paper = ProfileStep.objects.get(
        profile=profile, name="Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp"
    )
    assert paper.evidence_kind == "expert_estimate" and paper.provision is not None
    assert profile.volume_evidence_kind == "expert_estimate"
    assert "Ước tính chuyên gia" in profile.volume_evidence_source
    fee = profile.costs.get(category="phi-le-phi")
    assert fee.evidence_kind == "expert_estimate" and "cần đối chiếu" in fee.evidence_source


def real_approving_documents_and_statuses():
    farming = ReductionPlan.objects.get(agency__name="Bộ Nông nghiệp và Môi trường")
    assert (farming.decision_number, farming.amending_number) == ("66.19/2026/NQ-CP", "22/2026/TT-BNNMT")
    assert farming.decision_document is not None and farming.decision_document.number == "66.19/2026/NQ-CP"
    assert farming.status.value == "co-hieu-luc"
    assert ReductionPlan.objects.get(agency__name="Bộ Nội vụ").status.value == "da-phe-duyet"
    assert all("Dữ liệu mẫu" in plan.summary for plan in ReductionPlan.objects.all())
    abolished = PlanItem.objects.get(action="bai-bo")
    assert abolished.after_annual == 0 and abolished.cut
    assert PlanItem.objects.filter(after_from_profile=True).count() >= 5
    reports = {report.agency.name: report for report in agency_reports()}
    assert reports["Bộ Nông nghiệp và Môi trường"].in_force.totals.regulations_cut == 2


def nothing_new_on_a_second_run():
    counts = (CostProfile.objects.count(), ReductionPlan.objects.count(), PlanItem.objects.count())
    report = load_cost_demo()
    assert (report.profiles, report.plans) == (len(PROFILES), 0)
    assert (CostProfile.objects.count(), ReductionPlan.objects.count(), PlanItem.objects.count()) == counts
