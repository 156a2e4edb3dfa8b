from django.shortcuts import get_object_or_404, render

from events.models import Agreement, Event, Programme
from members.models import CouncilRole
from portal.exports import CsvExportView, JsonExportView
from portal.sources import provenance
from portal.templatetags.registry import long_date
from portal.views import FilteredListView

from .charts import SEGMENTS, stacked_bars
from .exports import MEMBERSHIP_HISTORY
from .models import ActivityPillar, Council, MemberCategory, MembershipSnapshot
from .selectors import council_list, membership_history


def roles_in_order(roles):
    """Roles as the document lists them: host, chair, secretariat, observer, coordinator."""
    order = {kind: index for index, kind in enumerate(CouncilRole.Kind.values)}
    return sorted(roles, key=lambda role: (order.get(role.kind, len(order)), role.pk))


def home(request):
    councils = list(Council.objects.for_comparison())
    latest = [(council, council.latest_snapshot()) for council in councils]
    chart = stacked_bars(
        [
            (council.display_short_name, council.is_japanese_fallback("short_name"), snapshot)
            for council, snapshot in latest
        ]
    )
    snapshots = [snapshot for _council, snapshot in latest if snapshot]
    totals = {
        "total": sum(snapshot.total for snapshot in snapshots),
        "segments": [
            (label, sum(getattr(snapshot, key) or 0 for snapshot in snapshots))
            for key, label, _colour in SEGMENTS
        ],
    }
    for council in councils:
        council.ordered_roles = roles_in_order(council.roles.all())
    context = {
        "councils": councils,
        "latest": latest,
        "chart": chart,
        "segments": SEGMENTS,
        "totals": totals,
        **provenance(
            councils,
            snapshots,
            [pillar for council in councils for pillar in council.pillars.all()],
            [role for council in councils for role in council.roles.all()],
        ),
    }
    return render(request, "councils/home.html", context)


class CouncilListView(FilteredListView):
    selector = council_list
    template_name = "councils/council_list.html"
    export_names = ("councils:council-csv", "councils:council-json")


def council_detail(request, slug):
    council = get_object_or_404(Council.objects.for_detail(), slug=slug)
    pillars = list(
        ActivityPillar.objects.filter(council=council).select_related("source", "detail_source")
    )
    snapshots = list(MembershipSnapshot.objects.for_listing().filter(council=council))
    categories = list(MemberCategory.objects.filter(council=council).select_related("source"))
    roles = roles_in_order(CouncilRole.objects.for_listing().filter(council=council))
    events = list(Event.objects.for_listing().filter(council=council))
    agreements = list(Agreement.objects.for_listing().filter(council=council))
    programmes = list(Programme.objects.for_listing().filter(council=council))
    chart = stacked_bars([(long_date(snapshot.as_of), False, snapshot) for snapshot in snapshots])
    context = {
        "council": council,
        "pillars": pillars,
        "snapshots": snapshots,
        "categories": categories,
        "roles": roles,
        "events": events,
        "agreements": agreements,
        "programmes": programmes,
        "chart": chart,
        "segments": SEGMENTS,
        **provenance(
            council, pillars, snapshots, categories, roles, events, agreements, programmes
        ),
    }
    return render(request, "councils/council_detail.html", context)


class MembershipExportMixin:
    """A council's membership history; the council comes from the URL, the sort from the query."""

    export = MEMBERSHIP_HISTORY

    def get_filterset(self):
        self.council = get_object_or_404(Council, slug=self.kwargs["slug"])
        return membership_history(council=self.council, filters=self.request.GET)

    def get_filename_stem(self):
        return f"membership-{self.council.slug}"


class MembershipCsvView(MembershipExportMixin, CsvExportView):
    pass


class MembershipJsonView(MembershipExportMixin, JsonExportView):
    pass
