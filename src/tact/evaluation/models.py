"""Results and evaluation: results frameworks (impact -> outcome -> output -> activity) with
indicators and their periods, evaluations rated per OECD-DAC criterion, findings, management
responses, and good-practice candidates."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tact.core.languages import pick
from tact.core.models import ClassifiedModel, TimeStampedModel
from tact.core.protection import PUBLIC_REFERENCE, Protection, inherits


class ResultsFramework(ClassifiedModel):
    """The results tree of one project, programme or national strategy."""

    title = models.CharField(_("title"), max_length=300)
    project = models.ForeignKey(
        "assistance.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="results_frameworks",
        verbose_name=_("project"),
    )
    # The strategy lives in the strategies app (moved there with its rows, same ids).
    strategy = models.ForeignKey(
        "strategies.Strategy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("programme or strategy"),
    )
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state"),
        help_text=_("The state whose results these are, if one."),
    )
    description = models.TextField(_("description"), blank=True)
    recommendation_codes = models.JSONField(
        _("recommendations"),
        default=list,
        blank=True,
        help_text=_("Codes of the recommendations the framework serves, such as annex.b.iv."),
    )
    # The records the codes name (services.link_recommendations resolves them; a code that
    # names several recommendations stays unlinked until someone picks one).
    recommendations = models.ManyToManyField(
        "resolutions.Recommendation",
        blank=True,
        related_name="results_frameworks",
        verbose_name=_("recommendations served"),
    )
    iati_synced_at = models.DateTimeField(_("IATI results synchronised"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(project__isnull=False),
                name="unique_framework_per_project",
            )
        ]
        verbose_name = _("results framework")
        verbose_name_plural = _("results frameworks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:framework_detail", args=[self.pk])

    @property
    def subject(self) -> Any:
        return self.project or self.strategy


class Level(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    ACTIVITY = "activity", _("Activity")


LEVEL_ORDER = [Level.IMPACT, Level.OUTCOME, Level.OUTPUT, Level.ACTIVITY]
# IATI ResultType codes: 1 output, 2 outcome, 3 impact, 9 other.
LEVEL_TO_IATI = {Level.OUTPUT: "1", Level.OUTCOME: "2", Level.IMPACT: "3", Level.ACTIVITY: "9"}
IATI_TO_LEVEL = {v: k for k, v in LEVEL_TO_IATI.items()}


class ResultNode(TimeStampedModel):
    """One result of the tree: an impact, an outcome, an output or an activity."""

    protection: ClassVar[Protection] = inherits("framework")

    framework = models.ForeignKey(ResultsFramework, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contributes to"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.framework.get_absolute_url()}#node-{self.pk}"


class Measure(models.TextChoices):
    UNIT = "unit", _("Unit")
    PERCENTAGE = "percentage", _("Percentage")
    QUALITATIVE = "qualitative", _("Qualitative")


class Indicator(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("node")

    node = models.ForeignKey(
        ResultNode, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    measure = models.CharField(
        _("measure"), max_length=12, choices=Measure.choices, default=Measure.UNIT
    )
    ascending = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_("Untick when the target lies below the baseline (e.g. fewer cases)."),
    )
    unit_label = models.CharField(_("unit"), max_length=60, blank=True)
    parent_indicator = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_indicators",
        verbose_name=_("rolls up into"),
        help_text=_("A parent indicator takes its values from its children."),
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_numerator = models.DecimalField(
        _("baseline numerator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_denominator = models.DecimalField(
        _("baseline denominator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_comment = models.TextField(_("baseline comment"), blank=True)
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    dimensions = models.JSONField(
        _("disaggregation"),
        default=list,
        blank=True,
        help_text=_("Dimensions the values are broken down by, such as sex or agency type."),
    )
    provisions = models.ManyToManyField(
        "catalog.Provision",
        blank=True,
        related_name="evaluation_indicators",
        verbose_name=_("Convention provisions"),
    )
    recommendation_codes = models.JSONField(_("recommendations"), default=list, blank=True)
    recommendations = models.ManyToManyField(
        "resolutions.Recommendation",
        blank=True,
        related_name="evaluation_indicators",
        verbose_name=_("recommendations measured"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["node", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:indicator_detail", args=[self.pk])


class IndicatorPeriod(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("indicator")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target_value = models.DecimalField(
        _("target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_numerator = models.DecimalField(
        _("target numerator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_denominator = models.DecimalField(
        _("target denominator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    actual_numerator = models.DecimalField(
        _("actual numerator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    actual_denominator = models.DecimalField(
        _("actual denominator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_comment = models.TextField(_("target comment"), blank=True)
    actual_comment = models.TextField(_("actual comment"), blank=True)
    narrative = models.TextField(
        _("narrative"), blank=True, help_text=_("For qualitative indicators.")
    )
    # [{"dimension": "sex", "value": "female", "actual": "12", "target": "15"}, ...]
    disaggregation = models.JSONField(_("disaggregation"), default=list, blank=True)

    class Meta:
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "start", "end"], name="unique_indicator_period"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
        ]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")

    def __str__(self) -> str:
        return f"{self.indicator} {self.start}–{self.end}"


# The default scales' names and level labels (stored in English, as data), so that the catalogs
# carry them and `level_label` shows them in the reader's language; a scale the secretariat
# writes may give a label per language instead: {"en": "...", "fr": "..."}.
DEFAULT_SCALE_WORDS = (
    _("Highly satisfactory"),
    _("Satisfactory"),
    _("Moderately satisfactory"),
    _("Moderately unsatisfactory"),
    _("Unsatisfactory"),
    _("Highly unsatisfactory"),
    _("Six-point (IEG)"),
    _("Four-point"),
)


def level_label(label: Any) -> str:
    """A level's label in the active language: per-language labels, else the catalog's
    translation of an English label (unchanged when the catalog has none)."""
    if isinstance(label, dict):
        return pick(label)
    return gettext(str(label)) if label else ""


class RatingScale(models.Model):
    """An ordinal scale for ratings, e.g. the six-point IEG scale or a four-point scale.

    `levels` lists the levels best first: [{"code": "HS", "label": "Highly satisfactory",
    "satisfactory": true}, ...]. Which levels count as satisfactory is stated here, so the
    only summary of ratings ever shown (share satisfactory or better) follows a written rule.
    """

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    levels = models.JSONField(_("levels"), default=list)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")

    def __str__(self) -> str:
        return gettext(self.name) if self.name else ""

    def level(self, code: str) -> dict[str, Any] | None:
        return next((lv for lv in self.levels if lv.get("code") == code), None)

    def choices(self) -> list[tuple[str, str]]:
        return [(lv["code"], f"{lv['code']} – {level_label(lv['label'])}") for lv in self.levels]


class Criterion(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    COHERENCE = "coherence", _("Coherence")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    EFFICIENCY = "efficiency", _("Efficiency")
    IMPACT = "impact", _("Impact")
    SUSTAINABILITY = "sustainability", _("Sustainability")


CRITERION_QUESTIONS = {
    Criterion.RELEVANCE: _("Is the intervention doing the right things?"),
    Criterion.COHERENCE: _("How well does the intervention fit?"),
    Criterion.EFFECTIVENESS: _("Is the intervention achieving its objectives?"),
    Criterion.EFFICIENCY: _("How well are resources being used?"),
    Criterion.IMPACT: _("What difference does the intervention make?"),
    Criterion.SUSTAINABILITY: _("Will the benefits last?"),
}


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    LIMITED = "limited", _("Limited")
    INSUFFICIENT = "insufficient", _("Insufficient")


class Evaluation(ClassifiedModel):
    class Kind(models.TextChoices):
        PROJECT = "project", _("Project evaluation")
        THEMATIC = "thematic", _("Thematic evaluation")
        COUNTRY = "country", _("Country evaluation")
        META = "meta", _("Meta-evaluation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.PROJECT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ONGOING
    )
    evaluators = models.CharField(
        _("evaluators"), max_length=500, blank=True, help_text=_("Names, separated by commas.")
    )
    commissioned_by = models.CharField(_("commissioned by"), max_length=300, blank=True)
    period_start = models.DateField(_("period evaluated from"), null=True, blank=True)
    period_end = models.DateField(_("period evaluated to"), null=True, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    scale = models.ForeignKey(
        RatingScale, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("scale")
    )
    interventions = models.ManyToManyField(
        "assistance.Project",
        blank=True,
        related_name="evaluations",
        verbose_name=_("interventions evaluated"),
    )
    frameworks = models.ManyToManyField(
        ResultsFramework,
        blank=True,
        related_name="evaluations",
        verbose_name=_("results frameworks"),
    )
    states = models.ManyToManyField(
        "directory.State", blank=True, related_name="+", verbose_name=_("states")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="evaluations", verbose_name=_("themes")
    )
    provisions = models.ManyToManyField(
        "catalog.Provision",
        blank=True,
        related_name="evaluations",
        verbose_name=_("Convention provisions"),
    )

    class Meta:
        ordering = ["-report_date", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:evaluation_detail", args=[self.pk])


class Rating(TimeStampedModel):
    """A rating of one OECD-DAC criterion: a reasoned judgement, shown with its evidence."""

    protection: ClassVar[Protection] = inherits("evaluation")

    NOT_APPLICABLE = "n/a"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.CharField(_("criterion"), max_length=16, choices=Criterion.choices)
    score = models.CharField(_("rating"), max_length=20)
    justification = models.TextField(_("justification"))
    evidence_strength = models.CharField(
        _("strength of evidence"), max_length=12, choices=EvidenceStrength.choices
    )

    class Meta:
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="unique_rating_per_criterion"
            )
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.score}"

    @property
    def level(self) -> dict[str, Any] | None:
        return self.evaluation.scale.level(self.score)

    @property
    def label(self) -> str:
        if self.score == self.NOT_APPLICABLE:
            return str(_("Not applicable"))
        level = self.level
        return level_label(level["label"]) if level else self.score

    @property
    def satisfactory(self) -> bool | None:
        level = self.level
        return bool(level.get("satisfactory")) if level else None


class Finding(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("evaluation")

    class Kind(models.TextChoices):
        FINDING = "finding", _("Finding")
        LESSON = "lesson", _("Lesson")
        RECOMMENDATION = "recommendation", _("Recommendation")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FINDING)
    criterion = models.CharField(
        _("criterion"), max_length=16, choices=Criterion.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=400)
    text = models.TextField(_("text"))
    evidence_strength = models.CharField(
        _("strength of evidence"),
        max_length=12,
        choices=EvidenceStrength.choices,
        default=EvidenceStrength.MODERATE,
    )
    addressee = models.CharField(_("addressed to"), max_length=300, blank=True)
    good_practice_candidate = models.BooleanField(_("good-practice candidate"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["evaluation", "order", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.evaluation.get_absolute_url()}#finding-{self.pk}"


class ManagementResponse(TimeStampedModel):
    """Management's answer to a recommendation and the follow-up of the actions agreed."""

    protection: ClassVar[Protection] = inherits("finding")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTIALLY = "partially", _("Partially accepted")
        REJECTED = "rejected", _("Rejected")

    class FollowUp(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    finding = models.OneToOneField(
        Finding, on_delete=models.CASCADE, related_name="response", verbose_name=_("recommendation")
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    response = models.TextField(_("response"))
    actions = models.TextField(_("actions agreed"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=16,
        choices=FollowUp.choices,
        default=FollowUp.NOT_STARTED,
    )
    follow_up_note = models.TextField(_("follow-up note"), blank=True)

    class Meta:
        verbose_name = _("management response")
        verbose_name_plural = _("management responses")

    def __str__(self) -> str:
        return f"{self.finding}: {self.get_decision_display()}"

    def is_overdue(self, today: Any) -> bool:
        return bool(
            self.due_date
            and self.due_date < today
            and self.follow_up_status in {self.FollowUp.NOT_STARTED, self.FollowUp.IN_PROGRESS}
        )


class EvaluationDocument(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("evaluation")

    class Kind(models.TextChoices):
        TERMS = "terms", _("Terms of reference")
        REPORT = "report", _("Evaluation report")
        RESPONSE = "response", _("Management response")
        OTHER = "other", _("Other")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), blank=True)
    file = models.FileField(_("file"), upload_to="evaluation/%Y/", blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        ordering = ["evaluation", "kind", "title"]
        verbose_name = _("evaluation document")
        verbose_name_plural = _("evaluation documents")

    def __str__(self) -> str:
        return self.title


def strategy_model() -> Any:
    """The model of the strategies a results framework can measure (strategies app), reached
    through the foreign key so that evaluation does not import the strategies app."""
    return ResultsFramework._meta.get_field("strategy").related_model
