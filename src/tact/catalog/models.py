"""The Convention and its Protocols: instruments, provisions (articles) and paragraphs.

Every other record points here (a need, a law, a project, a finding) so that everything can
be found by the provision it serves. Reference data: natural keys, PROTECT on delete.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from tact.core.languages import content_code, pick
from tact.core.protection import PUBLIC_REFERENCE, Protection


class Obligation(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    MUST_CONSIDER = "must_consider", _("Must consider")
    OPTIONAL = "optional", _("Optional")
    NONE = "none", _("None")


OBLIGATION_RANK = {
    Obligation.MANDATORY: 0,
    Obligation.MUST_CONSIDER: 1,
    Obligation.OPTIONAL: 2,
    Obligation.NONE: 3,
}


# The catalog's obligation summaries (data in English) as the reader's language shows them.
OBLIGATION_SUMMARIES = {
    "Mandatory": _("Mandatory"),
    "Final clause": _("Final clause"),
    "General provision (purpose/terms/scope)": _("General provision (purpose/terms/scope)"),
    "Mixed: mandatory core + optional": _("Mixed: mandatory core + optional"),
    "Mixed: mandatory core + consider": _("Mixed: mandatory core + consider"),
    "Mixed: mandatory core + consider/optional": _("Mixed: mandatory core + consider/optional"),
    "Shall consider / endeavour": _("Shall consider / endeavour"),
    "Optional (may)": _("Optional (may)"),
    "Institutional": _("Institutional"),
    "Mixed: consider + optional": _("Mixed: consider + optional"),
}


class Theme(models.Model):
    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    code = models.SlugField(_("code"), max_length=60, unique=True)
    titles = models.JSONField(_("titles"), default=dict)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.titles) or self.code


class Instrument(models.Model):
    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    code = models.SlugField(_("code"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    short_titles = models.JSONField(_("short titles"), default=dict)
    titles = models.JSONField(_("titles"), default=dict)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    treaty_series = models.CharField(_("treaty series"), max_length=100, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("catalog:instrument_detail", args=[self.code])

    @property
    def title(self) -> str:
        return pick(self.titles) or self.code

    @property
    def short_title(self) -> str:
        return pick(self.short_titles) or self.code.upper()


class Provision(models.Model):
    """One article of an instrument (key such as `untoc/art_24`)."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    class Category(models.TextChoices):
        GENERAL = "general", _("General provision")
        SUBSTANTIVE = "substantive", _("Substantive provision")
        INSTITUTIONAL = "institutional", _("Institutional provision")
        FINAL = "final", _("Final clause")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="provisions")
    key = models.CharField(_("identifier"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("article"))
    titles = models.JSONField(_("titles"), default=dict)
    text = models.TextField(_("text (English)"))
    # The official text in the other UN languages, {"fr": "..."}, loaded from files with
    # `tact load-catalog --text fr=untoc-fr.md`; a language missing here shows the English text.
    texts = models.JSONField(_("texts in other languages"), default=dict, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    obligation_summary = models.CharField(_("obligation level"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    themes = models.ManyToManyField(Theme, related_name="provisions", blank=True)

    class Meta:
        ordering = ["instrument__order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="unique_article_number")
        ]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self) -> str:
        # The word for article and its place differ by language ("第24条", "ст. 24").
        return gettext("%(instrument)s art. %(number)s") % {
            "instrument": self.instrument.short_title,
            "number": self.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("catalog:provision_detail", args=[self.instrument.code, self.number])

    @property
    def title(self) -> str:
        return pick(self.titles)

    @property
    def obligation_summary_display(self) -> str:
        return str(OBLIGATION_SUMMARIES.get(self.obligation_summary, self.obligation_summary))

    def text_in(self, language: str | None = None) -> tuple[str, str]:
        """(language code, text): the official text in the language if held, else English."""
        lang = content_code(language or get_language())
        if lang != "en" and self.texts.get(lang):
            return lang, self.texts[lang]
        return "en", self.text

    @property
    def strongest_obligation(self) -> str:
        levels = [p.obligation for p in self.paragraphs.all()]
        return min(levels, key=lambda lv: OBLIGATION_RANK[Obligation(lv)], default="none")


class ParagraphQuerySet(models.QuerySet["ProvisionParagraph"]):
    def numbered(self) -> ParagraphQuerySet:
        """Numbered paragraphs only, without their lettered sub-items (gap counts, matrices)."""
        return self.exclude(key__contains="/item_")


class ProvisionParagraph(models.Model):
    """A numbered paragraph of an article, with its obligation level (`untoc/art_24/para_2`),
    or a lettered sub-item of one (`untoc/art_2/para_1/item_a`)."""

    protection: ClassVar[Protection] = PUBLIC_REFERENCE

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="paragraphs")
    key = models.CharField(_("identifier"), max_length=60, unique=True)
    number = models.CharField(_("paragraph"), max_length=10)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("text (English)"))
    obligation = models.CharField(_("obligation"), max_length=16, choices=Obligation.choices)

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["provision", "order"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self) -> str:
        # "1" -> art. 24(1); "2(a)" -> art. 24(2)(a); "(a)" -> art. 2(a) (single paragraph).
        para, _, item = self.number.partition("(")
        if not item:
            return f"{self.provision}({self.number})"
        return f"{self.provision}({para})({item}" if para else f"{self.provision}({item}"

    @property
    def is_item(self) -> bool:
        """A lettered sub-item of a paragraph (``untoc/art_2/para_1/item_a``)."""
        return "/item_" in self.key
