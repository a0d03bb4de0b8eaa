"""Compliance cost URLs (the API under /api/v1/compliance-cost/), included from portal/urls.py."""

from django.urls import re_path

from compliance_cost import api

app_name = "compliance_cost"

urlpatterns = [
    re_path(r"^api/v1/compliance-cost/calculate/?$", api.CalculateAPIView.as_view(), name="api_calculate"),
    re_path(r"^api/v1/compliance-cost/compare/?$", api.CompareAPIView.as_view(), name="api_compare"),
]
