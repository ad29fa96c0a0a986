"""The steps of the chain: which records follow which, and under what relation.

Every record kind on the chain has a rank, its column from left (the recommendation) to right
(results and practices). A step goes from a lower rank (upstream) to a higher one
(downstream). Steps held by foreign keys are listed in `FK_STEPS`; the others are `Link` rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tact.chain.models import Relation

# Columns, left to right. A model not listed here can still be a Link's end; it then stands
# in the middle column (`DEFAULT_RANK`).
RANKS: dict[str, int] = {
    "resolutions.recommendation": 0,
    "resolutions.followup": 1,
    "legislation.provisionmapping": 2,
    "assistance.need": 3,
    "assistance.project": 4,
    "training.programme": 4,
    "strategies.action": 4,
    "evaluation.resultsframework": 5,
    "evaluation.indicator": 6,
    "evaluation.evaluation": 7,
    "evaluation.finding": 8,
    "practices.goodpractice": 9,
}
DEFAULT_RANK = 4

COLUMN_LABELS: dict[int, Promise] = {
    0: _("Recommendation"),
    1: _("Follow-up"),
    2: _("Legislative gap"),
    3: _("Need"),
    4: _("Project, training or action"),
    5: _("Results framework"),
    6: _("Indicator"),
    7: _("Evaluation"),
    8: _("Finding"),
    9: _("Good practice"),
}

# Existence itself is confidential for these kinds (threat assessments and the material on
# victims and witnesses): a viewer who may not see them does not learn they are there.
SECRET_MODELS = frozenset(
    {
        "threats.assessment",
        "threats.subject",
        "threats.rating",
        "threats.evidence",
        "legislation.victimwitnessfeature",
    }
)


@dataclass(frozen=True)
class FkStep:
    """`upstream` -> `downstream` held by `path`, a lookup from the downstream model to the
    upstream one (a foreign key, a many-to-many or a chain of them)."""

    upstream: str
    downstream: str
    path: str
    relation: str

    def model(self, label: str) -> type[models.Model]:
        return apps.get_model(label)


FK_STEPS: tuple[FkStep, ...] = (
    FkStep(
        "resolutions.recommendation",
        "resolutions.followup",
        "recommendation",
        Relation.IMPLEMENTS_RECOMMENDATION,
    ),
    FkStep("assistance.need", "assistance.project", "needs", Relation.ANSWERS_NEED),
    FkStep("assistance.need", "training.programme", "needs", Relation.ANSWERS_NEED),
    FkStep("assistance.project", "training.programme", "project", Relation.FUNDS),
    FkStep("assistance.project", "strategies.action", "project", Relation.FUNDS),
    FkStep("assistance.project", "evaluation.resultsframework", "project", Relation.MEASURES),
    FkStep(
        "resolutions.recommendation",
        "evaluation.resultsframework",
        "recommendations",
        Relation.IMPLEMENTS_RECOMMENDATION,
    ),
    FkStep(
        "evaluation.resultsframework", "evaluation.indicator", "node__framework", Relation.PART_OF
    ),
    FkStep(
        "resolutions.recommendation",
        "evaluation.indicator",
        "recommendations",
        Relation.IMPLEMENTS_RECOMMENDATION,
    ),
    FkStep("assistance.project", "evaluation.evaluation", "interventions", Relation.EVALUATES),
    FkStep(
        "evaluation.resultsframework", "evaluation.evaluation", "frameworks", Relation.EVALUATES
    ),
    FkStep("evaluation.evaluation", "evaluation.finding", "evaluation", Relation.PART_OF),
)


def rank_of(label: str) -> int:
    return RANKS.get(label, DEFAULT_RANK)
