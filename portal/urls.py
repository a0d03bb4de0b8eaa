from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.accounts.urls import personal_data_patterns
from regulations import urls as regulation_urls
from regulations.sitemaps import LegalDocumentSitemap

urlpatterns = [
    path("quan-tri/", include(wagtailadmin_urls)),
    path("tai-khoan/", include("portal.accounts.urls")),
    *personal_data_patterns,
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"documents": LegalDocumentSitemap}}, name="sitemap"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}portal/favicon.svg", permanent=True)),
    path("", include("search.urls")),
    path("", include("consultations.synthesis.urls")),
    path("", include("consultations.follows.urls")),
    path("", include("consultations.scoreboard.urls")),
    path("", include("consultations.redline.urls")),
    path("", include("consultations.urls")),
    path("", include("consultations.moderation.urls")),
    path("", include("compliance_cost.urls")),
    path("", include(regulation_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
