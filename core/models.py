"""What every record of the registry shares, whichever app its model lives in.

The part of the source document a fact comes from (`Source`), the as-of date
the document gives (`Sourced`), Japanese and English values (`Bilingual`), and
the choices several apps use.
"""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Prefecture(models.TextChoices):
    TOTTORI = "tottori", _("Tottori")
    SHIMANE = "shimane", _("Shimane")
    OKAYAMA = "okayama", _("Okayama")
    HIROSHIMA = "hiroshima", _("Hiroshima")
    YAMAGUCHI = "yamaguchi", _("Yamaguchi")


class Country(models.TextChoices):
    JAPAN = "JP", _("Japan")
    TAIWAN = "TW", _("Taiwan")


class Sector(models.TextChoices):
    # 産学官, as Japanese public bodies name the three sectors (「産（企業）」…).
    INDUSTRY = "industry", pgettext_lazy("sector", "Industry")
    ACADEMIA = "academia", pgettext_lazy("sector", "Academia")
    GOVERNMENT = "government", pgettext_lazy("sector", "Government")
    SUPPORT = "support", _("Support body")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    MATERIALS_MAKER = "materials_maker", _("Materials and components maker")
    EQUIPMENT_MAKER = "equipment_maker", _("Equipment and parts maker")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    TECHNICAL_COLLEGE = "technical_college", _("Technical college")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    ADMINISTRATION = "administration", _("Administration")
    INDUSTRIAL_SUPPORT = "industrial_support", _("Industrial support organisation")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    CHAMBER_OF_COMMERCE = "chamber_of_commerce", _("Chamber of commerce")


def shows_english():
    """Whether the active language is English, the portal's second language."""
    return (get_language() or "ja").split("-")[0] == "en"


def localized(record, field):
    """The English value of `field` (`<field>_en`) on English pages if there is one.

    Otherwise the Japanese value: the document's own, which every record has.
    """
    if shows_english():
        english = getattr(record, f"{field}_en", "")
        if english:
            return english
    return getattr(record, field)


class Bilingual:
    """Models with `<field>` in Japanese and `<field>_en` in English.

    `localized("name")` gives the English value on English pages when there is
    one, and the Japanese value otherwise; `is_japanese_fallback("name")` tells a
    template to mark the value `lang="ja"`.
    """

    def localized(self, field):
        return localized(self, field)

    def is_japanese_fallback(self, field):
        return shows_english() and not getattr(self, f"{field}_en", "")

    @property
    def display_name(self):
        return self.localized("name")

    @property
    def display_name_is_japanese(self):
        return self.is_japanese_fallback("name")

    def __str__(self):
        return self.name


class SourceManager(models.Manager):
    def get_by_natural_key(self, document, slide):
        return self.get(document=document, slide=slide)


class Source(models.Model):
    """A part of the source document (one slide), which records cite."""

    document = models.CharField(_("document"), max_length=200)
    slide = models.PositiveSmallIntegerField(_("slide"), help_text=_("Order in the document."))
    heading = models.CharField(_("slide heading"), max_length=300)
    heading_en = models.CharField(_("slide heading (English)"), max_length=300, blank=True)
    lines = models.CharField(
        _("lines"), max_length=20, blank=True, help_text=_("Line range in the document's text.")
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_printed = models.CharField(_("as-of date as printed"), max_length=100, blank=True)

    history = HistoricalRecords()

    objects = SourceManager()

    class Meta:
        ordering = ["document", "slide"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["document", "slide"], name="source_unique_slide"),
        ]

    def __str__(self):
        return f"{self.document} #{self.slide} {self.heading}"

    def natural_key(self):
        return (self.document, self.slide)

    def localized_heading(self):
        return localized(self, "heading")


class Sourced(models.Model):
    """Every registry record cites the part of the document it comes from."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("The as-of date the document gives.")
    )
    # Empty for records loaded from the document's fixtures and never edited since.
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, null=True)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
