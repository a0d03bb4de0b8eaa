"""The synthesis page and files (included from portal/urls.py before consultations.urls)."""

from django.urls import path

from consultations.synthesis import views

app_name = "consultations_synthesis"

urlpatterns = [
    path("tham-van/tong-hop/<int:consultation_id>/", views.synthesis_page, name="page"),
    path(
        "tham-van/tong-hop/<int:consultation_id>/tong-hop-y-kien.<str:extension>",
        views.synthesis_file,
        name="file",
    ),
]
