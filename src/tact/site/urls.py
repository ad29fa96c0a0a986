from django.urls import path

from tact.search import views as search_views
from tact.site import guide_views, views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("search/", search_views.search, name="search"),
    path("search/facets/", search_views.search_facets, name="search_facets"),
    path("help/", guide_views.help_index, name="help"),
    path("help/<slug:role>/", guide_views.help_guide, name="help_guide"),
    path("history/<str:app_label>/<str:model>/<str:pk>/", views.history, name="history"),
]
