from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "tact.assistance"
    label = "assistance"
    verbose_name = "assistance"

    def ready(self) -> None:
        from tact.assistance import search, summaries  # noqa: F401  (search provider, state panel; summary signals)
