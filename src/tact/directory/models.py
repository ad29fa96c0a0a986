"""States, M49 regions, treaty party status, organisations and their contacts."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.languages import pick
from tact.core.models import ClassifiedModel, TimeStampedModel
from tact.core.protection import PUBLIC_REFERENCE, Protection


class Region(models.Model):
    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        INTERMEDIATE = "intermediate", _("Intermediate region")

    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    names = models.JSONField(_("names"), default=dict, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick(self.names) or self.name


class State(models.Model):
    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class UNStatus(models.TextChoices):
        MEMBER = "member", _("UN Member State")
        OBSERVER = "observer", _("Observer State")
        NON_MEMBER = "non_member", _("Non-member State")

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, blank=True)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    names = models.JSONField(_("names in the UN languages"), default=dict, blank=True)
    formal_name = models.CharField(_("formal name"), max_length=200, blank=True)
    un_status = models.CharField(_("UN status"), max_length=16, choices=UNStatus.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, related_name="states", verbose_name=_("region")
    )
    subregion = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        related_name="substates",
        verbose_name=_("sub-region"),
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("profiles:state", args=[self.iso3])

    @property
    def display_name(self) -> str:
        return pick(self.names) or self.name


class PartyStatus(TimeStampedModel):
    """A state's standing towards one instrument. 'Unknown' until verified data is loaded."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class Status(models.TextChoices):
        PARTY = "party", _("Party")
        SIGNATORY = "signatory", _("Signatory")
        NOT_PARTY = "not_party", _("Not a party")
        UNKNOWN = "unknown", _("Unknown")

    class Action(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        SUCCESSION = "succession", _("Succession")

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="party_statuses")
    instrument = models.ForeignKey(
        "catalog.Instrument", on_delete=models.PROTECT, related_name="party_statuses"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UNKNOWN
    )
    signature_date = models.DateField(_("signature"), null=True, blank=True)
    consent_date = models.DateField(
        _("ratification, accession…"),
        null=True,
        blank=True,
        help_text=_("Date of ratification, accession, acceptance, approval or succession."),
    )
    consent_action = models.CharField(
        _("action"), max_length=16, choices=Action.choices, blank=True
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Generated for the demonstration; not a verified treaty status."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["state", "instrument"], name="unique_party_status")
        ]
        ordering = ["state__name", "instrument__order"]
        verbose_name = _("party status")
        verbose_name_plural = _("party statuses")

    def __str__(self) -> str:
        return f"{self.state} / {self.instrument}: {self.get_status_display()}"


class Organisation(TimeStampedModel):
    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class Kind(models.TextChoices):
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        INTERNATIONAL = "international", _("International organisation")
        UN_ENTITY = "un_entity", _("UN entity")
        REGIONAL = "regional", _("Regional organisation")
        DONOR_GOVERNMENT = "donor_government", _("Donor government")
        NGO = "ngo", _("Non-governmental organisation")
        ACADEMIC = "academic", _("Academic or research institution")
        PRIVATE = "private", _("Private sector")
        OTHER = "other", _("Other")

    class AgencyType(models.TextChoices):
        PROSECUTION = "prosecution", _("Prosecution")
        JUDICIARY = "judiciary", _("Judiciary")
        POLICE = "police", _("Police")
        CUSTOMS = "customs", _("Customs")
        BORDER = "border", _("Border control")
        FIU = "fiu", _("Financial intelligence unit")
        MINISTRY = "ministry", _("Ministry")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    agency_type = models.CharField(
        _("agency type"), max_length=16, choices=AgencyType.choices, blank=True
    )
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("state"),
    )
    iati_ref = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True, db_index=True
    )
    website = models.URLField(_("website"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_ref"],
                condition=~models.Q(iati_ref=""),
                name="unique_organisation_iati_ref",
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", args=[self.pk])


class Contact(ClassifiedModel):
    """A person to reach, such as a national focal point. Restricted by default."""

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("state"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_focal_point = models.BooleanField(_("focal point"), default=False)
    topics = models.CharField(
        _("topics"), max_length=300, blank=True, help_text=_("What this person is the contact for.")
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:contact_detail", args=[self.pk])
