from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tact.core"
    label = "core"
    verbose_name = "tact core"

    def ready(self) -> None:
        from tact.core import pagecache, throttling, validation

        validation.connect()
        throttling.connect()
        pagecache.connect()
