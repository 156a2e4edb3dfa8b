"""Bulk import and export of events (CSV and XLSX, through the admin)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields, widgets

from core.resources import RegistryResource, record_field, source_field
from councils.models import Council
from members.models import Organisation

from .models import Event, EventKind


class KindsWidget(widgets.ManyToManyWidget):
    """Every kind of an event by its code; an unknown or missing code is an error on its row,
    where import-export's own widget would drop it without a word."""

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip() for code in str(value or "").split(self.separator) if code.strip()]
        if not codes:
            raise ValueError(gettext("Give at least one kind, e.g. forum."))
        kinds = EventKind.objects.filter(code__in=codes)
        unknown = sorted(set(codes) - {kind.code for kind in kinds})
        if unknown:
            raise ValueError(
                gettext("There is no kind of event “%(codes)s”. Use the codes shown in the export.")
                % {"codes": ", ".join(unknown)}
            )
        return kinds


class EventResource(RegistryResource):
    """Rows with an id update that event; rows without one add a new event."""

    council = record_field("council", Council, "name", also=["slug"])
    initiative_of = record_field("initiative_of", Organisation)
    # Every kind by its code, separated by commas: "founding_meeting,study_session".
    kinds = fields.Field(
        attribute="kinds",
        column_name="kinds",
        widget=KindsWidget(EventKind, separator=",", field="code"),
    )
    venue_organisation = record_field("venue_organisation", Organisation)
    source = source_field()

    def import_instance(self, instance, row, **kwargs):
        """Check the kinds with the other columns, so that a bad kind is an error on its row.

        import-export sets many-to-many columns only after saving the row, too late to
        refuse it with the others."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "kinds" in row:
            try:
                self.fields["kinds"].clean(row)
            except ValueError as error:
                errors["kinds"] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    class Meta(RegistryResource.Meta):
        model = Event
        fields = [
            "id",
            "council",
            "initiative_of",
            "kinds",
            "name",
            "name_en",
            "date",
            "end_date",
            "date_printed",
            "start_time",
            "venue",
            "venue_organisation",
            "city",
            "country",
            "organisations_attending",
            "people_attending",
            "local_companies_attending",
            "home_participants",
            "partner_participants",
            "companies_visited",
            "attendance_printed",
            "description",
            "description_en",
            "source",
            "as_of",
        ]
        import_id_fields = ["id"]
