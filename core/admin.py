"""What every registry model's admin shares, and the admin of the document's sources.

`RegistryAdmin` and its import/export and inline variants are what the
councils, members and events admins build on; `admin_guards` holds what protects them.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm, SelectableFieldsExportForm

from .admin_guards import SafeFormFieldsMixin
from .admin_history import RecordHistoryAdmin
from .imports import (
    ImportFileError,
    PreviewStorage,
    PreviewTicket,
    RegistryCSV,
    RegistryXLSX,
    too_large_message,
)
from .models import Source

admin.site.site_header = _("Chugoku Semiconductor Council Registry")
admin.site.site_title = _("Chugoku Semiconductor Council Registry")
admin.site.index_title = _("Registry administration")


FORMAT_EXAMPLES = {
    "DateField": _("Year-month-day, e.g. 2024-03-26."),
    "TimeField": _("Hours and minutes, e.g. 13:30."),
}


class RegistryAdmin(RecordHistoryAdmin):
    """History with revert and restore on every record, and the edit date shown but never typed."""

    readonly_fields = ["updated_at"]
    list_per_page = 50
    save_on_top = True
    # Django 6 makes https the default for scheme-less addresses; the registry's are https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Dates and times are typed in one format; say which, with an example.
        example = FORMAT_EXAMPLES.get(db_field.get_internal_type())
        if field is not None and example and not field.help_text:
            field.help_text = example
        return field

    def save_model(self, request, obj, form, change):
        # The history's "change reason" column tells hand edits, restores and imports apart.
        obj._change_reason = getattr(request, "history_reason", gettext("Edited in the admin"))
        if change and not form.has_changed() and not hasattr(request, "history_reason"):
            # Saving a form only for its inlines: the record itself is as it was, and a
            # version without a change would only hide the real ones. (A revert's form
            # is compared with the old version, so it always counts as a change.)
            obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.instance._change_reason = gettext("Edited in the admin")
        super().save_formset(request, form, formset, change)


class NamedFormatsMixin:
    """The format menu reads CSV and Excel（xlsx）, with CSV chosen, instead of "---",
    "csv" and "xlsx"."""

    def _init_formats(self, formats):
        super()._init_formats(formats)
        self.fields["format"].choices = [
            (str(index), getattr(file_format, "label", file_format().get_title()))
            for index, file_format in enumerate(formats)
        ]
        self.fields["format"].initial = "0"


class RegistryExportForm(NamedFormatsMixin, SelectableFieldsExportForm):
    """The export page's column boxes carry the headings the file will have (名称（英語）),
    not the package's title-cased codes ("Name En")."""

    def _get_field_label(self, resource, field_name):
        instance = resource()
        return instance.column_label(instance.fields[field_name])


def relabel_result(result, labels):
    """An import preview's column headings and error names in words, not codes."""
    result.diff_headers = [labels.get(header, header) for header in result.diff_headers]
    for row in result.invalid_rows:
        row.error_dict = {labels.get(key, key): value for key, value in row.error_dict.items()}


class BoundedImportForm(NamedFormatsMixin, ImportForm):
    """The import form, refusing files over IMPORT_MAX_BYTES before anything reads them."""

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        if import_file.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return import_file


class RegistryImportExportAdmin(ImportExportModelAdmin, RegistryAdmin):
    """A registry admin with CSV/XLSX import (previewed, all rows or none) and export.

    See core/imports.py for what the preview, the confirmation and the files
    are protected against.
    """

    formats = [RegistryCSV, RegistryXLSX]
    import_form_class = BoundedImportForm
    export_form_class = RegistryExportForm
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

    def column_labels(self, request):
        resources = self.get_import_resource_classes(request)
        return [(resource.get_display_name(), resource().labels()) for resource in resources]

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["fields_list"] = [
            (name, list(labels.values())) for name, labels in self.column_labels(request)
        ]
        return context

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        stored = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        context = getattr(response, "context_data", None) or {}
        if "fields_list" in context:
            context["fields_list"] = [
                (name, list(labels.values())) for name, labels in self.column_labels(request)
            ]
        if context.get("result") is not None:
            relabel_result(context["result"], self.column_labels(request)[0][1])
        if "form" in context and "confirm_form" not in context:
            context["column_guide"] = self.get_import_resource_classes(request)[0]().column_guide()
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
        relabel_result(result, self.column_labels(request)[0][1])
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


class PartAdmin(RegistryAdmin):
    """A part of a record (a pillar, a talk, a party to an agreement) is edited in its
    parent's form, so it has no entry in the index. Its admin stays for one thing: a
    part deleted there is restored from the parent's history page, through this admin's
    restore view (and its deleted-records list)."""

    def get_model_perms(self, request):
        return {}


class PartsWithWhatTheyNameMixin:
    """Each part in a record's form is headed by its name, which names the records it
    links to (「山口県：会長　山口県知事」): those come with the parts, not in a query each."""

    def get_queryset(self, request):
        links = [field.name for field in self.model._meta.concrete_fields if field.many_to_one]
        return super().get_queryset(request).select_related(*links)


class RegistryInline(PartsWithWhatTheyNameMixin, SafeFormFieldsMixin, admin.StackedInline):
    """A record's parts, one below the other: a row of ten fields does not fit a
    1280 px screen, and parts are edited only here (they have no list of their own)."""

    extra = 0
    readonly_fields = ["updated_at"]
    # A part's text is a line or two: three rows keep a record with many parts short.
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}


class CompactInline(PartsWithWhatTheyNameMixin, SafeFormFieldsMixin, admin.TabularInline):
    """Parts with a few short fields, one row each."""

    extra = 0


@admin.register(Source)
class SourceAdmin(RecordHistoryAdmin):
    """Sources of any kind. Staff also add one from any fact's form, through the "+"
    beside its source field, which opens this form in a popup."""

    list_display = [
        "title",
        "locator",
        "part_of",
        "kind",
        "publisher",
        "published_on",
        "checked_on",
    ]
    list_display_links = ["title"]
    list_select_related = ["part_of"]
    search_fields = [
        "title",
        "title_en",
        "publisher",
        "publisher_en",
        "locator",
        "url",
        "part_of__title",
    ]
    # Only documents that have parts are offered, named without a query each.
    list_filter = ["kind", ("part_of", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["part_of"]
    list_per_page = 50
    save_on_top = True
    formfield_overrides = RegistryAdmin.formfield_overrides
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "title",
                    "title_en",
                    "publisher",
                    "publisher_en",
                    "published_on",
                    "checked_on",
                    "url",
                    "locator",
                    "locator_en",
                ]
            },
        ),
        (
            _("Part of a document (a slide of a deck, for example)"),
            {"fields": ["part_of", "position", "printed_text"]},
        ),
        (_("As of"), {"fields": ["as_of", "as_of_printed", "lines"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_display()

    def save_model(self, request, obj, form, change):
        obj._change_reason = gettext("Edited in the admin")
        super().save_model(request, obj, form, change)
