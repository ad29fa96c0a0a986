"""Assistance coordination: needs for technical assistance (and, built on them, projects,
contributions, matching and overlaps)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification, ClassifiedModel, TimeStampedModel
from tact.core.protection import INTERNAL, PUBLIC_REFERENCE, Protection, inherits


class Need(ClassifiedModel):
    """A state's need for technical assistance: from a gap analysis, a recommendation, or
    entered by the state itself. Matching finds the projects and offers that answer it."""

    class Source(models.TextChoices):
        GAP_ANALYSIS = "gap_analysis", _("Gap analysis")
        RECOMMENDATION = "recommendation", _("Recommendation")
        STATE = "state", _("Entered by the state")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("Being addressed")
        MET = "met", _("Met")
        CLOSED = "closed", _("Closed")

    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, related_name="needs", verbose_name=_("state")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    provisions = models.ManyToManyField(
        "catalog.Provision", blank=True, related_name="needs", verbose_name=_("provisions")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="needs", verbose_name=_("themes")
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.STATE
    )
    # A stable reference to what produced the need (e.g. "gap:KEN:untoc/art_24" or a
    # recommendation code), so that re-running a gap analysis never duplicates needs.
    source_ref = models.CharField(_("source reference"), max_length=200, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        ordering = ["state__name", "priority", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="unique_need_source_ref",
            )
        ]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:need_detail", args=[self.pk])


# ---------------------------------------------------------------------------------------------
# Contributions to UNODC and exchange rates
# ---------------------------------------------------------------------------------------------


class ExchangeRate(models.Model):
    """How many US dollars one unit of `currency` was worth on `date`.

    Amounts are converted with the latest rate on or before their value date (or, failing
    that, the earliest rate after it); users load rates from CSV (`currency,date,usd_rate`).
    """

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    currency = models.CharField(_("currency"), max_length=3, db_index=True)
    date = models.DateField(_("date"))
    usd_rate = models.DecimalField(
        _("USD per unit"),
        max_digits=20,
        decimal_places=10,
        help_text=_("Value of one unit of the currency in US dollars."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["currency", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="unique_exchange_rate")
        ]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")

    def __str__(self) -> str:
        return f"{self.currency} {self.date}: {self.usd_rate} USD"


class Contribution(ClassifiedModel):
    """A donor's contribution to UNODC for a year: pledge and payment, with earmarking."""

    class Earmarking(models.TextChoices):
        UNEARMARKED = "unearmarked", _("Unearmarked")
        SOFT = "soft", _("Softly earmarked")
        HARD = "hard", _("Hard earmarked")

    class EarmarkTarget(models.TextChoices):
        NONE = "", _("None")
        PROGRAMME = "programme", _("Programme")
        THEME = "theme", _("Theme")
        STATE = "state", _("State")

    donor = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("donor"),
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    pledged_amount = models.DecimalField(
        _("pledged amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    pledged_date = models.DateField(_("pledge date"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("paid amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    paid_date = models.DateField(_("payment date"), null=True, blank=True)
    # USD values are computed by the service from ExchangeRate (None when no rate is known).
    pledged_usd = models.DecimalField(
        _("pledged (USD)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    paid_usd = models.DecimalField(
        _("paid (USD)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    earmarking = models.CharField(
        _("earmarking"), max_length=12, choices=Earmarking.choices, default=Earmarking.UNEARMARKED
    )
    earmark_target = models.CharField(
        _("earmarked to"), max_length=10, choices=EarmarkTarget.choices, blank=True
    )
    earmark_programme = models.CharField(_("programme"), max_length=200, blank=True)
    earmark_theme = models.ForeignKey(
        "catalog.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("theme"),
    )
    earmark_state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earmarked_contributions",
        verbose_name=_("state"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-year", "donor__name"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.donor} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:contribution_detail", args=[self.pk])


# ---------------------------------------------------------------------------------------------
# Projects (IATI activities)
# ---------------------------------------------------------------------------------------------


class Channel(models.TextChoices):
    UNODC = "unodc", _("UNODC")
    UN_OTHER = "un_other", _("Other UN entity")
    REGIONAL = "regional", _("Regional organisation")
    BILATERAL = "bilateral", _("Bilateral")
    NGO_OTHER = "ngo_other", _("NGO or other")


class Project(ClassifiedModel):
    """A technical assistance project, stored as an IATI activity.

    The normalised child tables (participating organisations, countries, sectors, budgets,
    transactions, documents, results) serve queries and pages; `iati_activity` keeps the whole
    activity as JSON (see `tact.assistance.iati_json`) so that export loses nothing.
    IATI data is public, hence public by default.
    """

    class Status(models.TextChoices):
        PIPELINE = "1", _("Pipeline/identification")
        IMPLEMENTATION = "2", _("Implementation")
        FINALISATION = "3", _("Finalisation")
        CLOSED = "4", _("Closed")
        CANCELLED = "5", _("Cancelled")
        SUSPENDED = "6", _("Suspended")

    class Origin(models.TextChoices):
        IATI = "iati", _("IATI import")
        TACT = "tact", _("Entered in tact")
        DEMO = "demo", _("Demo data")

    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    iati_identifier = models.CharField(_("IATI identifier"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    reporting_org_ref = models.CharField(_("reporting organisation identifier"), max_length=100)
    reporting_org_name = models.CharField(_("reporting organisation"), max_length=300, blank=True)
    reporting_org_type = models.CharField(
        _("reporting organisation type"), max_length=4, blank=True
    )
    reporting_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_projects",
        verbose_name=_("reporting organisation (directory)"),
    )
    status = models.CharField(_("status"), max_length=2, choices=Status.choices, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    last_updated = models.DateTimeField(_("last updated (IATI)"), null=True, blank=True)
    iati_version = models.CharField(_("IATI version"), max_length=8, blank=True)
    hierarchy = models.PositiveSmallIntegerField(_("hierarchy"), null=True, blank=True)
    humanitarian = models.BooleanField(_("humanitarian"), null=True, blank=True)
    collaboration_type = models.CharField(_("collaboration type"), max_length=4, blank=True)
    default_flow_type = models.CharField(_("flow type"), max_length=4, blank=True)
    default_finance_type = models.CharField(_("finance type"), max_length=4, blank=True)
    default_aid_type = models.CharField(_("aid type"), max_length=8, blank=True)
    crs_channel_code = models.CharField(_("CRS channel code"), max_length=8, blank=True)
    channel_derived = models.CharField(
        _("channel (derived)"), max_length=12, choices=Channel.choices, blank=True
    )
    channel_override = models.CharField(
        _("channel (corrected)"),
        max_length=12,
        choices=Channel.choices,
        blank=True,
        help_text=_("Set to correct the channel derived from the IATI data."),
    )
    # Totals in USD (through ExchangeRate), kept for lists, the matrix and the map.
    budget_usd = models.DecimalField(
        _("budget (USD)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    commitment_usd = models.DecimalField(
        _("commitments (USD)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    disbursement_usd = models.DecimalField(
        _("disbursements and expenditure (USD)"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    provisions = models.ManyToManyField(
        "catalog.Provision", blank=True, related_name="projects", verbose_name=_("provisions")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="projects", verbose_name=_("themes")
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="projects", verbose_name=_("needs answered")
    )
    origin = models.CharField(
        _("origin"), max_length=8, choices=Origin.choices, default=Origin.IATI
    )
    import_run = models.ForeignKey(
        "ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("last import"),
    )
    iati_activity = models.JSONField(_("IATI activity"), default=dict, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title"]
        # One index per sort and filter the lists offer (issue 19): the keyset order, the
        # status and channel filters, the organisation filter, "recently updated".
        indexes = [
            models.Index(fields=["title", "id"], name="project_title_id"),
            models.Index(fields=["status", "title", "id"], name="project_status_title"),
            models.Index(fields=["channel_override", "channel_derived"], name="project_channel"),
            models.Index(fields=["reporting_org_ref"], name="project_reporting_ref"),
            models.Index(fields=["updated_at"], name="project_updated"),
            models.Index(fields=["classification", "title", "id"], name="project_class_title"),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:project_detail", args=[self.pk])

    @property
    def channel(self) -> str:
        """The corrected channel if set, else the derived one."""
        return self.channel_override or self.channel_derived

    def get_channel_display(self) -> str:
        return str(Channel(self.channel).label) if self.channel else ""

    @property
    def amount_usd(self) -> Any:
        """The project's size for comparisons: its budget, else its commitments."""
        return self.budget_usd if self.budget_usd is not None else self.commitment_usd

    @property
    def start(self) -> Any:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> Any:
        return self.actual_end or self.planned_end


class ParticipatingOrganisation(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    class Role(models.TextChoices):
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participating_organisations"
    )
    role = models.CharField(_("role"), max_length=2, choices=Role.choices)
    ref = models.CharField(_("identifier"), max_length=200, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    type = models.CharField(_("type"), max_length=4, blank=True)
    crs_channel_code = models.CharField(_("CRS channel code"), max_length=8, blank=True)
    activity_id = models.CharField(_("activity identifier"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_participations",
        verbose_name=_("organisation (directory)"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")

    def __str__(self) -> str:
        return self.name or self.ref

    @property
    def label(self) -> str:
        return self.name or self.ref or "?"


class ProjectCountry(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="countries")
    code = models.CharField(_("country code"), max_length=2)
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_received",
        verbose_name=_("state"),
    )
    percentage = models.DecimalField(
        _("percentage"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["project", "code"]
        indexes = [models.Index(fields=["state", "project"], name="project_country_state")]
        verbose_name = _("recipient country")
        verbose_name_plural = _("recipient countries")

    def __str__(self) -> str:
        return self.code


class ProjectRegion(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("region code"), max_length=20)
    vocabulary = models.CharField(_("vocabulary"), max_length=4, default="1")
    percentage = models.DecimalField(
        _("percentage"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("recipient region")
        verbose_name_plural = _("recipient regions")

    def __str__(self) -> str:
        return self.code


class ProjectSector(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(_("vocabulary"), max_length=4, default="1")
    code = models.CharField(_("sector code"), max_length=50)
    name = models.CharField(_("name"), max_length=300, blank=True)
    percentage = models.DecimalField(
        _("percentage"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["project", "vocabulary", "code"]
        indexes = [models.Index(fields=["code", "project"], name="project_sector_code")]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.code


class Budget(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    type = models.CharField(_("type"), max_length=2, blank=True)
    status = models.CharField(_("status"), max_length=2, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    value_usd = models.DecimalField(
        _("value (USD)"), max_digits=20, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["project", "period_start"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.value} {self.currency}"


class Transaction(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    class Type(models.TextChoices):
        INCOMING_FUNDS = "1", _("Incoming funds")
        OUTGOING_COMMITMENT = "2", _("Outgoing commitment")
        DISBURSEMENT = "3", _("Disbursement")
        EXPENDITURE = "4", _("Expenditure")
        INTEREST_PAYMENT = "5", _("Interest payment")
        LOAN_REPAYMENT = "6", _("Loan repayment")
        REIMBURSEMENT = "7", _("Reimbursement")
        PURCHASE_OF_EQUITY = "8", _("Purchase of equity")
        SALE_OF_EQUITY = "9", _("Sale of equity")
        CREDIT_GUARANTEE = "10", _("Credit guarantee")
        INCOMING_COMMITMENT = "11", _("Incoming commitment")
        OUTGOING_PLEDGE = "12", _("Outgoing pledge")
        INCOMING_PLEDGE = "13", _("Incoming pledge")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transactions")
    type = models.CharField(_("type"), max_length=2, choices=Type.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    value_usd = models.DecimalField(
        _("value (USD)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    ref = models.CharField(_("reference"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    provider_ref = models.CharField(_("provider identifier"), max_length=200, blank=True)
    provider_name = models.CharField(_("provider"), max_length=300, blank=True)
    provider_activity_id = models.CharField(_("provider activity"), max_length=200, blank=True)
    receiver_ref = models.CharField(_("receiver identifier"), max_length=200, blank=True)
    receiver_name = models.CharField(_("receiver"), max_length=300, blank=True)
    receiver_activity_id = models.CharField(_("receiver activity"), max_length=200, blank=True)
    recipient_country = models.CharField(_("recipient country"), max_length=2, blank=True)

    class Meta:
        ordering = ["project", "date", "pk"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.value} {self.currency}"


class ProjectDocument(models.Model):
    protection: ClassVar[Protection] = inherits("project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    url = models.URLField(_("address"), max_length=1000)
    title = models.CharField(_("title"), max_length=500, blank=True)
    format = models.CharField(_("format"), max_length=100, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    document_date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title or self.url


class ProjectResult(models.Model):
    """An IATI `result`; the evaluation domain builds on these (and on ResultIndicator)."""

    protection: ClassVar[Protection] = inherits("project")

    class Type(models.TextChoices):
        OUTPUT = "1", _("Output")
        OUTCOME = "2", _("Outcome")
        IMPACT = "3", _("Impact")
        OTHER = "9", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    type = models.CharField(_("type"), max_length=2, choices=Type.choices)
    title = models.CharField(_("title"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    aggregation_status = models.BooleanField(_("aggregation status"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title or self.get_type_display()


class ResultIndicator(models.Model):
    """An indicator of a result: baseline and periods (target/actual per period) as JSON.

    `periods` = [{"start": "YYYY-MM-DD"|None, "end": ..., "target": str|None,
    "actual": str|None, "target_comment": str, "actual_comment": str}, ...].
    """

    protection: ClassVar[Protection] = inherits("result")

    class Measure(models.TextChoices):
        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")
        NOMINAL = "3", _("Nominal")
        ORDINAL = "4", _("Ordinal")
        QUALITATIVE = "5", _("Qualitative")

    result = models.ForeignKey(ProjectResult, on_delete=models.CASCADE, related_name="indicators")
    measure = models.CharField(_("measure"), max_length=2, choices=Measure.choices)
    ascending = models.BooleanField(_("ascending"), default=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.CharField(_("baseline value"), max_length=100, blank=True)
    periods = models.JSONField(_("periods"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["result", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title or self.get_measure_display()


class ImportRun(TimeStampedModel):
    """One import of a file (IATI activities or exchange rates): progress and report.

    `report` = [{"line": int|None, "identifier": str, "title": str,
    "outcome": "imported"|"updated"|"skipped"|"rejected", "reason": str}, ...].
    """

    protection: ClassVar[Protection] = INTERNAL

    class Kind(models.TextChoices):
        IATI = "iati", _("IATI activities")
        EXCHANGE_RATES = "exchange_rates", _("Exchange rates")
        OVERLAPS = "overlaps", _("Overlap detection")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Completed")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.IATI)
    file_name = models.CharField(_("file"), max_length=300)
    file = models.FileField(_("stored file"), upload_to="assistance/imports/", blank=True)
    strict = models.BooleanField(_("strict"), default=False)
    # Import activities despite small schema slips, each kept as a data-quality warning.
    lenient = models.BooleanField(_("lenient"), default=False)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    total_bytes = models.BigIntegerField(_("size"), default=0)
    processed_bytes = models.BigIntegerField(_("bytes read"), default=0)
    activities_seen = models.PositiveIntegerField(_("activities read"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("assistance:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_bytes:
            return 0
        return min(99, int(self.processed_bytes * 100 / self.total_bytes))

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


# --- overlaps and matching ---


class OverlapCandidate(TimeStampedModel):
    """Two projects that look like the same or overlapping assistance (overlap detection),
    with the score, the reasons, and a person's verdict.

    ``project_a`` always has the smaller primary key, so a pair is stored once. Re-running the
    detection updates scores and reasons and keeps the review; pairs no longer detected are
    kept (with their review) but marked ``active=False``.
    """

    protection: ClassVar[Protection] = inherits("project_a", "project_b")

    class Review(models.TextChoices):
        PENDING = "pending", _("To review")
        DUPLICATE = "duplicate", _("Duplicate (double counting)")
        COMPLEMENTARY = "complementary", _("Complementary")
        UNRELATED = "unrelated", _("Unrelated")

    class Kind(models.TextChoices):
        SAME_PUBLISHER = "same_publisher", _("Published twice by one publisher")
        LINKED = "linked", _("Records pointing at each other")
        CROSS_PUBLISHER = "cross_publisher", _("Different publishers")

    project_a = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="overlaps_as_a", verbose_name=_("project")
    )
    project_b = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="overlaps_as_b",
        verbose_name=_("other project"),
    )
    score = models.FloatField(_("score"), db_index=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    cluster_key = models.CharField(_("cluster"), max_length=64, blank=True, db_index=True)
    active = models.BooleanField(_("detected in the latest run"), default=True)
    detected_at = models.DateTimeField(_("last detected"))
    status = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.PENDING, db_index=True
    )
    review_note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project_a", "project_b"], name="unique_overlap_pair"),
            models.CheckConstraint(
                condition=models.Q(project_a__lt=models.F("project_b")),
                name="overlap_pair_ordered",
            ),
        ]
        verbose_name = _("possible overlap")
        verbose_name_plural = _("possible overlaps")

    def __str__(self) -> str:
        return f"{self.project_a_id} ~ {self.project_b_id} ({self.score:.2f})"

    def get_absolute_url(self) -> str:
        return reverse("assistance:overlap_detail", args=[self.pk])


# The maintained aggregates (issue 19) live in their own module to keep this one readable.
from tact.assistance.summary_models import AssistanceSummary as AssistanceSummary  # noqa: E402
from tact.assistance.summary_models import DerivedFigures as DerivedFigures  # noqa: E402
from tact.assistance.summary_models import SummaryFact as SummaryFact  # noqa: E402
from tact.assistance.summary_models import SummaryVersion as SummaryVersion  # noqa: E402
