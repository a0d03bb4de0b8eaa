"""Compliance cost URLs: the pages under /chi-phi-tuan-thu/ and the API under
/api/v1/compliance-cost/, included from portal/urls.py."""

from django.urls import path, re_path

from compliance_cost import api, api_read, views

app_name = "compliance_cost"

urlpatterns = [
    path("chi-phi-tuan-thu/", views.overview, name="overview"),
    path("chi-phi-tuan-thu/tinh-chi-phi/", views.calculator, name="calculator"),
    path("chi-phi-tuan-thu/co-quan/<slug:slug>/", views.agency, name="agency"),
    path("chi-phi-tuan-thu/quy-dinh/<int:pk>/", views.regulation, name="regulation"),
    path("chi-phi-tuan-thu/thu-tuc/<int:pk>/", views.procedure, name="procedure"),
    path("chi-phi-tuan-thu/phuong-an/<int:pk>/", views.plan, name="plan"),
    re_path(r"^api/v1/compliance-cost/calculate/?$", api.CalculateAPIView.as_view(), name="api_calculate"),
    re_path(r"^api/v1/compliance-cost/compare/?$", api.CompareAPIView.as_view(), name="api_compare"),
    re_path(r"^api/v1/compliance-cost/agencies/?$", api_read.AgenciesAPIView.as_view(), name="api_agencies"),
    re_path(r"^api/v1/compliance-cost/profiles/?$", api_read.ProfileListAPIView.as_view(), name="api_profiles"),
    re_path(
        r"^api/v1/compliance-cost/profiles/(?P<pk>[0-9]+)/?$",
        api_read.ProfileDetailAPIView.as_view(),
        name="api_profile",
    ),
    re_path(r"^api/v1/compliance-cost/plans/?$", api_read.PlanListAPIView.as_view(), name="api_plans"),
    re_path(r"^api/v1/compliance-cost/plans/(?P<pk>[0-9]+)/?$", api_read.PlanDetailAPIView.as_view(), name="api_plan"),
]
