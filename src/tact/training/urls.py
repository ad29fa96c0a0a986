from django.urls import path

from tact.training import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("verify/", views.verify, name="verify"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/indicators/", views.programme_link, name="programme_link"),
    path("programmes/<int:pk>/actuals/", views.programme_push, name="programme_push"),
    path("programmes/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/trainers/", views.trainer_add, name="trainer_add"),
    path("sessions/<int:pk>/roster.xlsx", views.roster_export, name="roster_export"),
    path("sessions/<int:pk>/roster/", views.roster_import, name="roster_import"),
    path("sessions/<int:pk>/roster/confirm/", views.roster_confirm, name="roster_confirm"),
    path("sessions/<int:pk>/scores/", views.scores_edit, name="scores_edit"),
    path("sessions/<int:pk>/scores.xlsx", views.scores_export, name="scores_export"),
    path("participants/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
]
