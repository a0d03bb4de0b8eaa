from django.urls import path

from consultations.comment_groups import admin_views

app_name = "consultations_groups"
urlpatterns = [
    path("", admin_views.IndexView.as_view(), name="index"),
    path("<int:consultation_id>/", admin_views.ConsultationGroupsView.as_view(), name="consultation"),
    path("<int:consultation_id>/nhom/<int:group_id>/", admin_views.GroupView.as_view(), name="group"),
]
