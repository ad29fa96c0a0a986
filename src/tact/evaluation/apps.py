from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "tact.evaluation"
    label = "evaluation"
    verbose_name = "evaluation"

    def ready(self) -> None:
        from tact.evaluation import profile, search  # noqa: F401  (registers providers)
