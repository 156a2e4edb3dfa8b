from django.views.generic import DetailView

from .models import Organisation, Person


class OrganisationDetailView(DetailView):
    queryset = Organisation.objects.for_listing()


class PersonDetailView(DetailView):
    queryset = Person.objects.for_listing()
