"""The columns of the council list's exports and of each council's membership history."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from core.columns import (
    Column,
    Export,
    council_column,
    field,
    of_document,
    source_url,
    sourcing_columns,
    url_column,
)

from .models import Council, MembershipSnapshot


def latest(value):
    """`value` (a lookup or an expression) of the council's newest membership count."""

    def expression():
        newest = MembershipSnapshot.objects.filter(council=OuterRef("pk")).order_by("-as_of")
        return Subquery(newest.values_list(value)[:1])

    return expression


COUNCILS = Export(
    name="councils",
    columns=[
        Column("id", _("ID")),
        field(Council, "slug"),
        field(Council, "name"),
        field(Council, "name_en"),
        field(Council, "short_name"),
        field(Council, "short_name_en"),
        field(Council, "kind"),
        field(Council, "scope"),
        field(Council, "prefecture"),
        field(Council, "city"),
        field(Council, "founded_on"),
        field(Council, "is_membership_based", key="membership_based"),
        field(Council, "membership_note"),
        # The newest count, with the date it was counted on.
        Column("members_total", _("Members"), latest("total")),
        Column("members_companies", _("Members: companies"), latest("companies")),
        Column("members_education", _("Members: education"), latest("education")),
        Column("members_government", _("Members: government"), latest("government")),
        Column("members_other", _("Members: other"), latest("other")),
        Column("members_as_of", _("Members as of"), latest("as_of")),
        Column("members_printed", _("Members as printed"), latest("printed")),
        Column(
            "members_source",
            _("Members: source"),
            latest(of_document("source", "title")),
        ),
        Column(
            "members_source_publisher",
            _("Members: source publisher"),
            latest(of_document("source", "publisher")),
        ),
        Column(
            "members_source_url",
            _("Members: source URL"),
            latest(source_url("source")),
        ),
        field(Council, "purpose"),
        field(Council, "purpose_en"),
        field(Council, "website"),
        url_column("councils:detail", "slug"),
        *sourcing_columns(),
    ],
)

MEMBERSHIP_HISTORY = Export(
    name="membership",
    columns=[
        Column("id", _("ID")),
        council_column(),
        field(MembershipSnapshot, "total"),
        field(MembershipSnapshot, "companies"),
        field(MembershipSnapshot, "education"),
        field(MembershipSnapshot, "government"),
        field(MembershipSnapshot, "other"),
        field(MembershipSnapshot, "printed"),
        field(MembershipSnapshot, "as_of_printed"),
        Column(
            "corroborating_source_locator",
            _("Also reported at"),
            "corroborating_source__locator",
        ),
        field(MembershipSnapshot, "corroborating_printed"),
        *sourcing_columns(),
    ],
)
