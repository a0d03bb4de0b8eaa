"""Each agency's staff edit only their own agency's procedures, cost profiles and reduction plans
(regulations.roles.AgencyPermissionPolicy); administrators edit all; Advisory Council members
write opinions on every agency's plans (regulations.roles.CouncilPermissionPolicy).

Personas (tests/conftest.py): alice (legal officer, Bộ Tài chính), carol (Bộ Công Thương), admin.
"""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.permissions import policy_registry

from compliance_cost.models import CostProfile, ReductionPlan
from consultations.models import CouncilOpinion
from regulations.models import AdministrativeProcedure
from regulations.roles import ensure_council_group
from tests.compliance_cost.factories import make_plan, make_profile, make_regulation
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(alice, carol):
    """One profile of Bộ Tài chính (alice's) and one of Bộ Công Thương (carol's)."""
    finance = make_profile(make_regulation("Bộ Tài chính", number="01/2024/TT-BTC"))
    trade = make_profile(make_regulation("Bộ Công Thương", number="02/2024/TT-BCT"))
    return finance, trade


def edit_url(model, pk):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[pk])


def test_it_stops_alice_of_finance_from_editing_the_trade_ministry_profile(client, alice, profiles):
    finance, trade = profiles
    policy = policy_registry.get_by_type(CostProfile)
    assert policy.user_has_permission_for_instance(alice, "change", finance)
    assert not policy.user_has_permission_for_instance(alice, "change", trade)

    client.force_login(alice)
    assert client.get(edit_url(CostProfile, finance.pk)).status_code == 200
    assert client.get(edit_url(CostProfile, trade.pk)).status_code in (302, 403)
    before = trade.subjects
    client.post(edit_url(CostProfile, trade.pk), {"subjects": "1"})
    trade.refresh_from_db()
    assert trade.subjects == before
    delete = reverse("wagtailsnippets_compliance_cost_costprofile:delete", args=[trade.pk])
    assert client.post(delete).status_code in (302, 403)
    assert CostProfile.objects.filter(pk=trade.pk).exists()


def formsets(*names):
    data = {}
    for name in names:
        data |= {f"{name}-TOTAL_FORMS": 0, f"{name}-INITIAL_FORMS": 0, f"{name}-MIN_NUM_FORMS": 0}
        data[f"{name}-MAX_NUM_FORMS"] = 1000
    return data


def new_profile(regulation):
    return {
        "regulation": regulation.pk,
        "status": "cong-bo",
        "method": "vn",
        "subjects": 10,
        "per_year": 1,
        "horizon_years": 1,
        "first_year": 1,
        "one_off_year": 1,
        "volume_evidence_kind": "dossier_statistics",
        "volume_evidence_source": "Thống kê hồ sơ năm 2025",
        **formsets("steps", "costs"),
    }


def test_it_lists_only_the_user_own_agency_profiles_and_accepts_only_its_regulations(client, alice, profiles):
    finance, trade = profiles
    client.force_login(alice)
    listing = client.get(reverse("wagtailsnippets_compliance_cost_costprofile:list")).content.decode()
    assert edit_url(CostProfile, finance.pk) in listing
    assert edit_url(CostProfile, trade.pk) not in listing

    other = make_regulation("Bộ Công Thương", number="03/2024/TT-BCT")
    add = reverse("wagtailsnippets_compliance_cost_costprofile:add")
    response = client.post(add, new_profile(other))
    assert response.status_code == 200  # the form again, with the error
    assert not CostProfile.objects.filter(regulation=other).exists()
    own = make_regulation("Bộ Tài chính", number="04/2024/TT-BTC")
    assert client.post(add, new_profile(own)).status_code == 302
    created = CostProfile.objects.get(regulation=own)
    # Saved through the admin: computed at once (10 subjects, no step or fee: 0 đồng, grade A).
    assert (created.agency.name, created.annual_total, created.grade) == ("Bộ Tài chính", 0, "A")


