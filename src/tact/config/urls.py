from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from tact.config.api import api
from tact.site import views as site_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("health/", site_views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("", include("tact.site.urls")),
    path("accounts/", include("tact.accounts.urls")),
    path("catalog/", include("tact.catalog.urls")),
    path("directory/", include("tact.directory.urls")),
    path("resolutions/", include("tact.resolutions.urls")),
    path("legislation/", include("tact.legislation.urls")),
    path("assistance/", include("tact.assistance.urls")),
    path("evaluation/", include("tact.evaluation.urls")),
    path("practices/", include("tact.practices.urls")),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("admin/", admin.site.urls),
)
