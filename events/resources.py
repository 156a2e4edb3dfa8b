"""Bulk import and export of events (CSV and XLSX, through the admin)."""

from core.resources import RegistryResource, record_field, source_field
from councils.models import Council
from members.models import Organisation

from .models import Event


class EventResource(RegistryResource):
    """Rows with an id update that event; rows without one add a new event."""

    council = record_field("council", Council, "name", also=["slug"])
    venue_organisation = record_field("venue_organisation", Organisation)
    source = source_field()

    class Meta(RegistryResource.Meta):
        model = Event
        fields = [
            "id",
            "council",
            "kind",
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
