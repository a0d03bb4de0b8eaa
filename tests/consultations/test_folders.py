"""/tham-van/ and one folder per agency, with the agency's roles: an officer of one ministry
adds consultations in her ministry's folder only."""

import pytest

from consultations.folders import ensure_consultation_folder, ensure_consultation_index
from consultations.models import ConsultationFolderPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_consultations(finance_folder):
    return ensure_consultation_folder(finance_folder.agency)


@pytest.fixture
def trade_consultations(trade_folder):
    return ensure_consultation_folder(trade_folder.agency)


def test_it_makes_one_folder_per_agency_under_tham_van(finance_consultations, finance_folder):
    assert ensure_consultation_index().url == "/tham-van/"
    assert finance_consultations.url == f"/tham-van/{finance_folder.agency.slug}/"
    assert ensure_consultation_folder(finance_folder.agency) == finance_consultations
    assert ConsultationFolderPage.objects.count() == 1


def test_it_gives_each_ministry_rights_on_its_own_folder_only(
    alice, bob, carol, finance_consultations, trade_consultations
):
    assert finance_consultations.permissions_for_user(alice).can_add_subpage()
    assert not finance_consultations.permissions_for_user(alice).can_publish_subpage()
    assert finance_consultations.permissions_for_user(bob).can_publish_subpage()
    assert not trade_consultations.permissions_for_user(alice).can_add_subpage()
    assert trade_consultations.permissions_for_user(carol).can_add_subpage()
    assert not finance_consultations.permissions_for_user(carol).can_add_subpage()


def test_it_sends_every_edit_through_the_agencys_workflow(finance_consultations, finance_folder):
    assert finance_consultations.get_workflow() == finance_folder.get_workflow()
    assert finance_consultations.get_workflow() is not None
