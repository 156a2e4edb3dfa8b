from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
]
