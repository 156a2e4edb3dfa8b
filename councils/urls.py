from django.urls import path

from core.views import list_paths

from . import views
from .exports import COUNCILS

app_name = "councils"

urlpatterns = [
    *list_paths("", views.CouncilListView, export=COUNCILS, name="council", page_name="list"),
    path("<slug:slug>/", views.council_detail, name="detail"),
    path("<slug:slug>/membership.csv", views.MembershipCsvView.as_view(), name="membership-csv"),
    path("<slug:slug>/membership.json", views.MembershipJsonView.as_view(), name="membership-json"),
]
