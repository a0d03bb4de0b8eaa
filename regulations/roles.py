"""Roles and access rules, in one place.

Ministry legal staff (pháp chế) edit only their own agency's documents: each agency has a
folder page in the library, and two groups with Wagtail page permissions on that folder:
editors (add, change) and approvers (publish). A moderation workflow on the folder sends
every edit through the approvers before it is published.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage

from regulations.models import Agency

ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def editor_group_name(agency: Agency) -> str:
    return f"Pháp chế — {agency.short_name or agency.name}"


def approver_group_name(agency: Agency) -> str:
    return f"Phê duyệt — {agency.short_name or agency.name}"


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label=ADMIN_ACCESS[0], codename=ADMIN_ACCESS[1])


def _grant(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def ensure_agency_roles(agency: Agency, folder: Page) -> tuple[Group, Group]:
    """Create (idempotently) the agency's editor and approver groups and its workflow."""
    editors, _ = Group.objects.get_or_create(name=editor_group_name(agency))
    approvers, _ = Group.objects.get_or_create(name=approver_group_name(agency))
    access = _admin_access()
    editors.permissions.add(access)
    approvers.permissions.add(access)
    _grant(editors, folder, ["add_page", "change_page"])
    _grant(approvers, folder, ["add_page", "change_page", "publish_page"])

    workflow_name = f"Duyệt văn bản — {agency.short_name or agency.name}"
    workflow, created = Workflow.objects.get_or_create(name=workflow_name)
    if created:
        task = GroupApprovalTask.objects.create(name=f"Phê duyệt — {agency.short_name or agency.name}")
        task.groups.set([approvers])
        workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=folder, defaults={"workflow": workflow})
    return editors, approvers
