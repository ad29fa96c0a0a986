"""National strategies against transnational organized crime (resolution item a) and the
inter-agency cooperation they rest on (item b.i): strategies and action plans with objectives
tagged with the three aims of item a), actions and their progress, agencies, task forces,
cooperation agreements, the rule table of links the Convention expects, awareness campaigns."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification, ClassifiedModel, TimeStampedModel
from tact.core.protection import PUBLIC_REFERENCE, Protection, inherits


class Aim(models.TextChoices):
    """The three aims of the strategies asked for in item a) of the resolution."""

    COOPERATION = "cooperation", _("(i) Inter-agency cooperation")
    RESPONSE = "response", _("(ii) Response to the changing nature of organized criminal groups")
    AWARENESS = "awareness", _("(iii) Public awareness of the harm of organized crime")


# The boolean field of an objective that carries each aim.
AIM_FIELDS = {
    Aim.COOPERATION: "aim_cooperation",
    Aim.RESPONSE: "aim_response",
    Aim.AWARENESS: "aim_awareness",
}


class AgencyType(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIARY = "judiciary", _("Judiciary")
    FIU = "fiu", _("Financial intelligence unit")
    CUSTOMS = "customs", _("Customs")
    BORDER = "border", _("Border control")
    CORRECTIONS = "corrections", _("Corrections")
    LABOUR = "labour_inspection", _("Labour inspection")
    SOCIAL = "social_services", _("Social services")
    MINISTRY = "ministry", _("Ministry")
    OTHER = "other", _("Other")


class Strategy(ClassifiedModel):
    """A national strategy, action plan or sectoral plan of a state (restricted by default)."""

    class Kind(models.TextChoices):
        NATIONAL_STRATEGY = "national_strategy", _("National strategy")
        ACTION_PLAN = "action_plan", _("Action plan")
        SECTORAL_PLAN = "sectoral_plan", _("Sectoral plan")
        PROGRAMME = "programme", _("Programme")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        UNDER_REVIEW = "under_review", _("Under review")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL_STRATEGY
    )
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        verbose_name=_("state"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    start = models.DateField(_("start of period"), null=True, blank=True)
    end = models.DateField(_("end of period"), null=True, blank=True)
    adopting_authority = models.CharField(_("adopting authority"), max_length=300, blank=True)
    adopting_instrument = models.CharField(
        _("adopting instrument"),
        max_length=300,
        blank=True,
        help_text=_("The decree, resolution or decision that adopted it."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        ordering = ["-start", "title"]
        indexes = [models.Index(fields=["state", "status"])]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:strategy_detail", args=[self.pk])


class StrategyDocument(TimeStampedModel):
    """The text of a strategy in one language: a file or a web link."""

    protection: ClassVar[Protection] = inherits("strategy")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="strategies/%Y/", blank=True)

    class Meta:
        ordering = ["strategy", "language", "pk"]
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Objective(TimeStampedModel):
    """An objective of a strategy, tagged with the aims of item a) it serves (any of three)."""

    protection: ClassVar[Protection] = inherits("strategy")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    # Three booleans rather than a JSON list: coverage queries filter on them on every database.
    aim_cooperation = models.BooleanField(_("aim (i): inter-agency cooperation"), default=False)
    aim_response = models.BooleanField(_("aim (ii): response to changing groups"), default=False)
    aim_awareness = models.BooleanField(_("aim (iii): public awareness"), default=False)
    provisions = models.ManyToManyField(
        "catalog.Provision",
        blank=True,
        related_name="strategy_objectives",
        verbose_name=_("Convention provisions"),
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="strategy_objectives", verbose_name=_("themes")
    )
    # Aim ii: the finding of a threat assessment this objective answers, cited only through
    # the sanitised summary its owner released (never the assessment or its ratings). Who
    # sees the summary is decided by the summary's own classification, not the objective's.
    threat_summary = models.ForeignKey(
        "threats.SanitisedSummary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_objectives",
        verbose_name=_("threat-assessment finding (published summary)"),
    )
    # Other references (studies, reports) in plain text; before the link existed, all of them.
    changing_nature_findings = models.TextField(
        _("other findings on the changing nature of groups"),
        blank=True,
        help_text=_("Studies or reports this objective answers, other than a threat assessment."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["strategy", "order", "code", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def aims(self) -> list[str]:
        return [aim for aim, field in AIM_FIELDS.items() if getattr(self, field)]

    def aim_labels(self) -> list[str]:
        return [str(Aim(aim).label) for aim in self.aims]


class Agency(ClassifiedModel):
    """A state agency, typed for the cooperation network: a profile of a directory
    organisation (the directory keeps the name, acronym and website). Public by default."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="agency",
        verbose_name=_("organisation"),
    )
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("state"),
    )
    agency_type = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices)
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )

    class Meta:
        ordering = ["state", "organisation__name"]
        indexes = [models.Index(fields=["state", "agency_type"])]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return str(self.organisation)

    # No page of its own (the directory shows the organisation): no get_absolute_url.
    @property
    def short_name(self) -> str:
        return self.organisation.acronym or self.organisation.name


