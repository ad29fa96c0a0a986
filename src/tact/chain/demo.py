"""Demo data: one recommendation of the seed followed to its results.

Recommendation annex.b.v (assistance in harmonising domestic legislation with the Convention)
-> Nigeria's follow-up report -> the gap found in its law on article 34 -> the need derived
from it -> the project that answers it -> the project's results framework and indicator -> the
evaluation of the project -> the lesson it drew -> the good practice drawn from the lesson.
Built through each app's services after their own demos (this app comes last); idempotent.
Then `links_sync` turns the references other demos stored as text into typed links.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from tact.assistance.demo import _activity
from tact.assistance.importing import Lookups, save_activity
from tact.assistance.models import Need, Project
from tact.assistance.needs.services import need_upsert
from tact.assistance.services import project_update_links
from tact.catalog.models import Provision, ProvisionParagraph
from tact.chain.models import Relation
from tact.chain.services import link_create, links_sync
from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.evaluation import services as evaluation_services
from tact.evaluation.models import Evaluation, Finding, Indicator, RatingScale, ResultsFramework
from tact.legislation import services as legislation_services
from tact.legislation.models import Compliance, ProvisionMapping
from tact.practices import services as practice_services
from tact.practices.candidates import practice_from_finding
from tact.practices.models import GoodPractice, Status
from tact.resolutions import services as resolution_services
from tact.resolutions.demo import resolution as seed_resolution
from tact.resolutions.models import FollowUp

CODE = "annex.b.v"
ISO3 = "NGA"
PROJECT_ID = "XM-DAC-41128-TACT-DEMO-NGA-HARMONISE"
PROJECT_TITLE = "Harmonising Nigerian legislation with the Organized Crime Convention"
FRAMEWORK_TITLE = "Results of the legislative harmonisation project in Nigeria"
INDICATOR_TITLE = "Provisions of the Convention reflected in draft or adopted national law"
EVALUATION_TITLE = "Final evaluation of legislative harmonisation support to Nigeria"
LESSON_TITLE = "Drafting with the Convention's legislative guides side by side sped up review"


def _chain_records(actor: Any) -> dict[str, Any]:
    resolution = seed_resolution()
    state = State.objects.filter(iso3=ISO3).first()
    if resolution is None or state is None:
        return {}
    recommendation = resolution.recommendations.get(code=CODE)
    follow_up = FollowUp.objects.filter(recommendation=recommendation, owner_state=state).first()
    follow_up = follow_up or resolution_services.follow_up_create(
        actor=actor,
        recommendation=recommendation,
        actor_kind=FollowUp.ActorKind.STATE,
        state=state,
        status=FollowUp.Status.IN_PROGRESS,
        narrative="A review of national law against the Convention found no measures under "
        "article 34(1); a drafting project started in 2024. (Demonstration data.)",
        reported_on=dt.date(2024, 6, 1),
    )
    paragraph = ProvisionParagraph.objects.get(key="untoc/art_34/para_1")
    gap = ProvisionMapping.objects.filter(state=state, paragraph=paragraph).first()
    gap = gap or legislation_services.mapping_create(
        actor=actor,
        state=state,
        convention_provision=paragraph.provision,
        paragraph=paragraph,
        compliance=Compliance.NONE,
        classification="public",
        de_jure_notes="No legislative measures found establishing the offences of the Convention.",
        assessor_name="tact demo",
        assessed_on=dt.date(2024, 3, 1),
        is_demo=True,
    )
    need, _created = need_upsert(
        actor=actor,
        state=state,
        title="Bring national legislation in line with article 34 of the Convention",
        description="Derived from the gap analysis of Nigeria (demonstration data).",
        provisions=Provision.objects.filter(key="untoc/art_34"),
        priority=Need.Priority.HIGH,
        source=Need.Source.GAP_ANALYSIS,
        source_ref=f"gap:{ISO3}:untoc/art_34",
        classification="restricted",
    )
    return {
        "state": state,
        "recommendation": recommendation,
        "follow_up": follow_up,
        "gap": gap,
        "need": need,
    }


def _project(actor: Any, need: Need) -> Project | None:
    project = Project.objects.filter(iati_identifier=PROJECT_ID).first()
    if project is None:
        activity = _activity(
            identifier=PROJECT_ID,
            reporter="UNODC",
            funder="UNODC",
            implementer="UNODC",
            countries=[("NG", 100)],
            topic=0,
            start=dt.date(2024, 1, 1),
            years=2,
            amount=400000,
            status="2",
            title=PROJECT_TITLE,
        )
        project, _outcome, _reason = save_activity(
            activity, actor=actor, lookups=Lookups(), origin=Project.Origin.DEMO
        )
    if project is not None and not project.needs.filter(pk=need.pk).exists():
        project_update_links(
            actor=actor,
            project=project,
            needs=[*project.needs.all(), need],
            provisions=Provision.objects.filter(key="untoc/art_34"),
        )
    return project


def _framework(actor: Any, project: Project, state: State) -> Indicator:
    framework = ResultsFramework.objects.filter(project=project).first()
    framework = framework or evaluation_services.framework_create(
        actor=actor,
        title=FRAMEWORK_TITLE,
        project=project,
        state=state,
        owner_state=state,
        classification="public",
        recommendation_codes=[CODE],
    )
    indicator = Indicator.objects.filter(node__framework=framework).first()
    if indicator is None:
        node = evaluation_services.node_create(
            actor=actor,
            framework=framework,
            level="outcome",
            title="National law reflects the Convention",
        )
        indicator = evaluation_services.indicator_create(
            actor=actor,
            node=node,
            title=INDICATOR_TITLE,
            baseline_year=2023,
            baseline_value=Decimal(4),
            recommendation_codes=[CODE],
        )
        for year, target, actual in ((2024, 8, 7), (2025, 12, 11)):
            evaluation_services.period_save(
                actor=actor,
                indicator=indicator,
                start=dt.date(year, 1, 1),
                end=dt.date(year, 12, 31),
                target_value=Decimal(target),
                actual_value=Decimal(actual),
            )
    return indicator


def _practice(actor: Any, project: Project, indicator: Indicator, state: State) -> Any:
    evaluation = Evaluation.objects.filter(title=EVALUATION_TITLE).first()
    if evaluation is None:
        evaluation = evaluation_services.evaluation_create(
            actor=actor,
            title=EVALUATION_TITLE,
            scale=RatingScale.objects.get(code="ieg-6"),
            classification="public",
            kind=Evaluation.Kind.PROJECT,
            status=Evaluation.Status.COMPLETED,
            report_date=dt.date(2026, 1, 20),
            summary="The project helped draft amendments covering most offences of the "
            "Convention (demonstration data).",
            states=[state],
            interventions=[project],
            frameworks=[indicator.node.framework],
        )
        evaluation_services.finding_create(
            actor=actor,
            evaluation=evaluation,
            kind=Finding.Kind.LESSON,
            title=LESSON_TITLE,
            text="Drafters who worked with the legislative guides at hand produced drafts that "
            "needed one review round instead of three.",
            evidence_strength="strong",
        )
    lesson = evaluation.findings.get(title=LESSON_TITLE)
    practice, _created = practice_from_finding(actor=actor, finding=lesson)
    if practice.status in {Status.DRAFT, Status.RETURNED}:
        practice_services.practice_submit(actor=actor, practice=practice)
    if practice.status == Status.SUBMITTED:
        practice_services.practice_start_review(actor=actor, practice=practice)
    if practice.status == Status.IN_REVIEW:
        practice_services.practice_publish(actor=actor, practice=practice)
    return lesson, practice


@transaction.atomic
def load(actor: Any = None) -> str:
    actor = actor or SYSTEM
    records = _chain_records(actor)
    if not records:
        return "skipped (no seed resolution or no Nigeria)"
    link_create(
        actor=actor,
        source=records["gap"],
        relation=Relation.EVIDENCE_FOR,
        target=records["follow_up"],
    )
    project = _project(actor, records["need"])
    if project is None:
        return "skipped (the demo project was not saved)"
    indicator = _framework(actor, project, records["state"])
    _practice(actor, project, indicator, records["state"])
    report = links_sync(actor=actor)
    practices = GoodPractice.objects.filter(source_ref__startswith="evaluation.finding:").count()
    return (
        f"chain {CODE} -> {ISO3} built; {report.created} new typed links "
        f"({report.existing} present); {practices} practices drawn from findings"
    )
