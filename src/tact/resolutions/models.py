"""Resolutions and their recommendations, the follow-up reported on each, and the
working-group meetings that adopt recommendations and discuss them in panels."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification, ClassifiedModel, TimeStampedModel
from tact.core.protection import PUBLIC_REFERENCE, Protection, inherits


class Addressee(models.TextChoices):
    """Who a recommendation is addressed to (the parser's categories)."""

    STATES = "states", _("States")
    SECRETARIAT = "secretariat", _("Secretariat")
    UNODC = "unodc", _("UNODC")
    DONORS = "donors", _("Donors")
    INTERNATIONAL_ORGANIZATIONS = "international_organizations", _("International organizations")
    REGIONAL_ORGANIZATIONS = "regional_organizations", _("Regional organizations")
    WORKING_GROUP = "working_group", _("Working group")
    CONFERENCE = "conference", _("Conference of the Parties")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Resolution(TimeStampedModel):
    """A resolution or decision as imported; its text is public by nature."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class DocType(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        DECISION = "decision", _("Decision")
        REPORT = "report", _("Recommendation report")

    title = models.TextField(_("title"))
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    doc_type = models.CharField(
        _("type"), max_length=12, choices=DocType.choices, default=DocType.RESOLUTION
    )
    body = models.CharField(_("adopting body"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8)
    preamble = models.JSONField(_("preamble"), default=list, blank=True)
    footnotes = models.JSONField(_("footnotes"), default=dict, blank=True)
    annex_title = models.TextField(_("annex title"), blank=True)
    annex_heading = models.CharField(_("annex heading"), max_length=200, blank=True)
    annex_chapeau = models.TextField(_("annex chapeau"), blank=True)
    has_annex = models.BooleanField(default=False)
    source_filename = models.CharField(_("source file"), max_length=255, blank=True)
    # The State under review (UPR) or State party (concluding observations) a report addresses.
    addressee = models.CharField(_("addressed to"), max_length=200, blank=True)
    addressee_state = models.ForeignKey(
        "directory.State",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("State addressed"),
    )
    # The same document in another official language points at the version imported first
    # (the original); the versions share a symbol and are shown as "Also in: ...".
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="language_versions",
        verbose_name=_("original language version"),
    )
    # Hash of the document's structure and text: importing the same document twice finds it.
    content_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-adopted_on", "-created_at"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip() if self.symbol else self.title

    def get_absolute_url(self) -> str:
        return reverse("resolutions:resolution_detail", args=[self.pk])

    def versions(self) -> list[Resolution]:
        """Every language version of this document, this one included, by language code."""
        root = self.original or self
        found = [root, *root.language_versions.all()]
        return sorted(found, key=lambda r: (r.language, r.pk))


class Position(models.TextChoices):
    """The addressee's response to a recommendation, as recommendation reports record it."""

    SUPPORTED = "supported", _("Supported")
    PARTIALLY_SUPPORTED = "partially_supported", _("Partially supported")
    NOTED = "noted", _("Noted")
    PENDING = "pending", _("Pending response")


class Recommendation(TimeStampedModel):
    """An operative paragraph, an annex item or a sub-item: one thing someone should do."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Operative paragraph")
        ITEM = "item", _("Item")
        SUBITEM = "subitem", _("Sub-item")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="recommendations"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=20)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text"))
    verb = models.CharField(_("verb"), max_length=80, blank=True)
    action = models.CharField(_("action"), max_length=40, blank=True)
    addressees = models.JSONField(_("addressees"), default=list, blank=True)
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    footnote_offsets = models.JSONField(default=dict, blank=True)
    # Recommendation reports: who recommended it and what the addressee said about it.
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True)
    source = models.CharField(_("recommended by"), max_length=500, blank=True)
    source_states = models.ManyToManyField(
        "directory.State",
        blank=True,
        related_name="recommendations_made",
        verbose_name=_("recommending States"),
    )
    # Treaty bodies and other recommending bodies, resolved to directory records.
    source_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="recommendations_made",
        verbose_name=_("recommending bodies"),
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="recommendations", verbose_name=_("themes")
    )
    provisions = models.ManyToManyField(
        "catalog.Provision",
        blank=True,
        related_name="recommendations",
        verbose_name=_("Convention provisions"),
    )

    class Meta:
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "code"], name="unique_recommendation_code"
            )
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("resolutions:recommendation_detail", args=[self.pk])

    @property
    def depth(self) -> int:
        return self.code.count(".") - 1

    def addressee_labels(self) -> list[str]:
        labels = dict(Addressee.choices)
        return [str(labels.get(code, code)) for code in self.addressees]


class FollowUp(ClassifiedModel):
    """What an actor reports having done about a recommendation."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PARTIAL = "partial", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    class ActorKind(models.TextChoices):
        STATE = "state", _("State")
        SECRETARIAT = "secretariat", _("Secretariat")
        DONOR = "donor", _("Donor")
        ORGANISATION = "organisation", _("Organisation")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    actor_kind = models.CharField(_("reported by"), max_length=14, choices=ActorKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    narrative = models.TextField(_("narrative"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"))
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self) -> str:
        return f"{self.recommendation.code} — {self.actor_name} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("resolutions:followup_detail", args=[self.pk])

    @property
    def actor_name(self) -> str:
        if self.owner_state_id:
            return str(self.owner_state)
        if self.owner_organisation_id:
            return str(self.owner_organisation)
        return str(self.get_actor_kind_display())

    @property
    def is_public(self) -> bool:
        return self.classification == Classification.PUBLIC


class Evidence(TimeStampedModel):
    """A file, a web link, or a link to another tact record that supports a follow-up."""

    protection: ClassVar[Protection] = inherits("follow_up")

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Web link")
        RECORD = "record", _("tact record")

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    # `app_label.model:pk` of the linked record (see tact.core.links).
    record_ref = models.CharField(_("record"), max_length=120, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title or self.url or self.record_ref or self.file.name


class Meeting(TimeStampedModel):
    """A meeting of a working group (or the Conference) with its agenda and panels."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    body = models.CharField(_("body"), max_length=300)
    session = models.CharField(_("session"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    adopted_recommendations = models.ManyToManyField(
        Recommendation,
        blank=True,
        related_name="adopted_at",
        verbose_name=_("recommendations adopted"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("resolutions:meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    protection: ClassVar[Protection] = inherits("meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Panel(models.Model):
    """A panel discussion on a topic, often one a recommendation asked for."""

    protection: ClassVar[Protection] = inherits("meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="panels")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="panels"
    )
    topic = models.CharField(_("topic"), max_length=500)
    requested_by = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panels",
        verbose_name=_("requested by recommendation"),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return self.topic


class PanelParticipant(models.Model):
    protection: ClassVar[Protection] = inherits("panel")

    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panel_participations",
        verbose_name=_("organisation"),
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)

    class Meta:
        ordering = ["panel", "role", "pk"]
        verbose_name = _("panel participant")
        verbose_name_plural = _("panel participants")

    def __str__(self) -> str:
        return self.name

    @property
    def affiliation_name(self) -> str:
        return str(self.organisation) if self.organisation_id else self.affiliation


class MeetingDocument(models.Model):
    protection: ClassVar[Protection] = inherits("meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=8, default="en")
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="meetings/%Y/", blank=True)

    class Meta:
        ordering = ["meeting", "symbol", "title"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()
