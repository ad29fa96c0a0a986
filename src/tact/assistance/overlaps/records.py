"""The bridge from the database to overlap detection: one :class:`ProjectRecord` per project,
read in chunks of plain values (bounded memory, a handful of queries per chunk).

Which references make two records "the same activity": only activity-level ones. An
``other-identifier`` of type A1 (reporting organisation's own identifier), A2 (CRS
activity identifier), A3 (previous activity identifier) or A9 (other activity identifier)
names an activity; types B1 (previous reporting organisation identifier) and B9 (other
organisation identifier) name an *organisation*, shared by every activity of the
publisher, so they never link two records (on real registry files they made thousands of
false pairs).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from tact.assistance.models import (
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectSector,
    Transaction,
)
from tact.assistance.overlaps.detection import (
    MAX_BLOCK_COUNTRIES,
    Partition,
    block_countries,
    last_partition,
)
from tact.assistance.overlaps.scoring import ProjectRecord

ACTIVITY_IDENTIFIER_TYPES = frozenset({"A1", "A2", "A3", "A9"})
"""``other-identifier`` types (OtherIdentifierType code list) that identify an activity."""

CHUNK = 2000


def chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def related_refs(activity: Any) -> list[str]:
    """Activity identifiers an IATI activity (as stored JSON) points to: its related
    activities and its activity-level other identifiers (see the module docstring)."""
    refs: list[str] = []
    if not isinstance(activity, dict):
        return refs
    for item in activity.get("related_activities") or ():
        ref = item.get("ref") if isinstance(item, dict) else None
        if ref:
            refs.append(str(ref))
    for item in activity.get("other_identifiers") or ():
        if not isinstance(item, dict) or item.get("type") not in ACTIVITY_IDENTIFIER_TYPES:
            continue
        if item.get("ref"):
            refs.append(str(item["ref"]))
    return refs


def project_records(projects: QuerySet[Project]) -> Iterator[ProjectRecord]:
    """Overlap records for ``projects``, read in chunks (bounded memory, few queries)."""
    return records_of(list(projects.order_by("pk").values_list("pk", flat=True)))


def records_of(ids: list[int]) -> Iterator[ProjectRecord]:
    """Overlap records of the projects with these primary keys, read in chunks; within a
    chunk in the order of the keys."""
    for chunk in chunks(ids):
        yield from _chunk_records(sorted(chunk))


def _in_chunk(column: str, chunk: list[int]) -> tuple[str, list[Any]]:
    """``column`` among the chunk's keys as one parameter: 2,000 placeholders cost psycopg
    ~25 ms per query to split, more than the query itself."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [chunk]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(chunk)]  # noqa: S608 (no input)


def _select(columns: str, table: str) -> str:
    return f"SELECT {columns} FROM {table}"  # noqa: S608 (model names, no input)


def _rows(sql: str, column: str, chunk: list[int]) -> list[tuple[Any, ...]]:
    where, params = _in_chunk(column, chunk)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} WHERE {where}", params)
        return cursor.fetchall()


def _grouped(sql: str, column: str, chunk: list[int]) -> dict[int, set[str]]:
    grouped: dict[int, set[str]] = {}
    for pid, value in _rows(sql, column, chunk):
        grouped.setdefault(pid, set()).add(value)
    return grouped


