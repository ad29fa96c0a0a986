"""Demo good practices (idempotent): one drawn from an evaluation lesson, one from a panel of
the demo meeting, one submitted by a state; one of them in review with comments and one
published and endorsed by another state.  Every text here is invented.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from tact.catalog.models import Provision, Theme
from tact.core.access import Actor
from tact.core.links import record_ref
from tact.directory.models import State
from tact.evaluation.models import Finding
from tact.practices import exchange, services
from tact.practices.candidates import practice_from_finding
from tact.practices.models import GoodPractice, PracticeTranslation, SourceKind, Status
from tact.resolutions.models import Panel

SUBMISSION_TITLE = "Regional witness protection desks run with the prosecution service"
PANEL_TITLE = "Joint investigation teams agreed before the first request"


def _as(username: str, fallback: Actor) -> Actor:
    return get_user_model().objects.filter(username=username).first() or fallback


def _publish(actor: Actor, practice: GoodPractice) -> None:
    if practice.status in {Status.DRAFT, Status.RETURNED}:
        services.practice_submit(actor=actor, practice=practice)
    if practice.status == Status.SUBMITTED:
        services.practice_start_review(actor=actor, practice=practice)
    if practice.status == Status.IN_REVIEW:
        services.practice_publish(actor=actor, practice=practice)


@transaction.atomic
def load(actor: Actor) -> str:
    kenya = State.objects.filter(iso3="KEN").first()
    mexico = State.objects.filter(iso3="MEX").first()
    if kenya is None or mexico is None:
        return "skipped (no states)"
    witness_themes = Theme.objects.filter(code__icontains="witness")
    art24 = Provision.objects.filter(key="untoc/art_24")

    # 1. A state submission, published, in English with a Russian translation; endorsed.
    submitted = GoodPractice.objects.filter(title=SUBMISSION_TITLE).first()
    if submitted is None:
        submitted = services.practice_create(
            actor=actor,
            values={
                "title": SUBMISSION_TITLE,
                "language": "en",
                "summary": "Kenya set up witness protection desks in four regional prosecution "
                "offices so that witnesses in organized crime cases are assessed and protected "
                "from the first statement.",
                "problem": "Witnesses withdrew before trial after threats.",
                "actions": "Desks staffed by a prosecutor and a police officer; a hotline; "
                "relocation agreements with two counties.",
                "results": "Fewer witnesses withdrew in the cases followed by the desks.",
                "transferability": "Needs a prosecution service present in the regions.",
                "contacts": "Office of the Director of Public Prosecutions (demo contact)",
            },
            owner_state=kenya,
            themes=witness_themes,
            provisions=art24,
        )
        PracticeTranslation.objects.create(
            practice=submitted,
            language="ru",
            title="Региональные бюро защиты свидетелей при прокуратуре",
            summary="Кения создала бюро защиты свидетелей в четырёх региональных прокуратурах, "
            "чтобы свидетелей по делам об организованной преступности защищали с первого "
            "допроса.",
        )
        _publish(actor, submitted)
    focal_mexico = _as("focal.mexico", actor)
    if not submitted.endorsements.filter(state=mexico).exists() and (focal_mexico is not actor):
        exchange.endorse(
            actor=focal_mexico,
            practice=submitted,
            state=mexico,
            applied="Two regional desks opened in 2025 on the Kenyan model.",
            result="Witnesses kept in the programme until trial in most cases.",
        )

    # 2. From a panel of the demo meeting: in review, with comments per field.
    panel = Panel.objects.order_by("pk").first()
    from_panel = GoodPractice.objects.filter(title=PANEL_TITLE).first()
    if from_panel is None:
        from_panel = services.practice_create(
            actor=actor,
            values={
                "title": PANEL_TITLE,
                "language": "en",
                "summary": "Agreeing the terms of joint investigation teams before the first "
                "mutual legal assistance request shortened investigations across borders.",
                "actions": "A model agreement discussed at the panel; contact points named.",
            },
            owner_state=mexico,
            source_kind=SourceKind.PANEL,
            source_ref=record_ref(panel) if panel else "",
            provisions=Provision.objects.filter(key__in=["untoc/art_19", "untoc/art_18"]),
        )
        services.practice_submit(actor=actor, practice=from_panel)
        services.practice_comment(
            actor=actor,
            practice=from_panel,
            field="results",
            text="Say what changed, with figures if you have them.",
        )
        services.practice_comment(
            actor=actor,
            practice=from_panel,
            field="evidence",
            text="Link the follow-up report of the recommendation that asked for this panel.",
        )

    # 3. From an evaluation lesson: a draft of the evaluation's owner.
    lesson = Finding.objects.filter(kind=Finding.Kind.LESSON).order_by("pk").first()
    drawn = 0
    if lesson is not None:
        _practice, created = practice_from_finding(actor=actor, finding=lesson)
        drawn = int(created)
    return (
        f"{GoodPractice.objects.count()} practices "
        f"({GoodPractice.objects.filter(status=Status.PUBLISHED).count()} published), "
        f"{drawn} drawn from an evaluation lesson now"
    )
