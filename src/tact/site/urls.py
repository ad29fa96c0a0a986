from django.urls import path

from tact.search import views as search_views
from tact.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("search/", search_views.search, name="search"),
    path("history/<str:app_label>/<str:model>/<str:pk>/", views.history, name="history"),
]
