"""What every record of the registry shares, whichever app its model lives in.

Where a fact comes from (`Source`: a document, a web page, a report, or a part
of one such as a slide), the source and as-of date every record cites
(`Sourced`), Japanese and English values (`Bilingual`), and the choices several
apps use.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .linked_history import RegistryHistoricalRecords


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


class SourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    WEB_PAGE = "web_page", _("Web page")
    PRESS_RELEASE = "press_release", _("Press release")
    COUNCIL_REPORT = "council_report", _("Council report")
    CONFIRMATION = "confirmation", _("Confirmation with the body concerned")


class SourceQuerySet(models.QuerySet):
    def for_display(self):
        """With the document each part belongs to, which every citation names."""
        return self.select_related("part_of")

    def documents(self):
        """Sources that are not part of another: documents, web pages, reports."""
        return self.filter(part_of__isnull=True)


class SourceManager(models.Manager.from_queryset(SourceQuerySet)):
    def get_by_natural_key(self, document, locator):
        """A source by its document's title and its locator in it ("" for the document itself).

        A part (a slide of a deck) is named by its document's title and its own
        locator; a source that is not part of another by its title and locator.
        """
        if locator:
            part = self.filter(
                part_of__part_of__isnull=True, part_of__title=document, locator=locator
            ).first()
            if part is not None:
                return part
        return self.get(part_of__isnull=True, title=document, locator=locator)


class Source(models.Model):
    """Where facts come from: a document, a web page, a press release, a council's report or
    a confirmation, or a part of one (a slide of a deck), which records cite.

    A part (`part_of`) takes its document's title, publisher and dates, and adds its
    locator ("スライド3") and, for a slide, its heading as the title and its printed text.
    """

    kind = models.CharField(
        _("kind of source"), max_length=20, choices=SourceKind, default=SourceKind.WEB_PAGE
    )
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("The document this is a part of (for a slide, the slide deck)."),
    )
    title = models.CharField(
        _("source title"),
        max_length=300,
        help_text=_("As the source gives it. For a slide, its heading."),
    )
    title_en = models.CharField(_("source title (English)"), max_length=300, blank=True)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published it. Leave empty if the source does not say."),
    )
    publisher_en = models.CharField(_("publisher (English)"), max_length=200, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True)
    checked_on = models.DateField(
        _("date checked"),
        null=True,
        blank=True,
        help_text=_("When the registry's editors last read it (for a web page, for example)."),
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    locator = models.CharField(
        _("location in the source"),
        max_length=100,
        blank=True,
        help_text=_("Where in the source the facts are, for example スライド3, 5ページ or 第2節."),
    )
    locator_en = models.CharField(_("location in the source (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(
        _("order"), null=True, blank=True, help_text=_("Order in the document.")
    )
    printed_text = models.TextField(
        _("printed text"), blank=True, help_text=_("The text as printed, shown as a quotation.")
    )
    # Internal: where the slide's text is in docs/source/slides.txt. Never shown publicly.
    lines = models.CharField(
        _("lines in the text file"),
        max_length=20,
        blank=True,
        help_text=_("Internal only: the line range in the document's text file."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_printed = models.CharField(_("as-of date as printed"), max_length=100, blank=True)

    history = HistoricalRecords()

    objects = SourceManager()

    class Meta:
        ordering = ["part_of__title", "position", "title", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["part_of", "locator"],
                condition=models.Q(part_of__isnull=False),
                name="source_unique_part_locator",
                violation_error_message=_("This document already has a part at this location."),
            ),
            models.UniqueConstraint(
                fields=["title", "locator"],
                condition=models.Q(part_of__isnull=True),
                name="source_unique_document",
                violation_error_message=_(
                    "A source with this title and location is already registered. "
                    "Choose it instead of adding it again."
                ),
            ),
        ]

    def __str__(self):
        if self.part_of_id:
            if (get_language() or "").startswith("ja"):
                # As the public pages cite it: 「中国地域内の動き」スライド1「（再掲）…」.
                title = f"「{self.title}」" if self.title else ""
                return f"「{self.part_of.title}」{self.locator}{title}"
            return f"{self.part_of.title} {self.locator} {self.title}".strip()
        # Staff pick sources by this name: the publisher tells same-titled pages apart.
        name = f"{self.title} {self.locator}".strip()
        return f"{name}（{self.publisher}）" if self.publisher else name

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.pk])

    def clean(self):
        if self.part_of_id is None:
            return
        errors = {}
        if self.part_of.part_of_id is not None or self.part_of_id == self.pk:
            errors["part_of"] = _("Choose a document that is not itself a part of another.")
        if not self.locator:
            errors["locator"] = _("A part needs its location in the document, such as スライド3.")
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        # A part is found through its document, so a document must be loaded first:
        # the fixture gives the deck a lower key than its slides, and backups dump by key.
        if self.part_of_id:
            return (self.part_of.title, self.locator)
        return (self.title, self.locator)

    @property
    def document(self):
        """The document this source is, or is a part of."""
        return self.part_of if self.part_of_id else self

    def localized_title(self):
        return localized(self, "title")

    def localized_locator(self):
        return localized(self, "locator")

    def localized_publisher(self):
        return localized(self, "publisher")

    def citation_text(self):
        """One line naming the source, for plain-text outputs (calendars): its document's
        title and publisher, the location in it, and its address."""
        document = self.document
        parts = [quoted(document, "title")]
        if publisher := document.localized_publisher():
            parts.append(publisher)
        if self.part_of_id:
            # Japanese runs a slide's number into its heading; English spaces them.
            space = " " if shows_english() else ""
            parts.append(self.localized_locator() + space + quoted(self, "title"))
        elif self.locator:
            parts.append(self.localized_locator())
        if url := self.url or document.url:
            parts.append(url)
        return " ".join(parts)


class Sourced(models.Model):
    """Every registry record cites its source (for the deck's facts, a slide)."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("The as-of date the document gives.")
    )
    # Empty for records loaded from the document's fixtures and never edited since.
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, null=True)

    # Models that link to others record the links too: `_history_m2m_fields = ["kinds"]`.
    history = RegistryHistoricalRecords(inherit=True)

    class Meta:
        abstract = True


def quoted(record, field):
    """`field` in 「」 when it is Japanese, in “” when the English page has it in English."""
    value = localized(record, field)
    if shows_english() and value == getattr(record, f"{field}_en", ""):
        return f"“{value}”"
    return f"「{value}」"
