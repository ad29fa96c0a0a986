"""Generated demonstration data: agencies, focal points, donors, users for every role.

Everything here is marked as demo data where the model has the flag; party status values are
generated, not verified treaty records.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from tact.accounts.models import StateMembership, User
from tact.catalog.models import Instrument
from tact.core.access import Role
from tact.core.models import Classification
from tact.directory.models import Contact, Organisation, PartyStatus, State

DEMO_PASSWORD = "tact-demo-2026"

DEMO_STATES = ("KEN", "NGA", "ZAF", "MAR", "MEX", "COL", "URY", "FRA", "SRB", "IDN", "KGZ", "PHL")

AGENCIES = (
    ("Office of the Director of Public Prosecutions", "ODPP", "prosecution"),
    ("National Police Service", "NPS", "police"),
    ("Judiciary Training Institute", "JTI", "judiciary"),
    ("Customs and Border Service", "CBS", "customs"),
    ("Financial Intelligence Unit", "FIU", "fiu"),
    ("Ministry of Justice", "MoJ", "ministry"),
)

ORGANISATIONS = (
    ("United Nations Office on Drugs and Crime", "UNODC", "un_entity", "XM-DAC-41128"),
    ("United Nations Development Programme", "UNDP", "un_entity", "XM-DAC-41114"),
    ("Ministry of Foreign Affairs of the Netherlands", "NL-MFA", "donor_government", "XM-DAC-7"),
    ("Foreign, Commonwealth and Development Office", "FCDO", "donor_government", "GB-GOV-1"),
    ("Norad", "Norad", "donor_government", "NO-BRC-971277882"),
    ("European Commission (INTPA)", "EC-INTPA", "regional", "XI-IATI-EC_INTPA"),
    ("Council of Europe", "CoE", "regional", ""),
    ("International Organization for Migration", "IOM", "international", ""),
    ("Association of Southeast Asian Nations", "ASEAN", "regional", ""),
    ("Organization of American States", "OAS", "regional", ""),
    ("Witness Protection Network", "WPN", "ngo", ""),
)

FIRST = ("Amina", "Ivan", "Sofía", "Marc", "Chen", "Fatima", "Peter", "Olga", "Juan", "Leila")
LAST = ("Otieno", "Petrović", "García", "Dubois", "Wei", "El Idrissi", "Mwangi", "Santos")


def _org(name: str, acronym: str, kind: str, iati_ref: str, state: State | None) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        name=name,
        state=state,
        defaults={"acronym": acronym, "kind": kind, "iati_ref": iati_ref, "is_demo": True},
    )
    return org


def _user(username: str, role: str, **extra: Any) -> User:
    states = extra.pop("states", [])
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "is_staff": role == Role.SECRETARIAT,
            "is_superuser": role == Role.SECRETARIAT,
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    for state in states:
        StateMembership.objects.get_or_create(user=user, state=state)
    return user


def load(actor: Any = None) -> str:
    """Create (idempotently) the demo directory and one user per role."""
    rng = random.Random(2012)
    states = {s.iso3: s for s in State.objects.filter(iso3__in=DEMO_STATES)}
    instruments = list(Instrument.objects.order_by("order"))
    organisations = {
        acronym: _org(name, acronym, kind, ref, None) for name, acronym, kind, ref in ORGANISATIONS
    }
    for iso3 in DEMO_STATES:
        state = states[iso3]
        agencies = [
            _org(f"{name} ({state.name})", acronym, "government_agency", "", state)
            for name, acronym, _agency in AGENCIES
        ]
        for org, (_n, _a, agency_type) in zip(agencies, AGENCIES, strict=True):
            if org.agency_type != agency_type:
                org.agency_type = agency_type
                org.save(update_fields=["agency_type"])
        for index, org in enumerate(agencies[:3]):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            Contact.objects.get_or_create(
                name=name,
                state=state,
                organisation=org,
                defaults={
                    "position": "National focal point" if index == 0 else "Liaison officer",
                    "email": f"{name.split()[0].lower()}.{iso3.lower()}@example.org",
                    "is_focal_point": index == 0,
                    "topics": "UNTOC implementation; technical assistance",
                    "classification": [
                        Classification.PUBLIC,
                        Classification.RESTRICTED,
                        Classification.CONFIDENTIAL,
                    ][index],
                    "owner_state": state,
                    "is_demo": True,
                    "notes": "Demo record."
                    if index < 2
                    else "Confidential demo note: witness protection liaison.",
                },
            )
        for instrument in instruments:
            signed = dt.date(2000, 12, 12) + dt.timedelta(days=rng.randint(0, 400))
            PartyStatus.objects.get_or_create(
                state=state,
                instrument=instrument,
                defaults={
                    "status": PartyStatus.Status.PARTY,
                    "signature_date": signed,
                    "consent_date": signed + dt.timedelta(days=rng.randint(200, 2500)),
                    "consent_action": rng.choice(["ratification", "accession"]),
                    "is_demo": True,
                    "source": "generated demo value",
                },
            )
    _user("secretariat", Role.SECRETARIAT, first_name="Sara", last_name="Secretariat")
    _user("focal.kenya", Role.FOCAL_POINT, first_name="Amina", states=[states["KEN"]])
    _user("focal.mexico", Role.FOCAL_POINT, first_name="Juan", states=[states["MEX"]])
    _user("donor.nl", Role.DONOR, first_name="Daan", organisation=organisations["NL-MFA"])
    _user("evaluator", Role.EVALUATOR, first_name="Eva")
    _user("reader", Role.READER, first_name="Ravi")
    return f"{len(states)} demo states with agencies, contacts and party status; 6 users"


DEMO_USERS = (
    ("secretariat", Role.SECRETARIAT, "UNODC secretariat: sees and edits everything"),
    ("focal.kenya", Role.FOCAL_POINT, "focal point for Kenya"),
    ("focal.mexico", Role.FOCAL_POINT, "focal point for Mexico"),
    ("donor.nl", Role.DONOR, "donor: Ministry of Foreign Affairs of the Netherlands"),
    ("evaluator", Role.EVALUATOR, "evaluator"),
    ("reader", Role.READER, "reader (public content only)"),
)
