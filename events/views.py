from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.exports import ListExportView, attachment, dated_filename
from core.site import absolute_url
from core.sources import provenance
from core.views import ListPageView

from .calendar import event_calendar
from .filters import AgreementFilter, EventFilter, ProgrammeFilter
from .models import (
    Agreement,
    AgreementParty,
    Event,
    Programme,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
)
from .selectors import agreement_list, event_list, programme_list

ITEM_HEADINGS = {
    ProgrammeItem.Kind.MEASURE: _("Measures"),
    ProgrammeItem.Kind.SUPPORT: _("Support offered"),
    ProgrammeItem.Kind.CONDITION: _("Conditions"),
}


class EventListView(ListPageView):
    selector = staticmethod(event_list)
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    export_url_names = {
        "csv": "events:event-csv",
        "json": "events:event-json",
        "ics": "events:event-ics",
    }


class AgreementListView(ListPageView):
    selector = staticmethod(agreement_list)
    filterset_class = AgreementFilter
    template_name = "events/agreement_list.html"
    export_url_names = {"csv": "events:agreement-csv", "json": "events:agreement-json"}


class ProgrammeListView(ListPageView):
    selector = staticmethod(programme_list)
    filterset_class = ProgrammeFilter
    template_name = "events/programme_list.html"
    export_url_names = {"csv": "events:programme-csv", "json": "events:programme-json"}


def event_detail(request, pk):
    event = get_object_or_404(Event.objects.for_listing().select_related("agreement"), pk=pk)
    talks = list(
        Talk.objects.filter(event=event).select_related(
            "speaker", "speaker_organisation", "source__part_of"
        )
    )
    context = {"event": event, "talks": talks, **provenance(event, talks, record=event)}
    return render(request, "events/event_detail.html", context)


def agreement_detail(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.select_related("council", "source__part_of"), pk=pk
    )
    parties = list(
        AgreementParty.objects.filter(agreement=agreement).select_related(
            "organisation", "source__part_of"
        )
    )
    events = list(Event.objects.for_listing().filter(agreement=agreement))
    context = {
        "agreement": agreement,
        "parties": parties,
        "events": events,
        **provenance(agreement, parties, events, record=agreement),
    }
    return render(request, "events/agreement_detail.html", context)


def programme_detail(request, pk):
    programme = get_object_or_404(
        Programme.objects.select_related("council", "owner", "source__part_of"), pk=pk
    )
    amounts = list(
        ProgrammeAmount.objects.filter(programme=programme).select_related("source__part_of")
    )
    items = list(
        ProgrammeItem.objects.filter(programme=programme).select_related("source__part_of")
    )
    item_groups = [
        (heading, [item for item in items if item.kind == kind])
        for kind, heading in ITEM_HEADINGS.items()
    ]
    context = {
        "programme": programme,
        "amounts": amounts,
        "item_groups": [(label, group) for label, group in item_groups if group],
        **provenance(programme, amounts, items, record=programme),
    }
    return render(request, "events/programme_detail.html", context)


def calendar_response(events, *, request, name, filename):
    calendar = event_calendar(
        events, name=name, absolute_url=lambda location: absolute_url(request, location)
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    return attachment(response, filename)


class EventCalendarView(ListExportView):
    """The events list, with its current filters, as an iCalendar feed."""

    selector = staticmethod(event_list)

    def render(self, rows):
        return calendar_response(
            rows,
            request=self.request,
            name=gettext("Chugoku semiconductor councils: events"),
            filename=dated_filename("events", "ics"),
        )


class EventDetailCalendarView(View):
    """One event as an iCalendar file."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, pk):
        event = get_object_or_404(Event.objects.for_listing(), pk=pk)
        return calendar_response(
            [event], request=request, name=event.display_name, filename=f"event-{event.pk}.ics"
        )
