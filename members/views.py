from django.shortcuts import get_object_or_404, render

from core.sources import provenance
from core.views import ListPageView

from .filters import OrganisationFilter
from .models import CouncilRole, Organisation, Person
from .selectors import organisation_list


class OrganisationListView(ListPageView):
    selector = staticmethod(organisation_list)
    filterset_class = OrganisationFilter
    template_name = "members/organisation_list.html"
    export_url_names = {"csv": "members:organisation-csv", "json": "members:organisation-json"}

    def prepare(self, rows):
        return rows.with_roles()


def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.for_listing(), pk=pk)
    units = list(Organisation.objects.for_listing().filter(parent=organisation))
    people = list(Person.objects.for_listing().filter(affiliation=organisation))
    roles = list(CouncilRole.objects.for_listing().filter(organisation=organisation))
    secondments = list(CouncilRole.objects.for_listing().filter(seconded_from=organisation))
    # Events, talks, agreements and programmes belong to the events app, built on
    # this one: the reverse relations carry its own querysets.
    hosted_events = list(organisation.hosted_events.for_listing())
    talks = list(
        organisation.talks.select_related("event", "speaker", "source__part_of").order_by(
            "event__date", "order"
        )
    )
    parties = list(
        organisation.agreement_parties.select_related("agreement", "source__part_of").order_by(
            "agreement__signed_on", "order"
        )
    )
    programmes = list(organisation.programmes.for_listing())
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
        **provenance(
            organisation,
            roles,
            secondments,
            talks,
            parties,
            hosted_events,
            programmes,
            record=organisation,
        ),
    }
    return render(request, "members/organisation_detail.html", context)


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.for_listing(), pk=pk)
    roles = list(CouncilRole.objects.for_listing().filter(person=person))
    talks = list(
        person.talks.select_related("event", "speaker_organisation", "source__part_of").order_by(
            "event__date", "order"
        )
    )
    context = {
        "person": person,
        "roles": roles,
        "talks": talks,
        **provenance(person, roles, talks, record=person),
    }
    return render(request, "members/person_detail.html", context)
