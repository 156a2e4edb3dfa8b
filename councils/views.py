from django.shortcuts import render
from django.views.generic import DetailView

from .models import Council


def home(request):
    councils = Council.objects.for_listing()
    return render(request, "councils/home.html", {"councils": councils})


class CouncilDetailView(DetailView):
    queryset = Council.objects.for_listing()
