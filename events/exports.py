"""The columns of the event, agreement and programme lists' exports."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.columns import (
    Column,
    Export,
    Related,
    council_column,
    field,
    sourcing_columns,
    url_column,
)
from core.japanese_numbers import yen_text
from core.models import localized, shows_english

from .models import Agreement, AgreementParty, Event, Programme, ProgrammeAmount


def grouped(records, key):
    """{key: [records]}, each list in the order of `records`."""
    groups = {}
    for record in records:
        groups.setdefault(getattr(record, key), []).append(record)
    return groups


def kinds_of(events):
    """Each event's kinds, in the order of the choices (as `Event.kind_list`)."""
    links = Event.kinds.through.objects.filter(event_id__in=events).select_related("eventkind")
    kinds = {
        event: sorted((link.eventkind for link in event_links), key=lambda kind: kind.order)
        for event, event_links in grouped(links, "event_id").items()
    }
    return kinds


def kinds_text(kinds):
    """Every kind of the event, in the page's language: 「設立会議、勉強会」."""
    return gettext(", ").join(str(kind) for kind in kinds)


EVENTS = Export(
    name="events",
    columns=[
        Column("id", _("ID")),
        council_column(),
        Column(
            "kinds",
            _("Kinds"),
            related=Related(kinds_of, lambda kinds: [kind.code for kind in kinds], kinds_text),
        ),
        Column("initiative_of", _("Initiative of"), "initiative_of", text="initiative_of__name"),
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
        Column("agreement", _("Held with agreement"), "agreement"),
        url_column("events:event-detail"),
        *sourcing_columns(),
    ],
)


def parties_of(agreements):
    """Each agreement's parties in the document's order, with their organisations."""
    parties = AgreementParty.objects.filter(agreement_id__in=agreements)
    return grouped(parties.select_related("organisation"), "agreement_id")


def parties(parties):
    """The parties in the document's order, for the JSON."""
    return [
        {
            "organisation": party.organisation_id,
            "name": party.organisation.name,
            "side": party.side,
            "country": party.country,
        }
        for party in parties
    ]


def parties_text(parties):
    """(財)工業技術研究院（台湾側）／…: the side in the page's brackets."""
    return gettext(" / ").join(
        gettext("%(name)s (%(side)s)") % {"name": party.organisation.name, "side": party.side}
        if party.side
        else party.organisation.name
        for party in parties
    )


AGREEMENTS = Export(
    name="agreements",
    columns=[
        Column("id", _("ID")),
        council_column(),
        Column("initiative_of", _("Initiative of"), "initiative_of", text="initiative_of__name"),
        field(Agreement, "kind"),
        field(Agreement, "name"),
        field(Agreement, "name_en"),
        field(Agreement, "signed_on"),
        field(Agreement, "signed_on_printed"),
        field(Agreement, "place"),
        field(Agreement, "country"),
        Column("parties", _("Parties"), related=Related(parties_of, parties, parties_text)),
        field(Agreement, "scope"),
        field(Agreement, "scope_en"),
        field(Agreement, "description"),
        url_column("events:agreement-detail"),
        *sourcing_columns(),
    ],
)


def amounts_of(programmes):
    """Each programme's amounts in the document's order."""
    return grouped(ProgrammeAmount.objects.filter(programme_id__in=programmes), "programme_id")


def amounts(amounts):
    """The amounts in the document's order, as integers of yen."""
    return [
        {
            "label": amount.label,
            "label_en": amount.label_en,
            "amount_yen": amount.amount_yen,
            "unit": amount.unit,
            "printed": amount.printed,
            "as_of": amount.as_of,
        }
        for amount in amounts
    ]


def amounts_text(amounts):
    """予算額：3,000万円 / グリーン補助金 本格研究：1,000万円（1件あたりの上限）: each amount
    once, as the pages and the document write it (the exact figures have their own column)."""
    english = shows_english()
    texts = []
    for amount in amounts:
        label, unit = localized(amount, "label"), amount.get_unit_display()
        values = {"label": label, "amount": yen_text(amount.amount_yen, english=english)}
        if label == unit:
            texts.append(gettext("%(label)s: %(amount)s") % values)
        else:
            texts.append(gettext("%(label)s: %(amount)s (%(unit)s)") % {**values, "unit": unit})
    return gettext(" / ").join(texts)


def exact_amounts(amounts):
    """The amounts as whole numbers of yen, for a spreadsheet to add up."""
    return "; ".join(str(amount.amount_yen) for amount in amounts)


PROGRAMMES = Export(
    name="programmes",
    columns=[
        Column("id", _("ID")),
        council_column(),
        Column("owner", _("Owner"), "owner", text="owner__name"),
        field(Programme, "fiscal_year"),
        field(Programme, "fiscal_year_printed"),
        field(Programme, "kind"),
        field(Programme, "name"),
        field(Programme, "name_en"),
        field(Programme, "purpose"),
        field(Programme, "target"),
        Column("amounts", _("Amounts"), related=Related(amounts_of, amounts, amounts_text)),
        field(Programme, "description"),
        url_column("events:programme-detail"),
        *sourcing_columns(),
        # Last, so that every other column stands where the JSON has its key.
        Column(
            "amounts_yen",
            _("Amounts in whole yen"),
            related=Related(amounts_of, exact_amounts, exact_amounts),
            csv_only=True,
        ),
    ],
)
