from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "tact.training"
    label = "training"
    verbose_name = "training"

    def ready(self) -> None:
        from tact.training import panels, search  # noqa: F401  (registers providers)
