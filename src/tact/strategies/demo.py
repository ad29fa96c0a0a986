"""Generated demo data (invented, not real policy): Kenya and Mexico each have a national
strategy; Kenya's serves the three aims of item a), Mexico's has no awareness objective (a gap).
Kenya's task forces and agreements leave one isolated agency (the prisons service) and no
police-FIU link, which the network page shows as missing (UNTOC art. 7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from tact.catalog.models import Provision, Theme
from tact.directory.models import Organisation, State
from tact.evaluation import services as evaluation_services
from tact.strategies import services
from tact.strategies.models import Agency, Objective, Strategy, TaskForce
from tact.threats import publication

# The finding of the threats demo whose published summary a Kenyan objective cites.
THREAT_FINDING = "Corruption at air cargo terminals enables wildlife trafficking"
KENYA_STRATEGY = "Kenya national strategy against transnational organized crime 2023-2027"
MEXICO_STRATEGY = "Mexico national programme against transnational organized crime 2024-2028"

# (name without the state, acronym, agency type); the first six are the directory demo's.
KENYA_AGENCIES = (
    ("National Police Service", "NPS", "police"),
    ("Office of the Director of Public Prosecutions", "ODPP", "prosecution"),
    ("Judiciary Training Institute", "JTI", "judiciary"),
    ("Customs and Border Service", "CBS", "customs"),
    ("Financial Intelligence Unit", "FIU", "fiu"),
    ("Ministry of Justice", "MoJ", "ministry"),
    ("Directorate of Immigration Services", "DIS", "border"),
    ("Witness Protection Agency", "WPA", "social_services"),
    ("Prisons Service", "KPS", "corrections"),
)
MEXICO_AGENCIES = KENYA_AGENCIES[:2] + KENYA_AGENCIES[3:5]


def _agency(actor: Any, state: State, name: str, acronym: str, agency_type: str) -> Agency:
    organisation, _created = Organisation.objects.get_or_create(
        name=f"{name} ({state.name})",
        state=state,
        defaults={"acronym": acronym, "kind": Organisation.Kind.GOVERNMENT_AGENCY, "is_demo": True},
    )
    existing = Agency.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    return services.agency_create(
        actor=actor, state=state, agency_type=agency_type, organisation=organisation
    )


def _provisions(*keys: str) -> list[Provision]:
    return list(Provision.objects.filter(key__in=keys))


def _themes(*codes: str) -> list[Theme]:
    return list(Theme.objects.filter(code__in=codes))


def _objective(
    actor: Any, strategy: Strategy, code: str, title: str, aims: set[str], **extra: Any
) -> Objective:
    return services.objective_create(
        actor=actor,
        strategy=strategy,
        code=code,
        title=title,
        aim_cooperation="cooperation" in aims,
        aim_response="response" in aims,
        aim_awareness="awareness" in aims,
        **extra,
    )


def _action(
    actor: Any,
    objective: Objective,
    code: str,
    title: str,
    lead: Agency,
    partners: list[Agency],
    deadline: dt.date,
    budget: int,
    history: list[tuple[dt.date, str, int]],
) -> None:
    action = services.action_create(
        actor=actor,
        objective=objective,
        code=code,
        title=title,
        lead_agency=lead,
        partner_agencies=partners,
        deadline=deadline,
        budget=Decimal(budget),
        currency="KES"
        if objective.strategy.state and objective.strategy.state.iso3 == "KEN"
        else "MXN",
        funding="national_budget",
    )
    for date, status, percent in history:
        services.progress_add(
            actor=actor, action=action, date=date, status=status, percent_complete=percent, note=""
        )


def _results_framework(actor: Any, strategy: Strategy) -> None:
    """A small results framework measuring the strategy, so its page shows both measures of
    progress (actions and indicators) side by side."""
    framework = evaluation_services.framework_create(
        actor=actor,
        title="Kenya strategy 2023-2027: results",
        strategy=strategy,
        classification=strategy.classification,
    )
    outcome = evaluation_services.node_create(
        actor=actor,
        framework=framework,
        level="outcome",
        title="Organized crime cases are investigated jointly",
    )
    indicator = evaluation_services.indicator_create(
        actor=actor,
        node=outcome,
        title="Joint investigations opened per year",
        measure="unit",
        unit_label="investigations",
        baseline_year=2022,
        baseline_value=Decimal(3),
    )
    evaluation_services.period_save(
        actor=actor,
        indicator=indicator,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
        target_value=Decimal(8),
        actual_value=Decimal(7),
    )


def _kenya(actor: Any, state: State) -> None:
    a = {acr: _agency(actor, state, name, acr, kind) for name, acr, kind in KENYA_AGENCIES}
    strategy = services.strategy_create(
        actor=actor,
        state=state,
        title=KENYA_STRATEGY,
        kind=Strategy.Kind.NATIONAL_STRATEGY,
        status=Strategy.Status.IN_FORCE,
        start=dt.date(2023, 1, 1),
        end=dt.date(2027, 12, 31),
        adopting_authority="Cabinet",
        adopting_instrument="Cabinet decision 14/2023",
        adopted_on=dt.date(2022, 11, 30),
    )
    _results_framework(actor, strategy)
    o1 = _objective(
        actor,
        strategy,
        "1",
        "Joint investigations through multi-agency teams",
        {"cooperation"},
        provisions=_provisions("untoc/art_19", "untoc/art_27"),
        themes=_themes("law_enforcement"),
    )
    o2 = _objective(
        actor,
        strategy,
        "2",
        "Respond to cyber-enabled and poly-criminal groups",
        {"response", "cooperation"},
        provisions=_provisions("untoc/art_28"),
        themes=_themes("law_enforcement"),
        changing_nature_findings=(
            "National threat assessment 2024, ch. 3: groups move to cyber-enabled fraud "
            "and mix drugs with wildlife trafficking."
        ),
        # Aim ii: the finding Kenya published from its threat assessment (threats demo).
        threat_summary=publication.published_summaries(actor=actor, state="KEN")
        .filter(title=THREAT_FINDING)
        .first(),
    )
    o3 = _objective(
        actor,
        strategy,
        "3",
        "Public awareness of the harm of trafficking in persons",
        {"awareness"},
        provisions=_provisions("untoc/art_31"),
        themes=_themes("prevention"),
    )
    _action(
        actor,
        o1,
        "1.1",
        "Standard operating procedures for joint investigation teams",
        a["NPS"],
        [a["ODPP"], a["CBS"]],
        dt.date(2024, 6, 30),
        4_500_000,
        [(dt.date(2024, 3, 1), "in_progress", 40), (dt.date(2024, 7, 15), "completed", 100)],
    )
    _action(
        actor,
        o1,
        "1.2",
        "Case management system shared by police and prosecutors",
        a["ODPP"],
        [a["NPS"]],
        dt.date(2025, 12, 31),
        22_000_000,
        [(dt.date(2025, 2, 1), "in_progress", 30), (dt.date(2025, 9, 1), "in_progress", 55)],
    )
    _action(
        actor,
        o2,
        "2.1",
        "Cybercrime unit with digital forensics laboratory",
        a["NPS"],
        [a["JTI"]],
        dt.date(2026, 6, 30),
        35_000_000,
        [(dt.date(2025, 5, 1), "in_progress", 20)],
    )
    _action(
        actor,
        o2,
        "2.2",
        "Annual threat assessment of organized criminal groups",
        a["NPS"],
        [a["FIU"]],
        dt.date(2025, 3, 31),
        3_000_000,
        [(dt.date(2025, 4, 10), "delayed", 60)],
    )
    _action(
        actor,
        o3,
        "3.1",
        "National campaign on trafficking in persons",
        a["WPA"],
        [a["MoJ"]],
        dt.date(2025, 10, 31),
        8_000_000,
        [(dt.date(2025, 11, 5), "completed", 100)],
    )
    tf1 = services.task_force_create(
        actor=actor,
        state=state,
        name="Multi-Agency Team against Transnational Organized Crime",
        mandate="Joint investigation of organized criminal groups across agencies.",
        legal_basis="Cabinet decision 14/2023",
        start=dt.date(2023, 3, 1),
        themes=_themes("law_enforcement"),
    )
    for acr, role in (
        ("NPS", "lead"),
        ("ODPP", "member"),
        ("CBS", "member"),
        ("DIS", "member"),
        ("MoJ", "observer"),
        ("JTI", "observer"),
    ):
        services.member_set(actor=actor, task_force=tf1, agency=a[acr], role=role)
    services.meeting_add(
        actor=actor, task_force=tf1, date=dt.date(2025, 2, 12), summary="Work plan 2025 adopted."
    )
    services.output_add(
        actor=actor, task_force=tf1, kind="joint_investigation", count=7, date=dt.date(2024, 12, 31)
    )
    services.output_add(
        actor=actor, task_force=tf1, kind="seizure", count=23, date=dt.date(2024, 12, 31)
    )
    tf2 = services.task_force_create(
        actor=actor,
        state=state,
        name="Counter-Trafficking in Persons Task Force",
        mandate="Identify victims, protect witnesses and prosecute traffickers.",
        legal_basis="Counter-Trafficking in Persons Act",
        start=dt.date(2023, 9, 1),
        themes=_themes("protection_of_victims_and_witnesses"),
    )
    for acr, role in (("ODPP", "lead"), ("WPA", "member"), ("NPS", "member")):
        services.member_set(actor=actor, task_force=tf2, agency=a[acr], role=role)
    services.output_add(
        actor=actor, task_force=tf2, kind="case", count=12, date=dt.date(2024, 12, 31)
    )
    services.agreement_create(
        actor=actor,
        state=state,
        title="MoU on financial intelligence for prosecutions",
        kind="mou",
        parties=[a["FIU"], a["ODPP"]],
        signed_on=dt.date(2023, 5, 2),
        start=dt.date(2023, 5, 2),
    )
    services.campaign_create(
        actor=actor,
        state=state,
        title="Know the signs: trafficking in persons",
        audience="Young adults in Nairobi and Mombasa",
        objective=o3,
        channels="Radio, social media, schools",
        languages="English, Kiswahili",
        partners="Witness Protection Network",
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 8, 31),
        budget=Decimal(8_000_000),
        currency="KES",
        reach=1_200_000,
        before_sample=400,
        before_aware=88,
        after_sample=420,
        after_aware=147,
    )


def _mexico(actor: Any, state: State) -> None:
    a = {acr: _agency(actor, state, name, acr, kind) for name, acr, kind in MEXICO_AGENCIES}
    strategy = services.strategy_create(
        actor=actor,
        state=state,
        title=MEXICO_STRATEGY,
        kind=Strategy.Kind.NATIONAL_STRATEGY,
        status=Strategy.Status.ADOPTED,
        start=dt.date(2024, 1, 1),
        end=dt.date(2028, 12, 31),
        adopting_authority="Federal Executive",
        language="es",
    )
    o1 = _objective(
        actor,
        strategy,
        "1",
        "Coordinate federal and state investigations of arms trafficking",
        {"cooperation"},
        provisions=_provisions("untoc/art_27"),
        themes=_themes("firearms_control"),
    )
    o2 = _objective(
        actor,
        strategy,
        "2",
        "Follow the money of groups diversifying into extortion",
        {"response"},
        provisions=_provisions("untoc/art_7"),
        themes=_themes("money_laundering"),
        changing_nature_findings=(
            "Federal threat report 2023: groups diversify into extortion and fuel theft."
        ),
    )
    _action(
        actor,
        o1,
        "1.1",
        "Joint arms-tracing cell",
        a["NPS"],
        [a["CBS"], a["ODPP"]],
        dt.date(2025, 12, 31),
        12_000_000,
        [(dt.date(2025, 6, 1), "in_progress", 45)],
    )
    _action(
        actor,
        o2,
        "2.1",
        "Financial investigation guidelines",
        a["FIU"],
        [a["ODPP"]],
        dt.date(2025, 6, 30),
        2_000_000,
        [(dt.date(2025, 7, 1), "completed", 100)],
    )
    tf = services.task_force_create(
        actor=actor,
        state=state,
        name="Joint Task Force on Arms Trafficking",
        start=dt.date(2024, 2, 1),
        mandate="Trace and interdict illicit firearms.",
        themes=_themes("firearms_control"),
    )
    for acr, role in (("NPS", "lead"), ("ODPP", "member"), ("CBS", "member"), ("FIU", "member")):
        services.member_set(actor=actor, task_force=tf, agency=a[acr], role=role)


@transaction.atomic
def load(actor: Any) -> str:
    # The default rule table is seeded by a migration; a flushed database (a restore, a
    # live-server test) has lost it, and the demo's missing police-FIU link depends on it.
    import importlib

    from django.apps import apps as django_apps

    importlib.import_module("tact.strategies.migrations.0002_default_link_rules").add_rules(
        django_apps, None
    )
    states = {s.iso3: s for s in State.objects.filter(iso3__in=["KEN", "MEX"])}
    created = []
    if "KEN" in states and not Strategy.objects.filter(title=KENYA_STRATEGY).exists():
        _kenya(actor, states["KEN"])
        created.append("KEN")
    if "MEX" in states and not Strategy.objects.filter(title=MEXICO_STRATEGY).exists():
        _mexico(actor, states["MEX"])
        created.append("MEX")
    return (
        f"{Strategy.objects.count()} strategies, {Agency.objects.count()} agencies, "
        f"{TaskForce.objects.count()} task forces (new for: {', '.join(created) or 'none'})"
    )
