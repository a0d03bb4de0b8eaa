"""The moderation queue's admin URLs (registered by consultations/wagtail_hooks.py under
/quan-tri/kiem-duyet/)."""

from django.urls import path

from consultations.moderation import admin_views

app_name = "consultations_moderation"

urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("nhat-ky/", admin_views.LogView.as_view(), name="log"),
    path("<int:pk>/", admin_views.CommentView.as_view(), name="comment"),
]
