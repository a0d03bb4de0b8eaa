"""The answer queue's admin URLs (registered by consultations/wagtail_hooks.py under
/quan-tri/tra-loi-gop-y/)."""

from django.urls import path

from consultations.answers import admin_views

app_name = "consultations_answers"

urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("gop-y/<int:pk>/", admin_views.CommentAnswerView.as_view(), name="comment"),
    path("nhom/<int:pk>/", admin_views.GroupAnswerView.as_view(), name="group"),
]
