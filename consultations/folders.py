"""Where consultations live in the page tree: /tham-van/ and one folder per agency beneath it,
created on first use with the agency's roles (the same groups as its library folder)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, Page, Site

from consultations.models import ConsultationFolderPage, ConsultationIndexPage
from regulations.models import Agency
from regulations.roles import ensure_agency_roles

DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")

INDEX_SLUG = "tham-van"


def _site_root() -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node()
    return root.get_first_child() or root


@transaction.atomic
def ensure_consultation_index(parent: Page | None = None) -> ConsultationIndexPage:
    """The /tham-van/ page, created under `parent` (default: the site's root page) on first use."""
    index = ConsultationIndexPage.objects.first()
    if index is not None:
        return index
    index = ConsultationIndexPage(
        title="Lấy ý kiến dự thảo",
        slug=INDEX_SLUG,
        intro="Dự thảo văn bản quy phạm pháp luật đang lấy ý kiến người dân, doanh nghiệp: góp ý từng điều.",
    )
    (parent or _site_root()).add_child(instance=index)
    index.save_revision().publish()
    return index


@transaction.atomic
def ensure_consultation_folder(agency: Agency) -> ConsultationFolderPage:
    """The agency's folder under /tham-van/, with its legal officers' and approvers' rights and
    its moderation workflow (regulations.roles)."""
    folder = ConsultationFolderPage.objects.filter(agency=agency).first()
    if folder is None:
        index = ensure_consultation_index()
        folder = ConsultationFolderPage(title=agency.name, slug=agency.slug, agency=agency)
        index.add_child(instance=folder)
        folder.save_revision().publish()
    groups = ensure_agency_roles(agency, folder)
    ensure_document_collection(agency, [groups.editors, groups.approvers])
    return folder


def ensure_document_collection(agency: Agency, groups: list[Group]) -> Collection:
    """The agency's collection of consultation files (impact assessments, cover memos...): its
    staff upload and choose documents there, and see no other agency's files."""
    name = f"Tham vấn — {agency.short_name or agency.name}"
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    permissions = Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS)
    for group in groups:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return collection
