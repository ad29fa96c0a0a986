from django.apps import AppConfig


class ThreatsConfig(AppConfig):
    name = "tact.threats"
    label = "threats"
    verbose_name = "threats"

    def ready(self) -> None:
        from tact.threats import panels, search  # noqa: F401  (registers providers)
