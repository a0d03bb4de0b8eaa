"""Agency roles (regulations/roles.py): one group per role and agency, recorded so that who holds
a role never depends on a group's name; moderators reach the admin without any page right.

Personas from tests/conftest.py: alice, bob (Bộ Tài chính), carol, mai (Bộ Công Thương)."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import GroupPagePermission

from regulations.models import AgencyGroup, AgencyRole
from regulations.roles import (
    ROLES,
    agencies_where,
    ensure_agency_roles,
    has_agency_role,
    holds_role,
    moderator_group_name,
)

pytestmark = pytest.mark.django_db


def test_it_creates_one_group_per_role_for_the_agency_with_admin_access(finance_folder):
    agency = finance_folder.agency
    recorded = {row.role: row.group for row in AgencyGroup.objects.filter(agency=agency)}
    assert set(recorded) == {spec.role for spec in ROLES} == set(AgencyRole.values)
    for group in recorded.values():
        assert group.permissions.filter(codename="access_admin").exists()
    assert recorded[AgencyRole.MODERATOR].name == moderator_group_name(agency) == "Kiểm duyệt góp ý — BTC"


def test_it_gives_moderators_no_page_rights(finance_folder):
    moderators = AgencyGroup.objects.get(agency=finance_folder.agency, role=AgencyRole.MODERATOR).group
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    editors = AgencyGroup.objects.get(agency=finance_folder.agency, role=AgencyRole.EDITOR).group
    assert set(GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
    }


def test_it_answers_who_holds_which_role_for_which_agency(alice, bob, carol, mai, admin, finance_folder, trade_folder):
    finance, trade = finance_folder.agency, trade_folder.agency
    assert list(agencies_where(alice, AgencyRole.EDITOR)) == [finance]
    assert not agencies_where(alice, AgencyRole.MODERATOR).exists()
    assert has_agency_role(bob, finance, AgencyRole.APPROVER) and not has_agency_role(bob, trade, AgencyRole.APPROVER)
    assert list(agencies_where(mai, AgencyRole.MODERATOR)) == [trade]
    assert holds_role(mai, AgencyRole.MODERATOR) and not holds_role(carol, AgencyRole.MODERATOR)
    assert set(agencies_where(admin, AgencyRole.MODERATOR)) >= {finance, trade}


def test_it_keeps_the_groups_when_the_agency_is_renamed(mai, trade_folder):
    agency = trade_folder.agency
    before = moderator_group_name(agency)
    agency.short_name = "Bộ CT"
    agency.save()
    groups = ensure_agency_roles(agency, trade_folder)
    assert groups.moderators.name == before  # the recorded group, not a new one
    assert has_agency_role(mai, agency, AgencyRole.MODERATOR)
    assert not Group.objects.filter(name="Kiểm duyệt góp ý — Bộ CT").exists()


def test_it_records_the_groups_made_before_roles_were_recorded(finance_folder):
    from importlib import import_module

    migration = import_module("regulations.migrations.0009_agency_groups")
    agency = finance_folder.agency
    editors = AgencyGroup.objects.get(agency=agency, role=AgencyRole.EDITOR).group
    AgencyGroup.objects.filter(agency=agency).delete()  # as a database from before 0008

    migration.record_existing_groups(apps, SimpleNamespace(connection=connection))

    assert AgencyGroup.objects.get(agency=agency, role=AgencyRole.EDITOR).group == editors
    assert AgencyGroup.objects.filter(agency=agency, role=AgencyRole.APPROVER).exists()
    assert not AgencyGroup.objects.filter(agency=agency, role=AgencyRole.MODERATOR).exists()  # made on next ensure
