"""The access matrix, generated from the models' protection declarations.

For every tact model, a record is built (model_bakery fills the required fields) and its
protected ancestor is put through each classification x owner scenario; every persona then
tries every route the record has: record link, history page, its own page, its API detail,
site search and list exports. What each persona gets is compared with an oracle written
here from the table in `tact.core.access` (not with `access.can_view`, which is what is
under test). A record the persona may not see must be a 404 (or a login redirect for the
anonymous visitor) and its title must appear nowhere.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from model_bakery import baker
from model_bakery.baker import Baker

from tact.core import links
from tact.core.models import ClassifiedModel
from tact.core.protection import protection_of
from tact.search import search_all
from tact.search.documents import index_records, source_for
from tact.search.service import search_documents

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# API detail routes by model (the path takes the record's pk).
API_DETAIL = {
    "assistance.contribution": "/api/v1/assistance/contributions/{pk}",
    "assistance.need": "/api/v1/assistance/needs/{pk}",
    "assistance.project": "/api/v1/assistance/projects/{pk}",
    "assistance.overlapcandidate": "/api/v1/assistance/overlaps/{pk}",
    "assistance.importrun": "/api/v1/assistance/imports/{pk}",
    "directory.contact": "/api/v1/contacts/{pk}",
    "directory.organisation": "/api/v1/organisations/{pk}",
    "evaluation.evaluation": "/api/v1/evaluation/evaluations/{pk}",
    "evaluation.resultsframework": "/api/v1/evaluation/frameworks/{pk}",
    "evaluation.indicator": "/api/v1/evaluation/indicators/{pk}",
    "legislation.legaltext": "/api/v1/legislation/laws/{pk}",
    "legislation.legalprovision": "/api/v1/legislation/provisions/{pk}",
    "legislation.provisionmapping": "/api/v1/legislation/mappings/{pk}",
    "resolutions.followup": "/api/v1/follow-ups/{pk}",
    "resolutions.meeting": "/api/v1/meetings/{pk}",
    "resolutions.recommendation": "/api/v1/recommendations/{pk}",
    "resolutions.resolution": "/api/v1/resolutions/{pk}",
    "threats.assessment": "/api/v1/threats/assessments/{pk}",
    "threats.methodtemplate": "/api/v1/threats/templates/{pk}",
    "threats.sanitisedsummary": "/api/v1/threats/summaries/{pk}",
    "strategies.strategy": "/api/v1/strategies/{pk}",
    "strategies.taskforce": "/api/v1/strategies/task-forces/{pk}",
    "training.programme": "/api/v1/training/programmes/{pk}",
    "training.session": "/api/v1/training/sessions/{pk}",
}
# API detail operations that need a login (the anonymous visitor is refused whatever the
# record's classification: a denial, never a leak).
LOGIN_ONLY_API = {"assistance.need", "assistance.contribution", "assistance.overlapcandidate"}
# List pages whose Excel export would carry the record's title.
EXPORTS = {
    "legislation.legaltext": "legislation:law_list",
    "assistance.project": "assistance:project_list",
    "evaluation.evaluation": "evaluation:evaluation_list",
    "threats.assessment": "threats:index",
}
# Records a state's profile names (/api/v1/states/{iso3}/profile): a record the persona may
# not see must not appear there, whatever section shows it.
PROFILE = {
    "assistance.need",
    "assistance.project",
    "directory.contact",
    "evaluation.evaluation",
    "evaluation.resultsframework",
    "legislation.legaltext",
    "practices.goodpractice",
    "resolutions.followup",
    "strategies.strategy",
    "strategies.taskforce",
    "strategies.cooperationagreement",
    "threats.assessment",
    "training.session",
}
# Values model_bakery cannot guess (codes that pages look up in upper case).
OVERRIDES: dict[str, dict[str, Any]] = {
    "directory.state": {"iso3": "ZZX", "iso2": "ZX"},
    # unique pair: not one of the default rules a migration (or the demo) seeds
    "strategies.linkrule": {"type_a": "corrections", "type_b": "other"},
    # check constraints: a session ends after it starts and has a positive maximum score
    "training.session": {
        "start": dt.date(2025, 3, 10),
        "end": dt.date(2025, 3, 12),
        "max_score": 100,
    },
    "training.surveyresponse": {"score": 3},
}
# Short unique codes (a state's iso3, a region's m49) that model_bakery fills at random for the
# rows it makes on the way (a project's state) could hit a seeded one ("VAT"): lower-case codes
# from a counter never do, as every seeded code is upper case or digits.
_codes = itertools.count()


def _unique_code() -> str:
    number = next(_codes)
    return "q" + chr(ord("a") + number // 26 % 26) + chr(ord("a") + number % 26)


class MatrixBaker(Baker):
    attr_mapping = {**Baker.attr_mapping, "iso3": _unique_code, "m49": _unique_code}


@pytest.fixture(autouse=True)
def _matrix_baker(settings: Any) -> None:
    settings.BAKER_CUSTOM_CLASS = "tests.test_access_matrix.MatrixBaker"


# One-row tables kept at id 1 by an upsert (which does not advance PostgreSQL's sequence):
# probe rows take ids far from it.
FRESH_IDS = {"assistance.summaryversion", "core.siteversion"}
_fresh_ids = itertools.count(1000)
# (classification, owner) put on the protected ancestor; owner "state" is Kenya and
# "organisation" the donor organisation of `donor_nl`.
SCENARIOS = [
    ("public", None),
    ("restricted", "state"),
    ("confidential", "state"),
    ("restricted", "organisation"),
    ("confidential", "organisation"),
]


@dataclass
class Persona:
    name: str
    user: Any
    role: str | None
    state_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()


def oracle(persona: Persona, record: Any) -> bool:
    """The table of tact.core.access, written out independently."""
    declared = protection_of(record)
    if declared is None:
        return False
    if declared.kind == "inherits":
        parents = [getattr(record, name) for name in declared.parents]
        if any(parent is None for parent in parents):
            return persona.role == "secretariat"
        return all(oracle(persona, parent) for parent in parents)
    if declared.kind == "public":
        return True
    if declared.kind == "internal":
        return persona.role == "secretariat"
    level = record.classification
    if level == "public":
        return True
    if persona.role is None:
        return False
    member = (persona.role == "focal_point" and record.owner_state_id in persona.state_ids) or (
        persona.role == "donor" and record.owner_organisation_id in persona.organisation_ids
    )
    if persona.role == "secretariat" or member:
        return True
    return persona.role == "evaluator" and level == "restricted"


def _ancestors(record: Any) -> list[Any]:
    declared = protection_of(record)
    if declared is None or declared.kind != "inherits":
        return [record]
    return [a for name in declared.parents for a in _ancestors(getattr(record, name))]


def _letters(number: int) -> str:
    # digits split words in the analysis; letters keep the probe one word
    return "".join(chr(ord("a") + int(d)) for d in str(number))


def _title(record: Any) -> str:
    for name in ("title", "name", "code", "heading", "text"):
        value = getattr(record, name, None)
        if isinstance(value, str) and len(value) >= 8:
            return value
    return ""


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def _tact_apps() -> list[str]:
    # TACT_MATRIX_APPS=assistance,evaluation narrows a run while working on one app.
    only = {a for a in os.environ.get("TACT_MATRIX_APPS", "").split(",") if a}
    labels = {m._meta.app_label for m in apps.get_models() if m.__module__.startswith("tact.")}
    return sorted(label for label in labels if not only or label in only)


def _tact_models(app_label: str) -> list[type[models.Model]]:
    return [
        m for m in apps.get_app_config(app_label).get_models() if m.__module__.startswith("tact.")
    ]


@pytest.fixture
def personas(
    secretariat: Any,
    focal_kenya: Any,
    focal_mexico: Any,
    donor_nl: Any,
    evaluator: Any,
    reader: Any,
    kenya: Any,
    mexico: Any,
    donor_org: Any,
) -> list[Persona]:
    from tact.accounts.services import user_create
    from tact.directory.models import Organisation

    other_org = Organisation.objects.create(name="Other donor agency", kind="donor_government")
    donor_other = user_create(
        actor=None,
        username="donor_other",
        password="pw-for-tests-1",
        role="donor",
        organisation_id=other_org.pk,
    )
    return [
        Persona("secretariat", secretariat, "secretariat"),
        Persona("focal point of the owner", focal_kenya, "focal_point", frozenset({kenya.pk})),
        Persona(
            "focal point of another state", focal_mexico, "focal_point", frozenset({mexico.pk})
        ),
        Persona("donor party", donor_nl, "donor", organisation_ids=frozenset({donor_org.pk})),
        Persona(
            "donor not party", donor_other, "donor", organisation_ids=frozenset({other_org.pk})
        ),
        Persona("evaluator", evaluator, "evaluator"),
        Persona("reader", reader, "reader"),
        Persona("anonymous", AnonymousUser(), None),
    ]


def _clients(personas: list[Persona]) -> dict[str, Client]:
    clients = {}
    for persona in personas:
        client = Client()
        if persona.role is not None:
            client.force_login(persona.user)
        clients[persona.name] = client
    return clients


# One test per app, so that the parallel workers share the matrix.
@pytest.mark.parametrize("app_label", _tact_apps())
def test_access_matrix(app_label: str, personas: list[Persona], kenya: Any, donor_org: Any) -> None:
    clients = _clients(personas)
    tried: Counter[str] = Counter()
    leaks: list[str] = []
    wrongly_denied: list[str] = []

    def check(route: str, persona: Persona, record: Any, allowed: bool, shown: bool) -> None:
        tried[route] += 1
        where = f"{record._meta.label_lower}:{record.pk} {route} for {persona.name}"
        if shown and not allowed:
            leaks.append(where)
        elif allowed and not shown:
            wrongly_denied.append(where)

    for model in _tact_models(app_label):
        if model._meta.abstract or model._meta.proxy:
            continue
        label = model._meta.label_lower
        values = {f.name: 2025 for f in model._meta.concrete_fields if f.name.endswith("year")}
        fresh = {"id": next(_fresh_ids)} if label in FRESH_IDS else {}
        record = baker.make(model, **{**values, **OVERRIDES.get(label, {}), **fresh})
        if label in PROFILE and "state" in {f.name for f in model._meta.concrete_fields}:
            # on Kenya's profile, so that the profile check below has something to find
            model._default_manager.filter(pk=record.pk).update(state=kenya)
        classified = [a for a in _ancestors(record) if isinstance(a, ClassifiedModel)]
        scenarios = SCENARIOS if classified else [(None, None)]
        for classification, owner in scenarios:
            for ancestor in classified:
                type(ancestor)._default_manager.filter(pk=ancestor.pk).update(
                    classification=classification,
                    owner_state=kenya if owner == "state" else None,
                    owner_organisation=donor_org if owner == "organisation" else None,
                    created_by=None,
                )
            record.refresh_from_db()
            indexed = source_for(type(record)) is not None
            if indexed:
                # A word of its own, so that the one search can only find this record;
                # update() sends no signal: index the record as a save would.
                concrete = {f.name for f in model._meta.concrete_fields}
                field = next((f for f in ("title", "name") if f in concrete), "")
                if field:
                    probe = "probe" + model._meta.model_name + _letters(record.pk)
                    model._default_manager.filter(pk=record.pk).update(**{field: probe})
                    record.refresh_from_db()
                index_records([record])
            ref = links.record_ref(record)
            title = _title(record)
            for persona in personas:
                allowed = oracle(persona, record)
                client = clients[persona.name]
                anonymous = persona.role is None
                # record link
                check(
                    "link",
                    persona,
                    record,
                    allowed,
                    links.resolve_ref(persona.user, ref) is not None,
                )
                # history page (needs a login: the anonymous visitor is redirected)
                app_label, model_name = label.split(".")
                response = client.get(f"/en/history/{app_label}/{model_name}/{record.pk}/")
                assert response.status_code in {200, 302, 404}, (label, response.status_code)
                check(
                    "history",
                    persona,
                    record,
                    allowed and not anonymous,
                    response.status_code == 200,
                )
                # the record's own page
                url = ""
                try:
                    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
                except (NoReverseMatch, AttributeError, TypeError, ValueError):
                    url = ""
                if url:
                    response = client.get(url)
                    assert response.status_code < 500, (url, persona.name, response.status_code)
                    shown = response.status_code == 200
                    if shown or response.status_code not in {302, 404}:
                        check("page", persona, record, allowed, shown)
                    else:
                        check("page", persona, record, allowed and not anonymous, shown)
                    if not allowed and title:
                        assert title not in response.content.decode(errors="ignore"), (
                            url,
                            persona.name,
                        )
                # API detail
                if label in API_DETAIL:
                    response = client.get(API_DETAIL[label].format(pk=record.pk))
                    assert response.status_code in {200, 401, 403, 404}, (
                        label,
                        response.status_code,
                    )
                    # Operations that need a login refuse the anonymous visitor (401, or
                    # LOGIN_ONLY_API): a denial, never a leak.
                    refused_anonymous = anonymous and (
                        response.status_code == 401 or label in LOGIN_ONLY_API
                    )
                    check(
                        "api",
                        persona,
                        record,
                        allowed and not refused_anonymous,
                        response.status_code == 200,
                    )
                # the chain of the record (tact.chain): any record, by its reference
                response = client.get(f"/api/v1/chain/{ref}")
                assert response.status_code in {200, 404}, (label, response.status_code)
                check("chain", persona, record, allowed, response.status_code == 200)
                # search: a record the persona may not see is never a hit
                if title and not allowed:
                    hits = {hit.ref for hit in search_all(persona.user, title[:60])}
                    tried["search"] += 1
                    if ref in hits:
                        leaks.append(f"{label}:{record.pk} search for {persona.name}")
                # Kenya's profile (the record's state, or its owner in the owner scenarios)
                if label in PROFILE and title and not allowed:
                    response = client.get(f"/api/v1/states/{kenya.iso3}/profile")
                    tried["profile"] += 1
                    if response.status_code == 200 and title in response.content.decode():
                        leaks.append(f"{label}:{record.pk} profile for {persona.name}")
                # the one search (document index): never a hit, never counted in a facet
                if title and indexed and not allowed:
                    found = search_documents(persona.user, title[:60])
                    tried["one search"] += 1
                    counted = any(b.count for group in found.facets.values() for b in group)
                    if ref in {hit.ref for hit in found.hits} or found.total or counted:
                        leaks.append(f"{label}:{record.pk} one search for {persona.name}")
                # exports of the list pages
                if label in EXPORTS and title and not allowed:
                    response = client.get(reverse(EXPORTS[label]) + "?format=xlsx")
                    tried["export"] += 1
                    if response.status_code == 200 and title in _xlsx_text(response.content):
                        leaks.append(f"{label}:{record.pk} export for {persona.name}")

    total = sum(tried.values())
    print(
        f"\naccess matrix of {app_label}: {total} (model x persona x route) cases tried: "
        f"{dict(tried)}"
    )
    print(f"leaks: {len(leaks)}; allowed but denied: {len(wrongly_denied)}")
    assert leaks == [], "\n".join(leaks)
    assert wrongly_denied == [], "\n".join(wrongly_denied)