def test_it_lets_carol_edit_her_ministry_profile_and_the_admin_edit_all(client, carol, admin, profiles):
    finance, trade = profiles
    client.force_login(carol)
    assert client.get(edit_url(CostProfile, trade.pk)).status_code == 200
    assert client.get(edit_url(CostProfile, finance.pk)).status_code in (302, 403)
    client.force_login(admin)
    assert client.get(edit_url(CostProfile, finance.pk)).status_code == 200
    assert client.get(edit_url(CostProfile, trade.pk)).status_code == 200


def test_it_keeps_plans_and_procedures_to_their_agency(client, alice, carol):
    plan = make_plan("Bộ Công Thương")
    procedure = AdministrativeProcedure.objects.create(name="Cấp phép", agency=plan.agency)
    client.force_login(alice)
    assert client.get(edit_url(ReductionPlan, plan.pk)).status_code in (302, 403)
    assert client.get(edit_url(AdministrativeProcedure, procedure.pk)).status_code in (302, 403)
    refused = client.post(
        reverse("wagtailsnippets_compliance_cost_reductionplan:add"),
        {"agency": plan.agency_id, "title": "Phương án của bộ khác", "year": 2026, **formsets("items")},
    )
    assert refused.status_code == 200 and not ReductionPlan.objects.filter(title="Phương án của bộ khác").exists()
    client.force_login(carol)
    assert client.get(edit_url(ReductionPlan, plan.pk)).status_code == 200
    assert client.get(edit_url(AdministrativeProcedure, procedure.pk)).status_code == 200


def test_it_refuses_the_admin_to_anyone_without_a_role(client, profiles):
    User.objects.create_user("dan", "dan@example.vn", PASSWORD)
    client.login(username="dan", password=PASSWORD)
    policy = policy_registry.get_by_type(CostProfile)
    assert not policy.user_has_permission(User.objects.get(username="dan"), "add")
    assert client.get(reverse("wagtailsnippets_compliance_cost_costprofile:list")).status_code in (302, 403)


def test_it_lets_a_council_member_publish_an_opinion_on_any_agency_plan(client, alice):
    council = User.objects.create_user("hoa", "hoa@example.vn", PASSWORD)
    council.groups.add(ensure_council_group())
    plan = make_plan("Bộ Công Thương")
    content_type = ContentType.objects.get_for_model(ReductionPlan)
    add = reverse("wagtailsnippets_consultations_councilopinion:add")

    client.force_login(alice)  # an agency's legal officer is not the Council
    assert client.get(add).status_code in (302, 403)

    client.force_login(council)
    form = client.get(add, {"content_type": content_type.pk, "object_id": plan.pk}).content.decode()
    assert "Phương án cắt giảm, đơn giản hóa" in form  # the target type offered, preselected
    response = client.post(
        add,
        {
            "content_type": content_type.pk,
            "object_id": plan.pk,
            "title": "Ý kiến về phương án",
            "text": "Hội đồng đề nghị <b>bỏ</b> thêm yêu cầu bản sao.\nĐề nghị công bố số liệu.",
            "signatories": "Nguyễn Văn A, Chủ tịch Hội đồng",
            "given_on": "2026-11-30",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    opinion = CouncilOpinion.objects.get()
    assert (opinion.target, opinion.author, opinion.is_published) == (plan, council, True)
    assert opinion.published_at is not None

    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Ý kiến về phương án" in page
    assert "&lt;b&gt;bỏ&lt;/b&gt;" in page  # text rendered as text
    assert "Nguyễn Văn A, Chủ tịch Hội đồng" in page


def test_it_shows_only_published_opinions(client):
    plan = make_plan()
    CouncilOpinion.objects.create(
        target=plan, title="Bản nháp của Hội đồng", text="…", signatories="X", is_published=False
    )
    assert "Bản nháp của Hội đồng" not in client.get(plan.get_absolute_url()).content.decode()
