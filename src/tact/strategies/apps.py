from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "tact.strategies"
    label = "strategies"
    verbose_name = "strategies"

    def ready(self) -> None:
        from tact.strategies import panels, search  # noqa: F401  (search provider, state panel)
