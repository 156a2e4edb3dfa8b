from django.shortcuts import get_object_or_404, render

from core.exports import CsvExportView, JsonExportView
from core.sources import provenance
from core.templatetags.registry import era
from core.views import ListPageView, lazy_context

from .charts import SEGMENTS, stacked_bars
from .exports import MEMBERSHIP_HISTORY
from .filters import CouncilFilter, MembershipSnapshotFilter
from .models import ActivityPillar, Council, MemberCategory, MembershipSnapshot
from .selectors import council_list, membership_history

# How many member organisations the council page names; the rest are one link away.
MEMBERS_ON_COUNCIL_PAGE = 50


class CouncilListView(ListPageView):
    selector = staticmethod(council_list)
    filterset_class = CouncilFilter
    template_name = "councils/council_list.html"
    export_url_names = {"csv": "councils:council-csv", "json": "councils:council-json"}


def council_detail(request, slug):
    council = get_object_or_404(Council.objects.for_detail(), slug=slug)
    context = lazy_context(lambda: council_content(council), COUNCIL_CONTEXT)
    return render(request, "councils/council_detail.html", {"council": council, **context})


# What the council page's content reads besides the council; council_detail.html
# caches it whole ({% cachedcontent %}), so only the council is read on a hit.
COUNCIL_CONTEXT = (
    "pillars",
    "snapshots",
    "categories",
    "roles",
    "members",
    "member_count",
    "events",
    "agreements",
    "programmes",
    "chart",
    "segments",
    "sources",
    "last_updated",
    "changes_url",
)


def council_content(council):
    pillars = list(
        ActivityPillar.objects.filter(council=council).select_related(
            "source__part_of", "detail_source__part_of"
        )
    )
    snapshots = list(MembershipSnapshot.objects.for_listing().filter(council=council))
    categories = list(
        MemberCategory.objects.filter(council=council).select_related("source__part_of")
    )
    # The events, members and their roles belong to the apps built on this one:
    # their reverse relations carry those apps' own querysets.
    officers, members, member_count = council.roles.for_council_page(
        members=MEMBERS_ON_COUNCIL_PAGE
    )
    events = list(council.events.for_listing())
    agreements = list(council.agreements.for_listing())
    programmes = list(council.programmes.for_listing())
    chart = stacked_bars([(era(snapshot.as_of), False, snapshot) for snapshot in snapshots])
    return {
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
            record=council,
        ),
    }


class MembershipExportMixin:
    """A council's membership history; the council comes from the URL, the sort from the query."""

    export = MEMBERSHIP_HISTORY
    filterset_class = MembershipSnapshotFilter

    def get_rows(self):
        self.council = get_object_or_404(Council, slug=self.kwargs["slug"])
        return membership_history(council=self.council, filters=self.request.GET)

    def get_filename_stem(self):
        return f"membership-{self.council.slug}"


class MembershipCsvView(MembershipExportMixin, CsvExportView):
    pass


class MembershipJsonView(MembershipExportMixin, JsonExportView):
    pass
