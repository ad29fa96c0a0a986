from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "tact.strategies"
    label = "strategies"
    verbose_name = "strategies"

    def ready(self) -> None:
        from tact.core import actions
        from tact.strategies import permissions

        # The results pages offer "New programme or strategy" (evaluation may not import us).
        actions.register("strategies.create", permissions.can_create_strategies)
