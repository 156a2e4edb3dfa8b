"""Councils, their activity pillars and their membership counts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.models import Bilingual, Category, Prefecture, Sector, Source, Sourced
from core.templatetags.registry import era


class CouncilQuerySet(models.QuerySet):
    # Pages cite every source a record names (core.sources), so each foreign key to
    # Source is joined here: a missing one costs a query per record.
    def for_listing(self):
        # Every source a row cites is joined: the page's list of sources reads them all.
        return (
            self.select_related("source__part_of", "aims_source__part_of")
            .prefetch_related(
                # The exports cite the source of each council's newest count.
                models.Prefetch(
                    "snapshots",
                    queryset=MembershipSnapshot.objects.select_related("source__part_of"),
                )
            )
            .order_by("founded_on")
        )

    def for_comparison(self):
        """What the side-by-side table on the home page shows of every council: three queries.

        The home page adds each council's officers from the members app.
        """
        # Every source a record cites is joined: the page's list of sources reads them all.
        return (
            self.select_related("source__part_of", "aims_source__part_of")
            .prefetch_related(
                models.Prefetch(
                    "snapshots",
                    queryset=MembershipSnapshot.objects.select_related(
                        "source__part_of", "corroborating_source__part_of"
                    ),
                ),
                models.Prefetch(
                    "pillars",
                    queryset=ActivityPillar.objects.select_related(
                        "source__part_of", "detail_source__part_of"
                    ),
                ),
            )
            # The fixtures load the councils in the order of the document's own table.
            .order_by("pk")
        )

    def for_detail(self):
        return self.select_related("source__part_of", "aims_source__part_of")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class CouncilPartQuerySet(models.QuerySet):
    """Records that a council numbers or dates: known by the council's slug and that number."""

    def get_by_natural_key(self, council_slug, key):
        return self.get(council__slug=council_slug, **{self.model.NATURAL_KEY_FIELD: key})


class CouncilPart:
    """A pillar, a member category or a snapshot: the council's slug and its order or date."""

    NATURAL_KEY_FIELD = "order"

    def natural_key(self):
        return (self.council.slug, getattr(self, self.NATURAL_KEY_FIELD))

    natural_key.dependencies = ["councils.council"]


