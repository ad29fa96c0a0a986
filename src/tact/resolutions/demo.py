"""Demo data: the seed resolution (Russian, as adopted) and its English version linked to it,
the working-group meeting of 17 October 2012 that adopted its recommendations, the following
meeting whose panels are the topics item b) asked for, a recent and a coming meeting (dated
from today), and follow-up reports by states, the secretariat and donors.

The seed and the 2012 meeting are real; the English text is a translation made for the demo;
people, the later dates, agenda items and every follow-up report are generated demo data
(meetings carry `is_demo`, reports say so).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

from tact.core.links import record_ref
from tact.core.models import Classification
from tact.directory.models import Organisation, State
from tact.resolutions import services
from tact.resolutions.models import FollowUp, Meeting, Recommendation, Resolution

SEED = "seed_ru.md"
# The English rendering of the seed (a translation made for the demo, not the official text);
# imported beside the Russian original and linked to it as its English version.
SEED_EN = "seed_en.md"
# The report of the sixth session of the Conference, which contains the resolution.
SYMBOL = "CTOC/COP/2012/15"
WG = "Рабочая группа правительственных экспертов по технической помощи"
WG_EN = "Working Group of Government Experts on Technical Assistance"
DEMO_NOTE = "(demo report)"

PANEL_PEOPLE = (
    ("Amina Otieno — UNODC", "Ivan Petrović — CoE\nSofía García — OAS"),
    ("Marc Dubois — WPN", "Leila El Idrissi — UNODC\nPeter Mwangi — IOM"),
    ("Olga Santos — UNDP", "Juan García — UNODC\nChen Wei — ASEAN"),
    ("Fatima Otieno — UNODC", "Ivan Dubois — EC-INTPA"),
    ("Sofía Mwangi — UNODC", "Marc Santos — CoE\nAmina Wei — UNDP"),
)

# (state, code, status, narrative, classification)
STATE_REPORTS = (
    (
        "KEN",
        "annex.a.i",
        "implemented",
        "National inter-agency committee on organized crime "
        "established by executive order; meets quarterly.",
        Classification.PUBLIC,
    ),
    (
        "KEN",
        "annex.a.ii",
        "in_progress",
        "Threat assessment unit set up in the police; first national assessment under way.",
        Classification.RESTRICTED,
    ),
    (
        "KEN",
        "annex.a.iii",
        "partial",
        "Awareness campaign on trafficking in persons run in three counties.",
        Classification.PUBLIC,
    ),
    (
        "MEX",
        "annex.a.i",
        "implemented",
        "Coordination protocol signed by the prosecution, police and financial intelligence unit.",
        Classification.PUBLIC,
    ),
    (
        "MEX",
        "annex.a.iii",
        "in_progress",
        "School programme on the risks of organized crime piloted in two states.",
        Classification.PUBLIC,
    ),
    (
        "COL",
        "annex.a.i",
        "partial",
        "Inter-agency task force on illicit financial flows covers two of five regions.",
        Classification.PUBLIC,
    ),
    (
        "COL",
        "annex.a.ii",
        "implemented",
        "Annual review of criminal group structures feeds the national strategy.",
        Classification.PUBLIC,
    ),
    (
        "NGA",
        "annex.a.i",
        "in_progress",
        "Draft national strategy under inter-ministerial review.",
        Classification.PUBLIC,
    ),
    (
        "PHL",
        "annex.a.iii",
        "implemented",
        "Nationwide campaign with civil society on online exploitation.",
        Classification.PUBLIC,
    ),
    (
        "SRB",
        "annex.a.ii",
        "not_started",
        "Planned for the next strategy cycle.",
        Classification.PUBLIC,
    ),
    (
        "URY",
        "annex.d",
        "partial",
        "Evaluation of the UNODC legislative assistance project shared with the working group.",
        Classification.PUBLIC,
    ),
)

ADOPTED_ON = dt.date(2012, 10, 19)
RECENT_NOTE = "Reported at the recent meeting."
# Updates reported at the recent meeting (dated from today): the newest line of each story.
RECENT_REPORTS = (
    (
        "KEN",
        "annex.a.ii",
        "implemented",
        "First national threat assessment completed and shared with the inter-agency committee.",
    ),
    (
        "SRB",
        "annex.a.ii",
        "in_progress",
        "Working group on the threat assessment methodology set up with the police academy.",
    ),
)

DONOR_REPORTS = (
    (
        "NL-MFA",
        "annex.c.i",
        "implemented",
        "Multi-year soft-earmarked contribution to UNODC technical assistance on the Convention.",
    ),
    (
        "Norad",
        "annex.c.ii",
        "in_progress",
        "Co-funding through the regional programme for Eastern Africa, coordinated with UNDP.",
    ),
)


def _seed_bytes(name: str = SEED) -> bytes:
    return resources.files("tact.resolutions").joinpath("data", name).read_bytes()


def _meeting(actor: Any, title: str, **values: Any) -> Meeting:
    existing = Meeting.objects.filter(title=title, starts_on=values["starts_on"]).first()
    return existing or services.meeting_save(actor=actor, title=title, **values)


def load(actor: Any) -> str:
    parsed = services.resolution_parse(_seed_bytes(), SEED, "ru")
    resolution, created = services.resolution_import(
        actor=actor, parsed=parsed, filename=SEED, symbol=SYMBOL, adopted_on=ADOPTED_ON
    )
    english, _created = services.resolution_import(
        actor=actor,
        parsed=services.resolution_parse(_seed_bytes(SEED_EN), SEED_EN, "en"),
        filename=SEED_EN,
        symbol=SYMBOL,
        adopted_on=ADOPTED_ON,
    )
    services.resolution_link_version(actor=actor, resolution=english, original=resolution)
    recs = {r.code: r for r in Recommendation.objects.filter(resolution=resolution)}

    adopted = _meeting(
        actor,
        "Meeting of the Working Group on Technical Assistance",
        body=WG_EN,
        session="Held during the sixth session of the Conference of the Parties",
        starts_on=dt.date(2012, 10, 17),
        place="Vienna",
        summary=f"{WG}: рекомендации, принятые на совещании 17 октября 2012 года.",
    )
    if not adopted.adopted_recommendations.exists():
        services.meeting_adopt(
            actor=actor,
            meeting=adopted,
            recommendations=[r for code, r in recs.items() if code.startswith("annex.")],
        )
        services.agenda_item_add(
            actor=actor,
            meeting=adopted,
            number="2",
            title="Implementation of the technical assistance provisions of the Convention",
        )

    following = _meeting(
        actor,
        "Following meeting of the Working Group on Technical Assistance",
        body=WG_EN,
        session="Demo: the topics requested in item b) of the annex",
        starts_on=dt.date(2013, 10, 30),
        place="Vienna",
        summary="Demo data: panels on the five topics the Conference asked the secretariat "
        "to organize (annex, item b).",
        is_demo=True,
    )
    if not following.panels.exists():
        item = services.agenda_item_add(
            actor=actor,
            meeting=following,
            number="3",
            title="Panel discussions requested by the Conference (annex, item b)",
        )
        for (moderators, speakers), label in zip(
            PANEL_PEOPLE, ("i", "ii", "iii", "iv", "v"), strict=True
        ):
            rec = recs[f"annex.b.{label}"]
            services.panel_add(
                actor=actor,
                meeting=following,
                topic=rec.text.rstrip(";.,"),
                requested_by=rec,
                agenda_item=item,
                moderators=moderators,
                speakers=speakers,
            )

    reports = 0
    if not FollowUp.objects.filter(recommendation__resolution=resolution).exists():
        reported = dt.date(2014, 3, 1)
        for iso3, code, status, narrative, classification in STATE_REPORTS:
            state = State.objects.get(iso3=iso3)
            services.follow_up_create(
                actor=actor,
                recommendation=recs[code],
                actor_kind="state",
                state=state,
                status=status,
                narrative=f"{narrative} {DEMO_NOTE}",
                reported_on=reported,
                classification=classification,
            )
            reports += 1
        for label in ("i", "ii", "iii", "iv", "v"):
            follow_up = services.follow_up_create(
                actor=actor,
                recommendation=recs[f"annex.b.{label}"],
                actor_kind="secretariat",
                status="implemented",
                narrative=f"Panel held at the following meeting. {DEMO_NOTE}",
                reported_on=dt.date(2013, 11, 15),
            )
            services.evidence_add(
                actor=actor, follow_up=follow_up, record_ref=record_ref(following)
            )
            reports += 1
        for acronym, code, status, narrative in DONOR_REPORTS:
            organisation = Organisation.objects.filter(acronym=acronym).first()
            if organisation is None:
                continue
            follow_up = services.follow_up_create(
                actor=actor,
                recommendation=recs[code],
                actor_kind="donor",
                organisation=organisation,
                status=status,
                narrative=f"{narrative} {DEMO_NOTE}",
                reported_on=reported,
            )
            services.evidence_add(
                actor=actor, follow_up=follow_up, record_ref=record_ref(organisation)
            )
            reports += 1
    # After the first reports: their guard looks for any report on the resolution.
    recent_meetings(actor, recs)
    return (
        f"resolution {'imported' if created else 'present'} ({len(recs)} recommendations), "
        f"{Meeting.objects.count()} meetings, {reports} follow-up reports added"
    )


def recent_meetings(actor: Any, recs: dict[str, Recommendation]) -> None:
    """A meeting held last month and the next one, dated from today so the demo looks alive.

    Found again by title (not date) so that loading the demo on another day adds nothing.
    """
    today = dt.date.today()
    for title, starts_on, session, summary in (
        (
            "Recent meeting of the Working Group on Technical Assistance",
            today - dt.timedelta(days=40),
            "Demo: a recent session",
            "Demo data: States reported on the whole-of-government strategies of annex item a) "
            "and on the evaluation of assistance asked for in item d).",
        ),
        (
            "Next meeting of the Working Group on Technical Assistance",
            today + dt.timedelta(days=75),
            "Demo: the coming session",
            "Demo data: the provisional agenda of the next meeting.",
        ),
    ):
        meeting = Meeting.objects.filter(title=title, is_demo=True).first()
        if meeting is not None:
            continue
        meeting = services.meeting_save(
            actor=actor,
            title=title,
            body=WG_EN,
            session=session,
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=1),
            place="Vienna",
            summary=summary,
            is_demo=True,
        )
        services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            number="2",
            title="Follow-up of the recommendations of resolution CTOC/COP/2012/15",
        )
        services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            number="3",
            title="Evaluation of technical assistance and exchange of good practices",
        )
    recent = Meeting.objects.filter(title__startswith="Recent meeting", is_demo=True).first()
    if recent is not None and not FollowUp.objects.filter(narrative__contains=RECENT_NOTE).exists():
        for iso3, code, status, narrative in RECENT_REPORTS:
            follow_up = services.follow_up_create(
                actor=actor,
                recommendation=recs[code],
                actor_kind="state",
                state=State.objects.get(iso3=iso3),
                status=status,
                narrative=f"{narrative} {RECENT_NOTE} {DEMO_NOTE}",
                reported_on=recent.starts_on,
            )
            services.evidence_add(actor=actor, follow_up=follow_up, record_ref=record_ref(recent))


def resolution() -> Resolution | None:
    return Resolution.objects.filter(source_filename=SEED).first()
