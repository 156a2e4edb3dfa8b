"""The columns of the organisation list's exports."""

from django.utils.translation import gettext_lazy as _

from core.columns import Column, Export, field, sourcing_columns, url_column

from .models import Organisation

ORGANISATIONS = Export(
    name="organisations",
    columns=[
        Column("id", _("ID")),
        field(Organisation, "name"),
        field(Organisation, "name_en"),
        field(Organisation, "sector"),
        field(Organisation, "category"),
        field(Organisation, "prefecture"),
        field(Organisation, "city"),
        field(Organisation, "country"),
        Column("parent", _("Parent organisation"), "parent", text="parent__name"),
        url_column("members:organisation-detail"),
        *sourcing_columns(),
    ],
)
