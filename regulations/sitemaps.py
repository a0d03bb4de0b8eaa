from django.contrib.sitemaps import Sitemap

from regulations.models import LegalDocumentPage


class LegalDocumentSitemap(Sitemap):
    """Every published document page, with its last change."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return LegalDocumentPage.objects.live().public().order_by("path").only("url_path", "last_published_at")

    def location(self, item):
        return item.get_url_parts()[2] if item.get_url_parts() else item.url_path

    def lastmod(self, item):
        return item.last_published_at
