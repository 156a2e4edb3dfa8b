from django.urls import path

from core.exports import CsvExportView, JsonExportView

from . import views
from .exports import COUNCILS
from .selectors import council_list

app_name = "councils"

urlpatterns = [
    path("", views.CouncilListView.as_view(), name="list"),
    path(
        "export.csv",
        CsvExportView.as_view(selector=council_list, export=COUNCILS),
        name="council-csv",
    ),
    path(
        "export.json",
        JsonExportView.as_view(selector=council_list, export=COUNCILS),
        name="council-json",
    ),
    path("<slug:slug>/", views.council_detail, name="detail"),
    path("<slug:slug>/membership.csv", views.MembershipCsvView.as_view(), name="membership-csv"),
    path("<slug:slug>/membership.json", views.MembershipJsonView.as_view(), name="membership-json"),
]
