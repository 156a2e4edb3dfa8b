from django.shortcuts import get_object_or_404, render

from events.models import AgreementParty, Event, Programme, Talk
from portal.sources import provenance
from portal.views import FilteredListView

from .models import CouncilRole, Organisation, Person
from .selectors import organisation_list


class OrganisationListView(FilteredListView):
    selector = organisation_list
    template_name = "members/organisation_list.html"
    export_names = ("members:organisation-csv", "members:organisation-json")

    def prepare(self, rows):
        return rows.with_roles()


def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.for_listing(), pk=pk)
    units = list(Organisation.objects.for_listing().filter(parent=organisation))
    people = list(Person.objects.for_listing().filter(affiliation=organisation))
    roles = list(CouncilRole.objects.for_listing().filter(organisation=organisation))
    secondments = list(CouncilRole.objects.for_listing().filter(seconded_from=organisation))
    hosted_events = list(Event.objects.for_listing().filter(venue_organisation=organisation))
    talks = list(
        Talk.objects.filter(speaker_organisation=organisation)
        .select_related("event", "speaker", "source")
        .order_by("event__date", "order")
    )
    parties = list(
        AgreementParty.objects.filter(organisation=organisation)
        .select_related("agreement", "source")
        .order_by("agreement__signed_on", "order")
    )
    programmes = list(Programme.objects.for_listing().filter(owner=organisation))
    context = {
        "organisation": organisation,
        "units": units,
        "people": people,
        "roles": roles,
        "secondments": secondments,
        "hosted_events": hosted_events,
        "talks": talks,
        "parties": parties,
        "programmes": programmes,
        **provenance(organisation, roles, secondments, talks, parties, hosted_events, programmes),
    }
    return render(request, "members/organisation_detail.html", context)


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.for_listing(), pk=pk)
    roles = list(CouncilRole.objects.for_listing().filter(person=person))
    talks = list(
        Talk.objects.filter(speaker=person)
        .select_related("event", "speaker_organisation", "source")
        .order_by("event__date", "order")
    )
    context = {
        "person": person,
        "roles": roles,
        "talks": talks,
        **provenance(person, roles, talks),
    }
    return render(request, "members/person_detail.html", context)
