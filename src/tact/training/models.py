"""Capacity building for prosecutors, judges and law-enforcement officers (resolution b.iii):
programmes, courses and their modules, sessions with trainers, participants (pseudonymous by
default), attendance, pre/post tests, Kirkpatrick surveys and certificates."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import ClassifiedModel, TimeStampedModel
from tact.core.protection import Protection, inherits

LANGUAGES = (
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
)


class AgencyType(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIARY = "judiciary", _("Judiciary")
    POLICE = "police", _("Police")
    CUSTOMS = "customs", _("Customs")
    BORDER = "border", _("Border control")
    FIU = "fiu", _("Financial intelligence unit")
    CORRECTIONS = "corrections", _("Corrections")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Not disclosed")


class Programme(ClassifiedModel):
    """A capacity-building programme: what it aims at, for whom, which needs it answers and
    which project funds it."""

    title = models.CharField(_("title"), max_length=300)
    objectives = models.TextField(_("objectives"), blank=True)
    provisions = models.ManyToManyField(
        "catalog.Provision", blank=True, related_name="+", verbose_name=_("Convention provisions")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    audiences = models.JSONField(
        _("target audiences"), default=list, blank=True, help_text=_("Agency types.")
    )
    needs = models.ManyToManyField(
        "assistance.Need", blank=True, related_name="training_programmes", verbose_name=_("needs")
    )
    project = models.ForeignKey(
        "assistance.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_programmes",
        verbose_name=_("funding project"),
    )
    implementer = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("implementing organisation"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme_detail", args=[self.pk])

    def audience_labels(self) -> list[str]:
        labels = dict(AgencyType.choices)
        return [str(labels.get(a, a)) for a in self.audiences]


class Course(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("programme")

    class Delivery(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(_("title"), max_length=300)
    learning_objectives = models.TextField(_("learning objectives"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IN_PERSON
    )
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title


class Module(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("course")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=300)
    learning_objectives = models.TextField(_("learning objectives"), blank=True)
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["course", "order", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Session(ClassifiedModel):
    """One delivery of a course. Its organiser (with the secretariat) alone sees participants'
    names; the summary fields are kept by the services that write rosters and scores, so
    dashboards read sessions, not every participant."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host state"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    platform = models.CharField(_("online platform"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="en")
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    partner_agencies = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="+", verbose_name=_("partner agencies")
    )
    participant_states = models.ManyToManyField(
        "directory.State", blank=True, related_name="+", verbose_name=_("states of participants")
    )
    max_score = models.DecimalField(_("maximum test score"), max_digits=7, decimal_places=2)
    # Summary kept by services.session_refresh (see the class docstring).
    participant_count = models.PositiveIntegerField(default=0, editable=False)
    female_count = models.PositiveIntegerField(default=0, editable=False)
    agency_type_count = models.PositiveIntegerField(default=0, editable=False)
    class_gain = models.DecimalField(
        max_digits=7, decimal_places=3, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-start", "pk"]
        indexes = [models.Index(fields=["state", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="training_session_end"
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=0), name="training_session_max_positive"
            ),
        ]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.pk])

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


class Trainer(models.Model):
    """A person who taught in a session, linked to the directory organisation they come from."""

    protection: ClassVar[Protection] = inherits("session")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="trainers")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=120, blank=True)

    class Meta:
        ordering = ["session", "name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return self.name


class Participant(TimeStampedModel):
    """One person in one session. `code` is the pseudonymous id; the same code in several
    sessions is the same person. `name` is optional, kept only with consent, and shown only
    to the secretariat and the session's organiser (permissions.can_see_names)."""

    protection: ClassVar[Protection] = inherits("session")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    code = models.CharField(_("participant id"), max_length=40, db_index=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    agency_type = models.CharField(_("agency type"), max_length=12, choices=AgencyType.choices)
    state = models.ForeignKey(
        "directory.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state"),
    )
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, default=Sex.UNDISCLOSED)
    rank = models.CharField(_("role or rank"), max_length=120, blank=True)
    years_of_service = models.PositiveSmallIntegerField(
        _("years of service"), null=True, blank=True
    )
    consent = models.BooleanField(_("consent recorded"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="en")
    pre_score = models.DecimalField(
        _("pre-test score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    post_score = models.DecimalField(
        _("post-test score"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["session", "code"]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="unique_participant_code")
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        # Never the name: this string lands in audit entries and links.
        return self.code


class Attendance(models.Model):
    protection: ClassVar[Protection] = inherits("participant")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["participant", "day"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="unique_attendance_day")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.participant} {self.day}"


class SurveyResponse(TimeStampedModel):
    """A Kirkpatrick survey answer: reaction at the end of the session (level 1) or the
    behaviour follow-up 3-6 months later (level 3), from the participant or a supervisor."""

    protection: ClassVar[Protection] = inherits("session")

    class Level(models.IntegerChoices):
        REACTION = 1, _("Level 1: reaction")
        BEHAVIOUR = 3, _("Level 3: behaviour")

    class Respondent(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SUPERVISOR = "supervisor", _("Supervisor")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    respondent = models.CharField(
        _("respondent"), max_length=12, choices=Respondent.choices, default=Respondent.PARTICIPANT
    )
    answered_on = models.DateField(_("answered on"))
    score = models.PositiveSmallIntegerField(_("score (1-5)"))
    applied = models.BooleanField(_("applies what was learned"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["session", "level", "participant"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "level", "respondent"], name="unique_survey_response"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="survey_score_1_5"
            ),
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"L{self.level} {self.participant} ({self.respondent})"


def new_certificate_code() -> str:
    # 12 characters without look-alikes (0/O, 1/I): read aloud or typed from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Certificate(TimeStampedModel):
    protection: ClassVar[Protection] = inherits("participant")

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    issued_on = models.DateField(_("issued on"))
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class ProgrammeIndicator(models.Model):
    """Which indicator of a results framework a programme's figure feeds (or, for level 4,
    which indicator's actuals are its evidence of results)."""

    protection: ClassVar[Protection] = inherits("programme")

    class Metric(models.TextChoices):
        TRAINED = "trained", _("Officials trained (by sex and agency type)")
        GAIN = "gain", _("Average learning gain <g> (percent)")
        RESULTS = "results", _("Results (Kirkpatrick level 4)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "evaluation.Indicator", on_delete=models.CASCADE, related_name="+"
    )
    metric = models.CharField(_("figure"), max_length=10, choices=Metric.choices)

    class Meta:
        ordering = ["programme", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "metric"], name="unique_programme_indicator"
            )
        ]
        verbose_name = _("programme indicator")
        verbose_name_plural = _("programme indicators")

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_metric_display()}"
