"""Staff editing of councils, their pillars, member categories and snapshots."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import RegistryAdmin, RegistryImportExportAdmin, RegistryInline

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


class ActivityPillarInline(RegistryInline):
    model = ActivityPillar
    fields = ["order", "marker", "name", "name_en", "source", "updated_at"]
    autocomplete_fields = ["source"]


class MembershipSnapshotInline(RegistryInline):
    model = MembershipSnapshot
    form = MembershipSnapshotForm
    fields = [
        "as_of",
        "as_of_printed",
        "total",
        "companies",
        "education",
        "government",
        "other",
        "printed",
        "source",
        "updated_at",
    ]
    autocomplete_fields = ["source"]


@admin.register(Council)
class CouncilAdmin(RegistryAdmin):
    list_display = [
        "short_name",
        "name",
        "name_en",
        "kind",
        "prefecture",
        "city",
        "founded_on",
        "is_membership_based",
        "updated_at",
    ]
    list_display_links = ["short_name", "name"]
    search_fields = ["name", "name_en", "short_name", "short_name_en", "other_names", "slug"]
    list_filter = ["prefecture", "kind", "scope", "is_membership_based"]
    date_hierarchy = "founded_on"
    prepopulated_fields = {"slug": ["short_name_en"]}
    autocomplete_fields = ["source", "aims_source"]
    inlines = [ActivityPillarInline, MembershipSnapshotInline]


@admin.register(ActivityPillar)
class ActivityPillarAdmin(RegistryAdmin):
    list_display = ["council", "order", "marker", "name", "name_en", "updated_at"]
    list_display_links = ["order", "name"]
    search_fields = ["name", "name_en", "detail", "council__name", "council__short_name"]
    list_filter = ["council"]
    list_select_related = ["council"]
    autocomplete_fields = ["council", "source", "detail_source"]


@admin.register(MemberCategory)
class MemberCategoryAdmin(RegistryAdmin):
    list_display = ["council", "order", "name", "name_en", "sector", "category", "updated_at"]
    list_display_links = ["order", "name"]
    search_fields = ["name", "name_en", "council__name", "council__short_name"]
    list_filter = ["council", "sector", "category"]
    list_select_related = ["council"]
    autocomplete_fields = ["council", "source"]


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
        "printed",
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
