from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "tact.evaluation"
    label = "evaluation"
    verbose_name = "evaluation"
