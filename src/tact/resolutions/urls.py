from django.urls import path

from tact.resolutions import version_views, views

app_name = "resolutions"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.resolution_import, name="import"),
    path("import/confirm/", views.resolution_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("<int:pk>/akn/", views.resolution_akn, name="resolution_akn"),
    path("<int:pk>/version-of/", version_views.resolution_link_version, name="link_version"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:pk>/follow-up/new/",
        views.followup_create,
        name="followup_create",
    ),
    path("follow-ups/<int:pk>/", views.followup_detail, name="followup_detail"),
    path("follow-ups/<int:pk>/status/", views.followup_status, name="followup_status"),
    path("follow-ups/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("records/", views.record_picker, name="record_picker"),
    path("states/<str:iso3>/", views.state_progress, name="state_progress"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_edit, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/panels/", views.panel_add, name="panel_add"),
    path("meetings/<int:pk>/agenda/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/documents/", views.document_add, name="document_add"),
]
