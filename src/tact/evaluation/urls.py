from django.urls import path

from tact.evaluation.views import evaluations, frameworks, portfolio

app_name = "evaluation"

urlpatterns = [
    path("", frameworks.index, name="index"),
    path("frameworks/new/", frameworks.framework_create, name="framework_create"),
    path("strategies/new/", frameworks.strategy_create, name="strategy_create"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/results/new/", frameworks.node_create, name="node_create"),
    path(
        "frameworks/<int:pk>/iati.xml",
        frameworks.framework_iati_export,
        name="framework_iati_export",
    ),
    path(
        "projects/<int:project_pk>/iati-import/",
        frameworks.framework_iati_import,
        name="framework_iati_import",
    ),
    path(
        "results/<int:node_pk>/indicators/new/",
        frameworks.indicator_create,
        name="indicator_create",
    ),
    path("indicators/<int:pk>/", frameworks.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", frameworks.indicator_edit, name="indicator_edit"),
    path("periods/<int:pk>/delete/", frameworks.period_delete, name="period_delete"),
    path("evaluations/", evaluations.evaluation_list, name="evaluation_list"),
    path("evaluations/new/", evaluations.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", evaluations.evaluation_edit, name="evaluation_edit"),
    path(
        "evaluations/<int:pk>/ratings/<str:criterion>/",
        evaluations.rating_edit,
        name="rating_edit",
    ),
    path("evaluations/<int:pk>/findings/new/", evaluations.finding_create, name="finding_create"),
    path("evaluations/<int:pk>/documents/new/", evaluations.document_add, name="document_add"),
    path(
        "findings/<int:pk>/good-practice/",
        evaluations.good_practice_toggle,
        name="good_practice_toggle",
    ),
    path("findings/<int:pk>/response/", evaluations.response_edit, name="response_edit"),
    path("documents/<int:pk>/", evaluations.document_download, name="document_download"),
    path("responses/", evaluations.responses, name="responses"),
    path("good-practices/", portfolio.good_practices, name="good_practices"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
]
