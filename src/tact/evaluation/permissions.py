"""Who may see and change what in results and evaluation: the one place where the app decides.

`access_<entity>(actor, pk, *, for_edit=False)` fetches a record and checks it in one call
(404 when the actor may not see it, exactly as if it did not exist; 403 with `for_edit` when
the actor sees it but may not change it). Parts of a framework or an evaluation (nodes,
indicators, periods, ratings, findings, responses, documents) declare `inherits(...)` in
`models.py`, so `access.access_record` on their own querysets walks up to the classified
ancestor: no caller fetches a child and checks its parent by hand.

`can_<verb>_<entity>(actor, obj)` answers the questions the pages ask (show the button?) and
the services enforce (refuse the write?). `related_title` is how every page and export names
a related record (a framework's project or strategy): by its title only when the actor may
see it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _

from tact.assistance.models import Project
from tact.core import access
from tact.core.access import Actor
from tact.evaluation.models import (
    Evaluation,
    EvaluationDocument,
    Finding,
    Indicator,
    IndicatorPeriod,
    ManagementResponse,
    Rating,
    ResultNode,
    ResultsFramework,
    Strategy,
)

# ---------------------------------------------------------------- fetch-and-check


def access_strategy(actor: Actor, pk: Any, *, for_edit: bool = False) -> Strategy:
    return access.access_record(
        actor, Strategy.objects.select_related("state"), pk, for_edit=for_edit
    )


def access_framework(actor: Actor, pk: Any, *, for_edit: bool = False) -> ResultsFramework:
    return access.access_record(
        actor,
        ResultsFramework.objects.select_related("project", "strategy", "state"),
        pk,
        for_edit=for_edit,
    )


def access_node(actor: Actor, pk: Any, *, for_edit: bool = False) -> ResultNode:
    return access.access_record(
        actor, ResultNode.objects.select_related("framework"), pk, for_edit=for_edit
    )


def access_indicator(actor: Actor, pk: Any, *, for_edit: bool = False) -> Indicator:
    return access.access_record(
        actor,
        Indicator.objects.select_related(
            "node__framework__project", "node__framework__strategy", "parent_indicator"
        ).prefetch_related("periods", "provisions", "child_indicators"),
        pk,
        for_edit=for_edit,
    )


def access_period(actor: Actor, pk: Any, *, for_edit: bool = False) -> IndicatorPeriod:
    return access.access_record(
        actor,
        IndicatorPeriod.objects.select_related("indicator__node__framework"),
        pk,
        for_edit=for_edit,
    )


def access_evaluation(actor: Actor, pk: Any, *, for_edit: bool = False) -> Evaluation:
    return access.access_record(
        actor,
        Evaluation.objects.select_related(
            "scale", "owner_state", "owner_organisation"
        ).prefetch_related(
            "ratings",
            "findings__response",
            "documents",
            "states",
            "themes",
            "provisions",
            "interventions",
            "frameworks",
        ),
        pk,
        for_edit=for_edit,
    )


def access_rating(actor: Actor, pk: Any, *, for_edit: bool = False) -> Rating:
    """A rating; `for_edit` asks for the right to rate (evaluators' judgement), which is
    narrower than editing the evaluation."""
    rating = access.access_record(actor, Rating.objects.select_related("evaluation__scale"), pk)
    if for_edit:
        require_rate(actor, rating.evaluation)
    return rating


def access_finding(actor: Actor, pk: Any, *, for_edit: bool = False) -> Finding:
    """A finding; `for_edit` asks for the right to rate its evaluation (findings are the
    evaluators' judgement, like ratings)."""
    finding = access.access_record(
        actor, Finding.objects.select_related("evaluation__scale", "response"), pk
    )
    if for_edit:
        require_rate(actor, finding.evaluation)
    return finding


def access_response(actor: Actor, pk: Any, *, for_edit: bool = False) -> ManagementResponse:
    """A management response; `for_edit` asks for the right to respond for the evaluation."""
    response = access.access_record(
        actor, ManagementResponse.objects.select_related("finding__evaluation"), pk
    )
    if for_edit:
        require_respond(actor, response.finding.evaluation)
    return response


def access_document(actor: Actor, pk: Any, *, for_edit: bool = False) -> EvaluationDocument:
    return access.access_record(
        actor, EvaluationDocument.objects.select_related("evaluation"), pk, for_edit=for_edit
    )


def access_evaluation_to_rate(actor: Actor, pk: Any) -> Evaluation:
    """An evaluation the actor may rate and record findings for (404 if hidden, else 403)."""
    evaluation = access_evaluation(actor, pk)
    require_rate(actor, evaluation)
    return evaluation


def access_finding_to_respond(actor: Actor, pk: Any) -> Finding:
    """A finding whose management response the actor may write (404 if hidden, else 403)."""
    finding = access_finding(actor, pk)
    require_respond(actor, finding.evaluation)
    return finding


def access_project(actor: Actor, pk: Any) -> Project:
    """A project a framework or an evaluation may be attached to: one the actor may see."""
    return access.access_record(actor, Project.objects.all(), pk)


# ---------------------------------------------------------------- questions


def can_create(
    actor: Actor, *, owner_state_id: int | None = None, owner_organisation_id: int | None = None
) -> bool:
    """May the actor create a strategy, a framework or an evaluation with this owner?

    Evaluators build frameworks and evaluations for any state (they are the author);
    everyone else follows the general rule of `access.can_create_for`.
    """
    scope = access.scope_of(actor)
    if scope.authenticated and scope.role == access.Role.EVALUATOR:
        return True
    return access.can_create_for(
        actor, owner_state_id=owner_state_id, owner_organisation_id=owner_organisation_id
    )


def can_edit_framework(actor: Actor, framework: ResultsFramework) -> bool:
    """Edit the framework, its results, indicators and their values."""
    return access.can_edit(actor, framework)


def can_edit_evaluation(actor: Actor, evaluation: Evaluation) -> bool:
    """Edit the evaluation's description and add documents."""
    return access.can_edit(actor, evaluation)


def can_rate(actor: Actor, evaluation: Evaluation) -> bool:
    """Ratings and findings are the evaluators' judgement: the secretariat or the evaluator
    who authored the evaluation (not the managers of the evaluated state)."""
    scope = access.scope_of(actor)
    if scope.is_secretariat:
        return True
    return (
        scope.role == access.Role.EVALUATOR
        and scope.user_id is not None
        and evaluation.created_by_id == scope.user_id
    )


def can_respond(actor: Actor, evaluation: Evaluation) -> bool:
    """Management responses come from the owners of the evaluated work (or the secretariat),
    never from the evaluators who wrote the recommendations."""
    if access.scope_of(actor).role == access.Role.EVALUATOR:
        return False
    return access.can_edit(actor, evaluation)


def can_view_subject(actor: Actor, framework: ResultsFramework) -> bool:
    """May the actor see the project or strategy the framework belongs to? A framework can be
    public while its project is restricted: the framework shows, its project does not."""
    subject = framework.subject
    return subject is not None and access.can_view(actor, subject)


def require_edit_framework(actor: Actor, framework: ResultsFramework) -> None:
    access.require_edit(actor, framework)


def require_edit_evaluation(actor: Actor, evaluation: Evaluation) -> None:
    access.require_edit(actor, evaluation)


def require_rate(actor: Actor, evaluation: Evaluation) -> None:
    if not can_rate(actor, evaluation):
        raise PermissionDenied(_("Only the evaluation's author or the secretariat may rate it."))


def require_respond(actor: Actor, evaluation: Evaluation) -> None:
    if not can_respond(actor, evaluation):
        raise PermissionDenied(_("You may not respond for this evaluation."))


def require_create(
    actor: Actor, *, owner_state_id: int | None = None, owner_organisation_id: int | None = None
) -> None:
    if not can_create(
        actor, owner_state_id=owner_state_id, owner_organisation_id=owner_organisation_id
    ):
        raise PermissionDenied(_("You may not change this record."))


# ---------------------------------------------------------------- naming related records


def hidden_title() -> str:
    """What stands in for the title of a related record the viewer may not see."""
    return _("A record you may not see")


def related_title(actor: Actor, obj: Model | None) -> str:
    """The title of a related record as this actor may see it: its title when visible, a
    neutral phrase when not, empty when there is none. Decided at every render, so
    reclassifying the record hides it everywhere at once."""
    if obj is None:
        return ""
    return str(obj) if access.can_view(actor, obj) else hidden_title()


def subject_title(actor: Actor, framework: ResultsFramework) -> str:
    """The framework's project or strategy, named as `related_title` does."""
    return related_title(actor, framework.subject)
