from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tact.catalog"
    label = "catalog"
    verbose_name = "Convention catalog"

    def ready(self) -> None:
        from tact.catalog import search  # noqa: F401  (registers the search provider)
