"""What awaits each role on the home page: one function per role, each a list of sections of
blocks (a count phrase, the first few records, a "see all" link, an empty state).

Everything is read through the domain apps' selectors, which apply the access rules. Counts
run over the actor's own state or organisation where the role has one; where it has none
(the secretariat, evaluators) they stop at `home_parts.CAP`, so the home page costs the same with a
million projects as with a hundred.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tact.assistance.dashboards import donor_projects
from tact.assistance.models import ImportRun, Need, OverlapCandidate, Project
from tact.assistance.needs.selectors import need_list
from tact.assistance.overlaps.selectors import overlap_list
from tact.assistance.selectors import contribution_list, import_runs
from tact.chain.selectors import integrity_findings, integrity_records
from tact.core import access
from tact.core.access import Actor, Role
from tact.directory.models import Organisation, State
from tact.evaluation.models import Evaluation, ManagementResponse
from tact.evaluation.selectors import evaluation_list, responses_to_follow
from tact.legislation import permissions as legislation_permissions
from tact.legislation.gaps import gap_analysis
from tact.legislation.selectors import NOT_ASSESSED
from tact.practices.models import Status as PracticeStatus
from tact.practices.selectors import practice_list
from tact.site.home_parts import (
    SHOWN,
    Block,
    Item,
    Section,
    capped_count,
    items_of,
    short_date,
    shown,
    title_of,
    url_with,
)

# A focal point bound to many states sees the first few; the state profile has the rest.
MAX_SCOPES = 3
RECENT_IMPORTS = dt.timedelta(days=30)


def home_sections(actor: Actor) -> list[Section]:
    """The sections of the actor's home; none for the anonymous visitor and readers, who see
    the public overview only."""
    scope = access.scope_of(actor)
    if not scope.authenticated:
        return []
    if scope.is_secretariat:
        return secretariat_home(actor)
    if scope.role == Role.FOCAL_POINT:
        return focal_point_home(actor)
    if scope.role == Role.DONOR:
        return donor_home(actor)
    if scope.role == Role.EVALUATOR:
        return evaluator_home(actor)
    return []


# --- national focal point --------------------------------------------------------------------

FOCAL_CHECKS = (
    "recommendations-without-follow-up",
    "needs-without-answer",
    "indicators-without-actual",
)


def focal_point_home(actor: Actor) -> list[Section]:
    """What awaits each of the focal point's states."""
    scope = access.scope_of(actor)
    states = State.objects.filter(pk__in=scope.state_ids).order_by("name")[:MAX_SCOPES]
    return [
        Section(_("What awaits your state"), focal_point_blocks(actor, state), state.display_name)
        for state in states
    ]


def focal_point_blocks(actor: Actor, state: State) -> list[Block]:
    found = {f.name: f for f in integrity_findings(actor, state, limit=SHOWN, names=FOCAL_CHECKS)}
    recs, needs, due = (found[name] for name in FOCAL_CHECKS)
    return [
        Block(
            "recommendations",
            _("Recommendations"),
            ngettext(
                "%(count)s recommendation to States has no follow-up from your state",
                "%(count)s recommendations to States have no follow-up from your state",
                recs.count,
            )
            % shown(recs.count),
            url_with("chain:check_detail", recs.name, state=state.iso3),
            _("Your state has reported on every recommendation addressed to States."),
            items_of(recs.items),
        ),
        _not_assessed(actor, state),
        Block(
            "needs",
            _("Needs"),
            ngettext(
                "%(count)s need has no project, programme or offer answering it",
                "%(count)s needs have no project, programme or offer answering them",
                needs.count,
            )
            % shown(needs.count),
            url_with("chain:check_detail", needs.name, state=state.iso3),
            _("Every need of your state has an answer."),
            items_of(needs.items, lambda n: n.get_priority_display()),
        ),
        Block(
            "reports",
            _("Reports due"),
            ngettext(
                "%(count)s indicator has no actual value for its last period",
                "%(count)s indicators have no actual value for their last period",
                due.count,
            )
            % shown(due.count),
            url_with("chain:check_detail", due.name, state=state.iso3),
            _("No results report is due."),
            items_of(due.items, lambda i: i.node.framework),
        ),
    ]


def _not_assessed(actor: Actor, state: State) -> Block:
    """Paragraphs of the instruments in scope with no assessment, mandatory ones first."""
    rows = [r for r in gap_analysis(actor, state).rows if r.status == NOT_ASSESSED]
    may_assess = legislation_permissions.can_assess(actor, state)
    items = [
        Item(
            r.label,
            reverse("legislation:workbench", args=[state.iso3, r.key])
            if may_assess
            else r.provision.get_absolute_url(),
            r.get_obligation_display(),
        )
        for r in rows[:SHOWN]
    ]
    return Block(
        "provisions",
        _("Provisions not assessed"),
        ngettext(
            "%(count)s provision of the Convention and its Protocols is not assessed yet",
            "%(count)s provisions of the Convention and its Protocols are not assessed yet",
            len(rows),
        )
        % shown(len(rows)),
        reverse("legislation:gap_analysis", args=[state.iso3]),
        _("Every provision in scope is assessed."),
        items,
    )


