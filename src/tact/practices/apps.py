from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "tact.practices"
    label = "practices"
    verbose_name = "good practices"

    def ready(self) -> None:
        from tact.practices import search  # noqa: F401  (registers the practice source)
