"""The redline page (included from portal/urls.py before consultations.urls)."""

from django.urls import path

from consultations.redline import views

app_name = "consultations_redline"

urlpatterns = [
    path("tham-van/so-sanh/<int:consultation_id>/", views.redline_page, name="page"),
]