class Action(TimeStampedModel):
    """An action under an objective: who leads, with whom, by when, with what money."""

    protection: ClassVar[Protection] = inherits("objective")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DELAYED = "delayed", _("Delayed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Funding(models.TextChoices):
        NATIONAL_BUDGET = "national_budget", _("National budget")
        PROJECT = "project", _("Assistance project")
        OTHER = "other", _("Other")
        NONE = "none", _("Not yet funded")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_actions",
        verbose_name=_("lead agency"),
    )
    partner_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="partner_actions", verbose_name=_("partner agencies")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    funding = models.CharField(
        _("funding source"), max_length=16, choices=Funding.choices, default=Funding.NONE
    )
    project = models.ForeignKey(
        "assistance.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_actions",
        verbose_name=_("assistance project"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("% complete"), default=0, validators=[MaxValueValidator(100)]
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["objective", "order", "code", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("strategies:action_detail", args=[self.pk])


class ProgressUpdate(TimeStampedModel):
    """A dated report on an action: where it stands and what happened."""

    protection: ClassVar[Protection] = inherits("action")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=Action.Status.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("% complete"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)
    reported_by = models.CharField(_("reported by"), max_length=150, blank=True)

    class Meta:
        ordering = ["action", "-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.percent_complete}%"


class TaskForce(ClassifiedModel):
    """An inter-agency task force against organized crime (item b.i). Restricted by default."""

    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="task_forces",
        verbose_name=_("state"),
    )
    name = models.CharField(_("name"), max_length=300)
    mandate = models.TextField(_("mandate"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="task_forces", verbose_name=_("crime areas")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategies:task_force_detail", args=[self.pk])


class TaskForceMember(models.Model):
    protection: ClassVar[Protection] = inherits("task_force")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="members")
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["task_force", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "agency"], name="unique_task_force_member"
            )
        ]
        verbose_name = _("task force member")
        verbose_name_plural = _("task force members")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class TaskForceMeeting(models.Model):
    protection: ClassVar[Protection] = inherits("task_force")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["task_force", "-date"]
        verbose_name = _("task force meeting")
        verbose_name_plural = _("task force meetings")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class TaskForceOutput(models.Model):
    """What a task force produced, as counts with dates (joint investigations, cases, seizures)."""

    protection: ClassVar[Protection] = inherits("task_force")

    class Kind(models.TextChoices):
        JOINT_INVESTIGATION = "joint_investigation", _("Joint investigations")
        CASE = "case", _("Cases brought")
        SEIZURE = "seizure", _("Seizures")
        ARREST = "arrest", _("Arrests")
        OTHER = "other", _("Other")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("output"), max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), validators=[MinValueValidator(0)])
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["task_force", "-date", "kind"]
        verbose_name = _("task force output")
        verbose_name_plural = _("task force outputs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.count}"


class CooperationAgreement(ClassifiedModel):
    """An MoU, joint unit, liaison officer or information-sharing platform between agencies
    of one state or across states. Restricted by default; the owner state records it."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        JOINT_UNIT = "joint_unit", _("Joint unit")
        LIAISON = "liaison_officer", _("Liaison officer")
        PLATFORM = "platform", _("Information-sharing platform")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
        verbose_name=_("state"),
    )
    parties = models.ManyToManyField(Agency, related_name="agreements", verbose_name=_("parties"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["state", "title"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return self.title


class LinkRule(models.Model):
    """A pair of agency types the Convention expects to cooperate (edited as data by the
    secretariat): the network page lists a state's pairs with no link as missing."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    type_a = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices)
    type_b = models.CharField(_("cooperates with"), max_length=20, choices=AgencyType.choices)
    basis = models.CharField(
        _("basis in the Convention"), max_length=120, help_text=_("For example UNTOC art. 27.")
    )
    explanation = models.TextField(_("why"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["type_a", "type_b"]
        constraints = [
            models.UniqueConstraint(fields=["type_a", "type_b"], name="unique_link_rule")
        ]
        verbose_name = _("expected link")
        verbose_name_plural = _("expected links")

    def __str__(self) -> str:
        return f"{self.get_type_a_display()} — {self.get_type_b_display()} ({self.basis})"


class AwarenessCampaign(ClassifiedModel):
    """A public-awareness campaign (aim iii) and its measured change (before/after surveys).
    Public by default."""

    title = models.CharField(_("title"), max_length=300)
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        related_name="awareness_campaigns",
        verbose_name=_("state"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("objective served"),
    )
    audience = models.CharField(_("audience"), max_length=300)
    channels = models.CharField(
        _("channels"), max_length=300, blank=True, help_text=_("Radio, television, schools...")
    )
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    reach = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    before_sample = models.PositiveIntegerField(_("sample before"), null=True, blank=True)
    before_aware = models.PositiveIntegerField(_("aware before"), null=True, blank=True)
    after_sample = models.PositiveIntegerField(_("sample after"), null=True, blank=True)
    after_aware = models.PositiveIntegerField(_("aware after"), null=True, blank=True)
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )

    class Meta:
        ordering = ["state", "-start", "title"]
        verbose_name = _("awareness campaign")
        verbose_name_plural = _("awareness campaigns")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:campaign_detail", args=[self.pk])
