"""Agency roles: who does what for which agency, in one place.

Each agency has a folder page in the library (and one under /tham-van/ for its consultations)
and one group per role, recorded in `AgencyGroup`:

- editor (pháp chế), group `Pháp chế — <agency>`: adds and changes pages in the agency's
  folders, submits them for approval;
- approver (phê duyệt), `Phê duyệt — <agency>`: the same, and publishes; the agency's moderation
  workflow asks them;
- moderator (kiểm duyệt góp ý), `Kiểm duyệt góp ý — <agency>`: no page rights; the moderation
  queue of the comments on the agency's consultations (consultations.access).

Every role reaches the Wagtail admin. Who holds a role is asked here (`agencies_where`,
`has_agency_role`); what a role may do with an app's objects is that app's predicates module
built on these (consultations/access.py). docs/architecture.md, "How to add a role".

Objects that are not pages but belong to an agency (administrative procedures, cost profiles,
reduction plans) follow the same rule through one Wagtail permission policy,
``AgencyPermissionPolicy``: an agency's legal officers and approvers edit its own, nobody
else's. The Advisory Council's members (``COUNCIL_GROUP_NAME``) write opinions on the drafts
and plans of every agency.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail.permission_policies import BasePermissionPolicy

from regulations.models import Agency, AgencyGroup, AgencyRole

ADMIN_ACCESS = ("wagtailadmin", "access_admin")


@dataclass(frozen=True)
class RoleSpec:
    role: AgencyRole
    label: str  # the group's name starts with it
    page_permissions: tuple[str, ...]  # Wagtail page permissions on each of the agency's folders


ROLES = (
    RoleSpec(AgencyRole.EDITOR, "Pháp chế", ("add_page", "change_page")),
    RoleSpec(AgencyRole.APPROVER, "Phê duyệt", ("add_page", "change_page", "publish_page")),
    RoleSpec(AgencyRole.MODERATOR, "Kiểm duyệt góp ý", ()),
)
SPECS = {spec.role: spec for spec in ROLES}


class AgencyGroups(NamedTuple):
    editors: Group
    approvers: Group
    moderators: Group


def _agency_label(agency: Agency) -> str:
    return agency.short_name or agency.name


def group_name(agency: Agency, role: AgencyRole) -> str:
    return f"{SPECS[role].label} — {_agency_label(agency)}"


def editor_group_name(agency: Agency) -> str:
    return group_name(agency, AgencyRole.EDITOR)


def approver_group_name(agency: Agency) -> str:
    return group_name(agency, AgencyRole.APPROVER)


def moderator_group_name(agency: Agency) -> str:
    return group_name(agency, AgencyRole.MODERATOR)


# ---- who holds a role ------------------------------------------------------------------------


def agencies_where(user, role: AgencyRole) -> QuerySet[Agency]:
    """The agencies for which `user` holds `role` (every agency for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(role_groups__role=role, role_groups__group__user=user).distinct()


def has_agency_role(user, agency: Agency | int, role: AgencyRole) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return agencies_where(user, role).filter(pk=agency_id).exists()


def holds_role(user, role: AgencyRole) -> bool:
    """Whether `user` holds `role` for at least one agency."""
    return agencies_where(user, role).exists()


# ---- creating the groups ---------------------------------------------------------------------


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label=ADMIN_ACCESS[0], codename=ADMIN_ACCESS[1])


