"""Where documents live in the page tree: /van-ban/ and one folder per agency beneath it."""

from django.db import transaction

from portal.models import Agency
from portal.roles import ensure_agency_roles
from portal.site_setup import ensure_home_page
from regulations.models import AgencyFolderPage, LegalDocumentIndexPage

LIBRARY_SLUG = "van-ban"


@transaction.atomic
def ensure_library() -> LegalDocumentIndexPage:
    library = LegalDocumentIndexPage.objects.first()
    if library:
        return library
    home = ensure_home_page()
    library = LegalDocumentIndexPage(
        title="Văn bản quy phạm pháp luật",
        slug=LIBRARY_SLUG,
        intro="Văn bản liên quan đến hoạt động kinh doanh, tách theo chương, điều, khoản, điểm.",
    )
    home.add_child(instance=library)
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
