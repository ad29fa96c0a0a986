"""Writes for resolutions, recommendations, follow-up and meetings (business rules + audit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.catalog.models import Provision, Theme
from tact.core import access, links
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.core.uploads import check_upload_size
from tact.directory.models import Organisation, State
from tact.resolutions.linking import name_key, recommending_bodies, state_for, state_index
from tact.resolutions.models import (
    Addressee,
    AgendaItem,
    Evidence,
    FollowUp,
    Meeting,
    MeetingDocument,
    Panel,
    PanelParticipant,
    Recommendation,
    Resolution,
)
from tact.resolutions.parsing import Node, ParsedResolution, ResolutionImportError
from tact.resolutions.parsing import parse_resolution as _parse
from tact.resolutions.tree import content_hash


def import_error_message(error: ResolutionImportError) -> str:
    """The importer's error as a translated sentence for the person who uploaded the file."""
    messages = {
        "empty": _("The file is empty or contains no text."),
        "binary": _(
            "The file is not a text or Word document (it looks like binary data). "
            "Upload a .txt, .md or .docx file."
        ),
        "not_docx": _(
            "The file is named .docx but is not a Word document (it may be a PDF or another "
            "format renamed). Save it as .docx from a word processor, or upload plain text."
        ),
        "too_large": _("The file is too large: %(detail)s"),
        "no_operative_paragraphs": _(
            "No numbered operative paragraphs were found, so this does not look like a "
            "resolution or decision. Check that paragraphs are numbered (1., 2., ...)."
        ),
        "unsupported_type": _(
            "This type of file is not supported. Upload .txt, .md, .docx or Akoma Ntoso .xml."
        ),
        "bad_xml": _("The XML file cannot be imported: %(detail)s"),
        "unsupported_language": _("This language is not supported: %(detail)s"),
    }
    return messages.get(error.code, "%(detail)s") % {"detail": error.message}


def resolution_parse(data: bytes, filename: str, language: str | None = None) -> ParsedResolution:
    """Read an uploaded file into a tree; nothing is saved. Raises ValidationError."""
    try:
        return _parse(data, filename, language or None, max_size=settings.TACT_MAX_UPLOAD_BYTES)
    except ResolutionImportError as error:
        raise ValidationError(import_error_message(error), code=error.code) from error


Correction = Mapping[str, Any]


def _clean_addressees(values: Iterable[str]) -> list[str]:
    allowed = set(Addressee.values)
    cleaned = []
    for value in values:
        if value not in allowed:
            raise ValidationError(_("Unknown addressee: %(value)s") % {"value": value})
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


@transaction.atomic
def resolution_import(
    *,
    actor: Any,
    parsed: ParsedResolution,
    filename: str = "",
    corrections: Mapping[str, Correction] | None = None,
    adopted_on: dt.date | None = None,
    symbol: str = "",
) -> tuple[Resolution, bool]:
    """Save a parsed resolution with the person's corrections; (resolution, created).

    The same document imported again returns the saved one and changes nothing.
    `corrections` maps a recommendation code to {"addressees", "themes", "provisions"}.
    """
    access.require_secretariat(actor)
    digest = content_hash(parsed)
    existing = Resolution.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    corrections = corrections or {}
    unknown = set(corrections) - set(parsed.codes())
    if unknown:
        raise ValidationError(_("Unknown recommendation codes: %(codes)s") % {"codes": unknown})
    states = state_index()
    bodies_by_name = recommending_bodies(actor, parsed)
    resolution = Resolution.objects.create(
        addressee=parsed.addressee[:200],
        addressee_state=state_for(states, parsed.addressee),
        title=parsed.title or filename,
        symbol=symbol or parsed.symbol,
        doc_type=parsed.doc_type,
        body=parsed.body[:300],
        adopted_on=adopted_on,
        language=parsed.language,
        preamble=[p.to_dict() for p in parsed.preamble],
        footnotes=parsed.footnotes,
        annex_title=parsed.annex.title if parsed.annex else "",
        annex_heading=parsed.annex.heading if parsed.annex else "",
        annex_chapeau=parsed.annex.chapeau if parsed.annex else "",
        has_annex=parsed.annex is not None,
        source_filename=filename[:255],
        content_hash=digest,
        created_by=access.author_of(actor),
    )
    themes = {t.code: t for t in Theme.objects.all()}
    provisions = {p.key: p for p in Provision.objects.all()}
    order = 0

    def save(node: Node, parent: Recommendation | None) -> None:
        nonlocal order
        order += 1
        fix = corrections.get(node.code, {})
        addressees = _clean_addressees(fix.get("addressees", node.addressees))
        rec = Recommendation.objects.create(
            resolution=resolution,
            parent=parent,
            code=node.code,
            kind=node.kind,
            label=node.label,
            order=order,
            text=node.text,
            verb=node.verb,
            action=node.action,
            addressees=addressees,
            footnotes=node.footnotes,
            footnote_offsets=node.footnote_offsets,
            position=node.position,
            source="; ".join(node.sources)[:500],
        )
        matched = [states[key] for key in map(name_key, node.sources) if key in states]
        if matched:
            rec.source_states.set(matched)
        bodies = [bodies_by_name[name] for name in node.sources if name in bodies_by_name]
        if bodies:
            rec.source_organisations.set(bodies)
        rec.themes.set([themes[c] for c in fix.get("themes", node.themes) if c in themes])
        rec.provisions.set(
            [provisions[k] for k in fix.get("provisions", node.articles) if k in provisions]
        )
        for child in node.children:
            save(child, rec)

    for node in parsed.operative:
        save(node, None)
    if parsed.annex is not None:
        for node in parsed.annex.items:
            save(node, None)
    audit_log(
        actor=actor,
        action="import",
        target=resolution,
        changes={"recommendations": order, "file": filename, "corrected": sorted(corrections)},
    )
    return resolution, True


