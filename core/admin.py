"""What every registry model's admin shares, and the admin of the document's sources.

`RegistryAdmin` and its import/export and inline variants are what the
councils, members and events admins build on.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from .models import Source

admin.site.site_header = _("Chugoku Semiconductor Council Registry")
admin.site.site_title = _("Chugoku Semiconductor Council Registry")
admin.site.index_title = _("Registry administration")


class RegistryAdmin(SimpleHistoryAdmin):
    """History with restore on every record, and the edit date shown but never typed."""

    readonly_fields = ["updated_at"]
    list_per_page = 50
    save_on_top = True
    # Django 6 makes https the default for scheme-less addresses; the registry's are https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view a record's history post
        # its "revert" form, and saving that form restores the old version even
        # for a view-only user. Restoring is a change, so it needs the change right.
        if request.method == "POST":
            record = self.get_object(request, object_id)  # None once the record is deleted
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            version = self.model.history.filter(history_id=version_id).first()
            if version is not None:
                request.history_reason = gettext("Restored the version of %(date)s") % {
                    "date": localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
                }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The history's "change reason" column tells hand edits, restores and imports apart.
        obj._change_reason = getattr(request, "history_reason", gettext("Edited in the admin"))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.instance._change_reason = gettext("Edited in the admin")
        super().save_formset(request, form, formset, change)


class RegistryImportExportAdmin(ImportExportModelAdmin, RegistryAdmin):
    """A registry admin with CSV/XLSX import (previewed, all rows or none) and export."""

    formats = [CSV, XLSX]
    # A byte-order mark, so that Excel opens the Japanese text of an export as UTF-8.
    to_encoding = "utf-8-sig"


class RegistryInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    readonly_fields = ["updated_at"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["slide", "heading", "lines", "as_of", "document"]
    list_display_links = ["slide", "heading"]
    search_fields = ["heading", "heading_en", "document", "as_of_printed"]
    list_filter = ["document"]
    date_hierarchy = "as_of"
    list_per_page = 50
