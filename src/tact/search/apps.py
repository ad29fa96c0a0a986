from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tact.search"
    label = "search"
    verbose_name = "search"

    def ready(self) -> None:
        from tact.search import documents  # noqa: F401  (connects the index-sync signals)
