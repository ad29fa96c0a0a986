"""Who may see and do what in assistance coordination, in the Zulip style.

``access_<entity>(actor, pk, *, for_edit=False)`` fetches a record and checks it in one call
(404 when the actor may not see it, exactly as when it does not exist; 403 with ``for_edit``
when the actor sees it but may not change it). ``can_<verb>_<entity>(actor, ...)`` answers a
question without raising. Views, the API and the services call these; nothing in the app
decides access by hand. The rules themselves live in :mod:`tact.core.access`.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tact.assistance.models import (
    Contribution,
    ImportRun,
    Need,
    OverlapCandidate,
    Project,
)
from tact.core import access
from tact.core.access import Actor

# --- projects --------------------------------------------------------------------------------


_projects = access.PreparedRecords(
    lambda: Project.objects.select_related("reporting_organisation", "import_run")
)


def access_project(actor: Actor, pk: int, *, for_edit: bool = False) -> Project:
    return _projects.get(actor, pk, for_edit=for_edit)


def can_edit_project(actor: Actor, project: Project) -> bool:
    return access.can_edit(actor, project)


def can_import(actor: Actor) -> bool:
    """Any role that writes may start an IATI import (its rows are owned by the importer)."""
    return access.scope_of(actor).can_write_anything


# --- needs -----------------------------------------------------------------------------------


def access_need(actor: Actor, pk: int, *, for_edit: bool = False) -> Need:
    return access.access_record(actor, Need.objects.select_related("state"), pk, for_edit=for_edit)


def can_edit_need(actor: Actor, need: Need) -> bool:
    return access.can_edit(actor, need)


def can_record_needs(actor: Actor) -> bool:
    """Focal points (for their states) and the secretariat record needs."""
    scope = access.scope_of(actor)
    return scope.is_secretariat or (scope.role == access.Role.FOCAL_POINT and bool(scope.state_ids))


def can_record_need_for(actor: Actor, state_id: int) -> bool:
    return access.can_create_for(actor, owner_state_id=state_id)


# --- contributions and exchange rates --------------------------------------------------------


def access_contribution(actor: Actor, pk: int, *, for_edit: bool = False) -> Contribution:
    return access.access_record(
        actor,
        Contribution.objects.select_related("donor", "earmark_theme", "earmark_state"),
        pk,
        for_edit=for_edit,
    )


def can_record_contributions(actor: Actor) -> bool:
    scope = access.scope_of(actor)
    return scope.is_secretariat or scope.role == access.Role.DONOR


def can_load_exchange_rates(actor: Actor) -> bool:
    scope = access.scope_of(actor)
    return scope.can_write_anything and (scope.is_secretariat or scope.role == access.Role.DONOR)


# --- imports ---------------------------------------------------------------------------------


def import_runs_visible(actor: Actor) -> QuerySet[ImportRun]:
    """The secretariat sees every import; others their own (runs are internal records)."""
    scope = access.scope_of(actor)
    qs = ImportRun.objects.select_related("created_by").exclude(kind=ImportRun.Kind.OVERLAPS)
    if scope.is_secretariat:
        return qs
    if not scope.authenticated or scope.user_id is None:
        return qs.none()
    return qs.filter(created_by_id=scope.user_id)


def access_import_run(actor: Actor, pk: int) -> ImportRun:
    try:
        return import_runs_visible(actor).get(pk=pk)
    except ImportRun.DoesNotExist as exc:
        raise Http404(_("No such record.")) from exc


# --- overlaps --------------------------------------------------------------------------------


def overlaps_visible(actor: Actor) -> QuerySet[OverlapCandidate]:
    """Pairs whose two projects the actor may both see."""
    return OverlapCandidate.objects.filter(
        access.visible_q(actor, prefix="project_a__"), access.visible_q(actor, prefix="project_b__")
    )


def access_overlap(actor: Actor, pk: int, *, for_review: bool = False) -> OverlapCandidate:
    """A pair the actor may see (404 otherwise); with ``for_review``, one it may also review
    (403 otherwise)."""
    candidate = (
        overlaps_visible(actor)
        .select_related("project_a", "project_b", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if candidate is None:
        raise Http404(_("No such record."))
    if for_review and not can_review_overlap(actor, candidate):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("You may not review this overlap."))
    return candidate


def organisations_of(project: Project) -> set[int]:
    """Directory organisations involved in a project: owner, reporting and participating."""
    ids = {project.owner_organisation_id, project.reporting_organisation_id}
    ids.update(
        project.participating_organisations.exclude(organisation=None).values_list(
            "organisation_id", flat=True
        )
    )
    return {int(i) for i in ids if i is not None}


def can_review_overlaps(actor: Actor) -> bool:
    """May the actor review any overlap at all (secretariat, or a donor with an organisation)?"""
    scope = access.scope_of(actor)
    if not scope.authenticated:
        return False
    return scope.is_secretariat or (
        scope.role == access.Role.DONOR and bool(scope.organisation_ids)
    )


def can_review_overlap(actor: Actor, candidate: OverlapCandidate) -> bool:
    """The secretariat reviews any pair; a donor reviews pairs involving a project of its
    organisation (owner, reporting or participating) when it may see both projects."""
    if not can_review_overlaps(actor):
        return False
    if not (
        access.can_view(actor, candidate.project_a) and access.can_view(actor, candidate.project_b)
    ):
        return False
    scope = access.scope_of(actor)
    if scope.is_secretariat:
        return True
    mine = organisations_of(candidate.project_a) | organisations_of(candidate.project_b)
    return bool(mine & scope.organisation_ids)


def involving_organisations_q(organisation_ids: frozenset[int] | set[int]) -> Q:
    """Pairs with a project of one of these organisations on either side."""
    orgs = list(organisation_ids)
    involved = Q(pk__in=[])
    for side in ("project_a", "project_b"):
        involved |= (
            Q(**{f"{side}__owner_organisation_id__in": orgs})
            | Q(**{f"{side}__reporting_organisation_id__in": orgs})
            | Q(**{f"{side}__participating_organisations__organisation_id__in": orgs})
        )
    return involved


def can_detect_overlaps(actor: Actor) -> bool:
    """Detection reads every project whoever may see it: the secretariat (or the CLI) only."""
    return access.scope_of(actor).is_secretariat