class Council(Bilingual, Sourced):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        CONSORTIUM = "consortium", _("Consortium")
        NETWORK = "network", _("Network")
        FORUM = "forum", _("Forum")

    class Scope(models.TextChoices):
        # The area a council works in (県域, 市域), not the prefecture or city itself.
        REGION = "region", pgettext_lazy("scope", "Chugoku region")
        PREFECTURE = "prefecture", pgettext_lazy("scope", "Prefecture")
        CITY = "city", pgettext_lazy("scope", "City")

    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_(
            "The council's name in its page address (/councils/okayama/): lower-case letters, "
            "digits and hyphens, e.g. okayama. Filled in from the short name in English."
        ),
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    other_names = models.CharField(
        _("other printed names"),
        max_length=300,
        blank=True,
        help_text=_("The name as printed elsewhere in the document, where it differs."),
    )
    short_name = models.CharField(_("short name"), max_length=50)
    short_name_en = models.CharField(_("short name (English)"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True)
    prefecture = models.CharField(
        _("prefecture"), max_length=20, choices=Prefecture.choices, blank=True
    )
    city = models.CharField(_("city"), max_length=50, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=50, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    aims = models.TextField(
        _("aims"), blank=True, help_text=_("The council's own statement of intent, as printed.")
    )
    aims_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source of the aims"),
    )
    is_membership_based = models.BooleanField(_("membership-based"), default=True)
    membership_note = models.CharField(
        _("membership note"),
        max_length=200,
        blank=True,
        help_text=_("As printed, e.g. for a council without members."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["founded_on", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def get_absolute_url(self):
        return reverse("councils:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def display_short_name(self):
        return self.localized("short_name")

    def latest_snapshot(self):
        """The newest membership snapshot; uses the prefetch cache when there is one."""
        snapshots = sorted(self.snapshots.all(), key=lambda snapshot: snapshot.as_of)
        return snapshots[-1] if snapshots else None


class ActivityPillar(CouncilPart, Bilingual, Sourced):
    """One of a council's numbered activities (①②③… in the document)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pillars", verbose_name=_("council")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    marker = models.CharField(
        _("marker"), max_length=10, blank=True, help_text=_("As printed, e.g. ①.")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    detail = models.TextField(
        _("detail"), blank=True, help_text=_("How the council's own slide words this pillar.")
    )
    detail_en = models.TextField(_("detail (English)"), blank=True)
    detail_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source of the detail"),
    )

    objects = CouncilPartQuerySet.as_manager()

    class Meta:
        ordering = ["council", "order"]
        verbose_name = _("activity pillar")
        verbose_name_plural = _("activity pillars")
        constraints = [
            models.UniqueConstraint(fields=["council", "order"], name="pillar_unique_order"),
        ]


class MemberCategory(CouncilPart, Bilingual, Sourced):
    """A kind of member a council's structure names (e.g. 産: 材料・部材メーカー)."""

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        related_name="member_categories",
        verbose_name=_("council"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    sector_printed = models.CharField(_("sector as printed"), max_length=20, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    name = models.CharField(_("name as printed"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    objects = CouncilPartQuerySet.as_manager()

    class Meta:
        ordering = ["council", "order"]
        verbose_name = _("member category")
        verbose_name_plural = _("member categories")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "order"], name="member_category_unique_order"
            ),
        ]


class MembershipSnapshotQuerySet(CouncilPartQuerySet):
    def for_listing(self):
        return self.select_related(
            "council", "source__part_of", "corroborating_source__part_of"
        ).order_by("council__founded_on", "as_of")


class MembershipSnapshot(CouncilPart, Sourced):
    """A council's membership count on one as-of date, with its breakdown as printed.

    The database itself refuses negative counts, a breakdown that adds up to
    more than the total, and two snapshots of one council on one date.
    """

    NATURAL_KEY_FIELD = "as_of"
    BREAKDOWN_FIELDS = ("companies", "education", "government", "other")
    COUNT_FIELDS = ("total", *BREAKDOWN_FIELDS)
    NEGATIVE_COUNT_MESSAGE = _("A count cannot be negative. Enter 0 or more.")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("council")
    )
    as_of = models.DateField(_("as of"))
    as_of_printed = models.CharField(_("as-of date as printed"), max_length=100, blank=True)
    total = models.PositiveIntegerField(_("total"))
    companies = models.PositiveIntegerField(_("companies"), null=True, blank=True)
    education = models.PositiveIntegerField(_("education"), null=True, blank=True)
    government = models.PositiveIntegerField(_("government"), null=True, blank=True)
    other = models.PositiveIntegerField(_("other"), null=True, blank=True)
    printed = models.CharField(
        _("as printed"), max_length=200, blank=True, help_text=_("The count exactly as printed.")
    )
    corroborating_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("also reported in"),
        help_text=_(
            "Another part of the document that reports the same count at the same time "
            "(its own as-of date goes in “as printed there”)."
        ),
    )
    corroborating_printed = models.CharField(_("as printed there"), max_length=200, blank=True)

    objects = MembershipSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["council", "as_of"]
        get_latest_by = "as_of"
        verbose_name = _("membership snapshot")
        verbose_name_plural = _("membership snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "as_of"], name="snapshot_unique_council_date"
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0)
                & (Q(companies__isnull=True) | Q(companies__gte=0))
                & (Q(education__isnull=True) | Q(education__gte=0))
                & (Q(government__isnull=True) | Q(government__gte=0))
                & (Q(other__isnull=True) | Q(other__gte=0)),
                name="snapshot_counts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(
                    total__gte=Coalesce(F("companies"), 0)
                    + Coalesce(F("education"), 0)
                    + Coalesce(F("government"), 0)
                    + Coalesce(F("other"), 0)
                ),
                name="snapshot_breakdown_within_total",
            ),
        ]

    def __str__(self):
        # Record names show in admin titles, messages and history: 公用文 dates there too.
        return gettext("%(council)s %(date)s: %(total)s") % {
            "council": self.council.localized("short_name"),
            "date": era(self.as_of),
            "total": self.total,
        }

    def clean_fields(self, exclude=None):
        # Django's own wording ("greater than or equal to 0") is replaced by one
        # that says why, wherever the count comes from: a form or an import.
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            raise ValidationError(
                {
                    field: [
                        self.NEGATIVE_COUNT_MESSAGE
                        if field in self.COUNT_FIELDS and problem.code == "min_value"
                        else problem
                        for problem in problems
                    ]
                    for field, problems in error.error_dict.items()
                }
            ) from None

    def clean(self):
        """Refuse what the database would refuse, with a message that names the field.

        The constraints in Meta stay the last line of defence; these checks run
        first so that a form or an import can say what is wrong and where.
        """
        super().clean()
        errors = {}
        counts = [getattr(self, field) for field in self.BREAKDOWN_FIELDS]
        # A negative count has its own message already; comparing sums would only add noise.
        if self.total is not None and all(c is None or c >= 0 for c in [self.total, *counts]):
            breakdown = sum(count for count in counts if count is not None)
            if breakdown > self.total:
                errors["total"] = ValidationError(
                    _(
                        "The breakdown (companies, education, government and other) adds up "
                        "to %(breakdown)s, more than the total of %(total)s. Correct the "
                        "total or the breakdown."
                    ),
                    code="breakdown_exceeds_total",
                    params={"breakdown": breakdown, "total": self.total},
                )
        if self.council_id and self.as_of:
            others = MembershipSnapshot.objects.filter(council_id=self.council_id, as_of=self.as_of)
            if others.exclude(pk=self.pk).exists():
                errors["as_of"] = ValidationError(
                    _(
                        "This council already has a membership snapshot as of %(date)s. "
                        "Change that snapshot instead of adding a second one for the same date."
                    ),
                    code="duplicate_snapshot",
                    params={"date": era(self.as_of)},
                )
        if errors:
            raise ValidationError(errors)

    @property
    def breakdown(self):
        """(field, count) for each category the document gives, in order."""
        return [
            (field, getattr(self, field))
            for field in self.BREAKDOWN_FIELDS
            if getattr(self, field) is not None
        ]
