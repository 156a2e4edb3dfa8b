from django.views.generic import DetailView

from .models import Agreement, Event, Programme


class EventDetailView(DetailView):
    queryset = Event.objects.for_listing()


class AgreementDetailView(DetailView):
    queryset = Agreement.objects.for_listing()


class ProgrammeDetailView(DetailView):
    queryset = Programme.objects.for_listing()
