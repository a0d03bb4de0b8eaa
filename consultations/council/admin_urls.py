"""The Council's workspace URLs (registered under /quan-tri/hoi-dong-tu-van/)."""

from django.urls import path

from consultations.council import admin_views

app_name = "consultations_council"

urlpatterns = [
    path("", admin_views.WorkspaceView.as_view(), name="workspace"),
    path("gop-y/<int:pk>/", admin_views.IssueView.as_view(), name="issue"),
    path("tham-van/<int:consultation_id>/y-kien/", admin_views.OpinionView.as_view(), name="opinion"),
]
