from django.urls import path

from core.exports import CsvExportView, JsonExportView

from . import views
from .exports import ORGANISATIONS
from .selectors import organisation_list

app_name = "members"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/export.csv",
        CsvExportView.as_view(selector=organisation_list, export=ORGANISATIONS),
        name="organisation-csv",
    ),
    path(
        "organisations/export.json",
        JsonExportView.as_view(selector=organisation_list, export=ORGANISATIONS),
        name="organisation-json",
    ),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]
