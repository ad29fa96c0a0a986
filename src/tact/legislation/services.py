"""Writes of the legislation domain: import laws, record assessments, decide suggestions,
turn gaps into technical-assistance needs, record comparison features. Every write checks
access, runs in a transaction and is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tact.catalog.models import Obligation, Provision, ProvisionParagraph
from tact.core import access
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.core.uploads import check_upload_size
from tact.directory.models import State
from tact.legislation.models import (
    Compliance,
    Feature,
    FeatureValue,
    LegalProvision,
    LegalText,
    ProvisionMapping,
    SourceFormat,
    SuggestionDecision,
    TextLanguage,
    TextType,
    VictimWitnessFeature,
)
from tact.legislation.text.splitter import SplitProvision, read_docx_text, split_akn, split_law

# --- import -----------------------------------------------------------------------------------

_EXTENSIONS = {
    ".txt": SourceFormat.TXT,
    ".md": SourceFormat.TXT,
    ".text": SourceFormat.TXT,
    ".docx": SourceFormat.DOCX,
    ".xml": SourceFormat.AKN,
    ".akn": SourceFormat.AKN,
}
# Akoma Ntoso writes ISO 639-2 codes.
_AKN_LANGUAGES = {
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "rus": "ru",
    "ara": "ar",
    "zho": "zh",
    "chi": "zh",
}
_AKN_DOCTYPES = {"act": TextType.LAW, "bill": TextType.BILL}


@dataclass
class ImportReport:
    legal_text: LegalText
    created: bool
    provisions_created: int = 0
    provisions_updated: int = 0
    provisions_unchanged: int = 0
    provisions_removed: int = 0
    provisions_obsolete: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.provisions_created
            or self.provisions_updated
            or self.provisions_removed
            or self.provisions_obsolete
        )


def detect_format(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ValidationError(
            _("Unsupported file type %(ext)s: use .txt, .docx or Akoma Ntoso .xml.")
            % {"ext": suffix or "?"}
        )
    return _EXTENSIONS[suffix]


def _parse(data: bytes, fmt: str, language: str) -> tuple[dict[str, str], list[SplitProvision]]:
    """Metadata and provisions of an uploaded file; any problem is a ValidationError."""
    if fmt == SourceFormat.AKN:
        try:
            return split_akn(data)
        except Exception as exc:  # lxml, cobalt and our own checks all mean "not valid AKN"
            raise ValidationError(
                _("Not a valid Akoma Ntoso document: %(reason)s") % {"reason": exc}
            ) from exc
    if fmt == SourceFormat.DOCX:
        try:
            text = read_docx_text(data)
        except Exception as exc:
            raise ValidationError(_("Not a valid Word (.docx) file.")) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("The text file is not UTF-8 encoded (byte %(pos)s).") % {"pos": exc.start}
            ) from exc
        if "\x00" in text:
            raise ValidationError(_("The text file contains binary data."))
    return {}, split_law(text, language)


def _work_key(state: State, text_type: str, number: str, title: str) -> str:
    ident = slugify(number) or slugify(title)[:120] or "untitled"
    return f"{state.iso3.lower()}/{text_type}/{ident}"


def _expression_key(work_key: str, language: str, version_date: dt.date | None) -> str:
    return f"{work_key}/{language}@{version_date.isoformat() if version_date else '-'}"


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@transaction.atomic
def import_law(
    *,
    actor: Any,
    state: State,
    data: bytes,
    filename: str,
    text_type: str = "",
    language: str = "",
    title: str = "",
    number: str = "",
    adopted_on: dt.date | None = None,
    in_force_on: dt.date | None = None,
    amended_on: dt.date | None = None,
    repealed_on: dt.date | None = None,
    version_date: dt.date | None = None,
    source_url: str = "",
    classification: str = Classification.PUBLIC,
    version_of: LegalText | None = None,
    notes: str = "",
    is_demo: bool = False,
) -> ImportReport:
    """Import (or re-import) one language version of one dated version of a law.

    The file is split into provisions with stable ids; importing the same version again
    updates it in place (same ids, mappings kept); provisions that disappeared are deleted, or
    kept as "no longer in the text" when assessments cite them. Bad input raises
    ValidationError and saves nothing.
    """
    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not import laws for this state."))
    check_upload_size(len(data))
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    fmt = detect_format(filename)
    if fmt == SourceFormat.AKN:
        metadata, provisions = _parse(data, fmt, language or "en")
    else:
        if not language:
            raise ValidationError(_("Give the language of the text."))
        metadata, provisions = _parse(data, fmt, language)
    if fmt == SourceFormat.AKN:
        akn_language = _AKN_LANGUAGES.get(metadata.get("language", "").lower(), "")
        language = language or akn_language or "en"
        country = metadata.get("country", "").lower()
        if country and state.iso2 and country[:2] != state.iso2.lower():
            raise ValidationError(
                _("The document is for country '%(country)s', not %(state)s.")
                % {"country": country, "state": state.display_name}
            )
        title = title or metadata.get("title", "")
        number = number or metadata.get("number", "")
        text_type = text_type or _AKN_DOCTYPES.get(metadata.get("doctype", ""), TextType.LAW)
        adopted_on = adopted_on or _date(metadata.get("date", ""))
    if language not in TextLanguage.values:
        raise ValidationError(_("Unknown language '%(lang)s'.") % {"lang": language})
    text_type = text_type or TextType.LAW
    if text_type not in TextType.values:
        raise ValidationError(_("Unknown type of text '%(type)s'.") % {"type": text_type})
    if not provisions:
        raise ValidationError(
            _(
                "No article or section was found in the text. Each provision must start on its "
                "own line with a heading such as 'Article 12', 'Section 3' or 'Artículo 5'."
            )
        )
    title = title.strip() or PurePath(filename).stem.replace("_", " ").replace("-", " ")
    frbr_work = metadata.get("work_uri", "")
    frbr_expression = metadata.get("expression_uri", "")
    if version_of is not None:
        if version_of.state_id != state.pk:
            raise ValidationError(_("A version must belong to the same state."))
        work_key = version_of.work_key
    else:
        work_key = frbr_work or _work_key(state, text_type, number, title)
    expression_key = _expression_key(work_key, language, version_date)
    sha = hashlib.sha256(data).hexdigest()

    existing = LegalText.objects.select_for_update().filter(expression_key=expression_key).first()
    if existing is not None and not access.can_edit(actor, existing):
        raise PermissionDenied(_("You may not change this law."))
    values: dict[str, Any] = {
        "state": state,
        "title": title[:400],
        "text_type": text_type,
        "number": number[:80],
        "language": language,
        "adopted_on": adopted_on,
        "in_force_on": in_force_on,
        "amended_on": amended_on,
        "repealed_on": repealed_on,
        "version_date": version_date,
        "source_url": source_url,
        "source_format": fmt,
        "frbr_work_uri": frbr_work,
        "frbr_expression_uri": frbr_expression,
        "work_key": work_key,
        "classification": classification,
        "owner_state": state,
        "notes": notes,
        "is_demo": is_demo,
    }
    created = existing is None
    if existing is None:
        legal_text = LegalText(
            expression_key=expression_key, created_by=access.author_of(actor), **values
        )
        before: dict[str, Any] = {}
    else:
        legal_text = existing
        before = _snap(legal_text)
        for key, value in values.items():
            setattr(legal_text, key, value)
    legal_text.full_clean(exclude=["file"])
    legal_text.save()
    if legal_text.file_sha256 != sha:
        if legal_text.file:
            legal_text.file.delete(save=False)
        legal_text.file.save(PurePath(filename).name, ContentFile(data), save=False)
        legal_text.file_name = PurePath(filename).name[:255]
        legal_text.file_sha256 = sha
        legal_text.save(update_fields=["file", "file_name", "file_sha256"])

    report = ImportReport(legal_text=legal_text, created=created)
    _sync_provisions(legal_text, provisions, report)
    changes: dict[str, Any] = diff(before, _snap(legal_text))
    if report.changed or changes:
        changes.update(
            {
                "provisions_created": report.provisions_created,
                "provisions_updated": report.provisions_updated,
                "provisions_removed": report.provisions_removed,
                "provisions_obsolete": report.provisions_obsolete,
            }
        )
        audit_log(
            actor=actor,
            action="legislation.law_imported" if created else "legislation.law_reimported",
            target=legal_text,
            changes=changes,
        )
    return report


def _sync_provisions(
    legal_text: LegalText, provisions: list[SplitProvision], report: ImportReport
) -> None:
    current = {p.eid: p for p in legal_text.provisions.all()}
    seen: set[str] = set()
    for item in provisions:
        eid = item.eid[:120]
        if eid in seen:
            report.warnings.append(_("Duplicate provision id %(eid)s skipped.") % {"eid": eid})
            continue
        seen.add(eid)
        values = {
            "label": item.label[:200],
            "number": item.num[:60],
            "heading": item.heading[:500],
            "body": item.text,
            "division": item.division[:500],
            "order": item.order,
            "is_obsolete": False,
        }
        prov = current.get(eid)
        if prov is None:
            LegalProvision.objects.create(legal_text=legal_text, eid=eid, **values)
            report.provisions_created += 1
        elif any(getattr(prov, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(prov, key, value)
            prov.save()
            report.provisions_updated += 1
        else:
            report.provisions_unchanged += 1
    for eid, prov in current.items():
        if eid in seen:
            continue
        if prov.mappings.exists():
            if not prov.is_obsolete:
                prov.is_obsolete = True
                prov.save(update_fields=["is_obsolete", "updated_at"])
                report.provisions_obsolete += 1
                report.warnings.append(
                    _("%(label)s is no longer in the text but assessments cite it; kept.")
                    % {"label": prov}
                )
        else:
            prov.delete()
            report.provisions_removed += 1


def _snap(instance: Any) -> dict[str, Any]:
    """`snapshot` with file fields as their names (JSON-ready)."""
    return {k: (v.name if hasattr(v, "storage") else v) for k, v in snapshot(instance).items()}


@transaction.atomic
def law_update(actor: Any, legal_text: LegalText, **fields: Any) -> LegalText:
    access.require_edit(actor, legal_text)
    before = _snap(legal_text)
    allowed = {
        "title",
        "text_type",
        "number",
        "adopted_on",
        "in_force_on",
        "amended_on",
        "repealed_on",
        "source_url",
        "classification",
        "notes",
    }
    for key, value in fields.items():
        if key not in allowed:
            raise ValidationError(_("Field %(name)s cannot be changed.") % {"name": key})
        setattr(legal_text, key, value)
    legal_text.full_clean(exclude=["file"])
    legal_text.save()
    audit_log(
        actor=actor,
        action="legislation.law_updated",
        target=legal_text,
        changes=diff(before, _snap(legal_text)),
    )
    return legal_text


@transaction.atomic
def law_delete(actor: Any, legal_text: LegalText) -> None:
    access.require_edit(actor, legal_text)
    if ProvisionMapping.objects.filter(legal_provision__legal_text=legal_text).exists():
        raise ValidationError(_("Assessments cite this law; delete them first."))
    audit_log(actor=actor, action="legislation.law_deleted", target=legal_text)
    if legal_text.file:
        legal_text.file.delete(save=False)
    legal_text.delete()


# --- mappings (assessments) ---------------------------------------------------------------


def _check_target(
    state: State,
    convention_provision: Provision,
    paragraph: ProvisionParagraph | None,
    legal_provision: LegalProvision | None,
    compliance: str,
) -> None:
    if paragraph is not None and paragraph.provision_id != convention_provision.pk:
        raise ValidationError(_("The paragraph does not belong to that article."))
    if legal_provision is not None and legal_provision.legal_text.state_id != state.pk:
        raise ValidationError(_("The national provision belongs to another state."))
    if compliance not in Compliance.values:
        raise ValidationError(_("Unknown compliance level."))
    if legal_provision is None and compliance in {Compliance.FULL, Compliance.PARTIAL}:
        raise ValidationError(
            _("Full or partial compliance must cite the national provision that implements it.")
        )


@transaction.atomic
def mapping_create(
    *,
    actor: Any,
    state: State,
    convention_provision: Provision,
    compliance: str,
    paragraph: ProvisionParagraph | None = None,
    legal_provision: LegalProvision | None = None,
    de_jure_notes: str = "",
    de_facto_notes: str = "",
    evidence: str = "",
    assessed_on: dt.date | None = None,
    assessor_name: str = "",
    classification: str = Classification.RESTRICTED,
    from_suggestion: bool = False,
    is_demo: bool = False,
) -> ProvisionMapping:
    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not assess this state's legislation."))
    _check_target(state, convention_provision, paragraph, legal_provision, compliance)
    duplicate = ProvisionMapping.objects.filter(
        state=state,
        convention_provision=convention_provision,
        paragraph=paragraph,
        legal_provision=legal_provision,
    ).exists()
    if duplicate:
        raise ValidationError(
            _("This national provision is already mapped to that Convention provision.")
        )
    user = access.author_of(actor)
    mapping = ProvisionMapping(
        state=state,
        owner_state=state,
        convention_provision=convention_provision,
        paragraph=paragraph,
        legal_provision=legal_provision,
        compliance=compliance,
        de_jure_notes=de_jure_notes,
        de_facto_notes=de_facto_notes,
        evidence=evidence,
        assessor=user,
        assessor_name=assessor_name
        or (user.get_full_name() or user.get_username() if user else ""),
        assessed_on=assessed_on or timezone.localdate(),
        classification=classification,
        from_suggestion=from_suggestion,
        created_by=user,
        is_demo=is_demo,
    )
    mapping.full_clean()
    mapping.save()
    audit_log(
        actor=actor, action="legislation.mapping_created", target=mapping, changes=snapshot(mapping)
    )
    return mapping


_MAPPING_FIELDS = {
    "compliance",
    "de_jure_notes",
    "de_facto_notes",
    "evidence",
    "assessed_on",
    "assessor_name",
    "classification",
    "paragraph",
    "legal_provision",
}


@transaction.atomic
def mapping_update(actor: Any, mapping: ProvisionMapping, **fields: Any) -> ProvisionMapping:
    access.require_edit(actor, mapping)
    before = snapshot(mapping)
    for key, value in fields.items():
        if key not in _MAPPING_FIELDS:
            raise ValidationError(_("Field %(name)s cannot be changed.") % {"name": key})
        setattr(mapping, key, value)
    _check_target(
        mapping.state,
        mapping.convention_provision,
        mapping.paragraph,
        mapping.legal_provision,
        mapping.compliance,
    )
    if "assessed_on" not in fields:
        mapping.assessed_on = timezone.localdate()
    user = access.author_of(actor)
    if user is not None:
        mapping.assessor = user
    mapping.full_clean()
    mapping.save()
    changes = diff(before, snapshot(mapping))
    if changes:
        audit_log(
            actor=actor, action="legislation.mapping_updated", target=mapping, changes=changes
        )
    return mapping


@transaction.atomic
def mapping_delete(actor: Any, mapping: ProvisionMapping) -> None:
    access.require_edit(actor, mapping)
    audit_log(
        actor=actor, action="legislation.mapping_deleted", target=mapping, changes=snapshot(mapping)
    )
    mapping.delete()


# --- suggestions -----------------------------------------------------------------------------


@transaction.atomic
def suggestion_decide(
    *,
    actor: Any,
    legal_provision: LegalProvision,
    convention_provision: Provision,
    decision: str,
    paragraph: ProvisionParagraph | None = None,
    rank: int = 0,
    score: float = 0.0,
    compliance: str = Compliance.PARTIAL,
    classification: str = Classification.RESTRICTED,
    de_jure_notes: str = "",
) -> SuggestionDecision:
    """Accept (creates the mapping) or reject one suggested national provision; re-deciding
    replaces the earlier decision, so the acceptance rate counts each pair once."""
    state = legal_provision.legal_text.state
    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not assess this state's legislation."))
    if decision not in SuggestionDecision.Decision.values:
        raise ValidationError(_("Unknown decision."))
    mapping: ProvisionMapping | None = None
    if decision == SuggestionDecision.Decision.ACCEPTED:
        mapping = ProvisionMapping.objects.filter(
            state=state,
            convention_provision=convention_provision,
            paragraph=paragraph,
            legal_provision=legal_provision,
        ).first()
        if mapping is None:
            mapping = mapping_create(
                actor=actor,
                state=state,
                convention_provision=convention_provision,
                paragraph=paragraph,
                legal_provision=legal_provision,
                compliance=compliance,
                classification=classification,
                de_jure_notes=de_jure_notes,
                from_suggestion=True,
            )
    record, _created = SuggestionDecision.objects.update_or_create(
        convention_provision=convention_provision,
        paragraph=paragraph,
        legal_provision=legal_provision,
        defaults={
            "state": state,
            "decision": decision,
            "rank": rank,
            "score": score,
            "decided_by": access.author_of(actor),
            "mapping": mapping,
        },
    )
    audit_log(
        actor=actor,
        action=f"legislation.suggestion_{decision}",
        target=record,
        changes={"rank": rank, "score": score, "mapping": mapping.pk if mapping else None},
    )
    return record


# --- gaps -> needs --------------------------------------------------------------------------


@dataclass
class NeedsReport:
    created: int = 0
    updated: int = 0
    needs: list[Any] = field(default_factory=list)


def _priority(obligation: str, status: str) -> str:
    from tact.assistance.models import Need

    if obligation == Obligation.MANDATORY and status in {"none", "not_assessed"}:
        return Need.Priority.HIGH
    if obligation == Obligation.MANDATORY or status == "none":
        return Need.Priority.MEDIUM
    return Need.Priority.LOW


def gap_needs(actor: Any, state: State, *, include_not_assessed: bool = False) -> NeedsReport:
    """One technical-assistance need per Convention article with a gap (paragraphs with status
    none or partial, mandatory or must-consider), source "gap analysis". Idempotent: the need
    of an article is found again by its reference ``gap:ISO3:instrument/art_N``."""
    from tact.assistance.services import need_upsert
    from tact.legislation.gaps import gap_analysis

    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not record needs for this state."))
    analysis = gap_analysis(actor, state)
    wanted = {"none", "partial"} | ({"not_assessed"} if include_not_assessed else set())
    by_article: dict[int, list[Any]] = {}
    for row in analysis.rows:
        if row.status in wanted and row.obligation in {
            Obligation.MANDATORY,
            Obligation.MUST_CONSIDER,
        }:
            by_article.setdefault(row.provision.pk, []).append(row)
    report = NeedsReport()
    with transaction.atomic():
        for rows in by_article.values():
            provision = rows[0].provision
            rank = {"high": 0, "medium": 1, "low": 2}
            priority = min(
                (_priority(r.obligation, r.status) for r in rows), key=lambda p: rank[str(p)]
            )
            lines = [
                _("%(para)s (%(obligation)s): %(status)s")
                % {
                    "para": r.paragraph.key if r.paragraph else provision.key,
                    "obligation": r.get_obligation_display(),
                    "status": r.get_status_display(),
                }
                for r in rows
            ]
            title = _("Bring legislation in line with %(provision)s — %(title)s") % {
                "provision": provision,
                "title": provision.title,
            }
            description = (
                _("Gap analysis of %(state)s:") % {"state": state.display_name}
                + "\n"
                + "\n".join(lines)
            )
            need, created = need_upsert(
                actor=actor,
                state=state,
                title=title,
                description=description,
                provisions=[provision],
                themes=list(provision.themes.all()),
                priority=priority,
                source="gap_analysis",
                source_ref=f"gap:{state.iso3}:{provision.key}",
                classification=Classification.RESTRICTED,
            )
            report.needs.append(need)
            if created:
                report.created += 1
            else:
                report.updated += 1
    audit_log(
        actor=actor,
        action="legislation.gap_needs",
        target=state,
        changes={"created": report.created, "updated": report.updated},
    )
    return report


# --- comparison features ------------------------------------------------------------------


@transaction.atomic
def feature_set(
    *,
    actor: Any,
    state: State,
    feature: str,
    value: str,
    notes: str = "",
    source: str = "",
    legal_provision: LegalProvision | None = None,
    classification: str = Classification.PUBLIC,
    is_demo: bool = False,
) -> VictimWitnessFeature:
    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not record this state's features."))
    if feature not in Feature.values or value not in FeatureValue.values:
        raise ValidationError(_("Unknown feature or value."))
    if legal_provision is not None and legal_provision.legal_text.state_id != state.pk:
        raise ValidationError(_("The national provision belongs to another state."))
    record = VictimWitnessFeature.objects.filter(state=state, feature=feature).first()
    before = snapshot(record) if record else {}
    if record is None:
        record = VictimWitnessFeature(
            state=state, feature=feature, owner_state=state, created_by=access.author_of(actor)
        )
    elif not access.can_edit(actor, record):
        raise PermissionDenied(_("You may not change this record."))
    record.value = value
    record.notes = notes
    record.source = source
    record.legal_provision = legal_provision
    record.classification = classification
    record.is_demo = is_demo
    record.full_clean()
    record.save()
    changes = diff(before, snapshot(record))
    if changes:
        audit_log(actor=actor, action="legislation.feature_set", target=record, changes=changes)
    return record


_ISO3 = re.compile(r"^[A-Za-z]{3}$")


def state_by_iso3(iso3: str) -> State:
    if not _ISO3.match(iso3 or ""):
        raise ValidationError(_("Give a state as an ISO 3166 alpha-3 code."))
    try:
        return State.objects.get(iso3=iso3.upper())
    except State.DoesNotExist as exc:
        raise ValidationError(_("Unknown state %(iso3)s.") % {"iso3": iso3}) from exc
