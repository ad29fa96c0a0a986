from django.urls import path

from tact.core import views
from tact.search import views as search_views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("search/", search_views.search, name="search"),
    path("history/<str:app_label>/<str:model>/<str:pk>/", views.history, name="history"),
]
