"""Consultation URLs outside the page tree: the comment intake's pages and the API. Included
from portal/urls.py before Wagtail's catch-all."""

from django.urls import path, re_path

from consultations import views
from consultations.api import views as api

app_name = "consultations"

urlpatterns = [
    path("tham-van/gop-y/<int:consultation_id>/", views.submit_comment, name="submit"),
    path("tham-van/gop-y/<int:consultation_id>/bieu-mau/", views.comment_form, name="form"),
    path("tham-van/xac-nhan/<str:token>/", views.confirm_comment, name="confirm"),
    path("tham-van/bien-nhan/", views.receipt_lookup, name="receipt_lookup"),
    path("tham-van/bien-nhan/<str:receipt_number>/", views.receipt, name="receipt"),
    re_path(r"^api/v1/consultations/?$", api.ConsultationListAPIView.as_view(), name="api_list"),
    re_path(
        r"^api/v1/consultations/(?P<consultation_id>[^/]+)/?$",
        api.ConsultationDetailAPIView.as_view(),
        name="api_detail",
    ),
    re_path(
        r"^api/v1/consultations/(?P<consultation_id>[^/]+)/comments/?$",
        api.CommentCreateAPIView.as_view(),
        name="api_comments",
    ),
    re_path(r"^api/v1/comments/(?P<receipt_number>[^/]+)/?$", api.CommentStatusAPIView.as_view(), name="api_comment"),
]
