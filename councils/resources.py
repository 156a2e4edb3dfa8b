"""Bulk import and export of membership snapshots (CSV and XLSX, through the admin).

`RegistryResource` is what every registry import shares; members/ and events/
build on it too.
"""

from django.utils.translation import gettext, gettext_lazy
from import_export import fields, resources, widgets

from .models import Council, MembershipSnapshot, Source


class RecordWidget(widgets.ForeignKeyWidget):
    """A foreign key given by one of its fields; an unknown value is an error on its row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            # A ValueError becomes a message on the row and the column, not a traceback.
            raise ValueError(
                gettext("There is no %(model)s with %(field)s “%(value)s”.")
                % {
                    "model": self.model._meta.verbose_name,
                    "field": self.model._meta.get_field(self.field).verbose_name,
                    "value": value,
                }
            ) from None


def record_field(column, model, key="pk"):
    return fields.Field(attribute=column, column_name=column, widget=RecordWidget(model, key))


def source_field():
    """Every record cites the slide it comes from, by the source's number (its id)."""
    return record_field("source", Source)


class RegistryResource(resources.ModelResource):
    """Each row is validated like a form; one bad row means nothing is imported."""

    IMPORT_REASON = gettext_lazy("Imported from a file")

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


class MembershipSnapshotResource(RegistryResource):
    """One row per council and as-of date: a row for an existing date updates it."""

    council = record_field("council", Council, "slug")
    source = source_field()

    class Meta(RegistryResource.Meta):
        model = MembershipSnapshot
        fields = [
            "council",
            "as_of",
            "as_of_printed",
            "total",
            "companies",
            "education",
            "government",
            "other",
            "printed",
            "source",
        ]
        import_id_fields = ["council", "as_of"]