@transaction.atomic
def resolution_link_version(*, actor: Any, resolution: Resolution, original: Resolution) -> None:
    """Record `resolution` as a language version of `original` (the same document, symbol kept).

    Linking twice changes nothing; a second version in a language the document already has
    is refused, as is a version of itself.
    """
    access.require_secretariat(actor)
    root = original.original or original
    if resolution.pk == root.pk:
        raise ValidationError(_("A document cannot be a language version of itself."))
    if resolution.original_id == root.pk:
        return
    if any(v.language == resolution.language and v.pk != resolution.pk for v in root.versions()):
        raise ValidationError(
            _("This document already has a version in %(language)s.")
            % {"language": resolution.language}
        )
    before = {"original": resolution.original_id, "symbol": resolution.symbol}
    resolution.original = root
    resolution.symbol = resolution.symbol or root.symbol
    resolution.save(update_fields=["original", "symbol", "updated_at"])
    audit_log(
        actor=actor,
        action="update",
        target=resolution,
        changes=diff(before, {"original": root.pk, "symbol": resolution.symbol}),
    )


@transaction.atomic
def recommendation_update(
    *,
    actor: Any,
    recommendation: Recommendation,
    addressees: Iterable[str],
    themes: Iterable[Theme],
    provisions: Iterable[Provision],
) -> Recommendation:
    """Confirm or correct what the importer suggested (secretariat)."""
    access.require_secretariat(actor)
    before = {
        **snapshot(recommendation),
        "themes": sorted(t.code for t in recommendation.themes.all()),
        "provisions": sorted(p.key for p in recommendation.provisions.all()),
    }
    recommendation.addressees = _clean_addressees(addressees)
    recommendation.save(update_fields=["addressees", "updated_at"])
    recommendation.themes.set(list(themes))
    recommendation.provisions.set(list(provisions))
    after = {
        **snapshot(recommendation),
        "themes": sorted(t.code for t in recommendation.themes.all()),
        "provisions": sorted(p.key for p in recommendation.provisions.all()),
    }
    audit_log(actor=actor, action="update", target=recommendation, changes=diff(before, after))
    return recommendation


# --- follow-up -------------------------------------------------------------------------------


def _check_follow_up(
    actor: Any, actor_kind: str, state: State | None, organisation: Organisation | None
) -> None:
    if actor_kind == FollowUp.ActorKind.STATE and state is None:
        raise ValidationError(_("A follow-up reported by a state names the state."))
    if actor_kind in {FollowUp.ActorKind.DONOR, FollowUp.ActorKind.ORGANISATION} and (
        organisation is None
    ):
        raise ValidationError(_("A follow-up reported by a donor or organisation names it."))
    if actor_kind == FollowUp.ActorKind.SECRETARIAT:
        access.require_secretariat(actor)
        return
    if not access.can_create_for(
        actor,
        owner_state_id=state.pk if state else None,
        owner_organisation_id=organisation.pk if organisation else None,
    ):
        raise PermissionDenied(_("You may not report follow-up for this actor."))


