"""Small builders for tests: projects (assistance), frameworks, evaluations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tact.assistance.models import Need, ParticipatingOrganisation, Project, ProjectCountry
from tact.catalog.models import Theme
from tact.core.access import SYSTEM, Actor
from tact.directory.models import State
from tact.evaluation import services
from tact.evaluation.models import Evaluation, Indicator, RatingScale, ResultsFramework


def project(
    ident: str,
    *,
    states: list[tuple[str, Decimal | None]],
    funders: list[str],
    themes: list[str],
    budget: Decimal | None,
    classification: str = "public",
    channel: str = "unodc",
    **extra: Any,
) -> Project:
    p = Project.objects.create(
        iati_identifier=ident,
        title=f"Project {ident}",
        reporting_org_ref="XM-TEST",
        reporting_org_name="Reporter",
        reporting_org_type="10",
        budget_usd=budget,
        classification=classification,
        channel_derived=channel,
        status="2",
        **extra,
    )
    for iso3, pct in states:
        state = State.objects.get(iso3=iso3)
        ProjectCountry.objects.create(project=p, code=state.iso2, state=state, percentage=pct)
    for order, name in enumerate(funders):
        ParticipatingOrganisation.objects.create(
            project=p, role="1", name=name, ref=f"REF-{name}", order=order
        )
    p.themes.set(Theme.objects.filter(code__in=themes))
    return p


def need(state: str, title: str, status: str = "open", themes: tuple[str, ...] = ()) -> Any:
    n = Need.objects.create(
        state=State.objects.get(iso3=state), title=title, status=status, classification="public"
    )
    n.themes.set(Theme.objects.filter(code__in=themes))
    return n


def framework(
    title: str = "Framework",
    *,
    project_obj: Project | None = None,
    actor: Actor = SYSTEM,
    **kw: Any,
) -> ResultsFramework:
    if project_obj is None:
        strategy = services.strategy_create(
            actor=actor,
            title=f"Strategy for {title}",
            classification="public",
            **kw.pop("strategy_kw", {}),
        )
        return services.framework_create(
            actor=actor,
            title=title,
            strategy=strategy,
            classification=kw.pop("classification", "public"),
            **kw,
        )
    return services.framework_create(
        actor=actor,
        title=title,
        project=project_obj,
        classification=kw.pop("classification", "public"),
        **kw,
    )


def unit_indicator(
    fw: ResultsFramework,
    level: str,
    baseline: str,
    rows: list[tuple[int, str | None, str | None]],
    *,
    ascending: bool = True,
    title: str = "Indicator",
    node: Any = None,
) -> Indicator:
    node = node or services.node_create(
        actor=SYSTEM, framework=fw, level=level, title=f"{level} {title}"
    )
    indicator = services.indicator_create(
        actor=SYSTEM,
        node=node,
        title=title,
        measure="unit",
        ascending=ascending,
        baseline_value=Decimal(baseline),
    )
    for year, target, actual in rows:
        services.period_save(
            actor=SYSTEM,
            indicator=indicator,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            target_value=Decimal(target) if target is not None else None,
            actual_value=Decimal(actual) if actual is not None else None,
        )
    return indicator


def evaluation(title: str, *, actor: Actor = SYSTEM, scale: str = "ieg-6", **kw: Any) -> Evaluation:
    services.ensure_default_scales()
    return services.evaluation_create(
        actor=actor, title=title, scale=RatingScale.objects.get(code=scale), **kw
    )
