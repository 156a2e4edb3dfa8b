"""Staff editing of events and talks, agreements and parties, programmes and their parts."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import PartAdmin, RegistryAdmin, RegistryImportExportAdmin, RegistryInline
from core.japanese_dates import era_label, fiscal_year_bounds, fiscal_year_of

from .models import (
    Agreement,
    AgreementParty,
    Event,
    EventKind,
    Programme,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
)
from .resources import EventResource


class FiscalYearFilter(admin.SimpleListFilter):
    """The public event list's fiscal-year facet (April to March)."""

    title = _("fiscal year")
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        days = model_admin.get_queryset(request).dates("date", "day")
        years = sorted({fiscal_year_of(day) for day in days}, reverse=True)
        # 令和6（2024）年度: the era first, the Western year in brackets, as 公用文 writes it.
        return [(year, f"{era_label(year).removesuffix('年')}（{year}）年度") for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            return queryset.none()
        if not 1 <= year < 9999:
            return queryset.none()  # no dates to compare with, rather than an error
        return queryset.filter(date__range=fiscal_year_bounds(year))


class TalkInline(RegistryInline):
    model = Talk
    fields = [
        "order",
        "part",
        "part_en",
        "name",
        "name_en",
        "speaker",
        "speaker_title",
        "speaker_title_en",
        "speaker_organisation",
        "source",
        "updated_at",
    ]
    autocomplete_fields = ["speaker", "speaker_organisation", "source"]


@admin.register(Event)
class EventAdmin(RegistryImportExportAdmin):
    resource_classes = [EventResource]
    list_display = ["date", "name", "kinds_shown", "council", "city"]
    list_display_links = ["date", "name"]
    search_fields = ["name", "name_en", "venue", "city", "description", "description_en"]
    list_filter = ["council", "kinds", FiscalYearFilter, "city", "country"]
    list_select_related = ["council", "initiative_of"]
    formfield_overrides = {
        **RegistryImportExportAdmin.formfield_overrides,
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    date_hierarchy = "date"
    autocomplete_fields = [
        "council",
        "initiative_of",
        "venue_organisation",
        "agreement",
        "source",
    ]
    inlines = [TalkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kinds")

    @admin.display(description=_("kinds"))
    def kinds_shown(self, event):
        return gettext(", ").join(event.kind_labels)


@admin.register(EventKind)
class EventKindAdmin(RegistryAdmin):
    """The kinds an event can be; their labels come from the code's choices."""

    readonly_fields = []  # a kind has no edit date: it is not a fact of the document

    def get_model_perms(self, request):
        # The kinds are a fixed list, chosen with checkboxes in the event's form: the
        # index keeps to the records staff keep.
        return {}

    list_display = ["code", "label"]
    search_fields = ["code"]
    list_filter = ["code"]

    @admin.display(description=_("kind"))
    def label(self, kind):
        return str(kind)


class AgreementPartyInline(RegistryInline):
    model = AgreementParty
    fields = [
        "order",
        "organisation",
        "side",
        "side_en",
        "country",
        "printed",
        "source",
        "updated_at",
    ]
    autocomplete_fields = ["organisation", "source"]


@admin.register(Agreement)
class AgreementAdmin(RegistryAdmin):
    list_display = ["signed_on", "name", "council", "initiative_of", "place", "updated_at"]
    list_display_links = ["signed_on", "name"]
    search_fields = ["name", "name_en", "place", "scope", "scope_en"]
    list_filter = ["council", "parties__country", "kind"]
    list_select_related = ["council", "initiative_of"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["council", "initiative_of", "source"]
    inlines = [AgreementPartyInline]


class ProgrammeAmountInline(RegistryInline):
    model = ProgrammeAmount
    fields = ["order", "label", "label_en", "amount_yen", "unit", "printed", "source", "updated_at"]
    autocomplete_fields = ["source"]


class ProgrammeItemInline(RegistryInline):
    model = ProgrammeItem
    fields = [
        "kind",
        "order",
        "text",
        "text_en",
        "limit",
        "quantity",
        "quantity_unit",
        "is_approximate",
        "source",
        "updated_at",
    ]
    autocomplete_fields = ["source"]


@admin.register(Programme)
class ProgrammeAdmin(RegistryAdmin):
    list_display = ["name", "kind", "owner", "council", "fiscal_year"]
    search_fields = ["name", "name_en", "owner__name", "owner__name_en", "target", "purpose"]
    list_filter = ["kind", "fiscal_year", "council", "owner"]
    list_select_related = ["owner", "council"]
    autocomplete_fields = ["council", "owner", "source"]
    inlines = [ProgrammeAmountInline, ProgrammeItemInline]


# Parts are edited in their parents' forms; these admins only restore deleted ones.
for part in (
    AgreementParty,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
):
    admin.site.register(part, PartAdmin)
