"""Criminal threat assessments (resolution b.iv): method templates kept as versioned data,
assessments owned by a state, region or organisation, their subjects (organized criminal
groups under pseudonyms, crime markets), ratings with graded evidence, and findings.

Confidential by default. Subjects, ratings, evidence and findings are part of their
assessment (`inherits`): whoever may not see the assessment sees none of them, anywhere.
Subjects have no personal-data fields at all: a group is a pseudonym and what it does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification, ClassifiedModel, TimeStampedModel
from tact.core.protection import Protection, inherits
from tact.threats import methods


class MethodTemplate(ClassifiedModel):
    """A method (Sleipnir-style matrix, SOCTA-style indicators, likelihood x impact) whose
    attributes, weights, scales and combination rule are data, edited on the pages.
    Each edit makes a new version; assessments keep the version they were made with."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("method template")
        verbose_name_plural = _("method templates")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("threats:template_detail", args=[self.pk])

    def latest_version(self) -> TemplateVersion | None:
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    """One frozen definition of a method template (never changed once saved)."""

    protection: ClassVar[Protection] = inherits("template")

    template = models.ForeignKey(MethodTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="unique_template_version")
        ]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.template.get_absolute_url()}?version={self.number}"

    def parsed(self) -> methods.Definition:
        """The method; a stored definition that no longer parses (edited by hand in the
        database) reads as an empty method rather than breaking every page that shows it."""
        try:
            return methods.parse(self.definition if isinstance(self.definition, dict) else {})
        except methods.DefinitionError:
            return methods.EMPTY

    @property
    def valid(self) -> bool:
        try:
            methods.parse(self.definition if isinstance(self.definition, dict) else {})
        except methods.DefinitionError:
            return False
        return True


class Assessment(ClassifiedModel):
    """A threat assessment by one state, region or organisation for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        FINAL = "final", _("Final")

    class ScopeItem(models.TextChoices):
        MARKETS = "markets", _("Crime markets")
        GROUPS = "groups", _("Organized criminal groups")
        REGIONS = "regions", _("Regions")

    # Confidential unless the owner decides otherwise (overrides ClassifiedModel's default).
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.CONFIDENTIAL,
    )
    title = models.CharField(_("title"), max_length=300)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("For a regional assessment."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    scope = models.JSONField(_("scope"), default=list, blank=True)
    scope_note = models.TextField(_("scope note"), blank=True)
    template_version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("method"),
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("updates the assessment"),
    )

    class Meta:
        ordering = ["-period_end", "title"]
        indexes = [models.Index(fields=["owner_state", "period_end"])]
        verbose_name = _("threat assessment")
        verbose_name_plural = _("threat assessments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("threats:assessment_detail", args=[self.pk])


class Subject(TimeStampedModel):
    """An organized criminal group (a pseudonym only) or a crime market."""

    protection: ClassVar[Protection] = inherits("assessment")

    class Kind(models.TextChoices):
        GROUP = "group", _("Organized criminal group")
        MARKET = "market", _("Crime market")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.GROUP)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=60,
        help_text=_("A code name, never a person's or a group's real name."),
    )
    themes = models.JSONField(_("crime themes"), default=list, blank=True)
    routes = models.JSONField(_("routes"), default=list, blank=True)
    commodities = models.JSONField(_("commodities"), default=list, blank=True)

    class Meta:
        ordering = ["assessment", "kind", "pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "pseudonym"], name="unique_subject_pseudonym"
            )
        ]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return self.pseudonym

    def get_absolute_url(self) -> str:
        return f"{self.assessment.get_absolute_url()}#subject-{self.pk}"


class Rating(TimeStampedModel):
    """One cell of the matrix: a subject's level on one attribute of the method."""

    protection: ClassVar[Protection] = inherits("assessment")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="ratings")
    attribute = models.CharField(_("attribute"), max_length=80)
    level = models.CharField(_("rating"), max_length=40)
    rationale = models.TextField(_("rationale"), blank=True)

    class Meta:
        ordering = ["subject", "attribute"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "attribute"], name="unique_rating_cell")
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.subject} · {self.attribute}: {self.level}"

    def get_absolute_url(self) -> str:
        return reverse("threats:rating_detail", args=[self.pk])


class Evidence(TimeStampedModel):
    """What a rating rests on, graded in one scheme (Admiralty 6x6 or UK 3x5x2)."""

    protection: ClassVar[Protection] = inherits("rating")

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="evidence")
    summary = models.TextField(_("summary"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    scheme = models.CharField(_("grading scheme"), max_length=12)
    source_grade = models.CharField(_("source grade"), max_length=2)
    information_grade = models.CharField(_("information grade"), max_length=2)
    handling_code = models.CharField(_("handling code"), max_length=2, blank=True)
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)

    class Meta:
        ordering = ["rating", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        from tact.threats.grading import grade_label

        return grade_label(
            self.scheme, self.source_grade, self.information_grade, self.handling_code
        )

    def get_absolute_url(self) -> str:
        return self.rating.get_absolute_url()


class Finding(TimeStampedModel):
    """A finding of the assessment and the sanitised summary its owner writes for others.

    Only the sanitised summary ever leaves the assessment (as an assistance need); the
    ratings and evidence never do.
    """

    protection: ClassVar[Protection] = inherits("assessment")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    title = models.CharField(_("title"), max_length=300)
    sanitised_summary = models.TextField(
        _("sanitised summary"),
        help_text=_(
            "Written for readers outside the assessment: no group pseudonyms, ratings or sources."
        ),
    )
    need = models.ForeignKey(
        "assistance.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assistance need"),
    )

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.assessment.get_absolute_url()}#finding-{self.pk}"


def scope_labels(scope: list[Any]) -> list[str]:
    names = dict(Assessment.ScopeItem.choices)
    return [str(names.get(s, s)) for s in scope]


class SanitisedSummary(ClassifiedModel):
    """A finding's sanitised summary as its owner releases it beyond the assessment.

    The one part of an assessment that may leave it: a strategy objective (aim ii) cites
    this record, never the finding, its ratings or its evidence. It carries its own
    classification: confidential (the default) until the owner publishes it, public or
    restricted once published, confidential again when withdrawn. Title and text are copied
    from the finding at publication so a later edit of the finding is not released silently.
    """

    finding = models.OneToOneField(
        Finding,
        on_delete=models.CASCADE,
        related_name="release",
        verbose_name=_("finding"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("sanitised summary"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.CONFIDENTIAL,
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("sanitised summary")
        verbose_name_plural = _("sanitised summaries")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("threats:summary_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.classification != Classification.CONFIDENTIAL