def _check_dates(started_on: dt.date | None, completed_on: dt.date | None) -> None:
    if started_on and completed_on and completed_on < started_on:
        raise ValidationError(_("The completion date is before the start date."))


@transaction.atomic
def follow_up_create(
    *,
    actor: Any,
    recommendation: Recommendation,
    actor_kind: str,
    status: str,
    state: State | None = None,
    organisation: Organisation | None = None,
    narrative: str = "",
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    reported_on: dt.date | None = None,
    classification: str = Classification.PUBLIC,
    language: str = "en",
) -> FollowUp:
    if actor_kind not in FollowUp.ActorKind.values:
        raise ValidationError(_("Unknown kind of actor."))
    if status not in FollowUp.Status.values:
        raise ValidationError(_("Unknown status."))
    if classification not in Classification.values:
        raise ValidationError(_("Unknown classification."))
    if actor_kind == FollowUp.ActorKind.STATE:
        organisation = None
    elif actor_kind != FollowUp.ActorKind.SECRETARIAT:
        state = None
    else:
        state, organisation = None, None
    _check_follow_up(actor, actor_kind, state, organisation)
    _check_dates(started_on, completed_on)
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        actor_kind=actor_kind,
        owner_state=state,
        owner_organisation=organisation,
        status=status,
        narrative=narrative,
        started_on=started_on,
        completed_on=completed_on,
        reported_on=reported_on or timezone.localdate(),
        classification=classification,
        language=language,
        created_by=access.author_of(actor),
    )
    audit_log(actor=actor, action="create", target=follow_up, changes=snapshot(follow_up))
    return follow_up


@transaction.atomic
def follow_up_update(*, actor: Any, follow_up: FollowUp, **values: Any) -> FollowUp:
    access.require_edit(actor, follow_up)
    allowed = {
        "status",
        "narrative",
        "started_on",
        "completed_on",
        "reported_on",
        "classification",
    }
    if set(values) - allowed:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": set(values)})
    if values.get("status", follow_up.status) not in FollowUp.Status.values:
        raise ValidationError(_("Unknown status."))
    if values.get("classification", follow_up.classification) not in Classification.values:
        raise ValidationError(_("Unknown classification."))
    before = snapshot(follow_up)
    for key, value in values.items():
        setattr(follow_up, key, value)
    _check_dates(follow_up.started_on, follow_up.completed_on)
    follow_up.save()
    audit_log(
        actor=actor, action="update", target=follow_up, changes=diff(before, snapshot(follow_up))
    )
    return follow_up


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    follow_up: FollowUp,
    title: str = "",
    url: str = "",
    record_ref: str = "",
    file: UploadedFile | None = None,
) -> Evidence:
    """Attach one piece of evidence: exactly one of a file, a web link or a tact record."""
    access.require_edit(actor, follow_up)
    given = [bool(file), bool(url), bool(record_ref)]
    if sum(given) != 1:
        raise ValidationError(_("Give exactly one of: a file, a web link, a tact record."))
    kind = Evidence.Kind.FILE if file else Evidence.Kind.LINK if url else Evidence.Kind.RECORD
    if file is not None:
        check_upload_size(file.size)
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError(_("A web link starts with https:// or http://."))
    if record_ref:
        target = links.resolve_ref(actor, record_ref)
        if target is None:
            raise ValidationError(_("No record you can see has this reference."))
        title = title or str(target)
    evidence = Evidence(follow_up=follow_up, kind=kind, title=title[:300], url=url)
    evidence.record_ref = record_ref
    if file is not None:
        evidence.title = evidence.title or file.name or ""
        evidence.file.save(file.name or "evidence", file, save=False)
    evidence.save()
    audit_log(
        actor=actor,
        action="add_evidence",
        target=follow_up,
        changes={"evidence": (None, str(evidence)), "kind": (None, kind)},
    )
    return evidence


# --- meetings -----------------------------------------------------------------------------

MEETING_FIELDS = ("body", "session", "title", "starts_on", "ends_on", "place", "summary")


