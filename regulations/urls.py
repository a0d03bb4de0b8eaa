from django.urls import path

from regulations import views

urlpatterns = [
    path("vb/<slug:number_slug>/", views.document_by_number, name="document_by_number"),
    path("vb/<slug:number_slug>/<slug:anchor>/", views.provision_permalink, name="provision_permalink"),
]
