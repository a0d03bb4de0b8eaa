"""Wagtail hooks of the synthesis (imported by consultations/wagtail_hooks.py): the approver's
publishing page under /quan-tri/tong-hop-y-kien/<consultation id>/."""

from django.urls import include, path
from wagtail import hooks

from consultations.synthesis import admin_views


@hooks.register("register_admin_urls")
def synthesis_urls():
    patterns = (
        [path("<int:consultation_id>/", admin_views.PublishSynthesisView.as_view(), name="publish")],
        "consultations_synthesis_admin",
    )
    return [path("tong-hop-y-kien/", include(patterns, namespace="consultations_synthesis_admin"))]
