from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "tact.resolutions"
    label = "resolutions"
    verbose_name = "resolutions"

    def ready(self) -> None:
        from tact.resolutions import search  # noqa: F401  (search provider, state panel)