# --- donor -----------------------------------------------------------------------------------


def donor_home(actor: Actor) -> list[Section]:
    scope = access.scope_of(actor)
    organisations = Organisation.objects.filter(pk__in=scope.organisation_ids).order_by("name")
    return [
        Section(_("Your organisation"), donor_blocks(actor, organisation), organisation.name)
        for organisation in organisations[:MAX_SCOPES]
    ]


def donor_blocks(actor: Actor, organisation: Organisation) -> list[Block]:
    projects = donor_projects(actor, organisation).order_by("-updated_at", "-pk")
    project_count, more_projects = capped_count(projects)
    contributions = contribution_list(actor, donor=str(organisation.pk))
    contribution_count, more_contributions = capped_count(contributions)
    return [
        Block(
            "projects",
            _("Your projects"),
            ngettext(
                "%(count)s project you fund or report",
                "%(count)s projects you fund or report",
                project_count,
            )
            % shown(project_count, more_projects),
            reverse("assistance:donor_dashboard", args=[organisation.pk]),
            _("No project of your organisation is recorded yet."),
            items_of(projects[:SHOWN], lambda p: p.get_status_display()),
        ),
        Block(
            "contributions",
            _("Your contributions"),
            ngettext(
                "%(count)s contribution recorded",
                "%(count)s contributions recorded",
                contribution_count,
            )
            % shown(contribution_count, more_contributions),
            url_with("assistance:contribution_list", donor=organisation.pk),
            _("No contribution of your organisation is recorded yet."),
            [_contribution_item(c) for c in contributions[:SHOWN]],
        ),
        _matching_needs(actor, projects, contributions),
        _donor_overlaps(actor),
    ]


def _contribution_item(contribution: Any) -> Item:
    """A contribution by its year and pledge (the donor is the reader's own organisation)."""
    amount = contribution.pledged_amount
    pledge = f" {contribution.currency} {number_format(amount, 0, force_grouping=True)}"
    return Item(
        f"{contribution.year}{pledge if amount is not None else ''}",
        contribution.get_absolute_url(),
        contribution.get_earmarking_display(),
    )


def _matching_needs(
    actor: Actor, projects: QuerySet[Project], contributions: QuerySet[Any]
) -> Block:
    """Open needs on a theme of the donor's projects or earmarked contributions, the need's
    own or that of a provision it cites (as the matcher reads them)."""
    through = Project.themes.through
    theme_ids = set(
        through.objects.filter(project_id__in=projects.order_by().values("pk"))
        .values_list("theme_id", flat=True)
        .distinct()[:100]
    )
    theme_ids |= set(
        contributions.exclude(earmark_theme=None)
        .order_by()
        .values_list("earmark_theme_id", flat=True)
        .distinct()[:100]
    )
    on_theme = Need.themes.through.objects.filter(theme_id__in=theme_ids).values("need_id")
    by_provision = Need.provisions.through.objects.filter(provision__themes__in=theme_ids).values(
        "need_id"
    )
    needs = need_list(actor, status=Need.Status.OPEN).filter(
        Q(pk__in=on_theme) | Q(pk__in=by_provision)
    )
    count, more = capped_count(needs)
    return Block(
        "matching-needs",
        _("Needs on your themes"),
        ngettext(
            "%(count)s open need on a theme you fund",
            "%(count)s open needs on a theme you fund",
            count,
        )
        % shown(count, more),
        url_with("assistance:need_list", status=Need.Status.OPEN),
        _("No open need on the themes of your projects and contributions."),
        items_of(needs[:SHOWN], lambda n: n.state.display_name),
    )


def _overlap_title(candidate: OverlapCandidate) -> str:
    return f"{title_of(candidate.project_a, 60)} ~ {title_of(candidate.project_b, 60)}"


def _overlap_items(candidates: Iterable[OverlapCandidate]) -> list[Item]:
    return [
        Item(_overlap_title(c), c.get_absolute_url(), number_format(c.score, 2)) for c in candidates
    ]


def _donor_overlaps(actor: Actor) -> Block:
    pairs = overlap_list(actor, status=OverlapCandidate.Review.PENDING, mine=True)
    count, more = capped_count(pairs)
    return Block(
        "overlaps",
        _("Overlaps to decide"),
        ngettext(
            "%(count)s possible overlap with your projects to review",
            "%(count)s possible overlaps with your projects to review",
            count,
        )
        % shown(count, more),
        url_with("assistance:overlap_list", status=OverlapCandidate.Review.PENDING, mine=1),
        _("No possible overlap with your projects awaits a review."),
        _overlap_items(pairs[:SHOWN]),
    )


# --- evaluator -------------------------------------------------------------------------------


def evaluator_home(actor: Actor) -> list[Section]:
    return [Section(_("Your evaluations"), evaluator_blocks(actor))]


