"""Search URLs: the page at /tim-kiem/, the API under /api/v1/.

Included from portal/urls.py with ``path("", include("search.urls"))`` before Wagtail's
catch-all.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from search import api, views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search_page, name="page"),
    path("tim-kiem/goi-y/", views.suggest_options, name="suggest_options"),
    re_path(r"^api/v1/search/?$", api.SearchAPIView.as_view(), name="api"),
    re_path(r"^api/v1/search/suggest/?$", api.SuggestAPIView.as_view(), name="api_suggest"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
]
