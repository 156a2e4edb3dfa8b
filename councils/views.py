from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
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


# How many member organisations the council page names; the rest are one link away.
MEMBERS_ON_COUNCIL_PAGE = 50


def council_roles(council, *, members=MEMBERS_ON_COUNCIL_PAGE):
    """A council's officers, the first `members` of its members by name, and how many members.

    One query: a council can have thousands of members, and its page lists only a slice.
    """
    member = CouncilRole.Kind.MEMBER
    roles = list(
        CouncilRole.objects.for_listing()
        .filter(council=council)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("kind"),
                order_by=[F("organisation__name").asc(), F("person__name").asc(), F("pk").asc()],
            ),
            of_kind=Window(Count("pk"), partition_by=F("kind")),
        )
        .filter(~Q(kind=member) | Q(rank__lte=members))
        .order_by("rank")
    )
    officers = roles_in_order(role for role in roles if role.kind != member)
    listed_members = [role for role in roles if role.kind == member]
    member_count = listed_members[0].of_kind if listed_members else 0
    return officers, listed_members, member_count


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
        council.ordered_roles = roles_in_order(council.officer_roles)
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
            [role for council in councils for role in council.officer_roles],
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
    officers, members, member_count = council_roles(council)
    events = list(Event.objects.for_listing().filter(council=council))
    agreements = list(Agreement.objects.for_listing().filter(council=council))
    programmes = list(Programme.objects.for_listing().filter(council=council))
    chart = stacked_bars([(long_date(snapshot.as_of), False, snapshot) for snapshot in snapshots])
    context = {
        "council": council,
        "pillars": pillars,
        "snapshots": snapshots,
        "categories": categories,
        "roles": officers,
        "members": members,
        "member_count": member_count,
        "events": events,
        "agreements": agreements,
        "programmes": programmes,
        "chart": chart,
        "segments": SEGMENTS,
        **provenance(
            council,
            pillars,
            snapshots,
            categories,
            officers,
            members,
            events,
            agreements,
            programmes,
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
