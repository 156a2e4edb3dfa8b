"""Organisations and people, and the roles they hold in councils."""

from django.db import models
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.models import Bilingual, Category, Country, Prefecture, Sector, Sourced
from councils.models import Council


class OrganisationQuerySet(models.QuerySet):
    def get_by_natural_key(self, name, country):
        return self.get(name=name, country=country)

    def for_listing(self):
        return self.select_related("parent", "source__part_of").order_by("name", "pk")

    def with_roles(self):
        """Each organisation's council roles, for a list that names them in every row."""
        return self.prefetch_related(
            models.Prefetch("roles", queryset=CouncilRole.objects.select_related("council"))
        )


class Organisation(Bilingual, Sourced):
    name = models.CharField(_("name"), max_length=200, help_text=_("As printed."))
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    prefecture = models.CharField(
        _("prefecture"), max_length=20, choices=Prefecture.choices, blank=True
    )
    city = models.CharField(_("city"), max_length=50, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=50, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.JAPAN
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent organisation"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name"),
        ]
        indexes = [
            # The list filtered by prefecture and sector, in name order: without it,
            # counting and sorting scan every organisation (120 ms at 100k on SQLite,
            # 4 ms with it; see the README's Performance section).
            models.Index(fields=["prefecture", "sector", "name"], name="organisation_list_idx"),
        ]

    def get_absolute_url(self):
        return reverse("members:organisation-detail", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.name, self.country)


class PersonQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("affiliation", "source__part_of").order_by("name", "pk")


class Person(Bilingual, Sourced):
    # A person's name and post, not a work's title: Japanese has other words for them.
    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=100, help_text=_("As printed.")
    )
    name_en = models.CharField(
        pgettext_lazy("person", "name (English)"), max_length=100, blank=True
    )
    title = models.CharField(
        pgettext_lazy("person", "title"),
        max_length=200,
        blank=True,
        help_text=_("The post held, e.g. 課長 or 知事."),
    )
    title_en = models.CharField(_("post (English)"), max_length=200, blank=True)
    affiliation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("affiliation"),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def get_absolute_url(self):
        return reverse("members:person-detail", kwargs={"pk": self.pk})


class CouncilRoleQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related(
            "council", "organisation", "person", "seconded_from", "source__part_of"
        ).order_by("council__founded_on", "kind", "pk")

    def in_document_order(self):
        """Roles as the document lists them: host, chair, secretariat, observer, coordinator."""
        kinds = CouncilRole.Kind.values
        return self.annotate(
            kind_order=Case(
                *(When(kind=kind, then=Value(index)) for index, kind in enumerate(kinds)),
                default=Value(len(kinds)),
            )
        ).order_by("kind_order", "pk")

    def officers(self):
        """Every role but plain membership, in the document's order.

        A council's members (thousands at scale) are named only on its own page
        and in the organisation list.
        """
        # Named kinds rather than "not a member", so that the index on (council, kind)
        # finds them without reading every member.
        officer_kinds = [kind for kind in CouncilRole.Kind if kind != CouncilRole.Kind.MEMBER]
        return (
            self.filter(kind__in=officer_kinds)
            .select_related("organisation", "person", "seconded_from", "source__part_of")
            .in_document_order()
        )

    def for_council_page(self, *, members):
        """(officers, the first `members` members by name, how many members): one query.

        A council can have thousands of members, and its page lists only a slice.
        """
        member = CouncilRole.Kind.MEMBER
        roles = list(
            self.for_listing()
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("kind"),
                    order_by=[
                        F("organisation__name").asc(),
                        F("person__name").asc(),
                        F("pk").asc(),
                    ],
                ),
                of_kind=Window(Count("pk"), partition_by=F("kind")),
            )
            .filter(~Q(kind=member) | Q(rank__lte=members))
            .order_by("rank")
        )
        kinds = {kind: index for index, kind in enumerate(CouncilRole.Kind.values)}
        officers = sorted(
            (role for role in roles if role.kind != member),
            key=lambda role: (kinds.get(role.kind, len(kinds)), role.pk),
        )
        listed_members = [role for role in roles if role.kind == member]
        member_count = listed_members[0].of_kind if listed_members else 0
        return officers, listed_members, member_count


class CouncilRole(Sourced):
    """An organisation or a person holding a role in a council (host, chair, …)."""

    class Kind(models.TextChoices):
        HOST = "host", _("Host / organiser")
        CHAIR = "chair", _("Chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        OBSERVER = "observer", _("Observer")
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="roles", verbose_name=_("council")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    kind_printed = models.CharField(
        _("role as printed"), max_length=50, blank=True, help_text=_("e.g. 主催, 座長, 会長.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("person"),
    )
    title = models.CharField(
        pgettext_lazy("person", "title"),
        max_length=100,
        blank=True,
        help_text=_("The post held, e.g. 課長 or 知事."),
    )
    title_en = models.CharField(
        _("post (English)"),
        max_length=100,
        blank=True,
        help_text=_("The post's established English form, e.g. Governor."),
    )
    seconded_from = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secondments",
        verbose_name=_("seconded from"),
    )
    printed = models.CharField(_("as printed"), max_length=200, blank=True)

    objects = CouncilRoleQuerySet.as_manager()

    class Meta:
        ordering = ["council", "kind", "pk"]
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")
        indexes = [
            # A council's officers (home page) and its members (council page) by kind:
            # without it, both read every role of the council (3,000 at 100k
            # organisations; docs/performance.md).
            models.Index(fields=["council", "kind"], name="councilrole_council_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="role_has_holder",
            ),
        ]

    def __str__(self):
        holder = self.person or self.organisation
        # Japanese joins the holder and the post as it writes them (山口県知事,
        # 東正信GX統括監), and sets the parts apart with full-width spaces: after the
        # inline's heading 「協議会での役割：」 a second colon would read as nested labels.
        return (
            gettext("%(council)s: %(kind)s %(holder)s %(title)s")
            % {
                "council": self.council.short_name,
                "kind": self.get_kind_display(),
                "holder": holder,
                "title": self.title,
            }
        ).strip()
