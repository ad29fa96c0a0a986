"""Demo data for training (idempotent): one programme with two courses and three sessions in
Kenya and Mexico. The rosters and scores are written so that the Nairobi session shows a
high learning gain and mixes four agency types, the Mombasa session (police only) a low
gain with one participant at the ceiling, and the Mexico City session sits in between.
Participant KEN-003 attends both Kenyan sessions. Every person and value here is invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from tact.catalog.models import Provision, Theme
from tact.core.access import SYSTEM
from tact.directory.models import Organisation, State
from tact.training import results_link, services
from tact.training.models import Course, Participant, Programme, Session, SurveyResponse

PROGRAMME_TITLE = "Joint investigation and prosecution of organized crime"
FRAMEWORK_TITLE = "Kenya: results of the strategy against transnational organized crime"

# (code, name, agency type, sex, rank, years, language, pre, post)
NAIROBI = [
    ("KEN-001", "Achieng Odhiambo", "prosecution", "female", "State counsel", 6, "en", 40, 88),
    ("KEN-002", "Brian Kiprop", "police", "male", "Inspector", 11, "en", 35, 82),
    ("KEN-003", "Wanjiru Kamau", "police", "female", "Sergeant", 8, "en", 45, 90),
    ("KEN-004", "Hassan Abdi", "border", "male", "Officer", 4, "ar", 30, 80),
    ("KEN-005", "Grace Mutua", "judiciary", "female", "Magistrate", 9, "en", 50, 92),
    ("KEN-006", "Otieno Ouma", "prosecution", "male", "Senior counsel", 14, "en", 55, 91),
    ("KEN-007", "Fatuma Ali", "border", "female", "Officer", 3, "ar", 25, 78),
    ("KEN-008", "Peter Njoroge", "police", "male", "Chief inspector", 17, "en", 42, 86),
]
MOMBASA = [
    ("KEN-003", "Wanjiru Kamau", "police", "female", "Sergeant", 8, "en", 30, 34),
    ("KEN-011", "", "police", "male", "Constable", 2, "en", 20, 24),
    ("KEN-012", "", "police", "male", "Constable", 5, "en", 25, 27),
    ("KEN-013", "", "police", "female", "Corporal", 7, "en", 28, 33),
    ("KEN-014", "", "police", "male", "Inspector", 12, "en", 35, 37),
    ("KEN-015", "", "police", "male", "Sergeant", 9, "ru", 50, 50),  # at the ceiling
]
MEXICO = [
    ("MEX-001", "Lucía Hernández", "prosecution", "female", "Fiscal", 7, "es", 40, 70),
    ("MEX-002", "Jorge Ramírez", "fiu", "male", "Analista", 5, "es", 50, 75),
    ("MEX-003", "Ana Torres", "customs", "female", "Oficial", 10, "es", 35, 66),
    ("MEX-004", "Luis Ortega", "prosecution", "male", "Fiscal", 12, "es", 45, 72),
    ("MEX-005", "Olga Petrova", "fiu", "female", "Analista", 6, "ru", 30, 62),
]
# Level-1 reaction scores (participants who answered) and level-3 follow-up answers:
# code -> (participant score, applied, supervisor score or None).
SURVEYS: dict[str, dict[str, Any]] = {
    "nairobi": {
        "l1": {"KEN-001": 5, "KEN-002": 4, "KEN-003": 5, "KEN-004": 4, "KEN-005": 5, "KEN-006": 4},
        "l3": {
            "KEN-001": (5, True, 4),
            "KEN-002": (4, True, None),
            "KEN-005": (4, True, 5),
            "KEN-006": (3, False, 3),
        },
    },
    "mombasa": {
        "l1": {"KEN-011": 3, "KEN-012": 2, "KEN-013": 3},
        "l3": {"KEN-013": (2, False, None)},
    },
    "mexico": {
        "l1": {"MEX-001": 4, "MEX-002": 4, "MEX-003": 5, "MEX-004": 4, "MEX-005": 3},
        "l3": {"MEX-001": (4, True, 4), "MEX-003": (4, True, None)},
    },
}


def _org(state: State, agency_type: str) -> Organisation | None:
    return Organisation.objects.filter(state=state, agency_type=agency_type).order_by("pk").first()


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def _session(
    course: Course, title: str, state: State, start: dt.date, end: dt.date, **kw: Any
) -> Session:
    existing = Session.objects.filter(course=course, title=title).first()
    if existing:
        return existing
    session = services.session_create(
        actor=SYSTEM,
        course=course,
        title=title,
        state=state,
        start=start,
        end=end,
        classification="restricted",
        **kw,
    )
    session.participant_states.set([state])
    return session


def _roster(session: Session, people: list[tuple[Any, ...]], absent: set[str]) -> None:
    if session.participants.exists():
        return
    days = [d.isoformat() for d in session.days()]
    rows = []
    for code, name, agency_type, sex, rank, years, language, pre, post in people:
        rows.append(
            {
                "code": code,
                "name": name,
                "agency": "",
                "agency_type": agency_type,
                "state": code[:3],
                "sex": sex,
                "rank": rank,
                "years_of_service": years,
                "consent": True,
                "language": language,
                "pre": str(pre),
                "post": str(post),
                # An absent participant misses the last day (no certificate below 80 %).
                "attendance": {d: not (code in absent and d == days[-1]) for d in days},
            }
        )
    services.roster_import(actor=SYSTEM, session=session, rows=rows)


def _surveys(session: Session, answers: dict[str, Any]) -> None:
    if SurveyResponse.objects.filter(session=session).exists():
        return
    by_code = {p.code: p for p in Participant.objects.filter(session=session)}
    after = session.end + dt.timedelta(days=1)
    follow_up = session.end + dt.timedelta(days=120)
    for code, score in answers["l1"].items():
        services.response_save(
            actor=SYSTEM,
            participant=by_code[code],
            level=1,
            respondent="participant",
            answered_on=after,
            score=score,
        )
    for code, (score, applied, supervisor) in answers["l3"].items():
        services.response_save(
            actor=SYSTEM,
            participant=by_code[code],
            level=3,
            respondent="participant",
            answered_on=follow_up,
            score=score,
            applied=applied,
        )
        if supervisor is not None:
            services.response_save(
                actor=SYSTEM,
                participant=by_code[code],
                level=3,
                respondent="supervisor",
                answered_on=follow_up,
                score=supervisor,
                applied=applied,
            )


@transaction.atomic
def load(actor: Any = None) -> str:
    kenya = State.objects.get(iso3="KEN")
    mexico = State.objects.get(iso3="MEX")
    programme = Programme.objects.filter(title=PROGRAMME_TITLE).first()
    if programme is None:
        programme = services.programme_create(
            actor=SYSTEM,
            title=PROGRAMME_TITLE,
            objectives="Police, prosecutors, judges and border officers investigate and try "
            "organized crime cases together, from the first report to the judgment.",
            audiences=["prosecution", "judiciary", "police", "border", "fiu", "customs"],
            classification="public",
            implementer=Organisation.objects.filter(acronym="UNODC").first(),
            start=dt.date(2025, 1, 1),
            end=dt.date(2026, 12, 31),
            is_demo=True,
            provisions=list(Provision.objects.filter(key__in=["untoc/art_19", "untoc/art_29"])),
            themes=list(Theme.objects.filter(code__in=["law_enforcement", "technical_assistance"])),
        )
        _link_assistance(programme, kenya)
    courses = []
    for title, delivery, hours, modules in (
        (
            "Joint investigation of trafficking in persons",
            "in_person",
            24,
            ["Identifying victims", "Joint case teams", "From investigation to indictment"],
        ),
        (
            "Financial investigation and confiscation",
            "blended",
            16,
            ["Following the money", "Freezing and confiscation"],
        ),
    ):
        course = programme.courses.filter(title=title).first()
        if course is None:
            course = services.course_create(
                actor=SYSTEM,
                programme=programme,
                title=title,
                delivery=delivery,
                duration_hours=hours,
                languages=["en", "es", "fr", "ar", "ru"],
                learning_objectives="Participants plan and run a joint case from start to end.",
            )
            for name in modules:
                services.module_create(actor=SYSTEM, course=course, title=name)
        courses.append(course)
    organiser = _user("focal.kenya")
    nairobi = _session(
        courses[0],
        "Nairobi: joint investigation of trafficking in persons",
        kenya,
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 12),
        place="Nairobi, Kenya School of Government",
        max_score=Decimal(100),
        organiser=organiser,
        owner_state=kenya,
    )
    mombasa = _session(
        courses[1],
        "Mombasa: financial investigation for police units",
        kenya,
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 3),
        platform="Online and Mombasa police academy",
        max_score=Decimal(50),
        organiser=organiser,
        owner_state=kenya,
    )
    mexico_city = _session(
        courses[0],
        "Mexico City: joint investigation of trafficking in persons",
        mexico,
        dt.date(2025, 9, 15),
        dt.date(2025, 9, 17),
        place="Ciudad de México, INACIPE",
        language="es",
        max_score=Decimal(100),
        organiser=_user("focal.mexico"),
        owner_state=mexico,
    )
    for session, state in ((nairobi, kenya), (mombasa, kenya), (mexico_city, mexico)):
        if not session.trainers.exists():
            services.trainer_add(
                actor=SYSTEM,
                session=session,
                name="Marc Dubois",
                role="Lead trainer",
                organisation=Organisation.objects.filter(acronym="UNODC").first(),
            )
            services.trainer_add(
                actor=SYSTEM,
                session=session,
                name="Leila El Idrissi",
                role="Prosecutor",
                organisation=_org(state, "prosecution"),
            )
            partners = [o for o in (_org(state, "police"), _org(state, "prosecution")) if o]
            session.partner_agencies.set(partners)
    _roster(nairobi, NAIROBI, absent={"KEN-007"})
    _roster(mombasa, MOMBASA, absent=set())
    _roster(mexico_city, MEXICO, absent=set())
    for session, key in ((nairobi, "nairobi"), (mombasa, "mombasa"), (mexico_city, "mexico")):
        _surveys(session, SURVEYS[key])
    indicators = results_link.demo_indicators(FRAMEWORK_TITLE)
    for metric, indicator in indicators.items():
        results_link.link_indicator(
            actor=SYSTEM, programme=programme, indicator=indicator, metric=metric
        )
    if indicators:
        results_link.push_actuals(actor=SYSTEM, programme=programme, year=2025)
    return "1 programme, 2 courses, 3 sessions, 19 participants"


def _link_assistance(programme: Programme, kenya: State) -> None:
    """The needs and the funding project, when the assistance demo made them."""
    from tact.assistance.models import Need, Project

    needs = list(Need.objects.filter(state=kenya).order_by("pk")[:2])
    project = Project.objects.filter(countries__state=kenya).order_by("pk").first()
    if needs:
        programme.needs.set(needs)
    if project is not None:
        programme.project = project
        programme.save(update_fields=["project"])
