"""National legislation: legal texts split into provisions, mapped to the Convention.

* :class:`LegalText` - one language version of one dated version of a national law (a law,
  code, decree, regulation or bill). Versions of the same law share ``work_key`` (the FRBR work
  URI for Akoma Ntoso imports, else a key derived from state, type, number/title); one version
  is unique by ``expression_key`` (work + language + version date), which makes re-imports
  idempotent.
* :class:`LegalProvision` - an article/section of a text with a stable AKN-style ``eid``
  (``art_24``, ``sec_3``); re-importing a text keeps the ids (and the mappings pointing to them).
* :class:`ProvisionMapping` - a (possibly confidential) assessment: how far a national
  provision implements a Convention article or one of its paragraphs. An assessment of
  compliance "none" may have no national provision (nothing in national law).
* :class:`SuggestionDecision` - a reviewer accepted or rejected a suggested provision
  (the acceptance rate of the suggestions).
* :class:`VictimWitnessFeature` - structured comparison features per state (protection
  measures for victims and witnesses).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import ClassifiedModel, TimeStampedModel
from tact.core.protection import Protection, inherits


class TextType(models.TextChoices):
    LAW = "law", _("Law")
    CODE = "code", _("Code")
    DECREE = "decree", _("Decree")
    REGULATION = "regulation", _("Regulation")
    BILL = "bill", _("Bill")
    OTHER = "other", _("Other")


class TextLanguage(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    RU = "ru", _("Russian")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    OTHER = "other", _("Other")


class SourceFormat(models.TextChoices):
    TXT = "txt", _("Plain text")
    DOCX = "docx", _("Word (DOCX)")
    AKN = "akn", _("Akoma Ntoso XML")
    MANUAL = "manual", _("Entered by hand")


class LegalText(ClassifiedModel):
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="legal_texts",
        verbose_name=_("state"),
    )
    title = models.CharField(_("title"), max_length=400)
    text_type = models.CharField(
        _("type"), max_length=16, choices=TextType.choices, default=TextType.LAW
    )
    number = models.CharField(_("number"), max_length=80, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=TextLanguage.choices, default=TextLanguage.EN
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    amended_on = models.DateField(_("last amended on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    version_date = models.DateField(
        _("version date"),
        null=True,
        blank=True,
        help_text=_("Date of this consolidated or amended version, if any."),
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="legislation/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    source_format = models.CharField(
        _("format"), max_length=8, choices=SourceFormat.choices, default=SourceFormat.TXT
    )
    frbr_work_uri = models.CharField(_("FRBR work URI"), max_length=300, blank=True)
    frbr_expression_uri = models.CharField(_("FRBR expression URI"), max_length=300, blank=True)
    work_key = models.CharField(
        _("version group"),
        max_length=300,
        db_index=True,
        help_text=_("Shared by every language and dated version of the same law."),
    )
    expression_key = models.CharField(max_length=340, unique=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["state__name", "title", "language", "-version_date"]
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legislation:law_detail", args=[self.pk])

    @property
    def is_repealed(self) -> bool:
        return self.repealed_on is not None


class LegalProvision(TimeStampedModel):
    """One provision of a legal text; visibility follows its text."""

    protection: ClassVar[Protection] = inherits("legal_text")

    legal_text = models.ForeignKey(
        LegalText, on_delete=models.CASCADE, related_name="provisions", verbose_name=_("legal text")
    )
    eid = models.CharField(_("identifier"), max_length=120)
    label = models.CharField(_("label"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    division = models.CharField(_("division"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    is_obsolete = models.BooleanField(
        _("no longer in the text"),
        default=False,
        help_text=_("Kept because assessments cite it, but absent from the last import."),
    )

    class Meta:
        ordering = ["legal_text", "order"]
        constraints = [
            models.UniqueConstraint(fields=["legal_text", "eid"], name="unique_legal_provision_eid")
        ]
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")

    def __str__(self) -> str:
        return self.label or self.eid

    def get_absolute_url(self) -> str:
        return reverse("legislation:provision_detail", args=[self.pk])


class Compliance(models.TextChoices):
    FULL = "full", _("Full")
    PARTIAL = "partial", _("Partial")
    NONE = "none", _("None")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ProvisionMapping(ClassifiedModel):
    """An assessment: national provision -> Convention article (or one of its paragraphs)."""

    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="provision_mappings",
        verbose_name=_("state"),
    )
    legal_provision = models.ForeignKey(
        LegalProvision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mappings",
        verbose_name=_("national provision"),
    )
    convention_provision = models.ForeignKey(
        "catalog.Provision",
        on_delete=models.PROTECT,
        related_name="legislation_mappings",
        verbose_name=_("Convention provision"),
    )
    paragraph = models.ForeignKey(
        "catalog.ProvisionParagraph",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legislation_mappings",
        verbose_name=_("paragraph"),
        help_text=_("Leave empty when the assessment covers the whole article."),
    )
    compliance = models.CharField(_("compliance"), max_length=16, choices=Compliance.choices)
    de_jure_notes = models.TextField(_("de jure notes"), blank=True)
    de_facto_notes = models.TextField(_("de facto notes"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor"),
    )
    assessor_name = models.CharField(_("assessor"), max_length=200, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    from_suggestion = models.BooleanField(_("from a suggestion"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["convention_provision", "paragraph__order", "-assessed_on", "pk"]
        verbose_name = _("provision mapping")
        verbose_name_plural = _("provision mappings")

    def __str__(self) -> str:
        target = self.paragraph or self.convention_provision
        return f"{self.legal_provision or '—'} → {target}"

    def get_absolute_url(self) -> str:
        return reverse("legislation:mapping_detail", args=[self.pk])

    @property
    def target_key(self) -> str:
        return self.paragraph.key if self.paragraph is not None else self.convention_provision.key


class SuggestionDecision(TimeStampedModel):
    """A reviewer's verdict on one suggested national provision."""

    protection: ClassVar[Protection] = inherits("legal_provision")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    state = models.ForeignKey(
        "directory.State", on_delete=models.CASCADE, related_name="+", verbose_name=_("state")
    )
    convention_provision = models.ForeignKey(
        "catalog.Provision", on_delete=models.CASCADE, related_name="+"
    )
    paragraph = models.ForeignKey(
        "catalog.ProvisionParagraph",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_provision = models.ForeignKey(
        LegalProvision, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    score = models.FloatField(_("score"), default=0.0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mapping = models.ForeignKey(
        ProvisionMapping, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention_provision", "paragraph", "legal_provision"],
                name="unique_suggestion_decision",
            )
        ]
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")

    def __str__(self) -> str:
        return f"{self.legal_provision} / {self.convention_provision}: {self.decision}"


class Feature(models.TextChoices):
    """Protection measures compared across states (victims and witnesses)."""

    PHYSICAL_PROTECTION = "physical_protection", _("Physical protection")
    RELOCATION = "relocation", _("Relocation")
    IDENTITY_PROTECTION = "identity_protection", _("Identity protection / non-disclosure")
    VIDEO_TESTIMONY = "video_testimony", _("Testimony by video link")
    PRIVACY_PROCEEDINGS = "privacy_proceedings", _("Privacy in proceedings")
    INFORMATION = "information", _("Information on proceedings")
    COMPENSATION = "compensation", _("Compensation and restitution")
    RESIDENCE_STATUS = "residence_status", _("Residence status for victims")
    RECOVERY_SERVICES = "recovery_services", _("Recovery services")
    SAFE_RETURN = "safe_return", _("Safe return and repatriation")


class FeatureValue(models.TextChoices):
    YES = "yes", _("Provided")
    PARTIAL = "partial", _("Partly provided")
    NO = "no", _("Not provided")
    UNKNOWN = "unknown", _("Unknown")


class VictimWitnessFeature(ClassifiedModel):
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.CASCADE,
        related_name="victim_witness_features",
        verbose_name=_("state"),
    )
    feature = models.CharField(_("feature"), max_length=32, choices=Feature.choices)
    value = models.CharField(
        _("value"), max_length=8, choices=FeatureValue.choices, default=FeatureValue.UNKNOWN
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    legal_provision = models.ForeignKey(
        LegalProvision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="features",
        verbose_name=_("national provision"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["state__name", "feature"]
        constraints = [
            models.UniqueConstraint(fields=["state", "feature"], name="unique_state_feature")
        ]
        verbose_name = _("victim and witness protection feature")
        verbose_name_plural = _("victim and witness protection features")

    def __str__(self) -> str:
        return f"{self.state}: {self.get_feature_display()} = {self.get_value_display()}"
