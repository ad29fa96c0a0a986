from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from tact.config.api import api
from tact.core import health as core_health
from tact.site import views as site_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", site_views.set_language, name="set_language"),
    path("health/", site_views.health, name="health"),
    path("ready/", core_health.ready, name="ready"),
]

urlpatterns += i18n_patterns(
    path("", include("tact.site.urls")),
    path("accounts/", include("tact.accounts.urls")),
    path("catalog/", include("tact.catalog.urls")),
    path("", include("tact.profiles.urls")),
    path("directory/", include("tact.directory.urls")),
    path("resolutions/", include("tact.resolutions.urls")),
    path("legislation/", include("tact.legislation.urls")),
    path("assistance/", include("tact.assistance.urls")),
    path("evaluation/", include("tact.evaluation.urls")),
    path("threats/", include("tact.threats.urls")),
    path("strategies/", include("tact.strategies.urls")),
    path("training/", include("tact.training.urls")),
    path("practices/", include("tact.practices.urls")),
    path("chain/", include("tact.chain.urls")),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("admin/", admin.site.urls),
)

# Unknown addresses and failures outside ninja answer in JSON under /api/ (core.views).
handler404 = "tact.site.views.not_found"
handler500 = "tact.site.views.server_error"
handler400 = "tact.site.views.bad_request"
handler403 = "tact.site.views.permission_denied"
