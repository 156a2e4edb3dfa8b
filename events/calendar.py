"""Events as an iCalendar (RFC 5545) feed that calendar programs can import."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext

from core.models import localized
from core.templatetags.registry import era

TOKYO = ZoneInfo("Asia/Tokyo")

# Calendar programs recognise an event by its UID, on every import: never change this.
UID_DOMAIN = "chugoku-semiconductor-registry"


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def event_calendar(events, *, name, absolute_url):
    """A VCALENDAR with one VEVENT per event; `absolute_url(path)` makes each event's link."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Chugoku Semiconductor Council Registry//Events//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    for event in events:
        calendar.add_component(calendar_event(event, stamp=stamp, absolute_url=absolute_url))
    # A VTIMEZONE for Asia/Tokyo, which every timed event refers to by TZID.
    calendar.add_missing_timezones()
    return calendar


def calendar_event(event, *, stamp, absolute_url):
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    if event.updated_at:
        vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event_summary(event))
    if event.start_time:
        # The document gives a start but never an end time, so none is invented.
        start = datetime.datetime.combine(event.date, event.start_time, tzinfo=TOKYO)
        vevent.add("dtstart", start)
    else:
        # No time in the document: an all-day event; DTEND is the day after the last.
        vevent.add("dtstart", event.date)
        vevent.add("dtend", (event.end_date or event.date) + datetime.timedelta(days=1))
    if location := event_location(event):
        vevent.add("location", location)
    vevent.add("description", event_description(event))
    vevent.add("categories", event.kind_labels)
    vevent.add("url", absolute_url(event.get_absolute_url()))
    return vevent


def event_summary(event):
    """The title as a calendar shows it among other entries: whose event it is first
    (the council's, or the prefecture's for an event the document presents as its own)."""
    owner = event.council or event.initiative_of
    if not owner:
        return event.display_name
    return gettext("%(council)s: %(title)s") % {
        "council": owner.display_name,
        "title": event.display_name,
    }


def event_location(event):
    country = event.get_country_display() if event.country else ""
    return gettext(", ").join(str(part) for part in (event.venue, event.city, country) if part)


def event_description(event):
    lines = []
    if description := localized(event, "description"):
        lines.append(description)
    if event.council:
        lines.append(gettext("Council: %(council)s") % {"council": event.council.display_name})
    if event.date_printed:
        lines.append(gettext("Date as printed: %(date)s") % {"date": event.date_printed})
    if event.attendance_printed:
        attendance = event.attendance_printed
        lines.append(gettext("Attendance: %(attendance)s") % {"attendance": attendance})
    lines.append(gettext("Source: %(source)s") % {"source": event.source.citation_text()})
    if event.as_of:
        lines.append(gettext("As of %(date)s") % {"date": era(event.as_of)})
    return "\n".join(lines)
