"""Staff editing of organisations, people and the roles they hold in councils."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PartAdmin, RegistryAdmin, RegistryImportExportAdmin, RegistryInline

from .models import CouncilRole, Organisation, Person
from .resources import OrganisationResource


class RoleInline(RegistryInline):
    model = CouncilRole
    fields = [
        "council",
        "kind",
        "kind_printed",
        "organisation",
        "person",
        "title",
        "title_en",
        "seconded_from",
        "printed",
        "source",
        "updated_at",
    ]
    autocomplete_fields = ["council", "organisation", "person", "seconded_from", "source"]


class OrganisationRoleInline(RoleInline):
    # An organisation appears in roles both as the holder and as the employer of a
    # seconded person; its own roles are the ones it holds.
    fk_name = "organisation"
    verbose_name = _("role held in a council")
    verbose_name_plural = _("roles held in councils")


class PersonRoleInline(RoleInline):
    fk_name = "person"
    verbose_name = _("role held in a council")
    verbose_name_plural = _("roles held in councils")


@admin.register(Organisation)
class OrganisationAdmin(RegistryImportExportAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "sector", "category", "prefecture", "city", "parent"]
    search_fields = ["name", "name_en", "city"]
    list_filter = [
        "sector",
        "category",
        "prefecture",
        "country",
        # The public list's council and role facets: organisations holding such a role.
        "roles__council",
        "roles__kind",
    ]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "source"]
    inlines = [OrganisationRoleInline]


@admin.register(Person)
class PersonAdmin(RegistryAdmin):
    list_display = ["name", "title", "affiliation", "updated_at"]
    search_fields = ["name", "name_en", "title", "affiliation__name", "affiliation__name_en"]
    list_filter = ["roles__council", "roles__kind"]
    list_select_related = ["affiliation"]
    autocomplete_fields = ["affiliation", "source"]
    inlines = [PersonRoleInline]


# Parts are edited in their parents' forms; these admins only restore deleted ones.
for part in (CouncilRole,):
    admin.site.register(part, PartAdmin)
