"""The page tree every installation needs: the home page at the site root; and the name and
address Django's sites framework gives mails (allauth, comments)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from wagtail.models import Page, Site

from portal.models import HomePage

HOME_TITLE = "Cổng tham vấn và tra cứu quy định kinh doanh"


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Return the home page, replacing Wagtail's placeholder welcome page on first run.

    Content already created under the placeholder (the library, when an import ran before the
    home page existed) moves under the new home page, so its URLs stay the same.
    """
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title=HOME_TITLE,
        slug="trang-chu",
        intro="Tra cứu quy định kinh doanh, chi phí tuân thủ và góp ý dự thảo văn bản.",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        placeholder = site.root_page.specific
        site.root_page = home
        site.save()
        if not isinstance(placeholder, HomePage) and placeholder.depth == 2:
            for child in placeholder.get_children():
                child.move(home, pos="last-child")
            placeholder.refresh_from_db()
            if not placeholder.get_children().exists():
                placeholder.delete()
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
    return home


def ensure_django_site() -> DjangoSite:
    """Django's Site (SITE_ID) named after the portal, at WAGTAILADMIN_BASE_URL's host, instead
    of the "example.com" Django creates: mails say where they come from."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"
    site, _ = DjangoSite.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": HOME_TITLE})
    return site
