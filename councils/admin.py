"""Staff editing of councils, their pillars, member categories, snapshots and sources.

`RegistryAdmin` is what every registry model's admin shares; members/ and
events/ build on it too.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from portal.imports import (
    ImportFileError,
    PreviewStorage,
    PreviewTicket,
    RegistryCSV,
    RegistryXLSX,
    too_large_message,
)
from portal.text import NoControlCharactersValidator, has_control_characters

from .models import ActivityPillar, Council, MemberCategory, MembershipSnapshot, Source
from .resources import MembershipSnapshotResource

logger = logging.getLogger(__name__)

admin.site.site_header = _("Chugoku Semiconductor Council Registry")
admin.site.site_title = _("Chugoku Semiconductor Council Registry")
admin.site.index_title = _("Registry administration")


# The range of the 64-bit integers every supported database stores keys in.
BIGINT_RANGE = range(-(2**63), 2**63)


def is_storable_key(field, value):
    """Whether `value` can be looked up in `field` without the database refusing the query.

    Too large a number or a NUL makes SQLite and PostgreSQL raise instead of
    finding nothing.
    """
    if has_control_characters(str(value)):
        return False
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(value, int) or value in BIGINT_RANGE


class CheckedModelChoiceMixin:
    """A choice of record that says "not one of the choices" for values no key can have."""

    def to_python(self, value):
        if value not in self.empty_values:
            model = self.queryset.model
            key = (
                model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
            )
            if not is_storable_key(key, value):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CheckedModelChoiceField(CheckedModelChoiceMixin, forms.ModelChoiceField):
    pass


class SafeFormFieldsMixin:
    """Form fields that answer bad input with the form's error, never a server error.

    Shared by every admin and inline of the registry, so that a model added later
    gets the same protection without anyone remembering to.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return formfield
        if isinstance(formfield, forms.CharField):
            formfield.validators.append(NoControlCharactersValidator())
        if type(formfield) is forms.ModelChoiceField:
            formfield.__class__ = CheckedModelChoiceField
        widget = getattr(formfield.widget, "widget", formfield.widget)  # inside the "+" wrapper
        if type(widget) in SAFE_AUTOCOMPLETE:
            widget.__class__ = SAFE_AUTOCOMPLETE[type(widget)]
        return formfield


