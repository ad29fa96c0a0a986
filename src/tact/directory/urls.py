from django.urls import path

from tact.directory import views

app_name = "directory"

urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/party-status/import/", views.party_status_import, name="party_status_import"),
    path("states/<str:iso3>/", views.state_detail, name="state_detail"),
    path("states/<str:iso3>/contacts/new/", views.contact_create, name="contact_create"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
]
