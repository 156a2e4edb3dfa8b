from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView

from portal.exports import CsvExportView, JsonExportView

from .exports import MEMBERSHIP_HISTORY
from .models import Council
from .selectors import membership_history


def home(request):
    councils = Council.objects.for_listing()
    return render(request, "councils/home.html", {"councils": councils})


class CouncilDetailView(DetailView):
    queryset = Council.objects.for_listing()


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