class CheckedSelectedMixin:
    """An autocomplete that ignores posted values which cannot be a key.

    Django's autocomplete widget looks the posted value up to show it again
    when the form has errors; `council=おかやま` would make that lookup fail
    with "Field 'id' expected a number". The form itself already says the
    choice is invalid.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(remote.field_name)
        checked = [item for item in value if is_storable_key(key, item)]
        return super().optgroups(name, checked, attr)


class CheckedAutocompleteSelect(CheckedSelectedMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedSelectedMixin, AutocompleteSelectMultiple):
    pass


SAFE_AUTOCOMPLETE = {
    AutocompleteSelect: CheckedAutocompleteSelect,
    AutocompleteSelectMultiple: CheckedAutocompleteSelectMultiple,
}


def _is_key_of(model, value):
    return is_storable_key(model._meta.pk, value)


class GuardedHistoryAdmin(SafeFormFieldsMixin, SimpleHistoryAdmin):
    """History pages that need the change right to restore, and a 404 for ids that are no ids.

    Every registry admin builds on this class, directly or through `RegistryAdmin`.
    """

    def changelist_view(self, request, extra_context=None):
        # A filter value the database cannot compare (a year past 9999, a number
        # beyond 64 bits, a NUL on PostgreSQL) surfaces while the list is built
        # or rendered; it gets a 400 that says so instead of a server error.
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
        except (ValueError, OverflowError, DataError) as error:
            logger.info("Refused an admin filter value: %s", error)
            return TemplateResponse(
                request,
                "admin/bad_filter.html",
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("This filter cannot be applied"),
                    "opts": self.opts,
                    "changelist_url": request.path,
                },
                status=400,
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        # The changelist's search box and every autocomplete of this model.
        if has_control_characters(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def history_view(self, request, object_id, extra_context=None):
        if not _is_key_of(self.model, unquote(object_id)):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_model = self.model.history.model
        if not _is_key_of(self.model, unquote(object_id)) or not _is_key_of(
            history_model, version_id
        ):
            raise Http404
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


class RegistryAdmin(GuardedHistoryAdmin):
    """History with restore on every record, and the edit date shown but never typed."""

    readonly_fields = ["updated_at"]
    list_per_page = 50
    save_on_top = True
    # Django 6 makes https the default for scheme-less addresses; the registry's are https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        # The history's "change reason" column tells hand edits, restores and imports apart.
        obj._change_reason = getattr(request, "history_reason", gettext("Edited in the admin"))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.instance._change_reason = gettext("Edited in the admin")
        super().save_formset(request, form, formset, change)


class BoundedImportForm(ImportForm):
    """The import form, refusing files over IMPORT_MAX_BYTES before anything reads them."""

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        if import_file.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return import_file


class RegistryImportExportAdmin(ImportExportModelAdmin, RegistryAdmin):
    """A registry admin with CSV/XLSX import (previewed, all rows or none) and export.

    See portal/imports.py for what the preview, the confirmation and the files
    are protected against.
    """

    formats = [RegistryCSV, RegistryXLSX]
    import_form_class = BoundedImportForm
    tmp_storage_class = PreviewStorage
    # A byte-order mark, so that Excel opens the Japanese text of an export as UTF-8.
    to_encoding = "utf-8-sig"

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            # The browser only ever sees the preview's name signed and bound to
            # this user, format and resource.
            initial["import_file_name"] = PreviewTicket.issue(
                name=initial["import_file_name"],
                user=request.user,
                format_index=initial["format"],
                resource=initial["resource"],
                original_name=initial["original_file_name"],
            )
        return initial

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        stored = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        context = getattr(response, "context_data", None) or {}
        if stored and "confirm_form" not in context:
            # A preview that cannot be confirmed (it has errors): its file goes now.
            self.get_tmp_storage_class()(name=stored).remove()
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "The file could not be read. Check that it is a CSV or Excel (.xlsx) "
                    "file and that the format chosen matches it."
                ),
            )

    def import_refused(self, request, message):
        """The import page again, with `message`; nothing was read, written or removed."""
        messages.error(request, message)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        )

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Import the file this user previewed, once, all rows or none.

        Replaces the library's step, which opened (and then deleted) whatever
        file name the form posted.
        """
        if not self.has_import_permission(request):
            raise PermissionDenied
        ticket = PreviewTicket.read(request.POST.get("import_file_name"), user=request.user)
        formats = self.get_import_formats()
        if ticket is None or not 0 <= ticket["format"] < len(formats):
            return self.import_refused(
                request,
                gettext(
                    "This import cannot be confirmed: it is not a preview of yours, or the "
                    "preview has expired. Upload the file again."
                ),
            )
        storage = self.get_tmp_storage_class()(name=ticket["name"])
        if not storage.claim():
            return self.import_refused(
                request,
                gettext(
                    "This import was already confirmed, or its preview has expired. "
                    "Check the list before uploading the file again."
                ),
            )
        try:
            confirm_form = self.get_confirm_form_class(request)(
                data={
                    "import_file_name": ticket["name"],
                    "original_file_name": ticket["original"],
                    "format": str(ticket["format"]),
                    "resource": ticket["resource"],
                }
            )
            confirm_form.is_valid()
            try:
                dataset = formats[ticket["format"]]().create_dataset(storage.read())
            except ImportFileError as error:
                return self.import_refused(request, str(error))
            # The rows are validated again; one that turned invalid since the
            # preview undoes the whole import.
            result = self.process_dataset(
                dataset, confirm_form, request, rollback_on_validation_errors=True, **kwargs
            )
        finally:
            storage.remove()
        if result.has_errors() or result.has_validation_errors():
            return self.import_failed(request, result)
        return self.process_result(result, request)

    def import_failed(self, request, result):
        messages.error(
            request,
            gettext(
                "Nothing was imported: some rows are no longer valid (see below). "
                "Correct the file and upload it again."
            ),
        )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import"),
            # An empty upload form, so that the corrected file can be sent from here.
            "form": self.get_import_form_class(request)(
                self.get_import_formats(), self.get_import_resource_classes(request)
            ),
            "opts": self.model._meta,
            "result": result,
            "import_error_display": self.import_error_display,
            "fields_list": [],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


class RegistryInline(SafeFormFieldsMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
    readonly_fields = ["updated_at"]


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


@admin.register(Source)
class SourceAdmin(GuardedHistoryAdmin):
    list_display = ["slide", "heading", "lines", "as_of", "document"]
    list_display_links = ["slide", "heading"]
    search_fields = ["heading", "heading_en", "document", "as_of_printed"]
    list_filter = ["document"]
    date_hierarchy = "as_of"
    list_per_page = 50


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
