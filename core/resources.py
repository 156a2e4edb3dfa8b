"""What every registry import shares (CSV and XLSX, through the admin).

`RegistryResource` validates each row like a form; the councils, members and
events resources build on it.
"""

import time

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, MultipleObjectsReturned
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, override
from import_export import fields, resources, widgets

from .linked_history import links_in_last_version
from .models import Source


class ReadableErrors:
    """A column whose unreadable value is reported on its row in words, not as a traceback."""

    message = ""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, TypeError, ArithmeticError):
            raise ValueError(
                gettext("%(message)s (entered: %(value)s)")
                % {"message": self.message, "value": value}
            ) from None


class DateColumn(ReadableErrors, widgets.DateWidget):
    message = gettext_lazy("Enter a date as YYYY-MM-DD, for example 2024-06-30.")


class TimeColumn(ReadableErrors, widgets.TimeWidget):
    message = gettext_lazy("Enter a time as HH:MM, for example 13:30.")


class WholeNumberColumn(ReadableErrors, widgets.IntegerWidget):
    message = gettext_lazy("Enter a whole number.")


class ChoiceColumn(widgets.Widget):
    """A column of a choice field: written as its label, read as the label or the code.

    Staff see 広島県 and 産業 in an exported file, and may type either that or the
    code (hiroshima, industry) that older files and the JSON export use.
    """

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def accepted(self):
        """Each spelling a cell may use, mapped to its code."""
        spellings = {}
        for code, label in self.choices:
            spellings[str(code).casefold()] = code
            spellings[str(label).casefold()] = code
            with override("en"):
                spellings[str(label).casefold()] = code
        return spellings

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return ""
        code = self.accepted().get(text.casefold())
        if code is None:
            raise ValueError(
                gettext("“%(value)s” is not one of the choices: %(choices)s.")
                % {"value": text, "choices": "、".join(str(label) for _, label in self.choices)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class RecordWidget(widgets.ForeignKeyWidget):
    """A foreign key given by one of its fields; an unknown value is an error on its row.

    `also` names other fields a cell may give instead (a council by its name, or
    by the URL name older files use). Each value is looked up once per import: a
    file names the same few councils and sources on every row.
    """

    def __init__(self, model, field="pk", also=(), **kwargs):
        self.also = tuple(also)
        super().__init__(model, field, **kwargs)

    def forget(self):
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        found = self.__dict__.setdefault("found", {})
        if value in found:
            return found[value]
        try:
            found[value] = super().clean(value, row=row, **kwargs)
            return found[value]
        except (self.model.DoesNotExist, ValueError, TypeError):
            for field in self.also:
                try:
                    found[value] = self.model._default_manager.get(**{field: value})
                    return found[value]
                except (self.model.DoesNotExist, MultipleObjectsReturned, ValueError):
                    continue
            meta = self.model._meta
            if self.also:
                raise ValueError(
                    gettext("There is no %(model)s named “%(value)s”.")
                    % {"model": meta.verbose_name, "value": value}
                ) from None
            key = meta.pk if self.field == "pk" else meta.get_field(self.field)
            raise ValueError(
                gettext("There is no %(model)s with %(field)s “%(value)s”.")
                % {"model": meta.verbose_name, "field": key.verbose_name, "value": value}
            ) from None


def record_field(column, model, key="pk", also=()):
    return fields.Field(
        attribute=column, column_name=column, widget=RecordWidget(model, key, also=also)
    )


def source_field():
    """Every record cites the slide it comes from, by the source's number (its id)."""
    return record_field("source", Source)


class ImportTooSlow(Exception):
    """An import that ran past IMPORT_MAX_SECONDS; it holds a worker and the database."""


class RegistryResource(resources.ModelResource):
    """Each row is validated like a form; one bad row means nothing is imported."""

    IMPORT_REASON = gettext_lazy("Imported from a file")
    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DateField": DateColumn,
        "TimeField": TimeColumn,
        **{
            internal_type: WholeNumberColumn
            for internal_type, widget in resources.ModelResource.WIDGETS_MAP.items()
            if widget is widgets.IntegerWidget
        },
    }

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if django_field.choices:
            field.widget = ChoiceColumn(django_field.choices)
        elif isinstance(django_field, models.TextField) and django_field.blank:
            # An empty Excel cell reads as None, which a text column cannot store; the
            # library does this for CharField only.
            field.widget = widgets.CharWidget(coerce_to_string=True, allow_blank=True)
        return field

    def column_label(self, field):
        """The heading staff read for `field`: its model field's name in the active language."""
        try:
            model_field = self._meta.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:
            return str(field.column_name)
        return capfirst(str(model_field.verbose_name))

    def labels(self):
        """Each column's code mapped to its heading, for the import and export pages."""
        return {field.column_name: self.column_label(field) for field in self.get_import_fields()}

    def column_guide(self):
        """(heading, what to write, whether a row must have it) for each column, for the
        import page."""
        required = set(self.required_columns())
        guide = []
        for field in self.get_import_fields():
            widget = field.widget
            if field.column_name == "id":
                # The column must be there, but a new record's cell stays empty.
                guide.append((self.column_label(field), gettext("Empty for a new record"), False))
                continue
            if isinstance(widget, ChoiceColumn):
                hint = "、".join(str(label) for _, label in widget.choices)
            elif isinstance(widget, RecordWidget):
                model = widget.model._meta.verbose_name
                if widget.field == "pk":
                    hint = gettext("The %(model)s's ID") % {"model": model}
                else:
                    hint = gettext("The %(model)s's name") % {"model": model}
            elif isinstance(widget, (DateColumn, TimeColumn, WholeNumberColumn)):
                hint = str(widget.message)
            else:
                hint = ""
            guide.append((self.column_label(field), hint, field.column_name in required))
        return guide

    def column_codes(self):
        """Each heading a file may use (Japanese, English or the code) mapped to its code."""
        codes = {}
        for field in self.get_import_fields():
            codes[field.column_name] = field.column_name
            for language in ("en", settings.LANGUAGE_CODE):
                with override(language):
                    codes[self.column_label(field)] = field.column_name
        return codes

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(field) for field in self.get_export_fields(selected_fields)]

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # Row by row, so that every change is saved (and kept in the history) like a hand edit.
        use_bulk = False

    def before_import(self, dataset, **kwargs):
        """Refuse the whole file for unknown, missing or repeated columns and repeated keys.

        Otherwise a misspelt column is silently skipped, and two rows for one
        record quietly overwrite each other.
        """
        for field in self.fields.values():
            if isinstance(field.widget, RecordWidget):
                field.widget.forget()
        self.deadline = time.monotonic() + settings.IMPORT_MAX_SECONDS
        if dataset.headers:
            # A file exported from here has Japanese headings; read them as the codes.
            codes = self.column_codes()
            dataset.headers = [
                codes.get(str(header or "").strip(), header) for header in dataset.headers
            ]
        problems = self.column_problems(dataset) or self.duplicate_key_problems(dataset)
        if problems:
            raise ValueError(" ".join(problems))
        super().before_import(dataset, **kwargs)

    def import_data(self, dataset, **kwargs):
        try:
            return super().import_data(dataset, **kwargs)
        except ImportTooSlow as error:
            # Raised out of the transaction, so every row already saved is undone.
            result = self.get_result_class()()
            result.append_base_error(self.get_error_result_class()(error))
            return result

    def import_row(self, row, instance_loader, **kwargs):
        if time.monotonic() > getattr(self, "deadline", float("inf")):
            raise ImportTooSlow(
                gettext(
                    "Checking the file took more than %(seconds)s seconds, so nothing was "
                    "imported. Split it into smaller files."
                )
                % {"seconds": settings.IMPORT_MAX_SECONDS}
            )
        return super().import_row(row, instance_loader, **kwargs)

    def required_columns(self):
        """The key columns and those whose model field must have a value."""
        required = []
        for field in self.get_import_fields():
            name = field.attribute
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            optional = model_field.blank or model_field.has_default() or model_field.auto_created
            if name in self._meta.import_id_fields or not optional:
                required.append(field.column_name)
        return required

    def column_problems(self, dataset):
        headers = [str(header or "").strip() for header in dataset.headers or []]
        labels = self.labels()
        problems = []
        unknown = [header for header in headers if header not in labels]
        if unknown:
            problems.append(
                gettext("Unknown columns: %(columns)s. The columns are: %(known)s.")
                % {"columns": "、".join(unknown), "known": "、".join(labels.values())}
            )
        missing = [labels[column] for column in self.required_columns() if column not in headers]
        if missing:
            problems.append(
                gettext("Missing columns: %(columns)s.") % {"columns": "、".join(missing)}
            )
        repeated = sorted({labels.get(h, h) for h in headers if headers.count(h) > 1})
        if repeated:
            problems.append(
                gettext("Columns given more than once: %(columns)s.")
                % {"columns": "、".join(repeated)}
            )
        return problems

    def duplicate_key_problems(self, dataset):
        columns = [self.fields[name].column_name for name in self._meta.import_id_fields]
        headers = [str(header or "").strip() for header in dataset.headers or []]
        positions = [headers.index(column) for column in columns if column in headers]
        if len(positions) != len(columns):
            return []
        first_row = {}
        problems = []
        for number, row in enumerate(dataset, start=1):
            key = tuple(str(row[position] or "").strip() for position in positions)
            if not any(key):
                continue  # a new record, without a key yet
            if key in first_row:
                problems.append(
                    gettext("Rows %(first)s and %(row)s are for the same record (%(key)s).")
                    % {"first": first_row[key], "row": number, "key": ", ".join(key)}
                )
            else:
                first_row[key] = number
        return problems[:20]

    def save_m2m(self, instance, row, **kwargs):
        # An event's kinds belong to the version its row's save wrote, as in the admin.
        with links_in_last_version(instance):
            super().save_m2m(instance, row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        # Shown in the record's history next to the user who ran the import.
        instance._change_reason = str(self.IMPORT_REASON)
        super().before_save_instance(instance, row, **kwargs)
