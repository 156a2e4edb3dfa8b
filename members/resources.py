"""Bulk import and export of organisations (CSV and XLSX, through the admin)."""

from core.resources import RegistryResource, record_field, source_field

from .models import Organisation


class OrganisationResource(RegistryResource):
    """Rows with an id update that organisation; rows without one add a new organisation."""

    parent = record_field("parent", Organisation)
    source = source_field()

    class Meta(RegistryResource.Meta):
        model = Organisation
        fields = [
            "id",
            "name",
            "name_en",
            "sector",
            "category",
            "prefecture",
            "city",
            "country",
            "parent",
            "source",
            "as_of",
        ]
        import_id_fields = ["id"]
