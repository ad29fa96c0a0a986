from django.urls import path

from tact.threats.views import assessments, imports, summaries, templates

app_name = "threats"

urlpatterns = [
    path("", assessments.index, name="index"),
    path("assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/ratings/", assessments.ratings_edit, name="ratings_edit"),
    path("assessments/<int:pk>/subjects/new/", assessments.subject_add, name="subject_add"),
    path("assessments/<int:pk>/findings/new/", assessments.finding_create, name="finding_create"),
    path(
        "assessments/<int:pk>/report.<str:fmt>",
        assessments.assessment_report,
        name="assessment_report",
    ),
    path("assessments/<int:pk>/chart.json", assessments.assessment_chart, name="assessment_chart"),
    path("assessments/<int:pk>/sheet.xlsx", imports.rating_sheet, name="rating_sheet"),
    path("assessments/<int:pk>/import/", imports.rating_import, name="rating_import"),
    path("subjects/<int:pk>/delete/", assessments.subject_delete, name="subject_delete"),
    path("ratings/<int:pk>/", assessments.rating_detail, name="rating_detail"),
    path("findings/<int:pk>/need/", assessments.finding_need, name="finding_need"),
    path("findings/<int:pk>/publish/", summaries.finding_publish, name="finding_publish"),
    path("summaries/", summaries.summary_list, name="summary_list"),
    path("summaries/<int:pk>/", summaries.summary_detail, name="summary_detail"),
    path("summaries/<int:pk>/withdraw/", summaries.summary_withdraw, name="summary_withdraw"),
    path("templates/", templates.template_list, name="template_list"),
    path("templates/new/", templates.template_create, name="template_create"),
    path("templates/<int:pk>/", templates.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="template_edit"),
]
