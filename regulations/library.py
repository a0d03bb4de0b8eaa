"""Where documents live in the page tree: /van-ban/ and one folder per agency beneath it."""

from django.db import transaction
from wagtail.models import Page, Site

from regulations.models import Agency, AgencyFolderPage, LegalDocumentIndexPage
from regulations.roles import ensure_agency_roles

LIBRARY_SLUG = "van-ban"


def _site_root() -> Page:
    """The default site's root page (the portal's home page once the site shell has set it up)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node()
    return root.get_first_child() or root


@transaction.atomic
def ensure_library(parent: Page | None = None) -> LegalDocumentIndexPage:
    """Return the library, creating it under `parent` (default: the site's root page) on first use."""
    library = LegalDocumentIndexPage.objects.first()
    if library:
        return library
    library = LegalDocumentIndexPage(
        title="Văn bản quy phạm pháp luật",
        slug=LIBRARY_SLUG,
        intro="Văn bản liên quan đến hoạt động kinh doanh, tách theo chương, điều, khoản, điểm.",
    )
    (parent or _site_root()).add_child(instance=library)
    library.save_revision().publish()
    return library


@transaction.atomic
def ensure_folder(agency: Agency) -> AgencyFolderPage:
    folder = AgencyFolderPage.objects.filter(agency=agency).first()
    if folder is None:
        library = ensure_library()
        folder = AgencyFolderPage(title=agency.name, slug=agency.slug, agency=agency)
        library.add_child(instance=folder)
        folder.save_revision().publish()
    ensure_agency_roles(agency, folder)
    return folder
