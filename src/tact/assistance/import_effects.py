"""What a batch of newly imported projects changes beyond its own rows: summaries and search.

Why from memory: the rows were written as tuples (:mod:`tact.assistance.bulk`), without
model instances or signals.  Reading each batch back with its countries and organisations
only to compute its summary facts and search documents cost as much as writing it (issue 19).
The values are all at hand, so each new project is given a *detached* model instance carrying
exactly what was written (its fields, countries with their states, participating
organisations, no themes yet) and the usual code runs on it: ``summaries.project_facts`` and
the project's search :class:`~tact.search.documents.Source`.  Nothing here is ever saved.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.db.models.base import ModelState

from tact.assistance import summaries
from tact.assistance.activity_rows import COUNTRY_COLUMNS, PARTICIPATING_COLUMNS, Row
from tact.assistance.models import ParticipatingOrganisation, Project, ProjectCountry
from tact.core.prefetched import Listed
from tact.directory.models import State
from tact.search.documents import index_new_records


def _plain(model: type[models.Model]) -> dict[str, Any]:
    """Every attribute of a default instance but its state: the base of each detached one."""
    return {k: v for k, v in model().__dict__.items() if k != "_state"}


class Detached:
    """Builds detached instances for one import run (defaults and states looked up once)."""

    def __init__(self) -> None:
        self.alias = connection.alias
        self.project_base = _plain(Project)
        self.country_base = _plain(ProjectCountry)
        self.org_base = _plain(ParticipatingOrganisation)
        self.pk = Project._meta.pk.attname
        self._states: dict[int, State] | None = None
        self.no_themes = Listed()  # shared: a new project has none, nothing adds any

    def states(self) -> dict[int, State]:
        if self._states is None:
            self._states = {s.pk: s for s in State.objects.only("pk", "iso3", "iso2")}
        return self._states

    def _instance(self, model: type[models.Model], *parts: dict[str, Any]) -> Any:
        obj = model.__new__(model)
        for part in parts:
            obj.__dict__.update(part)
        state = obj._state = ModelState()
        state.adding, state.db = False, self.alias
        return obj

    def project(self, pk: int, values: dict[str, Any], children: dict[str, list[Row]]) -> Project:
        """The project as written: ``values`` are its columns, ``children`` its child rows
        (without the parent id, in the column order of :mod:`activity_rows`)."""
        project: Project = self._instance(Project, self.project_base, values, {self.pk: pk})
        states = self.states()
        countries = []
        for row in children.get("country", ()):
            country = self._instance(
                ProjectCountry,
                self.country_base,
                dict(zip(COUNTRY_COLUMNS[1:], row, strict=True)),
                {"project_id": pk},
            )
            if country.state_id is not None:
                country._state.fields_cache["state"] = states.get(country.state_id)
            countries.append(country)
        organisations = [
            self._instance(
                ParticipatingOrganisation,
                self.org_base,
                dict(zip(PARTICIPATING_COLUMNS[1:], row, strict=True)),
                {"project_id": pk},
            )
            for row in children.get("participating", ())
        ]
        # Plain lists, read through ``tact.core.prefetched.related`` (an evaluated queryset
        # per relation cost a query object each; nothing asks these instances for more).
        project._prefetched_objects_cache = {  # type: ignore[attr-defined]
            "countries": Listed(countries),
            "participating_organisations": Listed(organisations),
            "themes": self.no_themes,
        }
        return project


def created(projects: list[Project]) -> None:
    """Summary facts and search documents of projects just created in bulk."""
    if not projects:
        return
    summaries.add_created(projects)
    index_new_records(projects)
