from django.urls import path

from tact.chain import views

app_name = "chain"

urlpatterns = [
    path("checks/", views.checks, name="checks"),
    path("checks/<slug:name>/", views.check_detail, name="check_detail"),
    path("<str:ref>/", views.chain_view, name="chain"),
]
