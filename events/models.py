"""What the councils do: events and their talks, agreements, and support programmes."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.japanese_dates import EARLIEST_FISCAL_YEAR, LATEST_FISCAL_YEAR
from core.japanese_numbers import yen_text
from core.models import Bilingual, Country, Sourced, shows_english
from councils.models import Council
from members.models import Organisation, Person


class AgreementQuerySet(models.QuerySet):
    def for_listing(self):
        return (
            self.select_related("council", "initiative_of", "source__part_of")
            .prefetch_related("parties__organisation")
            .order_by("signed_on", "pk")
        )


class Agreement(Bilingual, Sourced):
    """A memorandum of understanding between organisations."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("council"),
    )
    initiative_of = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_initiatives",
        verbose_name=_("initiative of"),
        help_text=_(
            "Whose initiative the document presents it as (e.g. 山口県の取組み), "
            "when that is not a council's."
        ),
    )
    name = models.CharField(_("title"), max_length=300)
    name_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=50, default="MOU")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_printed = models.CharField(_("date as printed"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    scope = models.TextField(_("what it covers"), blank=True)
    scope_en = models.TextField(_("what it covers (English)"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def get_absolute_url(self):
        return reverse("events:agreement-detail", kwargs={"pk": self.pk})


class AgreementParty(Sourced):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    side = models.CharField(
        _("side"), max_length=50, blank=True, help_text=_("As printed, e.g. 台湾側.")
    )
    side_en = models.CharField(_("side (English)"), max_length=50, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    printed = models.CharField(_("as printed"), max_length=200, blank=True)

    class Meta:
        ordering = ["agreement", "order"]
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_unique"
            ),
        ]

    def __str__(self):
        return gettext("%(agreement)s: %(organisation)s") % {
            "agreement": self.agreement,
            "organisation": self.organisation,
        }


class EventKindQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class EventKind(models.Model):
    """A kind of event. One event can be several: 「設立及び第1回勉強会」 is a founding
    meeting and a study session at once, and a search for study sessions must find it."""

    class Code(models.TextChoices):
        FOUNDING_MEETING = "founding_meeting", _("Founding meeting")
        STUDY_SESSION = "study_session", _("Study session")
        COMPANY_VISIT = "company_visit", _("Company visit")
        FORUM = "forum", _("Forum")
        BUSINESS_MEETING = "business_meeting", _("Business meeting")
        SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")

    code = models.CharField(_("code"), max_length=30, unique=True, choices=Code.choices)

    history = HistoricalRecords()

    objects = EventKindQuerySet.as_manager()

    class Meta:
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")

    def __str__(self):
        return str(self.get_code_display())

    def natural_key(self):
        return (self.code,)

    @property
    def order(self):
        """The kinds are shown in the order of their choices, whatever order they were added."""
        return self.Code.values.index(self.code)


class EventQuerySet(models.QuerySet):
    def for_listing(self):
        return (
            self.select_related("council", "source__part_of", "venue_organisation", "initiative_of")
            .prefetch_related("kinds")
            .order_by("date", "start_time", "pk")
        )


class Event(Bilingual, Sourced):
    Kind = EventKind.Code

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("council"),
    )
    initiative_of = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_initiatives",
        verbose_name=_("initiative of"),
        help_text=_(
            "Whose initiative the document presents it as (e.g. 山口県の取組み), "
            "when that is not a council's."
        ),
    )
    kinds = models.ManyToManyField(
        EventKind,
        related_name="events",
        verbose_name=_("kinds"),
        help_text=_("Every kind the document gives it, e.g. both of 設立及び第1回勉強会."),
    )
    name = models.CharField(_("title"), max_length=300)
    name_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_printed = models.CharField(_("date as printed"), max_length=100, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    venue_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("venue organisation"),
    )
    city = models.CharField(_("city"), max_length=50, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=50, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    organisations_attending = models.PositiveIntegerField(
        _("organisations attending"), null=True, blank=True
    )
    people_attending = models.PositiveIntegerField(_("people attending"), null=True, blank=True)
    local_companies_attending = models.PositiveIntegerField(
        _("companies with a site in the city"), null=True, blank=True
    )
    home_participants = models.PositiveIntegerField(
        _("participants from the home side"), null=True, blank=True
    )
    partner_participants = models.PositiveIntegerField(
        _("participants from the partner side"), null=True, blank=True
    )
    companies_visited = models.PositiveIntegerField(_("companies visited"), null=True, blank=True)
    attendance_printed = models.CharField(_("attendance as printed"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("held with agreement"),
    )

    # An edit of the kinds alone is a version, and a restore or revert brings them back.
    _history_m2m_fields = ["kinds"]

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="event_ends_after_start",
            ),
        ]

    def clean(self):
        super().clean()
        if self.date and self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"pk": self.pk})

    @property
    def kind_list(self):
        """The event's kinds in the order of the choices (from the prefetch, when there is one)."""
        return sorted(self.kinds.all(), key=lambda kind: kind.order)

    @property
    def kind_labels(self):
        return [str(kind) for kind in self.kind_list]

    @property
    def kind_labels_not_in_name(self):
        """The kinds a reader cannot already tell from the name: 「第2回勉強会」 needs no
        「（勉強会）」 after it, 「設立及び第1回勉強会」 still gets 「（設立会議）」."""
        name = self.localized("name")
        return [label for label in self.kind_labels if label.lower() not in name.lower()]


