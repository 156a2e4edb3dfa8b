"""The columns of the event, agreement and programme lists' exports."""

from django.utils.translation import gettext
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
from core.models import localized

from .models import Agreement, AgreementParty, Event, Programme, ProgrammeAmount

EVENTS = Export(
    name="events",
    columns=[
        Column("id", _("ID"), "pk", plain=True),
        council_column(),
        field(Event, "kind"),
        field(Event, "name"),
        field(Event, "name_en"),
        field(Event, "date"),
        field(Event, "end_date"),
        field(Event, "date_printed"),
        field(Event, "start_time"),
        field(Event, "venue"),
        field(Event, "city"),
        field(Event, "country"),
        field(Event, "organisations_attending"),
        field(Event, "people_attending"),
        field(Event, "local_companies_attending"),
        field(Event, "home_participants"),
        field(Event, "partner_participants"),
        field(Event, "companies_visited"),
        field(Event, "attendance_printed"),
        field(Event, "description"),
        field(Event, "description_en"),
        Column(
            "agreement",
            _("Held with agreement"),
            "agreement",
        ),
        url_column("events:event-detail"),
        *sourcing_columns(),
    ],
)


def parties(agreement):
    """The parties in the document's order (attached to the row), for the JSON."""
    return [
        {
            "organisation": party.organisation_id,
            "name": party.organisation.name,
            "side": party.side,
            "country": party.country,
        }
        for party in agreement["parties"]
    ]


def parties_text(agreement):
    return " / ".join(
        f"{party.organisation.name} ({party.side})" if party.side else party.organisation.name
        for party in agreement["parties"]
    )


AGREEMENTS = Export(
    name="agreements",
    columns=[
        Column("id", _("ID"), "pk", plain=True),
        council_column(),
        field(Agreement, "kind"),
        field(Agreement, "name"),
        field(Agreement, "name_en"),
        field(Agreement, "signed_on"),
        field(Agreement, "signed_on_printed"),
        field(Agreement, "place"),
        field(Agreement, "country"),
        Column("parties", _("Parties"), parties, text=parties_text),
        field(Agreement, "scope"),
        field(Agreement, "scope_en"),
        field(Agreement, "description"),
        url_column("events:agreement-detail"),
        *sourcing_columns(),
    ],
    attach=related(AgreementParty.objects.select_related("organisation"), "agreement", "parties"),
)


def amounts(programme):
    """The amounts in the document's order (attached to the row), as integers of yen."""
    return [
        {
            "label": amount.label,
            "label_en": amount.label_en,
            "amount_yen": amount.amount_yen,
            "unit": amount.unit,
            "printed": amount.printed,
            "as_of": amount.as_of,
        }
        for amount in programme["amounts"]
    ]


def amounts_text(programme):
    return " / ".join(
        gettext("%(label)s: %(amount)s yen (%(unit)s)")
        % {
            "label": localized(amount, "label"),
            "amount": amount.amount_yen,
            "unit": amount.get_unit_display(),
        }
        for amount in programme["amounts"]
    )


PROGRAMMES = Export(
    name="programmes",
    columns=[
        Column("id", _("ID"), "pk", plain=True),
        council_column(),
        Column(
            "owner",
            _("Owner"),
            "owner",
            text="owner__name",
        ),
        field(Programme, "fiscal_year"),
        field(Programme, "fiscal_year_printed"),
        field(Programme, "kind"),
        field(Programme, "name"),
        field(Programme, "name_en"),
        field(Programme, "purpose"),
        field(Programme, "target"),
        Column("amounts", _("Amounts"), amounts, text=amounts_text),
        field(Programme, "description"),
        url_column("events:programme-detail"),
        *sourcing_columns(),
    ],
    attach=related(ProgrammeAmount.objects.all(), "programme", "amounts"),
)
