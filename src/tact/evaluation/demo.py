"""Demo data for results and evaluation (idempotent): a three-level results framework for
Kenya with indicators and three years of values, and two evaluations (one public, one
restricted to Kenya) with ratings, findings and management responses.

It builds on a demo project about Kenya when the assistance demo made one; otherwise the
framework belongs to a national strategy of its own. Every value here is invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tact.assistance.models import Project
from tact.catalog.models import Provision, Theme
from tact.core.access import SYSTEM, Actor
from tact.directory.models import State
from tact.evaluation import services
from tact.evaluation.models import (
    Evaluation,
    Finding,
    Indicator,
    RatingScale,
    ResultNode,
    ResultsFramework,
    Strategy,
)

D = Decimal

FRAMEWORK_TITLE = "Kenya: results of the strategy against transnational organized crime"
YEARS = (2023, 2024, 2025)


def _period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _demo_project(kenya: State) -> Project | None:
    return (
        Project.objects.filter(countries__state=kenya, is_demo=True)
        .exclude(results_frameworks__isnull=False)
        .order_by("pk")
        .first()
        or Project.objects.filter(countries__state=kenya).order_by("pk").first()
    )


def _evaluator() -> Any:
    return get_user_model().objects.filter(username="evaluator").first() or SYSTEM


def _provisions(*keys: str) -> list[Provision]:
    return list(Provision.objects.filter(key__in=keys))


def _node(
    framework: ResultsFramework, level: str, title: str, parent: ResultNode | None, **kw: Any
) -> ResultNode:
    existing = framework.nodes.filter(title=title).first()
    return existing or services.node_create(
        actor=SYSTEM, framework=framework, level=level, title=title, parent=parent, **kw
    )


def _indicator(node: ResultNode, title: str, **kw: Any) -> tuple[Indicator, bool]:
    existing = Indicator.objects.filter(node__framework=node.framework, title=title).first()
    if existing:
        return existing, False
    return services.indicator_create(actor=SYSTEM, node=node, title=title, **kw), True


def _values(indicator: Indicator, rows: list[dict[str, Any]]) -> None:
    for year, values in zip(YEARS, rows, strict=True):
        start, end = _period(year)
        services.period_save(actor=SYSTEM, indicator=indicator, start=start, end=end, **values)


@transaction.atomic
def _framework(kenya: State) -> tuple[ResultsFramework, list[Any]]:
    framework = ResultsFramework.objects.filter(title=FRAMEWORK_TITLE).first()
    project = framework.project if framework else _demo_project(kenya)
    if framework is None:
        if project is not None:
            framework = services.framework_create(
                actor=SYSTEM,
                title=FRAMEWORK_TITLE,
                project=project,
                state=kenya,
                owner_state=kenya,
                classification="public",
                recommendation_codes=["annex.a", "annex.b.i"],
            )
        else:
            strategy = Strategy.objects.filter(title__startswith="Kenya national strategy").first()
            strategy = strategy or services.strategy_create(
                actor=SYSTEM,
                title="Kenya national strategy against transnational organized crime 2023-2025",
                kind=Strategy.Kind.STRATEGY,
                state=kenya,
                classification="public",
                start=dt.date(2023, 1, 1),
                end=dt.date(2025, 12, 31),
            )
            framework = services.framework_create(
                actor=SYSTEM,
                title=FRAMEWORK_TITLE,
                strategy=strategy,
                classification="public",
                recommendation_codes=["annex.a", "annex.b.i"],
            )
    impact = _node(
        framework,
        "impact",
        "Organized criminal groups are disrupted and their victims protected",
        None,
        assumptions="Political commitment to the strategy holds.",
    )
    cooperation = _node(
        framework,
        "outcome",
        "Police and prosecutors cooperate on organized crime cases",
        impact,
        assumptions="Agencies keep staff trained on joint investigation in post.",
    )
    protection = _node(
        framework, "outcome", "Victims and witnesses are protected and testify", impact
    )
    trained = _node(
        framework,
        "output",
        "Investigators and prosecutors trained in joint investigation",
        cooperation,
    )
    unit = _node(framework, "output", "Witness protection unit operational", protection)
    courses = _node(framework, "activity", "Deliver joint training courses", trained)

    convictions, new = _indicator(
        impact,
        "Convictions in organized crime cases per year",
        measure="unit",
        unit_label="convictions",
        baseline_year=2022,
        baseline_value=D(40),
        means_of_verification="Judiciary case management system, annual extract.",
        provisions=_provisions("untoc/art_5", "untoc/art_11"),
    )
    if new:
        _values(
            convictions,
            [
                {"target_value": D(50), "actual_value": D(44)},
                {"target_value": D(60), "actual_value": D(52)},
                {"target_value": D(70), "actual_value": D(63)},
            ],
        )
    joint, new = _indicator(
        cooperation,
        "Share of organized crime cases investigated jointly",
        measure="percentage",
        means_of_verification="Rolled up from the regional case registers.",
        provisions=_provisions("untoc/art_19", "untoc/art_27"),
    )
    for region, base, rows in (
        ("Nairobi", (D(12), D(80)), [(20, 85, 30), (34, 90, 45), (50, 95, 60)]),
        ("Coast", (D(5), D(40)), [(8, 42, 12), (14, 45, 20), (22, 50, 28)]),
    ):
        child, new = _indicator(
            cooperation,
            f"Share of cases investigated jointly: {region} region",
            measure="percentage",
            parent_indicator=joint,
            baseline_year=2022,
            baseline_numerator=base[0],
            baseline_denominator=base[1],
            means_of_verification=f"{region} regional case register.",
        )
        if new:
            _values(
                child,
                [
                    {
                        "actual_numerator": D(num),
                        "actual_denominator": D(den),
                        "target_numerator": D(target),
                        "target_denominator": D(den),
                    }
                    for num, den, target in rows
                ],
            )
    delay, new = _indicator(
        protection,
        "Average days from arrest to charge in trafficking cases",
        measure="unit",
        ascending=False,
        unit_label="days",
        baseline_year=2022,
        baseline_value=D(120),
        means_of_verification="Office of the Director of Public Prosecutions, case sample.",
        provisions=_provisions("tip/art_6"),
    )
    if new:
        _values(
            delay,
            [
                {"target_value": D(100), "actual_value": D(112)},
                {"target_value": D(90), "actual_value": D(96)},
                {"target_value": D(75), "actual_value": D(84)},
            ],
        )
    officers, new = _indicator(
        trained,
        "Officers trained in joint investigation",
        measure="unit",
        unit_label="officers",
        baseline_value=D(0),
        dimensions=["sex", "agency type"],
        means_of_verification="Training attendance lists and certificates.",
    )
    if new:
        _values(
            officers,
            [
                {
                    "target_value": D(100),
                    "actual_value": D(90),
                    "disaggregation": [
                        {"dimension": "sex", "value": "female", "actual": "38"},
                        {"dimension": "sex", "value": "male", "actual": "52"},
                        {"dimension": "agency type", "value": "police", "actual": "60"},
                        {"dimension": "agency type", "value": "prosecution", "actual": "30"},
                    ],
                },
                {
                    "target_value": D(200),
                    "actual_value": D(210),
                    "disaggregation": [
                        {"dimension": "sex", "value": "female", "actual": "95"},
                        {"dimension": "sex", "value": "male", "actual": "115"},
                    ],
                },
                {"target_value": D(300), "actual_value": D(280)},
            ],
        )
    status, new = _indicator(
        unit,
        "Operational status of the witness protection unit",
        measure="qualitative",
        means_of_verification="Annual review by the Witness Protection Agency.",
        provisions=_provisions("untoc/art_24"),
    )
    if new:
        _values(
            status,
            [
                {"narrative": "Unit established by decree; two staff recruited."},
                {"narrative": "Safe house in use; procedures adopted."},
                {"narrative": "Unit operational in two regions; 14 witnesses protected."},
            ],
        )
    delivered, new = _indicator(
        courses,
        "Joint training courses delivered",
        measure="unit",
        unit_label="courses",
        baseline_value=D(0),
    )
    if new:
        _values(
            delivered,
            [
                {"target_value": D(4), "actual_value": D(4)},
                {"target_value": D(8), "actual_value": D(7)},
                {"target_value": D(12), "actual_value": D(12)},
            ],
        )
    return framework, [project] if project is not None else []


RATINGS_PUBLIC = {
    "relevance": (
        "S",
        "strong",
        "Aligned with the national strategy and the needs found in the gap analysis.",
    ),
    "coherence": (
        "MS",
        "moderate",
        "Complements two bilateral projects; some overlap in police training.",
    ),
    "effectiveness": (
        "S",
        "strong",
        "Joint investigation rose from 15% to 41% of cases in three years.",
    ),
    "efficiency": ("MU", "limited", "Courses cost more than planned; delays in procurement."),
    "impact": (
        "MS",
        "moderate",
        "Convictions rose by half; attribution to the project is partial.",
    ),
    "sustainability": ("MU", "moderate", "Training is not yet in the academies' curricula."),
}
RATINGS_RESTRICTED = {
    "relevance": ("4", "strong", "Answers the gap in witness protection found in 2022."),
    "effectiveness": ("3", "moderate", "The unit protects witnesses in two of eight regions."),
    "sustainability": ("2", "limited", "Funding beyond 2025 is not secured."),
}


def _evaluation(
    title: str,
    *,
    scale: str,
    classification: str,
    owner: State | None,
    kenya: State,
    framework: ResultsFramework,
    projects: list[Any],
    ratings: dict[str, tuple[str, str, str]],
    findings: list[dict[str, Any]],
    **values: Any,
) -> Evaluation:
    existing = Evaluation.objects.filter(title=title).first()
    if existing:
        return existing
    evaluator = _evaluator()
    evaluation = services.evaluation_create(
        actor=evaluator,
        title=title,
        scale=RatingScale.objects.get(code=scale),
        classification=classification,
        owner_state=owner,
        states=[kenya],
        frameworks=[framework],
        interventions=projects,
        themes=list(Theme.objects.filter(code__in=values.pop("themes", []))),
        provisions=_provisions(*values.pop("provisions", [])),
        **values,
    )
    for criterion, (score, strength, text) in ratings.items():
        services.rating_set(
            actor=evaluator,
            evaluation=evaluation,
            criterion=criterion,
            score=score,
            justification=text,
            evidence_strength=strength,
        )
    for row in findings:
        response = row.pop("response", None)
        propose = row.pop("propose", False)
        finding = services.finding_create(actor=evaluator, evaluation=evaluation, **row)
        if propose:
            services.good_practice_propose(actor=evaluator, finding=finding)
        if response:
            services.response_save(actor=SYSTEM, finding=finding, **response)
    return evaluation


def load(actor: Actor | None = None) -> str:
    services.ensure_default_scales()
    kenya = State.objects.get(iso3="KEN")
    framework, projects = _framework(kenya)
    with transaction.atomic():
        public = _evaluation(
            "Mid-term evaluation of Kenya's strategy against organized crime",
            scale="ieg-6",
            classification="public",
            owner=None,
            kenya=kenya,
            framework=framework,
            projects=projects,
            ratings=RATINGS_PUBLIC,
            kind=Evaluation.Kind.COUNTRY,
            status=Evaluation.Status.COMPLETED,
            evaluators="A. Mwangi (lead), J. Okafor",
            commissioned_by="UNODC Independent Evaluation Section",
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2025, 6, 30),
            report_date=dt.date(2025, 9, 15),
            summary="Joint investigation between police and prosecution improved markedly; "
            "sustainability depends on the academies taking the training over.",
            themes=["law_enforcement", "international_cooperation"],
            provisions=["untoc/art_19", "untoc/art_27"],
            findings=[
                {
                    "kind": Finding.Kind.FINDING,
                    "criterion": "effectiveness",
                    "title": "Joint case teams doubled joint investigations",
                    "text": "Mixed police-prosecution case teams in Nairobi and Mombasa raised the "
                    "share of jointly investigated cases from 15% to 41%, confirmed by case files.",
                    "evidence_strength": "strong",
                    "propose": True,
                },
                {
                    "kind": Finding.Kind.LESSON,
                    "criterion": "sustainability",
                    "title": "Training outside the academies fades",
                    "text": "Officers trained outside the national academies were often rotated "
                    "within a year.",
                    "evidence_strength": "moderate",
                },
                {
                    "kind": Finding.Kind.RECOMMENDATION,
                    "criterion": "sustainability",
                    "title": "Put joint-investigation training into the academies' curricula",
                    "text": "The police and prosecution academies should adopt the course by 2026.",
                    "evidence_strength": "moderate",
                    "addressee": "Ministry of Interior; Office of the Director of "
                    "Public Prosecutions",
                    "response": {
                        "decision": "accepted",
                        "response": "The academies will adopt the module in the 2026 intake.",
                        "actions": "Curriculum committee to review the module; train 10 trainers.",
                        "responsible": "National Police Service Academy",
                        "due_date": timezone.localdate() + dt.timedelta(days=150),
                        "follow_up_status": "in_progress",
                        "follow_up_note": "Module drafted; committee meeting scheduled.",
                    },
                },
            ],
        )
        restricted = _evaluation(
            "Evaluation of witness-protection support in Kenya",
            scale="four-point",
            classification="restricted",
            owner=kenya,
            kenya=kenya,
            framework=framework,
            projects=projects,
            ratings=RATINGS_RESTRICTED,
            kind=Evaluation.Kind.PROJECT,
            status=Evaluation.Status.COMPLETED,
            evaluators="L. Ferreira",
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2025, 12, 31),
            report_date=dt.date(2026, 2, 1),
            summary="Restricted: names operational arrangements of the witness protection unit.",
            themes=["protection_of_victims_and_witnesses"],
            provisions=["untoc/art_24", "untoc/art_25"],
            findings=[
                {
                    "kind": Finding.Kind.FINDING,
                    "criterion": "relevance",
                    "title": "Relocation arrangements fit the threat",
                    "text": "The relocation procedure matches the threats reported by witnesses.",
                    "evidence_strength": "strong",
                },
                {
                    "kind": Finding.Kind.RECOMMENDATION,
                    "criterion": "sustainability",
                    "title": "Secure the unit's budget line after 2025",
                    "text": "Treasury should create a budget line for the unit.",
                    "evidence_strength": "limited",
                    "response": {
                        "decision": "partially",
                        "response": "A budget line will be proposed for 2027; 2026 is bridged.",
                        "actions": "Bridge funding request to donors.",
                        "responsible": "Witness Protection Agency",
                        "due_date": timezone.localdate() - dt.timedelta(days=30),
                        "follow_up_status": "not_started",
                    },
                },
            ],
        )
    indicators = Indicator.objects.filter(node__framework=framework).count()
    subject = "project" if framework.project_id else "strategy"
    return (
        f"results framework on a {subject} with {framework.nodes.count()} results and "
        f"{indicators} indicators; evaluations: {public.classification} and "
        f"{restricted.classification}"
    )
