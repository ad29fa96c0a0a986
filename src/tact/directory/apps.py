from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "tact.directory"
    label = "directory"
    verbose_name = "directory"

    def ready(self) -> None:
        from tact.directory import search  # noqa: F401  (registers search providers)
