"""The scoreboard's page and API (included from portal/urls.py before consultations.urls, whose
/api/v1/consultations/<id> would otherwise take "scoreboard" for an id)."""

from django.urls import path, re_path

from consultations.scoreboard import views

app_name = "consultations_scoreboard"

urlpatterns = [
    path("tham-van/thong-ke-tra-loi/", views.scoreboard_page, name="page"),
    re_path(r"^api/v1/consultations/scoreboard/?$", views.ScoreboardAPIView.as_view(), name="api"),
]
