from django.urls import path

from tact.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("frameworks/new/", views.framework_create, name="framework_create"),
    path("strategies/new/", views.strategy_create, name="strategy_create"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/results/new/", views.node_create, name="node_create"),
    path("frameworks/<int:pk>/iati.xml", views.framework_iati_export, name="framework_iati_export"),
    path(
        "projects/<int:project_pk>/iati-import/",
        views.framework_iati_import,
        name="framework_iati_import",
    ),
    path("results/<int:node_pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("periods/<int:pk>/delete/", views.period_delete, name="period_delete"),
    path("evaluations/", views.evaluation_list, name="evaluation_list"),
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path(
        "evaluations/<int:pk>/ratings/<str:criterion>/",
        views.rating_edit,
        name="rating_edit",
    ),
    path("evaluations/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("evaluations/<int:pk>/documents/new/", views.document_add, name="document_add"),
    path(
        "findings/<int:pk>/good-practice/", views.good_practice_toggle, name="good_practice_toggle"
    ),
    path("findings/<int:pk>/response/", views.response_edit, name="response_edit"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("responses/", views.responses, name="responses"),
    path("good-practices/", views.good_practices, name="good_practices"),
    path("portfolio/", views.portfolio, name="portfolio"),
]
