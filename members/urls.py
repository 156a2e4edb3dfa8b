from django.urls import path

from portal.exports import CsvExportView, JsonExportView

from . import views
from .exports import ORGANISATIONS
from .selectors import organisation_list

app_name = "members"

urlpatterns = [
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
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
]
