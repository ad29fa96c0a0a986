from django.urls import path

from tact.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("themes/<slug:code>/", views.theme_detail, name="theme_detail"),
    path("<slug:code>/", views.instrument_detail, name="instrument_detail"),
    path("<slug:code>/articles/<int:number>/", views.provision_detail, name="provision_detail"),
]
