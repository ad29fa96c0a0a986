from django.urls import path

from tact.profiles import views

app_name = "profiles"

urlpatterns = [
    path("states/exports/", views.export_list, name="export_list"),
    path("states/exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("states/exports/<int:pk>/<str:fmt>/", views.export_file, name="export_file"),
    path("states/<str:iso3>/", views.state_profile, name="state"),
    path("states/<str:iso3>/export/", views.export, name="export"),
]
