"""IATI 2.0x activities: a streaming reader/validator and a 2.03 writer, free of Django.

Public API (everything else is an implementation detail):

* :func:`iter_activities` -> :class:`ActivityStream` of :class:`ActivityResult`
* :class:`IatiFileError` for problems with a file as a whole
* :func:`write_activities`, :func:`write_activities_csv`, :func:`validate_file`
* :func:`check_activity` to vet an :class:`Activity` built outside the reader
* the dataclasses of :mod:`tact.assistance.iati.model`
"""

from __future__ import annotations

from tact.assistance.iati.codelists import Codelist, codes, load_codelist
from tact.assistance.iati.errors import IatiFileError, IatiWriteError
from tact.assistance.iati.model import (
    Activity,
    AidType,
    Baseline,
    Budget,
    Dimension,
    DocumentLink,
    Indicator,
    IndicatorReference,
    Narratives,
    Org,
    OtherIdentifier,
    ParticipatingOrg,
    Period,
    PeriodValue,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    Result,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
)
from tact.assistance.iati.reader import ActivityResult, ActivityStream, iter_activities
from tact.assistance.iati.rules import SUPPORTED_VERSIONS, RuleReport, check_activity
from tact.assistance.iati.schema import validate_file
from tact.assistance.iati.writer import (
    CSV_COLUMNS,
    writable_problems,
    write_activities,
    write_activities_csv,
)

__all__ = [
    "CSV_COLUMNS",
    "SUPPORTED_VERSIONS",
    "Activity",
    "ActivityResult",
    "ActivityStream",
    "AidType",
    "Baseline",
    "Budget",
    "Codelist",
    "Dimension",
    "DocumentLink",
    "IatiFileError",
    "IatiWriteError",
    "Indicator",
    "IndicatorReference",
    "Narratives",
    "Org",
    "OtherIdentifier",
    "ParticipatingOrg",
    "Period",
    "PeriodValue",
    "RecipientCountry",
    "RecipientRegion",
    "RelatedActivity",
    "Result",
    "RuleReport",
    "Sector",
    "Tag",
    "Transaction",
    "TransactionOrg",
    "check_activity",
    "codes",
    "iter_activities",
    "load_codelist",
    "validate_file",
    "writable_problems",
    "write_activities",
    "write_activities_csv",
]