def evaluator_blocks(actor: Actor) -> list[Block]:
    ongoing = evaluation_list(actor=actor, status=Evaluation.Status.ONGOING)
    ongoing_count, more_ongoing = capped_count(ongoing)
    today = timezone.localdate()
    overdue = responses_to_follow(actor=actor).filter(
        response__due_date__lt=today,
        response__follow_up_status__in=[
            ManagementResponse.FollowUp.NOT_STARTED,
            ManagementResponse.FollowUp.IN_PROGRESS,
        ],
    )
    overdue_count, more_overdue = capped_count(overdue)
    unanswered = integrity_records(actor, "evaluations-without-response")
    unanswered_count, more_unanswered = capped_count(unanswered)
    return [
        Block(
            "evaluations",
            _("Evaluations in progress"),
            ngettext(
                "%(count)s evaluation in progress",
                "%(count)s evaluations in progress",
                ongoing_count,
            )
            % shown(ongoing_count, more_ongoing),
            url_with("evaluation:evaluation_list", status=Evaluation.Status.ONGOING),
            _("No evaluation is in progress."),
            items_of(ongoing[:SHOWN], lambda e: e.get_kind_display()),
        ),
        Block(
            "responses",
            _("Management responses overdue"),
            ngettext(
                "%(count)s agreed action is past its due date",
                "%(count)s agreed actions are past their due date",
                overdue_count,
            )
            % shown(overdue_count, more_overdue),
            reverse("evaluation:responses"),
            _("No management response is overdue."),
            items_of(
                overdue.order_by("response__due_date", "pk")[:SHOWN],
                lambda f: _("due %(date)s") % {"date": short_date(f.response.due_date)},
            ),
        ),
        Block(
            "unanswered",
            _("Recommendations with no response"),
            ngettext(
                "%(count)s evaluation has recommendations with no management response",
                "%(count)s evaluations have recommendations with no management response",
                unanswered_count,
            )
            % shown(unanswered_count, more_unanswered),
            reverse("chain:check_detail", args=["evaluations-without-response"]),
            _("Management has answered every recommendation."),
            items_of(unanswered[:SHOWN]),
        ),
    ]


# --- secretariat -----------------------------------------------------------------------------


def secretariat_home(actor: Actor) -> list[Section]:
    # One row of cards: the latest imports, then what waits for a decision.
    return [Section(_("To review and decide"), [_imports(actor), *_reviews(actor)])]


def _imports(actor: Actor) -> Block:
    runs = import_runs(actor).order_by("-created_at", "-pk")
    since = timezone.now() - RECENT_IMPORTS
    failed, more = capped_count(runs.filter(status=ImportRun.Status.FAILED, created_at__gte=since))
    return Block(
        "imports",
        _("Recent imports"),
        ngettext(
            "%(count)s import failed in the last 30 days",
            "%(count)s imports failed in the last 30 days",
            failed,
        )
        % shown(failed, more),
        reverse("assistance:import_list"),
        _("No import yet."),
        [
            Item(
                r.file_name,
                r.get_absolute_url(),
                f"{r.get_status_display()}, {short_date(timezone.localtime(r.created_at))}",
            )
            for r in runs[:SHOWN]
        ],
    )


def _reviews(actor: Actor) -> list[Block]:
    practices = practice_list(actor).filter(
        status__in=[PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW]
    )
    practice_count, more_practices = capped_count(practices)
    gaps = integrity_records(actor, "gaps-without-need")
    gap_count, more_gaps = capped_count(gaps)
    pairs = overlap_list(actor, status=OverlapCandidate.Review.PENDING)
    pair_count, more_pairs = capped_count(pairs)
    return [
        Block(
            "practices",
            _("Practices in review"),
            ngettext(
                "%(count)s good practice submitted or in review",
                "%(count)s good practices submitted or in review",
                practice_count,
            )
            % shown(practice_count, more_practices),
            reverse("practices:list"),
            _("No practice awaits a review."),
            items_of(practices[:SHOWN], lambda p: p.get_status_display()),
        ),
        Block(
            "mappings",
            _("Assessments to review"),
            ngettext(
                "%(count)s assessed gap has no assistance need",
                "%(count)s assessed gaps have no assistance need",
                gap_count,
            )
            % shown(gap_count, more_gaps),
            reverse("chain:check_detail", args=["gaps-without-need"]),
            _("Every assessed gap has an assistance need."),
            items_of(gaps[:SHOWN], lambda m: m.get_compliance_display()),
        ),
        Block(
            "overlaps",
            _("Overlaps to decide"),
            ngettext(
                "%(count)s possible overlap to review",
                "%(count)s possible overlaps to review",
                pair_count,
            )
            % shown(pair_count, more_pairs),
            url_with("assistance:overlap_list", status=OverlapCandidate.Review.PENDING),
            _("No possible overlap awaits a review."),
            _overlap_items(pairs[:SHOWN]),
        ),
    ]
