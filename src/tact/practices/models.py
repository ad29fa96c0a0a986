"""Good practices: what a state or organisation did that worked, the evidence for it, its
review by the secretariat, and what other states make of it (endorsements, questions,
requests to replicate it).

A practice is confidential to its submitter's side (owner state or organisation, author) and
the secretariat until it is published; on publication it becomes public, or restricted if the
submitter asked for it.  Everything attached to a practice inherits its access.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import ClassifiedModel, TimeStampedModel
from tact.core.protection import INTERNAL, Protection, inherits

LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


class SourceKind(models.TextChoices):
    EVALUATION = "evaluation", _("Evaluation finding or lesson")
    FOLLOW_UP = "follow_up", _("Follow-up report")
    PANEL = "panel", _("Meeting panel")
    SUBMISSION = "submission", _("Submitted by a state or organisation")


#: The fields a reviewer may comment on, in the order of the practice sheet.
REVIEWABLE_FIELDS = (
    "title",
    "summary",
    "context",
    "problem",
    "actions",
    "results",
    "evidence",
    "cost",
    "transferability",
    "contacts",
)


class GoodPractice(ClassifiedModel):
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    context = models.TextField(_("context"), blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    actions = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    cost = models.TextField(_("cost and resources"), blank=True)
    transferability = models.TextField(_("conditions for transfer"), blank=True)
    contacts = models.TextField(_("contacts"), blank=True)
    language = models.CharField(_("original language"), max_length=8, choices=LANGUAGES)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    source_kind = models.CharField(
        _("source"), max_length=12, choices=SourceKind.choices, default=SourceKind.SUBMISSION
    )
    # The record the practice was drawn from (core.links reference), e.g. evaluation.finding:7.
    source_ref = models.CharField(_("drawn from"), max_length=120, blank=True)
    restrict_when_published = models.BooleanField(
        _("keep restricted when published"),
        default=False,
        help_text=_("Published practices are public unless you tick this."),
    )
    states = models.ManyToManyField(
        "directory.State", blank=True, related_name="+", verbose_name=_("states")
    )
    organisations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="+", verbose_name=_("organisations")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    provisions = models.ManyToManyField(
        "catalog.Provision", blank=True, related_name="+", verbose_name=_("Convention provisions")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-updated_at", "pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="practice_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"],
                condition=~models.Q(source_ref="") & ~models.Q(source_kind="submission"),
                name="practice_one_per_source",
            )
        ]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])


class PracticeTranslation(TimeStampedModel):
    """The practice in another language, shown side by side with the original."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    actions = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="practice_translation")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class PracticeEvidence(TimeStampedModel):
    """A link to any tact record backing the practice's results (core.links reference)."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="evidence")
    record_ref = models.CharField(_("record"), max_length=120)
    note = models.CharField(_("what it shows"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "record_ref"], name="practice_evidence")
        ]

    def __str__(self) -> str:
        return self.record_ref


class ReviewComment(TimeStampedModel):
    """A reviewer's comment on one field of the practice."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="review_comments"
    )
    field = models.CharField(_("field"), max_length=20)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.field}: {self.text[:60]}"


class Endorsement(TimeStampedModel):
    """Another state says "we applied it", with its own result."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="endorsements"
    )
    state = models.ForeignKey("directory.State", on_delete=models.PROTECT, related_name="+")
    applied = models.TextField(_("how you applied it"))
    result = models.TextField(_("your result"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "state"], name="practice_endorsement")
        ]

    def __str__(self) -> str:
        return f"{self.state_id} endorses {self.practice_id}"


class Question(TimeStampedModel):
    """A question on a practice, or (with a parent) an answer in its thread."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ReplicationRequest(TimeStampedModel):
    """A state asks for assistance to replicate the practice: a need in assistance."""

    protection: ClassVar[Protection] = inherits("practice")

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="replication_requests"
    )
    state = models.ForeignKey("directory.State", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("what you need"), blank=True)
    need_ref = models.CharField(max_length=120, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.state_id} -> {self.practice_id}"


class Subscription(TimeStampedModel):
    """A user follows a theme, provision, state or recommendation; a digest of new and changed
    public records is mailed by ``tact send-digests``."""

    # A user's own settings: read and written only through practices.services for that user.
    protection: ClassVar[Protection] = INTERNAL

    class Target(models.TextChoices):
        THEME = "theme", _("Theme")
        PROVISION = "provision", _("Convention provision")
        STATE = "state", _("State")
        RECOMMENDATION = "recommendation", _("Recommendation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    target = models.CharField(_("follows"), max_length=16, choices=Target.choices)
    value = models.CharField(_("value"), max_length=80)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "target", "value"], name="subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.target}={self.value}"
