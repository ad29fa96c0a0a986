from django.urls import URLPattern, path

from tact.assistance import dashboard_views, views

app_name = "assistance"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/export/", views.project_export, name="project_export"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_start, name="import_start"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("contributions/", views.contribution_list, name="contribution_list"),
    path("contributions/new/", views.contribution_create, name="contribution_create"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution_detail"),
    path("exchange-rates/", views.exchange_rate_list, name="exchange_rate_list"),
    path("exchange-rates/upload/", views.exchange_rate_upload, name="exchange_rate_upload"),
    path("matrix/", dashboard_views.matrix, name="matrix"),
    path("map/", dashboard_views.map_view, name="map"),
    path("map/data/", dashboard_views.map_data, name="map_data"),
    path("donors/", dashboard_views.donor_list, name="donor_list"),
    path("donors/<int:pk>/", dashboard_views.donor_dashboard, name="donor_dashboard"),
    path("recipients/<str:iso3>/", dashboard_views.recipient_dashboard, name="recipient_dashboard"),
]

# Needs and overlaps live in their sub-packages.
from tact.assistance.needs import views as need_views  # noqa: E402
from tact.assistance.overlaps import views as overlap_views  # noqa: E402

urlpatterns += [
    path("needs/", need_views.need_list, name="need_list"),
    path("needs/new/", need_views.need_create, name="need_create"),
    path("needs/unmet/", need_views.need_unmet, name="need_unmet"),
    path("needs/<int:pk>/", need_views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", need_views.need_edit, name="need_edit"),
    path("overlaps/", overlap_views.overlap_list, name="overlap_list"),
    path("overlaps/detect/", overlap_views.overlap_detect, name="overlap_detect"),
    path("overlaps/<int:pk>/", overlap_views.overlap_detail, name="overlap_detail"),
    path("overlaps/<int:pk>/review/", overlap_views.overlap_review, name="overlap_review"),
]
