"""Follows, unsubscribe links and feeds (included from portal/urls.py before consultations.urls)."""

from django.urls import path

from consultations.follows import feeds, views

app_name = "consultations_follows"

urlpatterns = [
    path("theo-doi/", views.toggle, name="toggle"),
    path("theo-doi/huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("tai-khoan/theo-doi/", views.my_follows, name="mine"),
    path("tham-van/nguon-tin/dang-lay-y-kien.rss", feeds.OpenConsultationsRss(), name="open_rss"),
    path("tham-van/nguon-tin/dang-lay-y-kien.atom", feeds.OpenConsultationsAtom(), name="open_atom"),
    path("tham-van/nguon-tin/ban-tong-hop.rss", feeds.SynthesesRss(), name="syntheses_rss"),
    path("tham-van/nguon-tin/ban-tong-hop.atom", feeds.SynthesesAtom(), name="syntheses_atom"),
]