class Talk(Bilingual, Sourced):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="talks", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    part = models.CharField(
        _("part of the programme"),
        max_length=50,
        blank=True,
        help_text=_("e.g. 【第１部】基調講演"),
    )
    part_en = models.CharField(_("part of the programme (English)"), max_length=50, blank=True)
    name = models.CharField(_("title"), max_length=300)
    name_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    speaker = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="talks", verbose_name=_("speaker")
    )
    speaker_title = models.CharField(_("speaker's title"), max_length=200, blank=True)
    speaker_title_en = models.CharField(_("speaker's title (English)"), max_length=200, blank=True)
    speaker_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name=_("speaker's organisation"),
    )
    printed = models.CharField(_("speaker as printed"), max_length=300, blank=True)

    class Meta:
        ordering = ["event", "order"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.UniqueConstraint(fields=["event", "order"], name="talk_unique_order"),
        ]


class ProgrammeQuerySet(models.QuerySet):
    def for_listing(self):
        return (
            self.select_related("council", "owner", "source__part_of")
            .prefetch_related("amounts")
            .order_by("fiscal_year", "pk")
        )


class Programme(Bilingual, Sourced):
    """A support programme or initiative of a council, prefecture or city."""

    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", _("Subsidy")
        SUPPORT_SCHEME = "support_scheme", _("Support scheme")
        BUSINESS_SUPPORT = "business_support", _("Business development support")
        LAND_DEVELOPMENT = "land_development", _("Industrial land development")
        LAND_DEVELOPMENT_SUPPORT = "land_development_support", _("Land development support")
        INITIATIVES = "initiatives", _("Annual initiatives")
        FORUM_SERIES = "forum_series", _("Forum series")

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("council"),
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("owner"),
        help_text=_("The prefecture, city or body that runs it."),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                EARLIEST_FISCAL_YEAR,
                _("Fiscal years start in %(limit_value)s (the first year of Heisei)."),
            ),
            MaxValueValidator(LATEST_FISCAL_YEAR),
        ],
        help_text=_("The calendar year the fiscal year starts in: 2024 for 令和6年度."),
    )
    fiscal_year_printed = models.CharField(_("fiscal year as printed"), max_length=50, blank=True)
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_("The heading the document lists it under, as printed (without its ● mark)."),
    )
    heading_en = models.CharField(_("heading (English)"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    target = models.CharField(_("who it is for"), max_length=200, blank=True)
    target_en = models.CharField(_("who it is for (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__isnull=True)
                | Q(fiscal_year__gte=EARLIEST_FISCAL_YEAR, fiscal_year__lte=LATEST_FISCAL_YEAR),
                name="programme_fiscal_year_exists",
            ),
        ]

    def get_absolute_url(self):
        return reverse("events:programme-detail", kwargs={"pk": self.pk})


class ProgrammeAmount(Sourced):
    class Unit(models.TextChoices):
        # The document's 「上限」 with nothing more: it does not say per project or per year.
        CAP = "cap", _("Cap")
        PER_PROJECT_CAP = "per_project_cap", _("Cap per project")
        PER_HECTARE_CAP = "per_hectare_cap", _("Cap per hectare")
        TOTAL_BUDGET = "total_budget", _("Total budget")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("programme")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    amount_yen = models.PositiveBigIntegerField(_("amount (yen)"))
    unit = models.CharField(_("unit"), max_length=30, choices=Unit.choices)
    printed = models.CharField(_("as printed"), max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("programme amount")
        verbose_name_plural = _("programme amounts")
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="amount_unique_order"),
        ]

    def __str__(self):
        return gettext("%(label)s: %(amount)s") % {
            "label": self.label,
            "amount": yen_text(self.amount_yen, english=shows_english()),
        }


class ProgrammeItem(Sourced):
    """A measure, a form of support or a condition of a programme, as printed."""

    class Kind(models.TextChoices):
        MEASURE = "measure", _("Measure")
        SUPPORT = "support", _("Support offered")
        CONDITION = "condition", _("Condition")

    class Limit(models.TextChoices):
        AT_MOST = "at_most", _("at most")
        AT_LEAST = "at_least", _("at least")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="items", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"), help_text=_("As printed."))
    text_en = models.TextField(_("text (English)"), blank=True)
    limit = models.CharField(_("limit"), max_length=10, choices=Limit.choices, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    quantity_unit = models.CharField(_("unit of the quantity"), max_length=20, blank=True)
    is_approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_("The document qualifies the quantity, e.g. 概ね (about)."),
    )

    class Meta:
        ordering = ["programme", "kind", "order"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "order"], name="programme_item_unique_order"
            ),
        ]

    def __str__(self):
        return self.text
