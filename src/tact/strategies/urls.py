from django.urls import path

from tact.strategies import cooperation_views as coop
from tact.strategies import deletion_views as deletes
from tact.strategies import views

app_name = "strategies"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.strategy_create, name="strategy_create"),
    path("<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("<int:pk>/delete/", deletes.strategy_delete, name="strategy_delete"),
    path("<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("<int:pk>/actions.xlsx", views.actions_xlsx, name="actions_xlsx"),
    path("<int:pk>/actions/import/", views.actions_import, name="actions_import"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("<int:pk>/report.pdf", views.strategy_pdf, name="strategy_pdf"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", deletes.objective_delete, name="objective_delete"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", deletes.action_delete, name="action_delete"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/<str:iso3>/", views.state_coverage, name="state_coverage"),
    path("network/<str:iso3>/", views.state_network, name="network"),
    path("agencies/", coop.agency_list, name="agency_list"),
    path("agencies/<int:pk>/edit/", coop.agency_edit, name="agency_edit"),
    path("task-forces/", coop.task_force_list, name="task_force_list"),
    path("task-forces/new/", coop.task_force_create, name="task_force_create"),
    path("task-forces/<int:pk>/", coop.task_force_detail, name="task_force_detail"),
    path("task-forces/<int:pk>/edit/", coop.task_force_edit, name="task_force_edit"),
    path("task-forces/<int:pk>/delete/", deletes.task_force_delete, name="task_force_delete"),
    path("members/<int:pk>/remove/", coop.member_remove, name="member_remove"),
    path("agreements/", coop.agreement_list, name="agreement_list"),
    path("agreements/new/", coop.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/edit/", coop.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/delete/", deletes.agreement_delete, name="agreement_delete"),
    path("campaigns/", coop.campaign_list, name="campaign_list"),
    path("campaigns/new/", coop.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", coop.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", coop.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/delete/", deletes.campaign_delete, name="campaign_delete"),
    path("expected-links/", coop.link_rules, name="link_rules"),
]
