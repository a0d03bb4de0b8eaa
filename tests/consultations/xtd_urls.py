"""The portal's URLs plus django-comments-xtd's own views, to check how xtd works with the
consultation comment model (the portal mounts only what the comment intake builds)."""

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("binh-luan/", include("django_comments_xtd.urls")), *portal_urlpatterns]
