"""Ministry legal staff edit only their own agency's documents, through a moderation workflow.

Personas from tests/conftest.py: alice (legal officer, Bộ Tài chính), bob (approver there),
carol (legal officer, Bộ Công Thương).
"""

import pytest
from wagtail.models import Page

from regulations.models import AgencyFolderPage
from regulations.roles import ensure_agency_roles
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents():
    finance = make_document(
        number="16/2012/TT-NHNN", title="Thông tư 16/2012/TT-NHNN", issuer="Bộ Tài chính", doc_type="thong-tu"
    )
    trade = make_document(number="08/2018/NĐ-CP", title="Nghị định 08/2018/NĐ-CP", issuer="Bộ Công Thương")
    return finance, trade


def test_it_lets_an_editor_edit_her_own_agency_documents_but_not_publish(alice, documents):
    finance, _ = documents
    perms = finance.permissions_for_user(alice)
    assert perms.can_edit()
    assert not perms.can_publish()


def test_it_stops_one_ministry_editor_from_touching_another_ministry_document(alice, carol, documents, client):
    finance, trade = documents
    assert not trade.permissions_for_user(alice).can_edit()
    assert not trade.get_parent().permissions_for_user(alice).can_add_subpage()
    assert trade.permissions_for_user(carol).can_edit()
    assert not finance.permissions_for_user(carol).can_edit()

    client.force_login(alice)
    assert client.get(f"/quan-tri/pages/{trade.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/quan-tri/pages/{finance.pk}/edit/").status_code == 200


def test_it_lets_an_approver_publish_and_sends_edits_through_the_agency_workflow(bob, documents):
    finance, _ = documents
    assert finance.permissions_for_user(bob).can_publish()
    workflow = finance.get_workflow()
    assert workflow is not None
    assert "Bộ Tài chính" in workflow.name or "BTC" in workflow.name


def test_it_lets_the_editor_add_documents_only_in_her_folder(alice, documents):
    folders = {f.agency.name: f for f in AgencyFolderPage.objects.select_related("agency")}
    assert folders["Bộ Tài chính"].permissions_for_user(alice).can_add_subpage()
    assert not folders["Bộ Công Thương"].permissions_for_user(alice).can_add_subpage()


def test_it_grants_the_same_groups_on_another_apps_folder_without_new_roles(alice, bob, carol, finance_folder):
    """What consultations will do: its own per-agency folder, the agency's existing groups."""
    home = Page.objects.get(depth=2)
    consultations = home.add_child(instance=Page(title="Dự thảo — Bộ Tài chính", slug="du-thao-btc"))

    draft = consultations.add_child(instance=Page(title="Dự thảo Nghị định", slug="du-thao-nghi-dinh"))

    editors, approvers, _ = ensure_agency_roles(finance_folder.agency, consultations)

    assert alice.groups.filter(pk=editors.pk).exists() and bob.groups.filter(pk=approvers.pk).exists()
    assert draft.permissions_for_user(alice).can_edit() and not draft.permissions_for_user(alice).can_publish()
    assert draft.permissions_for_user(bob).can_publish()
    assert not draft.permissions_for_user(carol).can_edit()
    assert draft.get_workflow() == finance_folder.get_workflow()


def test_it_waits_for_the_approver_when_an_editor_submits_a_document(alice, bob, documents):
    """The workflow's approval step is in the database: submitting does not publish at once."""
    finance, _ = documents
    finance.save_revision(user=alice)
    state = finance.get_workflow().start(finance, alice)

    assert state.status == "in_progress"
    assert state.current_task_state.task.specific.groups.filter(user=bob).exists()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, bob, "approve")
    finance.refresh_from_db()
    assert finance.get_latest_revision() == finance.live_revision


def test_it_repairs_a_workflow_left_without_its_approval_step(finance_folder):
    from wagtail.models import WorkflowTask

    workflow = finance_folder.get_workflow()
    WorkflowTask.objects.filter(workflow=workflow).delete()
    ensure_agency_roles(finance_folder.agency, finance_folder)
    assert WorkflowTask.objects.filter(workflow=workflow).count() == 1
