"""The public moderation URL, included from portal/urls.py before Wagtail's pages."""

from django.urls import path

from consultations.moderation import views

app_name = "moderation"

urlpatterns = [
    path("tham-van/bao-cao-vi-pham/<int:comment_id>/", views.report, name="report"),
]
