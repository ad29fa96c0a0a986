"""Rating scales and their level labels read in the reader's language."""

from __future__ import annotations

from django.utils import translation

from tact.evaluation.models import RatingScale, level_label


def test_default_labels_and_names_are_translated() -> None:
    scale = RatingScale(
        code="ieg-6",
        name="Six-point (IEG)",
        levels=[
            {"code": "HS", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "U", "label": "Unsatisfactory", "satisfactory": False},
        ],
    )
    with translation.override("fr"):
        assert scale.choices() == [("HS", "HS – Très satisfaisant"), ("U", "U – Insatisfaisant")]
        assert str(scale) == "À six niveaux (IEG)"
    with translation.override("zh-hans"):
        assert level_label("Satisfactory") == "满意"


def test_a_label_per_language_and_an_unknown_label() -> None:
    with translation.override("ru"):
        assert level_label({"en": "Good", "ru": "Хорошо"}) == "Хорошо"
        assert level_label("Locally defined") == "Locally defined"
