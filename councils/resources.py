"""Bulk import and export of membership snapshots (CSV and XLSX, through the admin)."""

from core.resources import RegistryResource, record_field, source_field

from .models import Council, MembershipSnapshot


class MembershipSnapshotResource(RegistryResource):
    """One row per council and as-of date: a row for an existing date updates it."""

    council = record_field("council", Council, "name", also=["slug"])
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
