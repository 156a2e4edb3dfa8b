"""Staff editing of councils, their pillars, member categories and snapshots."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CompactInline, PartAdmin, RegistryAdmin, RegistryImportExportAdmin

from .models import ActivityPillar, Council, MemberCategory, MembershipSnapshot
from .resources import MembershipSnapshotResource


class MembershipSnapshotForm(forms.ModelForm):
    class Meta:
        model = MembershipSnapshot
        fields = [
            "council",
            "as_of",
            "as_of_printed",
            *MembershipSnapshot.COUNT_FIELDS,
            "printed",
            "source",
            "corroborating_source",
            "corroborating_printed",
        ]
        error_messages = {
            field: {"min_value": MembershipSnapshot.NEGATIVE_COUNT_MESSAGE}
            for field in MembershipSnapshot.COUNT_FIELDS
        }


class ActivityPillarInline(CompactInline):
    model = ActivityPillar
    # The English name and the slide's wording are on the public page's English side
    # and rarely change; five columns fit a 1280 px screen.
    fields = ["order", "marker", "name", "source"]
    autocomplete_fields = ["source"]


class MemberCategoryInline(CompactInline):
    model = MemberCategory
    fields = ["order", "sector", "category", "name", "source"]
    autocomplete_fields = ["source"]


class MembershipSnapshotInline(CompactInline):
    model = MembershipSnapshot
    form = MembershipSnapshotForm
    # The counts as printed and the second slide are edited on the count's own form.
    fields = ["as_of", "total", "companies", "education", "government", "other", "source"]
    autocomplete_fields = ["source"]
    show_change_link = True


@admin.register(Council)
class CouncilAdmin(RegistryAdmin):
    list_display = ["short_name", "name", "kind", "prefecture", "founded_on", "updated_at"]
    list_display_links = ["short_name", "name"]
    search_fields = ["name", "name_en", "short_name", "short_name_en", "other_names", "slug"]
    list_filter = ["prefecture", "kind", "scope", "is_membership_based"]
    date_hierarchy = "founded_on"
    prepopulated_fields = {"slug": ["short_name_en"]}
    autocomplete_fields = ["source", "aims_source"]
    inlines = [ActivityPillarInline, MemberCategoryInline, MembershipSnapshotInline]


@admin.register(MembershipSnapshot)
class MembershipSnapshotAdmin(RegistryImportExportAdmin):
    form = MembershipSnapshotForm
    resource_classes = [MembershipSnapshotResource]
    list_display = [
        "council",
        "as_of",
        "total",
        "companies",
        "education",
        "government",
        "other",
        "updated_at",
    ]
    list_display_links = ["as_of", "total"]
    search_fields = ["council__name", "council__name_en", "council__short_name", "printed"]
    list_filter = ["council", "council__prefecture"]
    list_select_related = ["council"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["council", "source", "corroborating_source"]
    fieldsets = [
        (None, {"fields": ["council", "as_of", "as_of_printed"]}),
        (
            _("Counts"),
            {"fields": ["total", "companies", "education", "government", "other", "printed"]},
        ),
        (
            _("Source"),
            {"fields": ["source", "corroborating_source", "corroborating_printed", "updated_at"]},
        ),
    ]


# Parts are edited in their parents' forms; these admins only restore deleted ones.
for part in (
    ActivityPillar,
    MemberCategory,
):
    admin.site.register(part, PartAdmin)
