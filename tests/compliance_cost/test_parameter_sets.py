"""Parameter sets are data: derivation, validation, the current set of a method, the admin."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from compliance_cost.model import Method
from compliance_cost.models import ParameterSet

pytestmark = pytest.mark.django_db


def make_set(method="vn", base_year=2030, **values) -> ParameterSet:
    values.setdefault("hourly_value", Decimal(50000))
    return ParameterSet.objects.create(
        name=values.pop("name", f"{method} {base_year}"),
        method=method,
        base_year=base_year,
        source_citation=values.pop("source_citation", "Nguồn thử nghiệm"),
        **values,
    )


def test_it_ships_gso_based_sets_with_the_issue_figure_as_current_vn():
    """The data migration: vn 2024 = 7,700,000 ÷ 1 ÷ 22 ÷ 8 = 43,750 đồng an hour (GSO 2024),
    vn 2023 = 7,100,000 ÷ 22 ÷ 8, scm 2024 = the same income × 1.25."""
    vn = ParameterSet.objects.current(Method.VN)
    assert vn is not None and vn.base_year == 2024
    assert vn.effective_hourly_value == 43750
    assert vn.derivation() == "7.700.000 ÷ 1 ÷ 22 ÷ 8 = 43.750 đồng/giờ"
    assert "Tổng cục Thống kê" in vn.source_citation
    scm = ParameterSet.objects.current("scm")
    assert scm is not None and scm.overhead_multiplier == Decimal("1.25")
    assert ParameterSet.objects.get(method="vn", base_year=2023).derivation().endswith("= 40.340,91 đồng/giờ")


def test_it_picks_the_active_set_with_the_newest_base_year():
    make_set(base_year=2031, hourly_value=Decimal(60000))
    make_set(base_year=2032, hourly_value=Decimal(70000), is_active=False)
    make_set(method="scm", base_year=2030, hourly_value=Decimal(80000))
    assert ParameterSet.objects.current(Method.VN).base_year == 2031
    current = ParameterSet.objects.current_by_method()
    assert current[Method.VN].hourly_value == 60000
    assert current[Method.SCM].hourly_value == 80000


def test_it_reads_the_current_sets_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        current = ParameterSet.objects.current_by_method()
    assert set(current) == {Method.VN, Method.SCM}


def test_it_has_no_current_set_when_none_is_active():
    ParameterSet.objects.filter(method="scm").update(is_active=False)
    assert ParameterSet.objects.current(Method.SCM) is None
    assert Method.SCM not in ParameterSet.objects.current_by_method()


def test_it_refuses_a_second_active_set_for_the_same_method_and_year():
    make_set(base_year=2030)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_set(base_year=2030, name="another")
    make_set(base_year=2030, name="an old version", is_active=False)


def test_it_refuses_both_a_value_and_its_derivation_or_neither():
    both = ParameterSet(
        name="x",
        method="vn",
        base_year=2030,
        hourly_value=Decimal(1),
        income=Decimal(7000000),
        working_days_per_month=Decimal(22),
        working_hours_per_day=Decimal(8),
        source_citation="s",
    )
    with pytest.raises(ValidationError) as caught:
        both.full_clean()
    assert "hourly_value" in caught.value.message_dict
    neither = ParameterSet(name="x", method="vn", base_year=2030, income=Decimal(7000000), source_citation="s")
    with pytest.raises(ValidationError) as caught:
        neither.full_clean()
    assert {"working_days_per_month", "working_hours_per_day"} <= set(caught.value.message_dict)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterSet.objects.create(name="x", method="vn", base_year=2030, source_citation="s")


def test_it_refuses_out_of_bound_values():
    bad = ParameterSet(
        name="x",
        method="scm",
        base_year=1980,
        hourly_value=Decimal(0),
        overhead_multiplier=Decimal("0.5"),
        source_citation="s",
    )
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert {"base_year", "hourly_value", "overhead_multiplier"} <= set(caught.value.message_dict)


def test_it_records_the_set_it_used_as_plain_values():
    parameter_set = make_set(
        base_year=2030,
        hourly_value=None,
        income=Decimal(92400000),
        income_months=12,
        working_days_per_month=Decimal(22),
        working_hours_per_day=Decimal(8),
        source_url="https://www.gso.gov.vn/",
    )
    ref = parameter_set.as_ref()
    assert (ref.id, ref.method, ref.base_year) == (parameter_set.pk, Method.VN, 2030)
    assert ref.hourly_value == 43750
    assert ref.overhead_multiplier == 1
    assert ref.url == "https://www.gso.gov.vn/"


def admin_url(view: str, *args) -> str:
    return reverse(ParameterSet.snippet_viewset.get_url_name(view), args=args)


def test_it_lets_an_admin_add_a_new_year_without_a_deploy(admin_client):
    listing = admin_client.get(admin_url("list"))
    assert listing.status_code == 200
    assert "43.750 đồng/giờ" in listing.content.decode()
    response = admin_client.post(
        admin_url("add"),
        {
            "name": "Thu nhập bình quân 2025",
            "method": "vn",
            "base_year": "2025",
            "is_active": "on",
            "hourly_value": "",
            "income": "8300000",
            "income_months": "1",
            "working_days_per_month": "22",
            "working_hours_per_day": "8",
            "overhead_multiplier": "1",
            "source_citation": "Tổng cục Thống kê, số liệu năm 2025",
            "source_url": "",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    current = ParameterSet.objects.current(Method.VN)
    assert current.base_year == 2025
    assert current.derivation() == "8.300.000 ÷ 1 ÷ 22 ÷ 8 = 47.159,09 đồng/giờ"
    page = admin_client.get(admin_url("edit", current.pk))
    assert "47.159,09 đồng/giờ" in page.content.decode()


def test_it_shows_the_admin_the_error_and_saves_nothing_from_a_refused_form(admin_client):
    before = ParameterSet.objects.count()
    response = admin_client.post(
        admin_url("add"),
        {
            "name": "Sai",
            "method": "vn",
            "base_year": "2025",
            "hourly_value": "40000",
            "income": "8300000",
            "income_months": "1",
            "overhead_multiplier": "1",
            "source_citation": "s",
        },
    )
    assert response.status_code == 200
    assert "không nhập cả hai" in response.content.decode()
    assert ParameterSet.objects.count() == before