def _date(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _chunk_records(chunk: list[int]) -> Iterator[ProjectRecord]:
    """One chunk's records from seven plain queries: the records are read for every project
    of the scope, so the ORM's per-row work and the default orderings of the child models
    (each joined and sorted the project table) are left out; columns come from the models."""
    t = _tables()
    countries = _grouped(_select("project_id, code", t["country"]), "project_id", chunk)
    sectors = _grouped(_select("project_id, code", t["sector"]), "project_id", chunk)
    topics = _grouped(
        _select(
            f"pp.project_id, p.{t['provision_key']}",
            f"{t['project_provisions']} pp JOIN {t['provision']} p ON p.id = pp.provision_id",
        ),
        "pp.project_id",
        chunk,
    )
    for pid, codes in _grouped(
        _select(
            "pt.project_id, th.code",
            f"{t['project_themes']} pt JOIN {t['theme']} th ON th.id = pt.theme_id",
        ),
        "pt.project_id",
        chunk,
    ).items():
        topics.setdefault(pid, set()).update(codes)
    funders: dict[int, set[str]] = {}
    implementers: dict[int, set[str]] = {}
    linked: dict[int, set[str]] = {}
    funding = ParticipatingOrganisation.Role.FUNDING
    carrying = (
        ParticipatingOrganisation.Role.IMPLEMENTING,
        ParticipatingOrganisation.Role.EXTENDING,
    )
    for pid, role, name, ref, activity_id in _rows(
        _select("project_id, role, name, ref, activity_id", t["organisation"]),
        "project_id",
        chunk,
    ):
        label = name or ref
        if label and role == funding:
            funders.setdefault(pid, set()).add(label)
        elif label and role in carrying:
            implementers.setdefault(pid, set()).add(label)
        if activity_id:
            linked.setdefault(pid, set()).add(activity_id)
    for pid, provider, receiver in _rows(
        _select("project_id, provider_activity_id, receiver_activity_id", t["transaction"]),
        "project_id",
        chunk,
    ):
        for ref in (provider, receiver):
            if ref:
                linked.setdefault(pid, set()).add(ref)
    rows = _rows(
        _select(
            "id, iati_identifier, reporting_org_name, reporting_org_ref, title, description, "
            "planned_start, actual_start, planned_end, actual_end, "
            f"{t['related']}, {t['others']}",
            t["project"],
        ),
        "id",
        chunk,
    )
    for row in sorted(rows):
        (pid, identifier, org_name, org_ref, title, description) = row[:6]
        planned_start, actual_start, planned_end, actual_end, related, others = row[6:]
        refs = set(linked.get(pid, ()))
        refs.update(
            related_refs({"related_activities": _json(related), "other_identifiers": _json(others)})
        )
        refs.discard(identifier)
        yield ProjectRecord(
            key=pid,
            identifier=identifier,
            reporting_org=org_name or org_ref,
            funders=frozenset(funders.get(pid, ())),
            implementers=frozenset(implementers.get(pid, ())),
            countries=frozenset(countries.get(pid, ())),
            sectors=frozenset(sectors.get(pid, ())),
            topics=frozenset(topics.get(pid, ())),
            start=_date(actual_start) or _date(planned_start),
            end=_date(actual_end) or _date(planned_end),
            title=title,
            description=description,
            linked_ids=frozenset(refs),
        )


def _tables() -> dict[str, str]:
    """Quoted table names of the models read, and the activity document's two lists."""
    quote = connection.ops.quote_name
    activity = quote(Project._meta.get_field("iati_activity").column)
    if connection.vendor == "postgresql":
        related = f"{activity} -> 'related_activities'"
        others = f"{activity} -> 'other_identifiers'"
    else:
        related = f"json_extract({activity}, '$.related_activities')"
        others = f"json_extract({activity}, '$.other_identifiers')"
    provision = Project.provisions.field.related_model
    theme = Project.themes.field.related_model
    return {
        "project": quote(Project._meta.db_table),
        "country": quote(ProjectCountry._meta.db_table),
        "sector": quote(ProjectSector._meta.db_table),
        "organisation": quote(ParticipatingOrganisation._meta.db_table),
        "transaction": quote(Transaction._meta.db_table),
        "project_provisions": quote(Project.provisions.through._meta.db_table),
        "project_themes": quote(Project.themes.through._meta.db_table),
        "provision": quote(provision._meta.db_table),  # type: ignore[union-attr]
        "theme": quote(theme._meta.db_table),  # type: ignore[union-attr]
        "provision_key": quote("key"),
        "related": related,
        "others": others,
    }


def record_from_activity(activity: Any, key: Any = None) -> ProjectRecord:
    """A :class:`ProjectRecord` straight from a parsed IATI activity (benches and tests on
    real files, without a database), with the same rules as :func:`project_records`."""
    refs: set[str] = {r.ref for r in activity.related_activities if r.ref}
    refs.update(
        o.ref for o in activity.other_identifiers if o.ref and o.type in ACTIVITY_IDENTIFIER_TYPES
    )
    refs.update(o.activity_id for o in activity.participating_orgs if o.activity_id)
    for transaction in activity.transactions:
        for side in (transaction.provider_org, transaction.receiver_org):
            if side is not None and side.activity_id:
                refs.add(side.activity_id)
    refs.discard(activity.identifier)
    funders = {o.name or o.ref or "" for o in activity.participating_orgs if o.role == "1"}
    implementers = {
        o.name or o.ref or "" for o in activity.participating_orgs if o.role in ("3", "4")
    }
    dates = activity.dates
    return ProjectRecord(
        key=activity.identifier if key is None else key,
        identifier=activity.identifier,
        reporting_org=activity.reporting_org.name or activity.reporting_org.ref or "",
        funders=frozenset(f for f in funders if f),
        implementers=frozenset(i for i in implementers if i),
        countries=frozenset(c.code for c in activity.recipient_countries),
        sectors=frozenset(s.code for s in activity.sectors),
        start=dates.get("2") or dates.get("1"),
        end=dates.get("4") or dates.get("3"),
        title=activity.title_text(),
        description=activity.description_text(),
        linked_ids=frozenset(refs),
    )


def country_partitions(scope: QuerySet[Project]) -> Iterator[Partition]:
    """``scope``'s projects one recipient country at a time, in the order of the codes;
    projects without a blockable country are left out (see :func:`wildcard_records`).
    A project in several countries is read once, for its first: later partitions carry its
    key (:class:`Partition`). Memory holds one country's records and the carried ones."""
    states: dict[str, set[int | None]] = {}
    for state_id, code in (
        ProjectCountry.objects.filter(project__in=scope)
        .values_list("state_id", "code")
        .distinct()
        .order_by()
    ):
        states.setdefault(code, set()).add(state_id)
    carried: set[Any] = set()
    carried_until: dict[str, list[Any]] = {}
    for code in sorted(states):
        known = {s for s in states[code] if s is not None}
        where = Q(state_id__in=known)  # the (state, project) index
        if None in states[code]:
            where |= Q(state__isnull=True)
        members = ProjectCountry.objects.filter(where, code=code).values("project_id")
        ids = list(scope.filter(pk__in=members).order_by("pk").values_list("pk", flat=True))
        partition = Partition(code, [], [pk for pk in ids if pk in carried])
        for record in records_of([pk for pk in ids if pk not in carried]):
            if code not in (block_countries(record) or ()):
                continue
            partition.records.append(record)
            last = last_partition(record)
            if last is not None and last > code:
                carried.add(record.key)
                carried_until.setdefault(last, []).append(record.key)
        yield partition
        carried.difference_update(carried_until.pop(code, ()))


def wildcard_records(scope: QuerySet[Project]) -> list[ProjectRecord]:
    """``scope``'s projects with no recipient country, or too many to block on."""
    ids = (
        scope.annotate(recipients=Count("countries"))
        .filter(Q(recipients=0) | Q(recipients__gt=MAX_BLOCK_COUNTRIES))
        .values("pk")
    )
    return list(project_records(Project.objects.filter(pk__in=ids)))


def records_by_key(keys: list[Any]) -> Iterator[ProjectRecord]:
    """The records of these projects (keys are primary keys), read in chunks."""
    yield from records_of(keys)
