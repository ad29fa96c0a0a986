from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "tact.legislation"
    label = "legislation"
    verbose_name = "legislation"

    def ready(self) -> None:
        from tact.legislation import (  # noqa: F401  (registers search provider and state panel)
            panels,
            search,
            search_index,  # keeps the full-text index in sync
        )
