"""What every registry import shares (CSV and XLSX, through the admin).

`RegistryResource` validates each row like a form; the councils, members and
events resources build on it.
"""

from django.utils.translation import gettext, gettext_lazy
from import_export import fields, resources, widgets

from .models import Source


class ReadableErrors:
    """A column whose unreadable value is reported on its row in words, not as a traceback."""

    message = ""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, TypeError, ArithmeticError):
            raise ValueError(f"{self.message} ({value})") from None


class DateColumn(ReadableErrors, widgets.DateWidget):
    message = gettext_lazy("Enter a date as YYYY-MM-DD, for example 2024-06-30.")


class TimeColumn(ReadableErrors, widgets.TimeWidget):
    message = gettext_lazy("Enter a time as HH:MM, for example 13:30.")


class WholeNumberColumn(ReadableErrors, widgets.IntegerWidget):
    message = gettext_lazy("Enter a whole number.")


class RecordWidget(widgets.ForeignKeyWidget):
    """A foreign key given by one of its fields; an unknown value is an error on its row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (self.model.DoesNotExist, ValueError, TypeError):
            meta = self.model._meta
            key = meta.pk if self.field == "pk" else meta.get_field(self.field)
            raise ValueError(
                gettext("There is no %(model)s with %(field)s “%(value)s”.")
                % {"model": meta.verbose_name, "field": key.verbose_name, "value": value}
            ) from None


def record_field(column, model, key="pk"):
    return fields.Field(attribute=column, column_name=column, widget=RecordWidget(model, key))


def source_field():
    """Every record cites the slide it comes from, by the source's number (its id)."""
    return record_field("source", Source)


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

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # Row by row, so that every change is saved (and kept in the history) like a hand edit.
        use_bulk = False

    def before_save_instance(self, instance, row, **kwargs):
        # Shown in the record's history next to the user who ran the import.
        instance._change_reason = str(self.IMPORT_REASON)
        super().before_save_instance(instance, row, **kwargs)
