"""The steps of the chain: which records follow which, and under what relation.

Every record kind on the chain has a rank, its column from left (the recommendation) to right
(results and practices). A step goes from a lower rank (upstream) to a higher one
(downstream). Steps held by foreign keys are listed in `FK_STEPS`; the others are `Link` rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Need, Project
from tact.chain.models import Relation
from tact.evaluation.models import Evaluation, Finding, Indicator, ResultsFramework
from tact.resolutions.models import FollowUp, Recommendation
from tact.strategies.models import Action
from tact.training.models import Programme

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

    upstream: type[models.Model]
    downstream: type[models.Model]
    path: str
    relation: str

    @property
    def up_label(self) -> str:
        return self.upstream._meta.label_lower

    @property
    def down_label(self) -> str:
        return self.downstream._meta.label_lower


FK_STEPS: tuple[FkStep, ...] = (
    FkStep(Recommendation, FollowUp, "recommendation", Relation.IMPLEMENTS_RECOMMENDATION),
    FkStep(Need, Project, "needs", Relation.ANSWERS_NEED),
    FkStep(Need, Programme, "needs", Relation.ANSWERS_NEED),
    FkStep(Project, Programme, "project", Relation.FUNDS),
    FkStep(Project, Action, "project", Relation.FUNDS),
    FkStep(Project, ResultsFramework, "project", Relation.MEASURES),
    FkStep(Recommendation, ResultsFramework, "recommendations", Relation.IMPLEMENTS_RECOMMENDATION),
    FkStep(ResultsFramework, Indicator, "node__framework", Relation.PART_OF),
    FkStep(Recommendation, Indicator, "recommendations", Relation.IMPLEMENTS_RECOMMENDATION),
    FkStep(Project, Evaluation, "interventions", Relation.EVALUATES),
    FkStep(ResultsFramework, Evaluation, "frameworks", Relation.EVALUATES),
    FkStep(Evaluation, Finding, "evaluation", Relation.PART_OF),
)


def rank_of(label: str) -> int:
    return RANKS.get(label, DEFAULT_RANK)