def _grant(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _role_group(agency: Agency, spec: RoleSpec) -> Group:
    """The agency's group for the role: the one recorded, else the one of that name (groups made
    before roles were recorded), else a new one."""
    recorded = AgencyGroup.objects.filter(agency=agency, role=spec.role).select_related("group").first()
    if recorded is not None:
        return recorded.group
    group, _ = Group.objects.get_or_create(name=group_name(agency, spec.role))
    AgencyGroup.objects.create(agency=agency, role=spec.role, group=group)
    return group


@transaction.atomic
def ensure_agency_roles(agency: Agency, folder: Page) -> AgencyGroups:
    """Create (idempotently) the agency's groups, give them their rights on `folder` (one of the
    agency's folders), and put the folder under the agency's moderation workflow."""
    access = _admin_access()
    groups = {}
    for spec in ROLES:
        group = _role_group(agency, spec)
        group.permissions.add(access)
        _grant(group, folder, spec.page_permissions)
        groups[spec.role] = group
    approvers = groups[AgencyRole.APPROVER]

    workflow_name = f"Duyệt văn bản — {_agency_label(agency)}"
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    # The approval step, saved in the database (a workflow's `workflow_tasks.create()` only adds
    # it in memory: Workflow is a ClusterableModel). A workflow without it would publish at once
    # on submission; one left so by an earlier version gets its step here.
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_name = f"Phê duyệt — {_agency_label(agency)}"
        task = GroupApprovalTask.objects.filter(name=task_name).first() or GroupApprovalTask.objects.create(
            name=task_name
        )
        task.groups.set([approvers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=folder, defaults={"workflow": workflow})
    return AgencyGroups(groups[AgencyRole.EDITOR], approvers, groups[AgencyRole.MODERATOR])


# ---- the Advisory Council ------------------------------------------------------------------

COUNCIL_GROUP_NAME = "Hội đồng tư vấn cải cách TTHC"


@transaction.atomic
def ensure_council_group() -> Group:
    """The Advisory Council members' group (Hội đồng tư vấn cải cách thủ tục hành chính): they
    give independent opinions on drafts and reduction plans of every agency."""
    council, _ = Group.objects.get_or_create(name=COUNCIL_GROUP_NAME)
    council.permissions.add(_admin_access())
    return council


def is_council_member(user: Any) -> bool:
    if not user.is_active:
        return False
    return bool(user.is_superuser) or user.groups.filter(name=COUNCIL_GROUP_NAME).exists()


def council_members() -> QuerySet[Any]:
    """The Council's members (active accounts in its group; administrators are not members):
    who may sign its opinions."""
    return get_user_model().objects.filter(is_active=True, groups__name=COUNCIL_GROUP_NAME).distinct()


# ---- objects that belong to an agency ------------------------------------------------------

AGENCY_ACTIONS = frozenset({"add", "change", "delete", "view"})


STAFF_ROLES = (AgencyRole.EDITOR, AgencyRole.APPROVER)


def agency_ids_of(user: Any) -> frozenset[int]:
    """The agencies whose legal officers or approvers ``user`` is one of, from `AgencyGroup`
    (cached on the user for the request: one query the first time)."""
    cached = getattr(user, "_agency_ids_cache", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if user.is_authenticated and user.is_active:
        ids = frozenset(
            AgencyGroup.objects.filter(role__in=STAFF_ROLES, group__user=user).values_list("agency_id", flat=True)
        )
    user._agency_ids_cache = ids
    return ids


def agency_staff(agency_ids: Iterable[int] | None = None) -> Q:
    """A filter on users: the legal officers and approvers of these agencies (all when None)."""
    staff = Q(groups__agency_role__role__in=STAFF_ROLES)
    if agency_ids is not None:
        staff &= Q(groups__agency_role__agency_id__in=list(agency_ids))
    return staff


def _agency_id(instance: Any, path: str) -> int | None:
    """The agency id of ``instance`` along ``path`` ("agency", "plan__agency")."""
    *parents, last = path.split("__")
    target = instance
    for name in parents:
        target = getattr(target, name, None)
        if target is None:
            return None
    value = getattr(target, f"{last}_id", None)
    return int(value) if value is not None else None


class AgencyPermissionPolicy(BasePermissionPolicy):  # type: ignore[misc]
    """Objects that belong to an agency (procedures, cost profiles, reduction plans): the
    agency's legal officers and approvers add, change, delete and view its own; superusers
    everything; anyone else nothing. ``agency_path`` leads from an object to its agency."""

    def __init__(self, model: Any, agency_path: str = "agency") -> None:
        super().__init__(model)
        self.agency_path = agency_path

    def _superuser(self, user: Any) -> bool:
        return bool(user.is_active and user.is_superuser)

    def user_has_permission(self, user: Any, action: str) -> bool:
        if self._superuser(user):
            return True
        return action in AGENCY_ACTIONS and bool(agency_ids_of(user))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if self._superuser(user):
            return True
        return action in AGENCY_ACTIONS and _agency_id(instance, self.agency_path) in agency_ids_of(user)

    def user_has_any_permission_for_instance(self, user: Any, actions: Iterable[str], instance: Any) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> Any:
        queryset = self.model._default_manager.all()
        if self._superuser(user):
            return queryset
        if not AGENCY_ACTIONS.intersection(actions):
            return queryset.none()
        return queryset.filter(**{f"{self.agency_path}__in": agency_ids_of(user)})

    def users_with_any_permission(self, actions: Iterable[str]) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if not AGENCY_ACTIONS.intersection(actions):
            return users.filter(is_superuser=True)
        return users.filter(Q(is_superuser=True) | agency_staff()).distinct()

    def users_with_any_permission_for_instance(self, actions: Iterable[str], instance: Any) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        agency_id = _agency_id(instance, self.agency_path)
        if not AGENCY_ACTIONS.intersection(actions) or agency_id is None:
            return users.filter(is_superuser=True)
        return users.filter(Q(is_superuser=True) | agency_staff([agency_id])).distinct()


class CouncilPermissionPolicy(BasePermissionPolicy):  # type: ignore[misc]
    """Advisory Council opinions: every Council member adds them and edits, publishes or deletes
    the ones they wrote, on the drafts and plans of every agency; superusers everything."""

    def _member(self, user: Any) -> bool:
        return bool(user.is_authenticated) and is_council_member(user)

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in AGENCY_ACTIONS and self._member(user)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return bool(user.is_superuser) or action == "view" or getattr(instance, "author_id", None) == user.pk

    def user_has_any_permission_for_instance(self, user: Any, actions: Iterable[str], instance: Any) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> Any:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return queryset

    def users_with_any_permission(self, actions: Iterable[str]) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if not AGENCY_ACTIONS.intersection(actions):
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=COUNCIL_GROUP_NAME)).distinct()
