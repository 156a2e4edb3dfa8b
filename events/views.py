from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views import View
from django.views.generic import DetailView

from portal.exports import ListExportView, content_disposition, dated_filename

from .calendar import event_calendar
from .models import Agreement, Event, Programme
from .selectors import event_list


class EventDetailView(DetailView):
    queryset = Event.objects.for_listing()


class AgreementDetailView(DetailView):
    queryset = Agreement.objects.for_listing()


class ProgrammeDetailView(DetailView):
    queryset = Programme.objects.for_listing()


def calendar_response(events, *, request, name, filename):
    calendar = event_calendar(events, name=name, absolute_url=request.build_absolute_uri)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    return response


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
