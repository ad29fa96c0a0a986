from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "tact.assistance"
    label = "assistance"
    verbose_name = "assistance"

    def ready(self) -> None:
        from tact.assistance import permissions, search, summaries  # noqa: F401  (search provider, state panel; summary signals)
        from tact.core import actions

        actions.register("assistance.import", permissions.can_import)
        actions.register("assistance.load_exchange_rates", permissions.can_load_exchange_rates)
