from django.urls import path

from core.views import list_paths

from . import views
from .exports import AGREEMENTS, EVENTS, PROGRAMMES

app_name = "events"

urlpatterns = [
    *list_paths("events/", views.EventListView, export=EVENTS, name="event"),
    path("events/calendar.ics", views.EventCalendarView.as_view(), name="event-ics"),
    *list_paths("agreements/", views.AgreementListView, export=AGREEMENTS, name="agreement"),
    *list_paths("programmes/", views.ProgrammeListView, export=PROGRAMMES, name="programme"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path(
        "events/<int:pk>/calendar.ics",
        views.EventDetailCalendarView.as_view(),
        name="event-detail-ics",
    ),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
]
