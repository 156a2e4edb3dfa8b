"""The columns of the event, agreement and programme lists' exports."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exports import Column, Export, council_column, field, sourcing_columns, url_column
from core.japanese_numbers import yen_text
from core.models import localized, shows_english

from .models import Agreement, Event, Programme


def kinds_text(event):
    """Every kind of the event, in the page's language: 「設立会議、勉強会」."""
    return gettext(", ").join(event.kind_labels)


EVENTS = Export(
    name="events",
    columns=[
        Column("id", _("ID"), lambda event: event.pk),
        council_column(),
        Column(
            "kinds",
            _("Kinds"),
            lambda event: [kind.code for kind in event.kind_list],
            text=kinds_text,
        ),
        Column(
            "initiative_of",
            _("Initiative of"),
            lambda event: event.initiative_of_id,
            text=lambda event: event.initiative_of.name if event.initiative_of else "",
        ),
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
            lambda event: event.agreement_id,
        ),
        url_column("events:event-detail"),
        *sourcing_columns(),
    ],
)


def parties(agreement):
    """The parties in the document's order (from the prefetch), for the JSON."""
    return [
        {
            "organisation": party.organisation_id,
            "name": party.organisation.name,
            "side": party.side,
            "country": party.country,
        }
        for party in agreement.parties.all()
    ]


def parties_text(agreement):
    """(財)工業技術研究院（台湾側）／…: the side in the page's brackets."""
    return gettext(" / ").join(
        gettext("%(name)s (%(side)s)") % {"name": party.organisation.name, "side": party.side}
        if party.side
        else party.organisation.name
        for party in agreement.parties.all()
    )


AGREEMENTS = Export(
    name="agreements",
    columns=[
        Column("id", _("ID"), lambda agreement: agreement.pk),
        council_column(),
        Column(
            "initiative_of",
            _("Initiative of"),
            lambda agreement: agreement.initiative_of_id,
            text=lambda agreement: agreement.initiative_of.name if agreement.initiative_of else "",
        ),
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
)


def amounts(programme):
    """The amounts in the document's order (from the prefetch), as integers of yen."""
    return [
        {
            "label": amount.label,
            "label_en": amount.label_en,
            "amount_yen": amount.amount_yen,
            "unit": amount.unit,
            "printed": amount.printed,
            "as_of": amount.as_of,
        }
        for amount in programme.amounts.all()
    ]


def amounts_text(programme):
    """予算額：3,000万円 / グリーン補助金 本格研究：1,000万円（1件あたりの上限）: each amount
    once, as the pages and the document write it (the exact figures have their own column)."""
    english = shows_english()
    texts = []
    for amount in programme.amounts.all():
        label, unit = localized(amount, "label"), amount.get_unit_display()
        values = {"label": label, "amount": yen_text(amount.amount_yen, english=english)}
        if label == unit:
            texts.append(gettext("%(label)s: %(amount)s") % values)
        else:
            texts.append(gettext("%(label)s: %(amount)s (%(unit)s)") % {**values, "unit": unit})
    return gettext(" / ").join(texts)


def exact_amounts(programme):
    """The amounts as whole numbers of yen, for a spreadsheet to add up."""
    return "; ".join(str(amount.amount_yen) for amount in programme.amounts.all())


PROGRAMMES = Export(
    name="programmes",
    columns=[
        Column("id", _("ID"), lambda programme: programme.pk),
        council_column(),
        Column(
            "owner",
            _("Owner"),
            lambda programme: programme.owner_id,
            text=lambda programme: programme.owner.name,
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
        # Last, so that every other column stands where the JSON has its key.
        Column("amounts_yen", _("Amounts in whole yen"), exact_amounts, csv_only=True),
    ],
)
