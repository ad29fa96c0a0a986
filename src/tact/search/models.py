"""The site-wide document index: one narrow row per searchable record of any app.

A row carries what search needs without joining the record's own tables: its kind, language
and year, the facet values (side table), and the *access columns of its protected ancestor*
(classification, owner state and organisation, author), so that ``core.access.visible_q`` filters
the index exactly as it filters the records themselves.  The terms live in the engine's table
(``search_document_fts`` or ``search_document_index``), keyed by the row's id.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from tact.core.protection import INTERNAL, Protection, inherits


class SearchDocument(models.Model):
    # Read only through tact.search.service (its SQL: tact.search.statement), which applies
    # the access columns below.
    protection: ClassVar[Protection] = INTERNAL

    ref = models.CharField(_("record"), max_length=120, unique=True)  # app_label.model:pk
    kind = models.CharField(_("type"), max_length=40)
    language = models.CharField(_("language"), max_length=8, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # The access columns of the record that decides who sees this one (see core.access).
    access_ref = models.CharField(max_length=120)
    classification = models.CharField(max_length=16)
    owner_state_id = models.IntegerField(null=True, blank=True)
    owner_organisation_id = models.IntegerField(null=True, blank=True)
    created_by_id = models.IntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["access_ref"], name="search_doc_access_ref"),
            models.Index(fields=["updated_at"], name="search_doc_updated"),
        ]

    def __str__(self) -> str:
        return self.ref


class SearchFacet(models.Model):
    """One value of a multi-valued facet (state, theme, provision, recommendation) of a row."""

    protection: ClassVar[Protection] = inherits("document")

    # No index of its own: the (document, facet, value) index below starts with it, covers the
    # facet joins, and one index less is one less to write per facet row.
    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facets", db_index=False
    )
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "document"], name="search_facet_value"),
            models.Index(fields=["document", "facet", "value"], name="search_facet_document"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
