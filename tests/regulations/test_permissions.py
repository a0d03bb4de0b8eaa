"""Ministry legal staff edit only their own agency's documents, through a moderation workflow."""

import pytest
from django.contrib.auth.models import Group, User

from regulations.models import AgencyFolderPage
from regulations.roles import approver_group_name, editor_group_name
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents():
    finance = make_document(
        number="16/2012/TT-NHNN", title="Thông tư 16/2012/TT-NHNN", issuer="Bộ Tài chính", doc_type="thong-tu"
    )
    trade = make_document(number="08/2018/NĐ-CP", title="Nghị định 08/2018/NĐ-CP", issuer="Bộ Công Thương")
    return finance, trade


def _user(name: str, group: str) -> User:
    user = User.objects.create_user(name, f"{name}@example.vn", "mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def alice(documents):
    """A legal officer (pháp chế) of Bộ Tài chính."""
    finance_folder = documents[0].get_parent().specific
    return _user("alice", editor_group_name(finance_folder.agency))


@pytest.fixture
def carol(documents):
    """An approver of Bộ Tài chính."""
    finance_folder = documents[0].get_parent().specific
    return _user("carol", approver_group_name(finance_folder.agency))


def test_it_lets_an_editor_edit_her_own_agency_documents_but_not_publish(alice, documents):
    finance, _ = documents
    perms = finance.permissions_for_user(alice)
    assert perms.can_edit()
    assert not perms.can_publish()


def test_it_stops_one_ministry_editor_from_touching_another_ministry_document(alice, documents, client):
    _, trade = documents
    assert not trade.permissions_for_user(alice).can_edit()
    assert not trade.get_parent().permissions_for_user(alice).can_add_subpage()

    client.force_login(alice)
    assert client.get(f"/quan-tri/pages/{trade.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/quan-tri/pages/{documents[0].pk}/edit/").status_code == 200


def test_it_lets_an_approver_publish_and_sends_edits_through_the_agency_workflow(carol, documents):
    finance, _ = documents
    assert finance.permissions_for_user(carol).can_publish()
    workflow = finance.get_workflow()
    assert workflow is not None
    assert "Bộ Tài chính" in workflow.name or "BTC" in workflow.name


def test_it_lets_the_editor_add_documents_only_in_her_folder(alice, documents):
    folders = {f.agency.name: f for f in AgencyFolderPage.objects.select_related("agency")}
    assert folders["Bộ Tài chính"].permissions_for_user(alice).can_add_subpage()
    assert not folders["Bộ Công Thương"].permissions_for_user(alice).can_add_subpage()