@transaction.atomic
def meeting_save(*, actor: Any, meeting: Meeting | None = None, **values: Any) -> Meeting:
    """Create or update a meeting (secretariat)."""
    access.require_secretariat(actor)
    unknown = set(values) - set(MEETING_FIELDS) - {"is_demo"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": unknown})
    creating = meeting is None
    meeting = meeting or Meeting()
    before = {} if creating else snapshot(meeting)
    for key, value in values.items():
        setattr(meeting, key, value)
    if meeting.ends_on and meeting.starts_on and meeting.ends_on < meeting.starts_on:
        raise ValidationError(_("The meeting ends before it starts."))
    meeting.full_clean()
    meeting.save()
    audit_log(
        actor=actor,
        action="create" if creating else "update",
        target=meeting,
        changes=diff(before, snapshot(meeting)),
    )
    return meeting


@transaction.atomic
def meeting_adopt(
    *, actor: Any, meeting: Meeting, recommendations: Iterable[Recommendation]
) -> None:
    access.require_secretariat(actor)
    codes = [r.code for r in recommendations]
    meeting.adopted_recommendations.add(*recommendations)
    audit_log(actor=actor, action="adopt", target=meeting, changes={"recommendations": codes})


@transaction.atomic
def meeting_set_adopted(
    *, actor: Any, meeting: Meeting, recommendations: Iterable[Recommendation]
) -> None:
    """Record exactly which recommendations the meeting adopted (replacing the list)."""
    access.require_secretariat(actor)
    wanted = list(recommendations)
    before = sorted(f"{r.resolution_id}:{r.code}" for r in meeting.adopted_recommendations.all())
    after = sorted(f"{r.resolution_id}:{r.code}" for r in wanted)
    if before == after:
        return
    meeting.adopted_recommendations.set(wanted)
    audit_log(
        actor=actor,
        action="update",
        target=meeting,
        changes={"adopted_recommendations": [before, after]},
    )


@transaction.atomic
def agenda_item_add(*, actor: Any, meeting: Meeting, number: str, title: str) -> AgendaItem:
    access.require_secretariat(actor)
    item = AgendaItem.objects.create(
        meeting=meeting, number=number, title=title, order=meeting.agenda_items.count() + 1
    )
    audit_log(actor=actor, action="add_agenda_item", target=meeting, changes={"item": str(item)})
    return item


def _participant_lines(text: str) -> list[tuple[str, str]]:
    """'Name — Organisation' lines (dash, en dash, em dash or comma) into pairs."""
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for separator in (" — ", " – ", " - ", ", "):
            if separator in line:
                name, affiliation = line.split(separator, 1)
                pairs.append((name.strip(), affiliation.strip()))
                break
        else:
            pairs.append((line, ""))
    return pairs


@transaction.atomic
def panel_add(
    *,
    actor: Any,
    meeting: Meeting,
    topic: str,
    requested_by: Recommendation | None = None,
    agenda_item: AgendaItem | None = None,
    moderators: str = "",
    speakers: str = "",
) -> Panel:
    """Add a panel; moderators and speakers are 'Name — Organisation' lines."""
    access.require_secretariat(actor)
    if not topic.strip():
        raise ValidationError(_("A panel needs a topic."))
    panel = Panel.objects.create(
        meeting=meeting,
        topic=topic.strip(),
        requested_by=requested_by,
        agenda_item=agenda_item,
        order=meeting.panels.count() + 1,
    )
    organisations = {o.acronym.lower(): o for o in Organisation.objects.exclude(acronym="")}
    for role, text in ((PanelParticipant.Role.MODERATOR, moderators), ("speaker", speakers)):
        for name, affiliation in _participant_lines(text):
            PanelParticipant.objects.create(
                panel=panel,
                role=role,
                name=name,
                organisation=organisations.get(affiliation.lower()),
                affiliation=affiliation,
            )
    audit_log(actor=actor, action="add_panel", target=meeting, changes={"panel": panel.topic})
    return panel


@transaction.atomic
def meeting_document_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    symbol: str = "",
    language: str = "en",
    url: str = "",
    file: UploadedFile | None = None,
) -> MeetingDocument:
    access.require_secretariat(actor)
    if file is not None:
        check_upload_size(file.size)
    document = MeetingDocument(
        meeting=meeting, title=title, symbol=symbol, language=language, url=url
    )
    if file is not None:
        document.file.save(file.name or "document", file, save=False)
    document.save()
    audit_log(
        actor=actor, action="add_document", target=meeting, changes={"document": str(document)}
    )
    return document
