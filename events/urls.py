from django.urls import path

from core.exports import CsvExportView, JsonExportView

from . import views
from .exports import AGREEMENTS, EVENTS, PROGRAMMES
from .selectors import agreement_list, event_list, programme_list

app_name = "events"


def export_paths(prefix, *, selector, export, name):
    """`<list>/export.csv` and `<list>/export.json`, both from the list's selector."""
    return [
        path(
            f"{prefix}/export.csv",
            CsvExportView.as_view(selector=selector, export=export),
            name=f"{name}-csv",
        ),
        path(
            f"{prefix}/export.json",
            JsonExportView.as_view(selector=selector, export=export),
            name=f"{name}-json",
        ),
    ]


urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
    *export_paths("events", selector=event_list, export=EVENTS, name="event"),
    *export_paths("agreements", selector=agreement_list, export=AGREEMENTS, name="agreement"),
    *export_paths("programmes", selector=programme_list, export=PROGRAMMES, name="programme"),
    path("events/calendar.ics", views.EventCalendarView.as_view(), name="event-ics"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path(
        "events/<int:pk>/calendar.ics",
        views.EventDetailCalendarView.as_view(),
        name="event-detail-ics",
    ),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
]
