from django.urls import path

from tact.practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create, name="create"),
    path("following/", views.subscriptions, name="subscriptions"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/sheet.pdf", views.practice_pdf, name="pdf"),
    path("<int:pk>/comment/", views.practice_comment, name="comment"),
    path("<int:pk>/evidence/", views.practice_evidence, name="evidence"),
    path("<int:pk>/translation/", views.practice_translation, name="translation"),
    path("<int:pk>/endorse/", views.practice_endorse, name="endorse"),
    path("<int:pk>/replicate/", views.practice_replicate, name="replicate"),
    path("<int:pk>/questions/", views.practice_question, name="question"),
    path("<int:pk>/<slug:action>/", views.practice_transition, name="transition"),
]
