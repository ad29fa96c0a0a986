"""Evaluations over HTTP: rating scales, evaluations, ratings, findings, good-practice
candidates and management responses."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from tact.assistance.models import Project
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.access import Actor
from tact.core.api import LOGIN_AUTH, actor
from tact.directory.models import State
from tact.evaluation import permissions, selectors, services
from tact.evaluation.api._common import router, state_or_404
from tact.evaluation.api.schemas import (
    EvaluationDetailOut,
    EvaluationIn,
    EvaluationOut,
    FindingIn,
    FindingOut,
    GoodPracticeOut,
    RatingIn,
    RatingOut,
    ResponseIn,
    ResponseOut,
    ScaleOut,
)
from tact.evaluation.models import (
    Criterion,
    Evaluation,
    Finding,
    ManagementResponse,
    RatingScale,
    ResultsFramework,
)


def _evaluation_detail(evaluation: Evaluation, user: Actor) -> dict[str, Any]:
    data = EvaluationOut.from_orm(evaluation).dict()
    data.update(
        {
            "interventions": list(
                selectors.evaluation_interventions(actor=user, evaluation=evaluation).values_list(
                    "pk", flat=True
                )
            ),
            "frameworks": list(
                selectors.evaluation_frameworks(actor=user, evaluation=evaluation).values_list(
                    "pk", flat=True
                )
            ),
            "states": [s.iso3 for s in evaluation.states.all()],
            "themes": [t.code for t in evaluation.themes.all()],
            "provisions": [p.key for p in evaluation.provisions.all()],
            "ratings": [
                {
                    "criterion": r.criterion,
                    "score": r.score,
                    "label": r.label,
                    "satisfactory": r.satisfactory,
                    "justification": r.justification,
                    "evidence_strength": r.evidence_strength,
                }
                for r in evaluation.ratings.all()
            ],
            "findings": [FindingOut.from_orm(f).dict() for f in evaluation.findings.all()],
        }
    )
    return data


# ---------------------------------------------------------------- evaluations


@router.get("/evaluation/scales", response=list[ScaleOut])
def list_scales(request: HttpRequest) -> Any:
    return RatingScale.objects.all()


class ScaleIn(Schema):
    code: str
    name: str
    description: str = ""
    levels: list[dict[str, Any]]


@router.put("/evaluation/scales", response=ScaleOut, auth=LOGIN_AUTH)
def save_scale(request: HttpRequest, payload: ScaleIn) -> RatingScale:
    """Create or update a rating scale (secretariat). Levels best first, each with code, label
    and whether it counts as satisfactory; levels already used by ratings cannot be removed."""
    return services.scale_save(actor=actor(request), **payload.dict())


@router.get("/evaluation/evaluations", response=list[EvaluationOut])
@paginate(PageNumberPagination, page_size=50)
def list_evaluations(
    request: HttpRequest,
    q: str | None = None,
    state: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    theme: str | None = None,
) -> Any:
    """Evaluations the caller may see (restricted ones only with a scope)."""
    return selectors.evaluation_list(
        actor=actor(request), q=q, state=state, kind=kind, status=status, theme=theme
    )


@router.get("/evaluation/evaluations/{evaluation_id}", response=EvaluationDetailOut)
def get_evaluation(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    user = actor(request)
    return _evaluation_detail(permissions.access_evaluation(user, evaluation_id), user)


@router.post("/evaluation/evaluations", response={201: EvaluationDetailOut}, auth=LOGIN_AUTH)
def create_evaluation(request: HttpRequest, payload: EvaluationIn) -> Status[dict[str, Any]]:
    user = actor(request)
    values = payload.dict()
    scale = get_object_or_404(RatingScale, code=values.pop("scale"))
    values["owner_state"] = state_or_404(values.pop("owner_state"))
    values["interventions"] = list(
        access.visible(user, Project.objects.filter(pk__in=values.pop("interventions")))
    )
    values["frameworks"] = list(
        access.visible(user, ResultsFramework.objects.filter(pk__in=values.pop("frameworks")))
    )
    values["states"] = list(
        State.objects.filter(iso3__in=[s.upper() for s in values.pop("states")])
    )
    values["themes"] = list(Theme.objects.filter(code__in=values.pop("themes")))
    values["provisions"] = list(Provision.objects.filter(key__in=values.pop("provisions")))
    evaluation = services.evaluation_create(
        actor=user, title=values.pop("title"), scale=scale, **values
    )
    return Status(201, _evaluation_detail(evaluation, user))


@router.put(
    "/evaluation/evaluations/{evaluation_id}/ratings/{criterion}",
    response=RatingOut,
    auth=LOGIN_AUTH,
)
def set_rating(
    request: HttpRequest, evaluation_id: int, criterion: Criterion, payload: RatingIn
) -> dict[str, Any]:
    """Record the rating of one OECD-DAC criterion (score on the evaluation's scale or n/a)."""
    user = actor(request)
    evaluation = permissions.access_evaluation(user, evaluation_id)
    rating = services.rating_set(
        actor=user, evaluation=evaluation, criterion=criterion, **payload.dict()
    )
    return {
        "criterion": rating.criterion,
        "score": rating.score,
        "label": rating.label,
        "satisfactory": rating.satisfactory,
        "justification": rating.justification,
        "evidence_strength": rating.evidence_strength,
    }


@router.post(
    "/evaluation/evaluations/{evaluation_id}/findings",
    response={201: FindingOut},
    auth=LOGIN_AUTH,
)
def create_finding(request: HttpRequest, evaluation_id: int, payload: FindingIn) -> Status[Finding]:
    user = actor(request)
    evaluation = permissions.access_evaluation(user, evaluation_id)
    values = payload.dict()
    if values["criterion"] and values["criterion"] not in Criterion.values:
        raise ValidationError("Unknown criterion.")
    finding = services.finding_create(actor=user, evaluation=evaluation, **values)
    return Status(201, finding)


@router.post(
    "/evaluation/findings/{finding_id}/good-practice", response=FindingOut, auth=LOGIN_AUTH
)
def propose_good_practice(request: HttpRequest, finding_id: int) -> Finding:
    """Propose a finding as a good practice; refused (400) with the reasons when the rule fails."""
    user = actor(request)
    finding = permissions.access_finding(user, finding_id)
    return services.good_practice_propose(actor=user, finding=finding)


@router.delete(
    "/evaluation/findings/{finding_id}/good-practice", response=FindingOut, auth=LOGIN_AUTH
)
def withdraw_good_practice(request: HttpRequest, finding_id: int) -> Finding:
    user = actor(request)
    finding = permissions.access_finding(user, finding_id)
    return services.good_practice_withdraw(actor=user, finding=finding)


@router.put("/evaluation/findings/{finding_id}/response", response=ResponseOut, auth=LOGIN_AUTH)
def save_response(request: HttpRequest, finding_id: int, payload: ResponseIn) -> ManagementResponse:
    """Management's response to a recommendation, and its follow-up status."""
    user = actor(request)
    finding = permissions.access_finding_to_respond(user, finding_id)
    return services.response_save(actor=user, finding=finding, **payload.dict())


@router.get("/evaluation/good-practices", response=list[GoodPracticeOut])
@paginate(PageNumberPagination, page_size=50)
def list_good_practices(
    request: HttpRequest, q: str | None = None, theme: str | None = None
) -> Any:
    return selectors.good_practice_candidates(actor=actor(request), q=q, theme=theme)
