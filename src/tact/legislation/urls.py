from django.urls import URLPattern, URLResolver, path

from tact.legislation import views

app_name = "legislation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("laws/", views.law_list, name="law_list"),
    path("laws/import/", views.law_import, name="law_import"),
    path("laws/<int:pk>/", views.law_detail, name="law_detail"),
    path("laws/<int:pk>/file/", views.law_file, name="law_file"),
    path("provisions/<int:pk>/", views.provision_detail, name="provision_detail"),
    path("provisions/<int:pk>/targets/", views.provision_targets, name="provision_targets"),
    path("mappings/<int:pk>/", views.mapping_detail, name="mapping_detail"),
    path("mappings/<int:pk>/delete/", views.mapping_delete, name="mapping_delete"),
    path("map/<str:iso3>/<path:key>/decide/", views.suggestion_decide, name="suggestion_decide"),
    path("map/<str:iso3>/<path:key>/", views.workbench, name="workbench"),
    path("gaps/", views.gap_index, name="gap_index"),
    path("gaps/<str:iso3>/", views.gap_analysis, name="gap_analysis"),
    path("gaps/<str:iso3>/needs/", views.gap_needs, name="gap_needs"),
    path("features/<str:iso3>/", views.features_edit, name="features_edit"),
    path("comparison/", views.comparison, name="comparison"),
    path("heatmap/", views.heatmap, name="heatmap"),
]

# --- search (search helper) ---
from tact.legislation import views_search  # noqa: E402

urlpatterns += [path("search/", views_search.search, name="search")]
