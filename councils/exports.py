"""The columns of the council list's exports and of each council's membership history."""

from django.utils.translation import gettext_lazy as _

from core.exports import (
    Column,
    Export,
    council_column,
    field,
    related,
    sourcing_columns,
    url_column,
)

from .models import Council, MembershipSnapshot


def attach_latest_snapshot(councils):
    """Each council's newest membership count, as Council.latest_snapshot() picks it."""
    attach_all = related(MembershipSnapshot.objects.all(), "council", "snapshots")
    attach_all(councils)
    for council in councils:
        snapshots = sorted(council.pop("snapshots"), key=lambda snapshot: snapshot.as_of)
        council["latest_snapshot"] = snapshots[-1] if snapshots else None


def latest(name):
    """A figure of the council's newest membership count (see attach_latest_snapshot)."""

    def get(council):
        snapshot = council["latest_snapshot"]
        return getattr(snapshot, name) if snapshot else None

    return get


COUNCILS = Export(
    name="councils",
    columns=[
        Column("id", _("ID"), "pk", plain=True),
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
        field(Council, "purpose"),
        field(Council, "purpose_en"),
        field(Council, "website"),
        url_column("councils:detail", "slug"),
        *sourcing_columns(),
    ],
    attach=attach_latest_snapshot,
)

MEMBERSHIP_HISTORY = Export(
    name="membership",
    columns=[
        Column("id", _("ID"), "pk", plain=True),
        council_column(),
        field(MembershipSnapshot, "total"),
        field(MembershipSnapshot, "companies"),
        field(MembershipSnapshot, "education"),
        field(MembershipSnapshot, "government"),
        field(MembershipSnapshot, "other"),
        field(MembershipSnapshot, "printed"),
        field(MembershipSnapshot, "as_of_printed"),
        Column(
            "corroborating_source_slide",
            _("Also reported on slide"),
            "corroborating_source__slide",
        ),
        field(MembershipSnapshot, "corroborating_printed"),
        *sourcing_columns(),
    ],
)
