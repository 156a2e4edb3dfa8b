from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
]
