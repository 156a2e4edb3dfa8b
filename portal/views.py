"""The pages that draw on every app: the front page."""

from django.db.models import Prefetch
from django.shortcuts import render

from core.sources import provenance
from core.views import lazy_context
from councils.charts import SEGMENTS, stacked_bars
from councils.models import Council
from members.models import CouncilRole

# What the home page's content reads; home.html caches it whole ({% cachedcontent %}).
HOME_CONTEXT = ("councils", "latest", "chart", "segments", "totals", "sources", "last_updated")


def home(request):
    return render(request, "councils/home.html", lazy_context(home_content, HOME_CONTEXT))


def home_content():
    councils = list(
        Council.objects.for_comparison().prefetch_related(
            Prefetch("roles", queryset=CouncilRole.objects.officers(), to_attr="officer_roles")
        )
    )
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
    return {
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
