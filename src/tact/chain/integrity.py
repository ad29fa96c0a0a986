"""Integrity checks of the chain: where it breaks off (counted in the database).

Each check is a queryset of the records the actor may see that lack their next step; the
count is one COUNT query and the list is paginated by the caller. `integrity_findings` gives
the first few of each, for the state profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Need, Project, ProjectCountry
from tact.chain.models import Link, Relation
from tact.core import access
from tact.directory.models import PartyStatus, State
from tact.evaluation.models import Evaluation, Finding, Indicator, IndicatorPeriod, ResultsFramework
from tact.legislation.models import Compliance, ProvisionMapping
from tact.resolutions.models import Addressee, FollowUp, Recommendation
from tact.training.models import Programme

GAP_COMPLIANCE = (Compliance.NONE, Compliance.PARTIAL)


def _party(state: Any) -> Exists:
    """Whether `state` (a state or an OuterRef to one) is party to an instrument."""
    return Exists(PartyStatus.objects.filter(state=state, status=PartyStatus.Status.PARTY))


def recommendations_without_follow_up(actor: Any, state: State | None) -> models.QuerySet[Any]:
    """Recommendations addressed to States that no State party has reported on (with a
    state: that the state, if party, has not reported on)."""
    follow_ups = access.visible(actor, FollowUp.objects.filter(recommendation=OuterRef("pk")))
    follow_ups = follow_ups.filter(actor_kind=FollowUp.ActorKind.STATE)
    addressed = Recommendation.objects.filter(addressees__icontains=f'"{Addressee.STATES}"')
    if state is not None:
        # None when the state is no party (a condition of the query, not a query of its own).
        addressed = addressed.filter(_party(state))
        follow_ups = follow_ups.filter(owner_state=state)
    else:
        follow_ups = follow_ups.filter(_party(OuterRef("owner_state")))
    # Language versions repeat the original's recommendations; follow-up is on the original.
    addressed = addressed.filter(resolution__original__isnull=True)
    return addressed.filter(~Exists(follow_ups)).order_by("resolution_id", "order", "pk")


def _link_to(model: type[models.Model], relation: str, source: type[models.Model]) -> Exists:
    return Exists(
        Link.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id=OuterRef("pk"),
            relation=relation,
            source_type=ContentType.objects.get_for_model(source),
        )
    )


def gaps_without_need(actor: Any, state: State | None) -> models.QuerySet[Any]:
    """Gaps (provisions assessed as not or partly met) from which no need was derived."""
    gaps = access.visible(actor, ProvisionMapping.objects.filter(compliance__in=GAP_COMPLIANCE))
    if state is not None:
        gaps = gaps.filter(state=state)
    gaps = gaps.filter(~_link_to(ProvisionMapping, Relation.DERIVED_FROM, Need))
    # What a mapping's name shows (its legal provision, the article or paragraph it maps to
    # and their instrument) comes in the same query: listing gaps makes no query per gap.
    return gaps.select_related(
        "state",
        "legal_provision",
        "convention_provision__instrument",
        "paragraph__provision__instrument",
    ).order_by("state__name", "pk")


def needs_without_answer(actor: Any, state: State | None) -> models.QuerySet[Any]:
    """Needs no project, training programme or linked offer answers."""
    needs = access.visible(actor, Need.objects.all())
    if state is not None:
        needs = needs.filter(state=state)
    by_project = Exists(Project.needs.through.objects.filter(need_id=OuterRef("pk")))
    by_programme = Exists(Programme.needs.through.objects.filter(need_id=OuterRef("pk")))
    by_link = Exists(
        Link.objects.filter(
            target_type=ContentType.objects.get_for_model(Need),
            target_id=OuterRef("pk"),
            relation=Relation.ANSWERS_NEED,
        )
    )
    return (
        needs.filter(~by_project & ~by_programme & ~by_link)
        .select_related("state")
        .order_by("state__name", "pk")
    )


def projects_without_framework(actor: Any, state: State | None) -> models.QuerySet[Any]:
    projects = access.visible(actor, Project.objects.all())
    if state is not None:
        projects = projects.filter(
            Exists(ProjectCountry.objects.filter(project=OuterRef("pk"), state=state))
        )
    framework = Exists(ResultsFramework.objects.filter(project=OuterRef("pk")))
    return projects.filter(~framework).order_by("pk")


def indicators_without_actual(
    actor: Any, state: State | None, today: dt.date | None = None
) -> models.QuerySet[Any]:
    """Indicators whose last period ended by today has no actual value (figure or narrative);
    roll-up indicators, which take their values from their children, left out."""
    today = today or timezone.localdate()
    indicators = access.visible(actor, Indicator.objects.all())
    if state is not None:
        indicators = indicators.filter(
            Q(node__framework__state=state) | Q(node__framework__owner_state=state)
        )
    last = IndicatorPeriod.objects.filter(indicator=OuterRef("pk"), end__lte=today).order_by(
        "-end", "-pk"
    )
    empty = IndicatorPeriod.objects.filter(
        pk=OuterRef("last_period"),
        actual_value__isnull=True,
        actual_numerator__isnull=True,
        narrative="",
    )
    children = Indicator.objects.filter(parent_indicator=OuterRef("pk"))
    return (
        indicators.filter(~Exists(children))
        .annotate(last_period=Subquery(last.values("pk")[:1]))
        .filter(Exists(empty))
        .select_related("node__framework")
        .order_by("node__framework_id", "pk")
    )


def evaluations_without_response(actor: Any, state: State | None) -> models.QuerySet[Any]:
    """Evaluations with a recommendation that management has not answered."""
    evaluations = access.visible(actor, Evaluation.objects.all())
    if state is not None:
        evaluations = evaluations.filter(
            Q(owner_state=state)
            | Exists(
                Evaluation.states.through.objects.filter(evaluation_id=OuterRef("pk"), state=state)
            )
        )
    unanswered = Finding.objects.filter(
        evaluation=OuterRef("pk"), kind=Finding.Kind.RECOMMENDATION, response__isnull=True
    )
    return evaluations.filter(Exists(unanswered)).order_by("-report_date", "-pk")


@dataclass(frozen=True)
class Check:
    name: str
    label: Promise
    records: Callable[[Any, State | None], models.QuerySet[Any]]


CHECKS: tuple[Check, ...] = (
    Check(
        "recommendations-without-follow-up",
        _("Recommendations to States with no follow-up from a State party"),
        recommendations_without_follow_up,
    ),
    Check("gaps-without-need", _("Legislative gaps with no need"), gaps_without_need),
    Check("needs-without-answer", _("Needs with no project or offer"), needs_without_answer),
    Check(
        "projects-without-framework",
        _("Projects with no results framework"),
        projects_without_framework,
    ),
    Check(
        "indicators-without-actual",
        _("Indicators with no actual value for the last period"),
        indicators_without_actual,
    ),
    Check(
        "evaluations-without-response",
        _("Evaluations with recommendations that have no management response"),
        evaluations_without_response,
    ),
)
CHECKS_BY_NAME = {check.name: check for check in CHECKS}


@dataclass
class IntegrityFinding:
    name: str
    label: str
    count: int
    items: list[Any]


def integrity_findings(
    actor: Any,
    state: State | None = None,
    *,
    limit: int = 10,
    names: Collection[str] | None = None,
) -> list[IntegrityFinding]:
    """Every check (or those named): its name, label, count and the first `limit` records
    the actor sees."""
    found = []
    for check in CHECKS:
        if names is not None and check.name not in names:
            continue
        records = check.records(actor, state)
        items = list(records[:limit]) if limit > 0 else []
        # A list shorter than the limit is all there is: the COUNT query is needed only
        # when the list is full.
        count = len(items) if len(items) < limit else records.count()
        found.append(IntegrityFinding(check.name, str(check.label), count, items))
    return found
