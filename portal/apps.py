from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def ensure_home_page_after_migrate(sender, using="default", **kwargs) -> None:
    """Every installation has the home page at its site root as soon as it is migrated.

    Domain apps then put their index pages under the site's root page without knowing the shell
    (regulations.library), and a first import never lands under Wagtail's placeholder page.
    """
    if "portal_homepage" not in connections[using].introspection.table_names():
        return  # migrated only part of the way (e.g. `migrate portal zero`)
    from wagtail.models import Page

    from portal.site_setup import ensure_django_site, ensure_home_page

    if "django_site" in connections[using].introspection.table_names():
        ensure_django_site()
    if Page.get_first_root_node() is None:
        return  # an emptied database (`flush`): there is no page tree to build on
    ensure_home_page()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        post_migrate.connect(ensure_home_page_after_migrate, sender=self)
