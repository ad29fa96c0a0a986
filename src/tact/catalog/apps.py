from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tact.catalog"
    label = "catalog"
    verbose_name = "Convention catalog"
