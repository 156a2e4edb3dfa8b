"""Bulk import and export of events (CSV and XLSX, through the admin)."""

from import_export import fields, widgets

from core.resources import RegistryResource, record_field, source_field
from councils.models import Council
from members.models import Organisation

from .models import Event, EventKind


class EventResource(RegistryResource):
    """Rows with an id update that event; rows without one add a new event."""

    council = record_field("council", Council, "slug")
    initiative_of = record_field("initiative_of", Organisation)
    # Every kind by its code, separated by commas: "founding_meeting,study_session".
    kinds = fields.Field(
        attribute="kinds",
        column_name="kinds",
        widget=widgets.ManyToManyWidget(EventKind, separator=",", field="code"),
    )
    venue_organisation = record_field("venue_organisation", Organisation)
    source = source_field()

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
